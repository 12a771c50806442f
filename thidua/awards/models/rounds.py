"""Review rounds (đợt xét khen thưởng): per movement, yearly, sơ kết, tổng kết or ad hoc, with deadlines, the
forms in play and optional quotas."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import nfc
from thidua.movements.models import Movement, RewardForm
from thidua.org.models import OrgUnit

from ..enums import RoundKind, RoundStatus


class ReviewRound(models.Model):
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="review_rounds")
    kind = models.CharField(_("loại đợt xét"), max_length=10, choices=RoundKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên đợt xét"), max_length=300)
    submit_by = models.DateField(_("hạn đơn vị gửi hồ sơ"))
    check_by = models.DateField(_("hạn Văn phòng kiểm tra"))
    council_on = models.DateField(_("ngày họp Hội đồng (dự kiến)"))
    remind_days = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=3)
    status = models.CharField(_("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    note = models.TextField(_("ghi chú"), blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        ordering = ["-year", "-submit_by", "-id"]
        indexes = [models.Index(fields=["movement", "status"], name="round_movement_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)

    @property
    def agency_id(self) -> int:
        return self.movement.agency_id

    @property
    def audit_agency_id(self) -> int | None:
        return self.movement.agency_id


class RoundForm(models.Model):
    """A reward form or title in play in a round, with an optional quota over the whole round."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="forms")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức, danh hiệu"), on_delete=models.PROTECT,
                             related_name="+")
    quota = models.PositiveIntegerField(_("số lượng tối đa"), null=True, blank=True)
    #: decided by the agency's head (Giám đốc: Giấy khen, LĐTT, CSTĐ cơ sở, TT LĐTT) — the Council's "agreed"
    #: then goes to the Director's decision; otherwise it is proposed upward (to the province)
    within_authority = models.BooleanField(_("thuộc thẩm quyền Giám đốc quyết định"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hình thức của đợt xét")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["review_round", "form"], name="round_form_unique")]


class UnitQuota(models.Model):
    """A quota of one form for one unit in a round."""

    round_form = models.ForeignKey(RoundForm, on_delete=models.CASCADE, related_name="unit_quotas")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    quota = models.PositiveIntegerField(_("số lượng tối đa"))

    class Meta:
        verbose_name = _("chỉ tiêu của đơn vị")
        constraints = [models.UniqueConstraint(fields=["round_form", "unit"], name="unit_quota_unique")]


class RoundReminder(models.Model):
    """A reminder sent to a unit about a round's deadline: one per unit and round, never twice."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc hạn")
        constraints = [models.UniqueConstraint(fields=["review_round", "unit"], name="round_reminder_unique")]
