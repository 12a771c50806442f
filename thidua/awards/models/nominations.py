"""Nominations (đề nghị khen thưởng) with their dossiers, the evaluation against the plan's criteria and the
unit's review meeting (họp bình xét)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import nfc
from thidua.movements.models import Criterion, RewardForm
from thidua.org.models import OrgUnit, Person
from thidua.participation.models import Household

from ..enums import DossierPart, NominationStatus, RecipientKind
from .law import LegalRegime
from .rounds import ReviewRound


class ReviewMeeting(models.Model):
    """A unit's review meeting for a round: who sat, and per proposed nominee the votes (MeetingVote)."""

    review_round = models.ForeignKey(ReviewRound, verbose_name=_("đợt xét"), on_delete=models.PROTECT,
                                     related_name="meetings")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair = models.ForeignKey(Person, verbose_name=_("chủ trì"), on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(Person, verbose_name=_("thư ký"), on_delete=models.PROTECT, related_name="+")
    attendees = models.ManyToManyField(Person, verbose_name=_("người dự họp"), related_name="+")
    absentees = models.ManyToManyField(Person, verbose_name=_("người vắng mặt"), blank=True, related_name="+")
    note = models.TextField(_("ý kiến tại cuộc họp"), blank=True)
    signed_scan = models.FileField(_("biên bản đã ký (bản quét)"), upload_to="awards/meetings/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cuộc họp bình xét")
        verbose_name_plural = _("các cuộc họp bình xét")
        ordering = ["-held_on", "-id"]

    @property
    def audit_agency_id(self) -> int | None:
        return self.review_round.movement.agency_id


class Nomination(models.Model):
    review_round = models.ForeignKey(ReviewRound, verbose_name=_("đợt xét"), on_delete=models.PROTECT,
                                     related_name="nominations")
    #: the proposing unit: the nominated unit itself for a collective, the nominee's unit for a person, the unit
    #: that supports the household for a household
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                             related_name="nominations")
    #: the agency whose Council reviews it (the round's movement's agency), kept for scoping in one column
    agency = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức, danh hiệu đề nghị"), on_delete=models.PROTECT,
                             related_name="+")
    achievement = models.TextField(_("thành tích"), blank=True,
                                   help_text=_("Thành tích đạt được, có số liệu cụ thể"))
    self_assessment = models.TextField(_("tự nhận xét, đánh giá của cá nhân"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=NominationStatus.choices,
                              default=NominationStatus.DRAFT)
    #: the regime that governs the nomination and why (set when the Office accepts it; recomputed until then)
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ pháp lý"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    regime_reason = models.CharField(_("lý do áp dụng"), max_length=400, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    #: bumped on every save: two people editing at once — the second is told, and nothing is overwritten
    version = models.PositiveIntegerField(default=1)
    #: women first among equals: a woman, or a collective with ≥ 70% women (kept when the nomination is saved)
    women_first = models.BooleanField(_("ưu tiên nữ"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["agency", "status", "-id"], name="nomination_agency_idx"),
            models.Index(fields=["review_round", "status"], name="nomination_round_idx"),
            models.Index(fields=["unit", "review_round"], name="nomination_unit_idx"),
            # the Office's inbox: its agencies' submitted and accepted nominations, oldest sent first
            models.Index(fields=["agency", "submitted_at", "id"], name="nomination_inbox_idx",
                         condition=models.Q(status__in=["submitted", "accepted"])),
        ]
        constraints = [
            models.CheckConstraint(name="nomination_has_recipient", condition=(
                models.Q(recipient="individual", person__isnull=False)
                | models.Q(recipient="collective", person__isnull=True, household__isnull=True)
                | models.Q(recipient="household", household__isnull=False))),
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.nominee_name}"

    def save(self, *args, **kwargs):
        self.achievement = nfc(self.achievement)
        self.self_assessment = nfc(self.self_assessment)
        super().save(*args, **kwargs)

    @property
    def nominee_name(self) -> str:
        if self.recipient == RecipientKind.INDIVIDUAL and self.person_id:
            return self.person.full_name
        if self.recipient == RecipientKind.HOUSEHOLD and self.household_id:
            return str(self.household)
        return self.unit.name

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("awards:nomination", args=[self.pk])


class NominationStep(models.Model):
    """Every move of a nomination, with who made it and why: the history a returned nomination keeps."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="steps")
    source = models.CharField(max_length=16, choices=NominationStatus.choices)
    target = models.CharField(max_length=16, choices=NominationStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    reason = models.TextField(blank=True)
    #: why the nomination goes on past a rule it does not meet (services.JUSTIFIED_EDGES), written by the actor
    justification = models.TextField(_("giải trình điều kiện chưa đạt"), blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("bước xử lý đề nghị")
        ordering = ["at", "id"]


class MeetingVote(models.Model):
    """The unit meeting's vote on one nominee. Its result is computed (a majority of those present)."""

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="meeting_votes")
    agree = models.PositiveIntegerField(_("đồng ý"))
    disagree = models.PositiveIntegerField(_("không đồng ý"))
    abstain = models.PositiveIntegerField(_("không biểu quyết"), default=0)

    class Meta:
        verbose_name = _("kết quả bình xét")
        constraints = [models.UniqueConstraint(fields=["meeting", "nomination"], name="meeting_vote_unique")]


class Evaluation(models.Model):
    """A score (within the criterion's maximum) or met / not met for one criterion of the plan, for a unit in a
    round (collective criteria) or for a nominee (individual criteria)."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="evaluations")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="evaluations")
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    met = models.BooleanField(_("đạt"), null=True, blank=True)
    note = models.TextField(_("nhận xét"), blank=True)
    evidence = models.TextField(_("minh chứng"), blank=True)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="awards/evidence/%Y/", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chấm điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["review_round", "criterion", "unit"],
                                    condition=models.Q(nomination__isnull=True), name="evaluation_unit_unique"),
            models.UniqueConstraint(fields=["criterion", "nomination"], condition=models.Q(nomination__isnull=False),
                                    name="evaluation_nominee_unique"),
        ]


class DossierFile(models.Model):
    """One component of a nomination's dossier, generated or uploaded. A new file for the same part keeps the
    earlier ones (the latest counts)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    part = models.CharField(_("thành phần"), max_length=20, choices=DossierPart.choices)
    file = models.FileField(_("tệp"), upload_to="awards/dossiers/%Y/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    generated = models.BooleanField(_("do hệ thống tạo"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp hồ sơ")
        ordering = ["part", "-uploaded_at", "-id"]
        indexes = [models.Index(fields=["nomination", "part"], name="dossier_part_idx")]
