"""Public comment on a proposal's nominees (lấy ý kiến nhân dân, issue 11 §4): the window the Office opens for a
number of working days, the comments anyone may leave on its public page, and the one-time tokens of the comment
form. A comment keeps no address: only a keyed hash of the client's address (or of its IPv6 /64)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import CommentTriage, CommentWindowStatus
from .decisions import Proposal
from .law import LegalRegime
from .nominations import Nomination


class CommentWindow(models.Model):
    proposal = models.ForeignKey(Proposal, verbose_name=_("tờ trình"), on_delete=models.PROTECT,
                                 related_name="comment_windows")
    #: the nominations it publishes: the proposal's items whose form requires public comment
    nominations = models.ManyToManyField(Nomination, verbose_name=_("người, tập thể được lấy ý kiến"),
                                         related_name="comment_windows")
    days = models.PositiveSmallIntegerField(_("số ngày làm việc lấy ý kiến"))
    #: the regime's minimum when the window was opened, and that regime (the basis the Office was shown)
    minimum_days = models.PositiveSmallIntegerField(_("số ngày tối thiểu theo quy định"))
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ pháp lý"), on_delete=models.PROTECT,
                               related_name="+")
    opened_on = models.DateField(_("ngày bắt đầu"))
    #: the last day comments are taken: the `days`-th working day after `opened_on` (core.workdays)
    closes_on = models.DateField(_("ngày kết thúc"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=CommentWindowStatus.choices,
                              default=CommentWindowStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đợt lấy ý kiến nhân dân")
        verbose_name_plural = _("các đợt lấy ý kiến nhân dân")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["status", "closes_on"], name="comment_window_open_idx")]

    def __str__(self) -> str:
        return f"Lấy ý kiến về tờ trình số {self.proposal.number_label}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.proposal.agency_id


class PublicComment(models.Model):
    window = models.ForeignKey(CommentWindow, on_delete=models.PROTECT, related_name="comments")
    nominee = models.ForeignKey(Nomination, verbose_name=_("góp ý về"), on_delete=models.PROTECT,
                                related_name="public_comments")
    name = models.CharField(_("họ và tên người góp ý"), max_length=120, blank=True)
    #: plain text (NFC, invisible characters removed); markup is kept as typed and shown escaped
    text = models.TextField(_("nội dung ý kiến"))
    submitted_at = models.DateTimeField(auto_now_add=True)
    #: HMAC of the client's IPv4 address or IPv6 /64 with the site's key — never the address itself
    client_key = models.CharField(max_length=64)
    triage = models.CharField(_("kết quả xem xét"), max_length=12, choices=CommentTriage.choices,
                              default=CommentTriage.NEW)
    triage_note = models.TextField(_("ghi chú xem xét"), blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến nhân dân")
        verbose_name_plural = _("ý kiến nhân dân")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["window", "client_key", "submitted_at"], name="public_comment_client_idx")]

    def __str__(self) -> str:
        return f"Ý kiến #{self.pk} về {self.nominee.nominee_name}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.window.proposal.agency_id


class CommentToken(models.Model):
    """A comment form's one-time nonce, recorded when the form is posted: the same token posted again is refused."""

    nonce = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["used_at"], name="comment_token_used_idx")]
