"""Revocation (thu hồi, issue 11 §5; Luật Thi đua, khen thưởng 2022, chương VII): an award found to rest on a
false declaration, falsified records or a review in breach of the law is revoked by a decision, and the money and
objects given with it are to be recovered. `revoke` is the one way an award stops standing: it records the
decision, marks the award, audits, and refreshes what is built on the awards that stand (the honour roll). The
history, the verification page, the certificates and every later eligibility check read `Award.stands`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.money import group_digits
from thidua.core.text import nfc

from . import certificates, honour
from .enums import RevocationReason
from .models import Award, Revocation


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def already_revoked(award: Award) -> str:
    revocation = Revocation.objects.filter(award=award).first()
    if revocation is None:
        return _("Khen thưởng này đã bị thu hồi ngày %(day)s.") % {"day": _day(award.revoked_on)}
    return _("Khen thưởng này đã bị thu hồi theo Quyết định số %(number)s ngày %(day)s.") % {
        "number": revocation.decision_number, "day": _day(revocation.decision_date)}


def problems(award: Award, *, decision_number: str, decision_date: dt.date | None, authority: str, reason: str,
             details: str, amount_to_recover: int | None, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with revoking `award` so, by field ("" for the whole); empty when it may be done."""
    today = today or timezone.localdate()
    found: dict[str, str] = {}
    if not award.stands:
        found[""] = already_revoked(award)
    if not nfc(decision_number):
        found["decision_number"] = _("Hãy ghi số quyết định thu hồi.")
    if not nfc(authority):
        found["authority"] = _("Hãy ghi cấp quyết định thu hồi (ví dụ: Giám đốc Sở Giao thông vận tải).")
    if reason not in RevocationReason.values:
        found["reason"] = _("Hãy chọn căn cứ thu hồi.")
    if not nfc(details):
        found["details"] = _("Hãy ghi nội dung vi phạm dẫn đến việc thu hồi.")
    if decision_date is None:
        found["decision_date"] = _("Hãy ghi ngày quyết định thu hồi.")
    elif decision_date < award.decision_date:
        found["decision_date"] = _("Ngày quyết định thu hồi (%(day)s) không thể trước ngày quyết định khen thưởng "
                                   "(%(award_day)s).") % {"day": _day(decision_date),
                                                         "award_day": _day(award.decision_date)}
    elif decision_date > today:
        found["decision_date"] = _("Ngày quyết định thu hồi (%(day)s) chưa đến: chỉ ghi quyết định đã ban hành.") \
            % {"day": _day(decision_date)}
    if amount_to_recover is not None and amount_to_recover < 0:
        found["amount_to_recover"] = _("Số tiền phải thu hồi không thể âm.")
    elif amount_to_recover and award.amount is not None and amount_to_recover > award.amount:
        found["amount_to_recover"] = _("Số tiền phải thu hồi (%(asked)s đồng) lớn hơn tiền thưởng đã chi "
                                       "(%(paid)s đồng).") % {"asked": group_digits(amount_to_recover),
                                                              "paid": group_digits(award.amount)}
    return found


def revoke(award: Award, *, decision_number: str, decision_date: dt.date, authority: str, reason: str,
           details: str, amount_to_recover: int | None = None, items_to_recover: str = "", actor) -> Revocation:
    """Record the decision revoking `award`; the money to recover is the award's bonus unless told otherwise."""
    fields = {"decision_number": decision_number, "decision_date": decision_date, "authority": authority,
              "reason": reason, "details": details}
    try:
        with transaction.atomic():
            award = Award.objects.select_for_update(of=("self",)).select_related("form").get(pk=award.pk)
            found = problems(award, amount_to_recover=amount_to_recover, **fields)
            if found:
                raise ValidationError({k or "__all__": v for k, v in found.items()})
            if amount_to_recover is None:
                amount_to_recover = award.amount or 0
            revocation = Revocation.objects.create(award=award, agency_id=award.agency_id,
                                                   amount_to_recover=amount_to_recover,
                                                   items_to_recover=items_to_recover, created_by=actor, **fields)
            award.revoked_on = decision_date
            award.revoked_reason = _("%(reason)s: %(details)s (Quyết định số %(number)s ngày %(day)s của "
                                     "%(authority)s)") % {
                "reason": RevocationReason(reason).label, "details": revocation.details,
                "number": revocation.decision_number, "day": _day(decision_date),
                "authority": revocation.authority}
            award.save(update_fields=["revoked_on", "revoked_reason"])
            audit.record(AuditAction.UPDATE, award, actor=actor, note=_("Thu hồi khen thưởng"), changes={
                "revoked_on": decision_date.isoformat(), "decision_number": revocation.decision_number,
                "reason": reason, "amount_to_recover": amount_to_recover})
            _refresh(award)
            award_id = award.pk
            transaction.on_commit(lambda: certificates.forget_certificate(award_id))  # never served again
    except IntegrityError:  # revoked at the same moment by someone else
        raise ValidationError(already_revoked(Award.objects.get(pk=award.pk))) from None
    return revocation


def _refresh(award: Award) -> None:
    """What is summed from the awards that stand (the honour roll's counts)."""
    if award.movement_id:
        honour.refresh_roll(award.movement_id, award.year)
