"""Beneficiaries (households with their yearly poverty category, students in hardship), support activities with
their evidence files, and household imports. Registrations (đăng ký thi đua) will join this module later."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from thidua.core.importflow import ImportBatch
from thidua.core.text import fold, nfc, search_key, word_suffixes
from thidua.org.models import OrgUnit, Person

from .enums import ActivityKind, Ethnicity, EvidenceKind, HouseholdCategory, Relation


class Household(models.Model):
    """A household helped by an agency, in the commune (post-2025) where it lives."""

    agency = models.ForeignKey(OrgUnit, verbose_name="cơ quan theo dõi", on_delete=models.PROTECT, related_name="+")
    head_name = models.CharField("họ tên chủ hộ", max_length=150)
    members = models.PositiveSmallIntegerField("số nhân khẩu")
    province_code = models.PositiveIntegerField("mã tỉnh")
    commune_code = models.PositiveIntegerField("mã xã, phường")
    commune_name = models.CharField("xã, phường", max_length=100)
    village = models.CharField("thôn, xóm", max_length=150, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=12, choices=Ethnicity.choices, blank=True)
    note = models.TextField("ghi chú", blank=True)
    #: the category of the latest classified year (denormalised for lists and filters)
    category = models.CharField("phân loại mới nhất", max_length=15, choices=HouseholdCategory.choices, blank=True)
    category_year = models.PositiveSmallIntegerField("năm phân loại", null=True, blank=True)
    #: " nong van a " (search) and "nong van a" (duplicates: folded head name within a commune)
    head_key = models.CharField(max_length=160, editable=False, default="")
    head_fold = models.CharField(max_length=160, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["head_fold", "id"]
        indexes = [
            models.Index(fields=["agency", "head_fold", "id"], name="household_agency_idx"),
            models.Index(fields=["agency", "commune_code", "head_fold"], name="household_commune_idx"),
            # the whole province's list in name order (administrator), walked and stopped after a page
            models.Index(fields=["head_fold", "id"], name="household_name_idx"),
        ]

    def __str__(self) -> str:
        return f"Hộ {self.head_name}"

    def save(self, *args, **kwargs):
        normalise_household(self)
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "head_name" in update_fields:
            HouseholdNameKey.objects.filter(household=self).delete()
            HouseholdNameKey.objects.bulk_create(household_keys_for([self]))

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.village, self.commune_name) if p)


def normalise_household(household: Household) -> None:
    """What save() does, for bulk inserts too."""
    household.head_name = nfc(household.head_name)
    household.village = nfc(household.village)
    household.commune_name = nfc(household.commune_name)
    household.head_key = search_key(household.head_name)
    household.head_fold = fold(household.head_name)


class HouseholdNameKey(models.Model):
    """Word-start search index for heads of household (see core.text.word_suffixes). The household's agency and
    folded name are copied here so that a search reads only this index (key range, agency, name order) and
    touches the households of the page alone (participation.search)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=160)
    agency = models.ForeignKey(OrgUnit, null=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    sort = models.CharField(max_length=160, default="")

    class Meta:
        # the pattern operator class lets PostgreSQL serve LIKE 'prefix%' under any collation (ignored elsewhere)
        indexes = [models.Index(fields=["key", "agency", "sort", "household"], name="household_key_idx",
                                opclasses=["varchar_pattern_ops", "int8_ops", "varchar_ops", "int8_ops"])]


def household_keys_for(households) -> list[HouseholdNameKey]:
    return [HouseholdNameKey(household_id=h.pk, key=k[:160], agency_id=h.agency_id, sort=h.head_fold[:160])
            for h in households for k in word_suffixes(h.head_name)]


class HouseholdMember(models.Model):
    """A person living in the household besides its head; the list never exceeds the household's number of
    members (số nhân khẩu, the head included), changed only through services."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="member_list")
    full_name = models.CharField("họ và tên", max_length=150)
    relation = models.CharField("quan hệ với chủ hộ", max_length=12, choices=Relation.choices)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=200, blank=True)

    class Meta:
        verbose_name = "thành viên hộ"
        verbose_name_plural = "thành viên hộ"
        ordering = ["household", "id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name).strip()
        self.note = nfc(self.note).strip()
        super().save(*args, **kwargs)


class HouseholdStatus(models.Model):
    """The commune's classification of a household for one year; one per year, changed only through services."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="statuses")
    year = models.PositiveSmallIntegerField("năm")
    category = models.CharField("phân loại", max_length=15, choices=HouseholdCategory.choices)
    classified_by = models.CharField("cơ quan phân loại", max_length=200,
                                     help_text="Ví dụ: UBND xã Quảng Lâm")
    classified_on = models.DateField("ngày phân loại")
    decision = models.CharField("số quyết định, văn bản", max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phân loại hộ theo năm"
        ordering = ["household", "-year"]
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="household_status_year_uniq")]
        indexes = [models.Index(fields=["year", "category"], name="household_status_cat_idx")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} năm {self.year}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.household.agency_id


class Student(models.Model):
    """A student in hardship supported by the agency."""

    agency = models.ForeignKey(OrgUnit, verbose_name="cơ quan theo dõi", on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField("họ và tên", max_length=150)
    school = models.CharField("trường", max_length=200)
    grade = models.CharField("lớp", max_length=20)
    household = models.ForeignKey(Household, verbose_name="thuộc hộ", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="students")
    note = models.TextField("hoàn cảnh, ghi chú", blank=True)
    name_key = models.CharField(max_length=160, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "học sinh có hoàn cảnh khó khăn"
        verbose_name_plural = "học sinh có hoàn cảnh khó khăn"
        ordering = ["name_key", "id"]
        indexes = [models.Index(fields=["agency", "name_key"], name="student_agency_idx")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.school = nfc(self.school)
        self.grade = nfc(self.grade)
        self.name_key = search_key(self.full_name)
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


def _count_of(through, **filters):
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    sub = (through.objects.filter(activity_id=OuterRef("pk"), **filters).order_by().values("activity_id")
           .annotate(c=Count("*")).values("c"))
    return Coalesce(Subquery(sub), 0)


class ActivityQuerySet(models.QuerySet):
    def annotate_counts(self):
        return self.annotate(
            n_households=_count_of(Activity.households.through), n_students=_count_of(Activity.students.through),
            n_people=_count_of(Activity.people.through), n_evidence=_count_of(Evidence),
        )


class Activity(models.Model):
    """A support activity for the poor: who organised it, who took part, whom it helped and with what."""

    agency = models.ForeignKey(OrgUnit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("hình thức", max_length=12, choices=ActivityKind.choices)
    title = models.CharField("tên hoạt động", max_length=300)
    held_on = models.DateField("ngày thực hiện")
    units = models.ManyToManyField(OrgUnit, verbose_name="đơn vị tổ chức", related_name="support_activities")
    people = models.ManyToManyField(Person, verbose_name="người tham gia", blank=True,
                                    related_name="support_activities")
    households = models.ManyToManyField(Household, verbose_name="hộ được hỗ trợ", blank=True,
                                        related_name="activities")
    students = models.ManyToManyField(Student, verbose_name="học sinh được hỗ trợ", blank=True,
                                      related_name="activities")
    content_items = models.ManyToManyField("movements.PlanItem", verbose_name="nội dung phong trào", blank=True,
                                           related_name="support_activities")
    cash_value = models.PositiveBigIntegerField("tiền mặt (đồng)", default=0)
    in_kind_value = models.PositiveBigIntegerField("hiện vật quy đổi (đồng)", default=0)
    commune_code = models.PositiveIntegerField("mã xã, phường", null=True, blank=True)
    commune_name = models.CharField("xã, phường", max_length=100, blank=True)
    description = models.TextField("mô tả", blank=True)
    title_key = models.CharField(max_length=320, editable=False, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "hoạt động hỗ trợ"
        verbose_name_plural = "hoạt động hỗ trợ"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "-held_on", "-id"], name="activity_agency_idx"),
            models.Index(fields=["-held_on", "-id"], name="activity_date_idx"),
            models.Index(fields=["commune_code", "-held_on"], name="activity_commune_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.commune_name = nfc(self.commune_name)
        self.title_key = search_key(self.title)
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id

    @property
    def total_value(self) -> int:
        return (self.cash_value or 0) + (self.in_kind_value or 0)


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"participation/{instance.activity.held_on:%Y}/{instance.activity_id}/{filename}"


class Evidence(models.Model):
    """A photo or PDF proving an activity took place; content checked before anything is written."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("loại", max_length=6, choices=EvidenceKind.choices)
    file = models.FileField("tệp", upload_to=evidence_path, max_length=255)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=evidence_path, max_length=255, blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_agency_id(self) -> int | None:
        return self.activity.agency_id

    @property
    def content_type(self) -> str:
        if self.kind == EvidenceKind.PDF:
            return "application/pdf"
        name = self.file.name.lower()
        if name.endswith(".png"):
            return "image/png"
        if name.endswith(".webp"):
            return "image/webp"
        return "image/jpeg"


class HouseholdImport(ImportBatch):
    """An uploaded household list: checked in the background, previewed, written only when clean and confirmed."""

    subject = "hộ gia đình"

    class Meta(ImportBatch.Meta):
        verbose_name = "lần nhập hộ gia đình"


class ActivityStat(models.Model):
    """Kept totals of support activities per (unit, year, content item), for the unit dashboard and the activity
    list's totals (see participation.stats for why they are kept rather than computed)."""

    agency = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    #: the unit whose subtree organised the activities; the agency itself for the whole agency
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    #: a PlanItem id, or 0 for every activity (with or without content items)
    item_key = models.PositiveIntegerField(default=0)
    activities = models.IntegerField(default=0)
    households = models.IntegerField(default=0)
    students = models.IntegerField(default=0)
    cash_value = models.BigIntegerField(default=0)
    in_kind_value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "số liệu hoạt động hỗ trợ"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "item_key"], name="activity_stat_key")]
        indexes = [models.Index(fields=["agency", "year"], name="activity_stat_agency_idx"),
                   models.Index(fields=["item_key"], name="activity_stat_item_idx")]
