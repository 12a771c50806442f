"""The law as dated data (issue 9 §1): legal regimes with their validity, their legal bases, per reward form and
recipient kind the bonus coefficient, the Council ballot and its threshold, the dossier's components and the
achievement-report template; and the base salary (mức lương cơ sở) as its own dated table.

Nothing here is a constant in code: `awards.law` chooses the regime and the base salary by a date, and a figure
that a signed document used is never changed in place (a new row with a new validity takes over)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.money import group_digits
from thidua.core.text import nfc
from thidua.movements.models import RewardForm

from ..enums import DossierPart, DossierStage, RecipientKind, ThresholdBase


class Rounding(models.TextChoices):
    UP = "up", _("Làm tròn lên hàng chục nghìn đồng")
    NEAREST = "nearest", _("Làm tròn đến hàng chục nghìn đồng gần nhất")


class LegalRegime(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chế độ pháp lý"), max_length=300,
                            help_text=_("Ví dụ: Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP"))
    short_name = models.CharField(_("tên ngắn"), max_length=80, help_text=_("Ví dụ: NĐ 98/2023"))
    valid_from = models.DateField(_("có hiệu lực từ ngày"))
    valid_to = models.DateField(_("hết hiệu lực ngày"), null=True, blank=True)
    money_articles = models.CharField(_("các điều về mức tiền thưởng"), max_length=200, blank=True)
    #: NĐ 152/2025 Điều 60 kh. 3: a dossier already in the pipeline on the first day of this regime keeps the previous
    #: regime's procedure. On: a nomination submitted before `valid_from` is governed by the regime before.
    keeps_pipeline = models.BooleanField(_("hồ sơ đang xử lý giữ thủ tục cũ"), default=False)
    transition_rule = models.CharField(_("quy định chuyển tiếp"), max_length=300, blank=True)
    transition_unconfirmed = models.BooleanField(_("quy định chuyển tiếp chưa xác nhận"), default=False)
    rounding = models.CharField(_("cách làm tròn tiền thưởng"), max_length=10, choices=Rounding.choices,
                                default=Rounding.UP)
    rounding_step = models.PositiveIntegerField(_("làm tròn đến (đồng)"), default=10_000)
    #: "một thành tích một lần khen", "thành tích chuyên đề không làm căn cứ khen công trạng" (R2, R3)
    thematic_counts_for_merit = models.BooleanField(
        _("khen thưởng chuyên đề, đột xuất được tính làm căn cứ khen công trạng"), default=False)
    #: a movement's sơ kết / tổng kết uses the thematic-movement template, whatever the form
    thematic_report_template = models.CharField(_("mẫu báo cáo thành tích thi đua theo chuyên đề"), max_length=120,
                                                blank=True)
    thematic_report_unconfirmed = models.BooleanField(_("mẫu chuyên đề chưa xác nhận"), default=False)
    #: "trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" (domain §6.3)
    processing_days = models.PositiveSmallIntegerField(
        _("thời hạn xử lý hồ sơ (ngày làm việc)"), default=20,
        help_text=_("Tính từ ngày nhận đủ hồ sơ hợp lệ; ngày nghỉ lễ, Tết không tính."))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("các chế độ pháp lý")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        super().save(*args, **kwargs)

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class LegalBasis(models.Model):
    """A "Căn cứ …" line that a decision or a tờ trình under this regime prints."""

    regime = models.ForeignKey(LegalRegime, on_delete=models.CASCADE, related_name="bases")
    text = models.CharField(_("căn cứ"), max_length=400)
    for_decision = models.BooleanField(_("in trong quyết định"), default=True)
    for_submission = models.BooleanField(_("in trong tờ trình"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.text = nfc(self.text)
        super().save(*args, **kwargs)


class FormRule(models.Model):
    """One reward form for one kind of recipient under one regime: its coefficient (× the base salary), the
    Council ballot and its threshold, and the achievement-report template."""

    regime = models.ForeignKey(LegalRegime, on_delete=models.CASCADE, related_name="form_rules")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5, decimal_places=2, null=True, blank=True,
                                      validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    coefficient_unconfirmed = models.BooleanField(_("hệ số chưa xác nhận"), default=False)
    #: a household's money is this many times the individual amount (NĐ 152: 1,5); empty: its own coefficient
    household_multiplier = models.DecimalField(_("bội số so với mức cá nhân"), max_digits=4, decimal_places=2,
                                               null=True, blank=True)
    ballot_required = models.BooleanField(_("phải bỏ phiếu tại Hội đồng"), default=False)
    threshold_percent = models.DecimalField(_("tỷ lệ đồng ý tối thiểu (%)"), max_digits=5, decimal_places=2,
                                            default=Decimal("50"),
                                            validators=[MinValueValidator(Decimal("0")),
                                                        MaxValueValidator(Decimal("100"))])
    #: "more than" the share (a simple majority: > 50%) or "at least" it (≥ 80%)
    threshold_strict = models.BooleanField(_("phải vượt quá tỷ lệ (quá bán)"), default=True)
    threshold_of = models.CharField(_("tính trên"), max_length=10, choices=ThresholdBase.choices,
                                    default=ThresholdBase.PRESENT)
    threshold_unconfirmed = models.BooleanField(_("ngưỡng chưa xác nhận"), default=False)
    report_template = models.CharField(_("mẫu báo cáo thành tích"), max_length=120, blank=True,
                                       help_text=_("Ví dụ: Mẫu số 08 (thi đua theo chuyên đề)"))
    report_kind = models.CharField(_("loại mẫu báo cáo"), max_length=20, blank=True,
                                   help_text=_("individual, collective, household hoặc thematic"))
    report_unconfirmed = models.BooleanField(_("mẫu chưa xác nhận"), default=False)
    #: R1's CSTĐ cơ sở: ≤ 15% of those who reached Lao động tiên tiến
    quota_percent = models.DecimalField(_("giới hạn tỷ lệ (%)"), max_digits=5, decimal_places=2, null=True,
                                        blank=True)
    legal_source = models.CharField(_("nguồn"), max_length=200, blank=True)
    #: lấy ý kiến nhân dân (TT 12/2019/TT-BNV for the State's forms): the minimum working days the nominees are
    #: published for; empty: not required
    public_comment_days = models.PositiveSmallIntegerField(
        _("lấy ý kiến nhân dân tối thiểu (ngày làm việc)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Để trống khi hình thức này không phải lấy ý kiến nhân dân."))
    public_comment_unconfirmed = models.BooleanField(_("số ngày lấy ý kiến chưa xác nhận"), default=False)

    class Meta:
        verbose_name = _("quy định về hình thức khen thưởng")
        ordering = ["regime", "form__sort_order", "recipient"]
        constraints = [models.UniqueConstraint(fields=["regime", "form", "recipient"], name="form_rule_unique")]

    def __str__(self) -> str:
        return f"{self.form} — {self.get_recipient_display()} ({self.regime})"


class DossierRule(models.Model):
    """A component of the dossier a form requires under a regime (empty form: every form)."""

    regime = models.ForeignKey(LegalRegime, on_delete=models.CASCADE, related_name="dossier_rules")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    part = models.CharField(_("thành phần hồ sơ"), max_length=20, choices=DossierPart.choices)
    required = models.BooleanField(_("bắt buộc"), default=True)
    #: only when the nominee's achievement rests on initiatives (CSTĐ cơ sở by initiative; Bằng khen by the chain)
    only_with_initiatives = models.BooleanField(_("chỉ khi có sáng kiến, đề tài"), default=False)
    #: when it is needed: before the unit submits, or before the agency proposes upward (the Council's minutes)
    stage = models.CharField(_("cần có khi"), max_length=10, choices=DossierStage.choices, default=DossierStage.SUBMIT)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        ordering = ["regime", "part"]

    def __str__(self) -> str:
        name = self.get_part_display()
        return f"{name} — {self.form}" if self.form_id else str(name)


class BaseSalary(models.Model):
    """Mức lương cơ sở, from a date on. The one in force on the decision's date applies."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("văn bản quy định"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{group_digits(self.amount)} đồng từ {self.valid_from:%d/%m/%Y}"
