"""The Council (Hội đồng Thi đua - Khen thưởng): its sessions, agenda, members present and absent, and votes
with recusal. Results are computed from the votes, never typed; a re-vote opens a new ballot and keeps the
earlier ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import nfc
from thidua.org.enums import Role
from thidua.org.models import OrgUnit

from ..enums import SessionStatus, VoteChoice, VoteMode
from .law import LegalRegime
from .nominations import Nomination


class CouncilSession(models.Model):
    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên phiên họp"), max_length=300)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.DRAFT)
    #: the regime in force on the session's date, fixed when voting starts
    regime = models.ForeignKey(LegalRegime, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


class SessionMember(models.Model):
    """A Council member on the session's date (from the role grants), present or absent."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        verbose_name = _("thành viên dự phiên họp")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="session_member_unique")]


class AgendaItem(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveIntegerField(default=0)
    #: the result computed when the session concluded (a NominationStatus), empty until then
    result = models.CharField(_("kết quả"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("nội dung phiên họp")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="agenda_item_unique")]


class Recusal(models.Model):
    """A member who may not vote on an item: he is the nominee, or belongs to the nominated or nominee's unit."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(SessionMember, on_delete=models.CASCADE, related_name="recusals")
    reason = models.CharField(_("lý do"), max_length=300)

    class Meta:
        verbose_name = _("thành viên không tham gia biểu quyết")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_unique")]


class Ballot(models.Model):
    """One round of voting on an item. A re-vote opens the next; none is ever changed once closed."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="ballots")
    number = models.PositiveSmallIntegerField(_("lần biểu quyết"), default=1)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("lý do biểu quyết lại"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lần biểu quyết")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="ballot_number_unique")]


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(SessionMember, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("ý kiến"), max_length=10, choices=VoteChoice.choices)
    mode = models.CharField(_("hình thức"), max_length=10, choices=VoteMode.choices, default=VoteMode.ONLINE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="vote_once")]
