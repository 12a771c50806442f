"""A movement (phong trào thi đua) and the plan (Kế hoạch) that launches it, as structured data."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold, nfc
from thidua.org.models import OrgUnit, Person

from .enums import (
    CriterionTarget,
    DisseminationMethod,
    FormLevel,
    ItemKind,
    MovementKind,
    MovementStatus,
    RewardTiming,
    SectionKind,
    SubjectKind,
)


class RewardForm(models.Model):
    """Catalog of emulation titles and reward forms (Giấy khen, Bằng khen, ...); data the Office can edit."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    is_title = models.BooleanField(_("là danh hiệu thi đua"), default=False)
    authority = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    #: who decides it: within the agency's authority, or proposed to the province, or carried up to the centre
    level = models.CharField(_("cấp khen"), max_length=10, choices=FormLevel.choices, default=FormLevel.AGENCY)
    for_collective = models.BooleanField(_("cho tập thể"), default=True)
    for_individual = models.BooleanField(_("cho cá nhân"), default=True)
    for_household = models.BooleanField(_("cho hộ gia đình"), default=False)
    sort_order = models.IntegerField(default=0)
    name_key = models.CharField(max_length=220, editable=False, default="")

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)


class Movement(models.Model):
    code = models.SlugField(_("mã phong trào"), max_length=60, unique=True)
    name = models.CharField(_("tên phong trào"), max_length=300)
    slogan = models.CharField(_("khẩu hiệu"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=MovementKind.choices, default=MovementKind.THEMATIC)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan phát động"), on_delete=models.PROTECT,
                               related_name="movements")
    status = models.CharField(_("trạng thái"), max_length=10, choices=MovementStatus.choices,
                              default=MovementStatus.DRAFT)
    cloned_from = models.ForeignKey("self", verbose_name=_("nhân bản từ"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="clones")
    launched_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # the plan document (Kế hoạch)
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    plan_number = models.CharField(_("số kế hoạch"), max_length=60, blank=True)
    plan_issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    plan_place = models.CharField(_("địa danh"), max_length=100, blank=True)
    plan_title = models.TextField(_("trích yếu"), blank=True)
    parent_plan = models.CharField(_("thực hiện kế hoạch cấp trên"), max_length=300, blank=True)
    plan_intro = models.TextField(_("đoạn mở đầu"), blank=True)
    plan_closing = models.TextField(_("câu kết"), blank=True, help_text=_("Ví dụ: Trên đây là Kế hoạch …./."))
    signer_title = models.CharField(_("quyền hạn, chức vụ người ký"), max_length=200, blank=True,
                                    help_text=_("Ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC (mỗi dòng một dòng)"))
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận"))
    name_key = models.CharField(max_length=320, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_year", "-id"]
        indexes = [models.Index(fields=["agency", "-start_year", "-id"], name="movement_agency_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        for field in ("name", "slogan", "plan_title", "parent_plan", "signer_name", "issuing_body"):
            setattr(self, field, nfc(getattr(self, field)) if field != "plan_title" else (self.plan_title or "").strip())
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("movements:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return f"{self.start_year} - {self.end_year}" if self.end_year != self.start_year else str(self.start_year)

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def is_editable(self) -> bool:
        return self.status != MovementStatus.CLOSED


class PlanSection(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("loại mục"), max_length=15, choices=SectionKind.choices, default=SectionKind.OTHER)
    number = models.CharField(_("số mục"), max_length=10, blank=True)
    heading = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục của kế hoạch")
        ordering = ["order", "id"]


class PlanItem(models.Model):
    """The plan's content items (Nội dung thi đua a–d) and solutions (Giải pháp a–d)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    label = models.CharField(_("ký hiệu"), max_length=5)
    text = models.TextField(_("nội dung"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nội dung, giải pháp")
        ordering = ["kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.label}) {self.text[:80]}"

    @staticmethod
    def normalise_label(label: str) -> str:
        """The letter of an item as it is stored: "a)", "a.", "(a)" and " a " are all "a" (the page adds ")")."""
        return (label or "").strip().strip("().:").strip()

    def save(self, *args, **kwargs):
        self.label = self.normalise_label(self.label)
        super().save(*args, **kwargs)


class Subject(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("loại đối tượng"), max_length=12, choices=SubjectKind.choices)
    text = models.CharField(_("đối tượng"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("đối tượng khen thưởng")
        ordering = ["order", "id"]


class Criterion(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="criteria")
    target = models.CharField(_("áp dụng cho"), max_length=12, choices=CriterionTarget.choices)
    text = models.TextField(_("tiêu chí"))
    max_score = models.PositiveSmallIntegerField(_("điểm tối đa"), null=True, blank=True)
    #: a criterion may weigh 1,5 of another: a decimal, never a float
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        ordering = ["target", "order", "id"]


class MovementRewardForm(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reward_forms")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+")
    timing = models.CharField(_("thời điểm"), max_length=10, choices=RewardTiming.choices)
    authority = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    quota = models.CharField(_("giới hạn số lượng"), max_length=200, blank=True,
                             help_text=_("Ví dụ: không quá 15% số tập thể, cá nhân"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng của phong trào")
        ordering = ["order", "id"]


class Milestone(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    text = models.CharField(_("nội dung"), max_length=400)
    when_text = models.CharField(_("thời gian"), max_length=100,
                                 help_text=_("Một ngày (20/10/2022) hoặc một khoảng: Quý IV/2025, Năm 2023, tháng 10/2022"))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    responsible = models.CharField(_("đơn vị, người chịu trách nhiệm"), max_length=300, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mốc thời gian")
        ordering = ["start_date", "order", "id"]

    def status_on(self, today):
        from .enums import MilestoneStatus

        if self.done_on:
            return MilestoneStatus.DONE
        if self.end_date < today:
            return MilestoneStatus.OVERDUE
        if self.start_date <= today:
            return MilestoneStatus.DUE
        return MilestoneStatus.UPCOMING


class Responsibility(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="responsibilities")
    who = models.CharField(_("đơn vị, bộ phận"), max_length=300)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị trong hệ thống"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    duties = models.TextField(_("nhiệm vụ"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("trách nhiệm thực hiện")
        ordering = ["order", "id"]


class Dissemination(models.Model):
    """A unit head's record of how he made the movement known to his staff (quán triệt)."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="disseminations")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("hình thức"), max_length=10, choices=DisseminationMethod.choices)
    held_on = models.DateField(_("ngày"))
    reference = models.CharField(_("số văn bản / biên bản"), max_length=100, blank=True)
    people_reached = models.PositiveIntegerField(_("số người được quán triệt"))
    #: who was reached, when the unit named them: coverage then counts each person once over all sessions
    people = models.ManyToManyField(Person, verbose_name=_("những người được quán triệt"), blank=True,
                                    related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quán triệt phong trào")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["movement", "unit"], name="dissemination_idx")]

    @property
    def audit_agency_id(self) -> int | None:
        return self.movement.agency_id


class MovementDocument(models.Model):
    """Directive documents attached to a movement (the plan's PDF, guidance, decisions), public when marked."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("tên văn bản"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="movements/%Y/")
    is_public = models.BooleanField(_("công khai"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "-id"]


class PlanImport(models.Model):
    """An uploaded plan document, its extracted (and restored) text and the proposal under review."""

    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tệp"), max_length=255)
    kind = models.CharField(max_length=10, blank=True)
    text = models.TextField(_("văn bản trích xuất"))
    restored = models.TextField(_("văn bản đã khôi phục dấu"), blank=True)
    proposal = models.JSONField(default=dict, blank=True)
    movement = models.ForeignKey(Movement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập kế hoạch")
        ordering = ["-id"]
