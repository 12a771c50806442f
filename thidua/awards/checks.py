"""What a nomination needs: before it is created or edited (`nomination_problems`) and before the unit may submit
it (`submission_problems`). Each problem is a Vietnamese sentence naming what is missing or wrong."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.participation.registrations.services import is_registered

from .enums import RecipientKind, RoundStatus
from .meetings import meeting_problem
from .models import Nomination, ReviewRound, RoundForm


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def round_problem(review_round: ReviewRound) -> str | None:
    """The round does not take dossiers now: not open, or past its deadline (named)."""
    if review_round.status != RoundStatus.OPEN:
        return _("Đợt xét “%(round)s” không nhận hồ sơ (%(state)s).") % {
            "round": review_round.name, "state": review_round.get_status_display()}
    if timezone.localdate() > review_round.submit_by:
        return _("Đã quá hạn gửi hồ sơ của đợt xét (ngày %(day)s).") % {"day": _day(review_round.submit_by)}
    return None


def quota_problem(round_form: RoundForm, unit, *, exclude_id: int | None = None) -> str | None:
    """The round's quota of the form, or the unit's own quota (its own or one of a unit above it), is used up by
    the nominations sent or on their way (rounds.quota_use_of)."""
    from .rounds import quota_use_of

    use = quota_use_of(round_form, unit, exclude_id=exclude_id)
    form_name = round_form.form.name
    if use.round_quota is not None and use.round_used >= use.round_quota:
        return _("Đã đủ số lượng tối đa %(quota)s đề nghị “%(form)s” của cả đợt xét (đã có %(used)s).") % {
            "quota": use.round_quota, "form": form_name, "used": use.round_used}
    if use.unit_quota is not None and use.unit_used >= use.unit_quota.quota:
        return _("Đã đủ chỉ tiêu %(quota)s đề nghị “%(form)s” của %(unit)s (đã có %(used)s).") % {
            "quota": use.unit_quota.quota, "form": form_name, "unit": use.unit_quota.unit.name, "used": use.unit_used}
    return None


RECIPIENT_FLAGS = {RecipientKind.INDIVIDUAL: "for_individual", RecipientKind.COLLECTIVE: "for_collective",
                   RecipientKind.HOUSEHOLD: "for_household"}


def duplicate_problem(review_round: ReviewRound, *, recipient: str, unit, person, household, form,
                      exclude_id: int | None = None) -> str | None:
    """The same person (unit, household) already has a nomination for the same form in the round — whatever its
    state: a returned one is edited and sent again, one the Council decided on is not proposed twice."""
    existing = duplicate_of(review_round, recipient=recipient, unit=unit, person=person, household=household,
                            form=form, exclude_id=exclude_id)
    if existing is None:
        return None
    return _("%(name)s đã có đề nghị “%(form)s” trong đợt xét này (đề nghị số %(number)s, trạng thái “%(state)s”): "
             "hãy sửa đề nghị đó, không tạo đề nghị thứ hai.") % {
        "name": existing.nominee_name, "form": form.name, "number": existing.pk,
        "state": existing.get_status_display()}


def duplicate_of(review_round: ReviewRound, *, recipient: str, unit, person, household, form,
                 exclude_id: int | None = None) -> Nomination | None:
    """The first nomination of the same recipient for the same form in the round (duplicate_problem's)."""
    if form is None:
        return None
    target = {RecipientKind.INDIVIDUAL: ("person", person), RecipientKind.COLLECTIVE: ("unit", unit),
              RecipientKind.HOUSEHOLD: ("household", household)}.get(recipient)
    if target is None or target[1] is None:
        return None
    return (Nomination.objects.filter(review_round=review_round, form=form, recipient=recipient,
                                      **{target[0]: target[1]})
            .exclude(pk=exclude_id).order_by("id").first())


def nomination_problems(review_round: ReviewRound, *, actor, recipient: str, unit, person, household, form,
                        nomination: Nomination | None = None) -> list[str]:
    """Why this nomination cannot be made (or kept after an edit) in the round by `actor`."""
    from .scoping import nominable_people, nominating_units

    problems: list[str] = []
    problem = round_problem(review_round)
    if problem:
        problems.append(problem)
    round_form = (RoundForm.objects.filter(review_round=review_round, form=form).select_related("form").first()
                  if form is not None else None)
    if form is not None and round_form is None:
        problems.append(_("Hình thức “%(form)s” không có trong đợt xét này.") % {"form": form.name})
    if form is not None and recipient in RECIPIENT_FLAGS and not getattr(form, RECIPIENT_FLAGS[recipient]):
        problems.append(_("Hình thức “%(form)s” không dành cho đối tượng %(kind)s.") % {
            "form": form.name, "kind": str(RecipientKind(recipient).label).lower()})
    if recipient == RecipientKind.INDIVIDUAL:
        if person is None:
            problems.append(_("Hãy chọn cá nhân được đề nghị."))
        elif not nominable_people(actor).filter(pk=person.pk).exists() or \
                person.unit.home_agency_id != review_round.movement.agency_id:
            problems.append(_("%(name)s không thuộc đơn vị mà bạn được đề nghị khen thưởng.") % {
                "name": person.full_name})
        elif form is not None and form.is_title and not is_registered(person, review_round.movement,
                                                                      review_round.year):
            problems.append(_("%(name)s chưa đăng ký thi đua (hoặc bản đăng ký chưa được duyệt) cho phong trào "
                              "năm %(year)s, nên không được đề nghị danh hiệu “%(form)s”.") % {
                "name": person.full_name, "year": review_round.year, "form": form.name})
    else:
        if unit is None:
            problems.append(_("Hãy chọn đơn vị."))
        elif not nominating_units(actor).filter(pk=unit.pk).exists() or \
                unit.home_agency_id != review_round.movement.agency_id:
            problems.append(_("Bạn không được đề nghị khen thưởng cho %(unit)s.") % {"unit": unit.name})
        if recipient == RecipientKind.HOUSEHOLD:
            if household is None:
                problems.append(_("Hãy chọn hộ gia đình được đề nghị."))
            elif household.agency_id != review_round.movement.agency_id:
                problems.append(_("Hộ %(name)s không do cơ quan theo dõi.") % {"name": household.head_name})
    if not problems:
        problem = duplicate_problem(review_round, recipient=recipient, unit=unit, person=person, household=household,
                                    form=form, exclude_id=nomination.pk if nomination else None)
        if problem:
            problems.append(problem)
    if round_form is not None and unit is not None and not problems:
        problem = quota_problem(round_form, unit, exclude_id=nomination.pk if nomination else None)
        if problem:
            problems.append(problem)
    return problems


def may_edit(user, nomination: Nomination) -> bool:
    """The proposing unit's head or the Office, while the nomination is with the unit."""
    from .enums import UNIT_STATES
    from .roles import unit_or_office

    return nomination.status in UNIT_STATES and unit_or_office(user, nomination)


def submission_problems(nomination: Nomination) -> list[str]:
    from .dossier import missing_parts

    problems: list[str] = []
    problem = round_problem(nomination.review_round)
    if problem:
        problems.append(problem)
    round_form = RoundForm.objects.filter(review_round_id=nomination.review_round_id,
                                          form_id=nomination.form_id).select_related("form").first()
    if round_form is None:
        problems.append(_("Hình thức “%(form)s” không có trong đợt xét này.") % {"form": nomination.form.name})
    else:
        problem = quota_problem(round_form, nomination.unit, exclude_id=nomination.pk)
        if problem:
            problems.append(problem)
    problem = meeting_problem(nomination)
    if problem:
        problems.append(problem)
    missing = missing_parts(nomination)
    if missing:
        problems.append(_("Hồ sơ còn thiếu: %(parts)s.") % {"parts": "; ".join(missing)})
    return problems
