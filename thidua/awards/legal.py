"""Choosing the law by a date (issue 9 §1): the regime in force, the base salary in force, a form's rule in a
regime, the dossier a form requires. Nothing here holds a figure: every figure is a row of `models.law`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.money import decimal_label

from .enums import DossierStage, RecipientKind
from .models import BaseSalary, DossierRule, FormRule, LegalRegime


def _date_label(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def regime_on(day: dt.date) -> LegalRegime:
    """The regime in force on `day`, or a ValidationError naming the date when none covers it."""
    regime = (LegalRegime.objects.filter(valid_from__lte=day).exclude(valid_to__lt=day)
              .order_by("-valid_from").first())
    if regime is None:
        raise ValidationError(_("Chưa có chế độ pháp lý nào có hiệu lực ngày %(day)s.") % {"day": _date_label(day)})
    return regime


@dataclass(frozen=True)
class Governing:
    regime: LegalRegime
    reason: str


def governing(day: dt.date, *, submitted_on: dt.date | None = None) -> Governing:
    """The regime that governs a nomination reviewed on `day`, and why. A regime that keeps the pipeline (NĐ 152
    Điều 60 kh. 3) leaves a dossier submitted before its first day under the regime before it."""
    regime = regime_on(day)
    reason = _("Chế độ có hiệu lực ngày %(day)s (từ %(start)s).") % {
        "day": _date_label(day), "start": _date_label(regime.valid_from)}
    if regime.keeps_pipeline and submitted_on is not None and submitted_on < regime.valid_from:
        before = LegalRegime.objects.filter(valid_from__lt=regime.valid_from).order_by("-valid_from").first()
        if before is not None:
            return Governing(before, _("Hồ sơ gửi ngày %(sent)s, trước khi %(new)s có hiệu lực: %(rule)s.") % {
                "sent": _date_label(submitted_on), "new": regime.short_name,
                "rule": regime.transition_rule or _("giữ thủ tục của chế độ trước")})
    return Governing(regime, reason)


def base_salary_on(day: dt.date) -> BaseSalary:
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if salary is None:
        raise ValidationError(_("Chưa có mức lương cơ sở áp dụng ngày %(day)s.") % {"day": _date_label(day)})
    return salary


def form_rule(regime: LegalRegime, form_id: int, recipient: str) -> FormRule | None:
    return FormRule.objects.filter(regime=regime, form_id=form_id, recipient=recipient).first()


def dossier_rules(regime: LegalRegime, form_id: int, *, stage: str = DossierStage.SUBMIT,
                  with_initiatives: bool = False) -> list[DossierRule]:
    """The components a form's dossier needs at `stage` under the regime (form-specific rows and every-form rows)."""
    rules = [r for r in DossierRule.objects.filter(regime=regime, stage=stage).order_by("part", "id")
             if r.form_id in (None, form_id) and (with_initiatives or not r.only_with_initiatives)]
    seen, result = set(), []
    for rule in rules:
        if rule.part not in seen:
            seen.add(rule.part)
            result.append(rule)
    return result


def recipient_label(recipient: str) -> str:
    return str(RecipientKind(recipient).label)


def in_use(regime: LegalRegime) -> bool:
    """Whether a Council session voting or concluded under the regime (and, later, a signed decision) used its
    figures: then they are never changed in place (a change during the vote would change the result computed at its
    end); a new regime with a new validity takes over."""
    return _using_sessions().filter(regime=regime).exists()


def _using_sessions():
    """The sessions whose votes use their regime's figures: voting started (the regime fixed) or concluded."""
    from .enums import SessionStatus
    from .models import CouncilSession

    return CouncilSession.objects.filter(regime__isnull=False).exclude(status=SessionStatus.DRAFT)



def used_regime_ids() -> set[int]:
    """The regimes `in_use` says are in use, read in one query (for a page listing every regime)."""
    return set(_using_sessions().values_list("regime_id", flat=True).distinct())


def last_use(regime: LegalRegime):
    """The latest Council session that voted (or votes) under the regime, or None."""
    return _using_sessions().filter(regime=regime).order_by("-held_on", "-id").first()


def review_day(nomination) -> dt.date:
    """The day a nomination is reviewed on: its Council session's date when it is on a session's agenda (the
    latest one), else its round's planned Council day."""
    item = (nomination.agenda_items.select_related("session").order_by("-session__held_on", "-id").first()
            if nomination.pk else None)
    return item.session.held_on if item is not None else nomination.review_round.council_on


def governing_for(nomination) -> Governing:
    """The regime that governs a nomination and why: chosen by the day of its review (`review_day`) and the day
    it was first submitted (local date), through the regimes' transition rules."""
    from django.utils import timezone

    submitted = nomination.first_submitted_at
    return governing(review_day(nomination),
                     submitted_on=timezone.localdate(submitted) if submitted is not None else None)


def percent_label(value) -> str:
    """80 → "80", 66.67 → "66,67" (a Vietnamese decimal comma)."""
    return decimal_label(value)


def threshold_label(rule: FormRule) -> str:
    """The Council's threshold as a sentence: "≥ 80% tổng số thành viên Hội đồng", "quá bán số thành viên có
    mặt", "trên 60% số thành viên có mặt"."""
    from .enums import ThresholdBase

    of = str(ThresholdBase(rule.threshold_of).label)
    if rule.threshold_strict and rule.threshold_percent == 50:
        return _("quá bán %(of)s") % {"of": of}
    if rule.threshold_strict:
        return _("trên %(percent)s%% %(of)s") % {"percent": percent_label(rule.threshold_percent), "of": of}
    return _("≥ %(percent)s%% %(of)s") % {"percent": percent_label(rule.threshold_percent), "of": of}
