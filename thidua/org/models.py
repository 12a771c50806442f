"""The org tree (province → agency → units), people with their unit history, and unit-scoped role grants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.importflow import ImportBatch
from thidua.core.text import fold, nfc, search_key, word_suffixes

from .enums import AGENCY_KINDS, EmploymentType, Gender, Role, UnitKind

PATH_WIDTH = 8


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_WIDTH}d}/"


class OrgUnitQuerySet(models.QuerySet):
    def of_agencies(self, agency_ids) -> OrgUnitQuerySet:
        """The units that belong to these agencies (`OrgUnit.home_agency_id` in `agency_ids`), the agencies
        themselves included; an agency nested in one of them (a commune under a district) is not."""
        ids = sorted(agency_ids)
        return self.filter(models.Q(pk__in=ids) | (models.Q(agency_id__in=ids) & ~models.Q(kind__in=AGENCY_KINDS)))

    def within_agency(self, agency) -> OrgUnitQuerySet:
        """The units of one agency below the agency itself (its phòng, ban, đơn vị, unions, council)."""
        return self.filter(agency=agency).exclude(kind__in=AGENCY_KINDS)


class OrgUnit(models.Model):
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    code = models.CharField(_("mã"), max_length=30, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    #: materialised path of primary keys, e.g. "00000001/00000007/"; a subtree is path__startswith
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    #: the nearest agency strictly above this unit (None under the province). For an agency this is the body above
    #: it (a commune's district), not the agency the unit belongs to: ask `home_agency_id` for that
    agency = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    name_key = models.CharField(max_length=260, editable=False, default="", db_index=True)
    sort_order = models.IntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "sort_order", "name_key"], name="unit_children_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_agency(self) -> bool:
        return self.kind in AGENCY_KINDS

    @property
    def home_agency_id(self) -> int | None:
        """The agency this unit belongs to — the one answer every domain uses (its households, activities, fund
        entries, movements, audit rows). An agency (a Sở, a commune's or a district's People's Committee) belongs
        to itself; any other unit to the nearest agency above it. So a commune office (Văn phòng HĐND và UBND xã)
        belongs to its commune, and the commune to itself even where it still sits under a district: a commune is
        an administrative body with its own staff, council and movements (and since 2025 there are no districts).
        None for the province."""
        return self.pk if self.is_agency else self.agency_id

    @property
    def home_agency(self) -> OrgUnit | None:
        return self if self.is_agency else self.agency

    @property
    def audit_agency_id(self) -> int | None:
        return self.home_agency_id

    def is_in(self, other: OrgUnit) -> bool:
        return self.path.startswith(other.path)


class Person(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    rank = models.CharField(_("ngạch"), max_length=150, blank=True)
    employment_type = models.CharField(_("loại cán bộ"), max_length=20, choices=EmploymentType.choices)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    #: " nguyen van an " — accent-folded, framed by spaces; searched by word prefix
    name_key = models.CharField(max_length=160, editable=False, default="")
    #: Vietnamese order: given name first, then the full name
    sort_key = models.CharField(max_length=320, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="person_sort_idx"),
            models.Index(fields=["unit", "sort_key", "id"], name="person_unit_sort_idx"),
            models.Index(fields=["name_key"], name="person_name_key_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.position = nfc(self.position)
        self.rank = nfc(self.rank)
        self.name_key = search_key(self.full_name)
        self.sort_key = person_sort_key(self.full_name)
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "full_name" in update_fields:
            PersonNameKey.objects.filter(person=self).delete()
            PersonNameKey.objects.bulk_create(name_keys_for([self]))

    @property
    def audit_agency_id(self) -> int | None:
        return self.unit.audit_agency_id

    @property
    def given_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else ""


class PersonNameKey(models.Model):
    """Word-start search index for people's names (see core.text.word_suffixes)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=160, db_index=True)

    class Meta:
        verbose_name = _("khóa tìm tên")


def name_keys_for(people) -> list[PersonNameKey]:
    """The search keys of saved people, for bulk inserts (imports, synthetic data)."""
    return [PersonNameKey(person_id=p.pk, key=key[:160]) for p in people for key in word_suffixes(p.full_name)]


def identity_key(full_name: str, birth_date) -> tuple[str, object]:
    """What two records of one person share: the accent-folded name and the birth date. The staff import and the
    person form find duplicates by it (within the agency)."""
    return fold(full_name), birth_date


def person_sort_key(full_name: str) -> str:
    folded = fold(full_name)
    given = folded.split(" ")[-1] if folded else ""
    return f"{given} {folded}"


class Assignment(models.Model):
    """A person's time in a unit. Moving a person closes one and opens the next; none is ever deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments")
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["unit", "end_date"], name="assignment_unit_idx")]


class RoleGrant(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("phạm vi"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        indexes = [models.Index(fields=["user", "is_active"], name="grant_user_idx")]
        constraints = [
            # one Giám đốc per agency at a time (services.check_leader_grant grants it on the agency itself)
            models.UniqueConstraint(fields=["unit"], condition=models.Q(role="director", is_active=True),
                                    name="one_active_director_per_unit"),
        ]

    def __str__(self) -> str:
        scope = f" — {self.unit}" if self.unit_id else ""
        return f"{self.get_role_display()}{scope}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.unit.audit_agency_id if self.unit_id else None


class StaffImport(ImportBatch):
    """An uploaded staff file: checked in the background, shown as a preview, written only when clean and confirmed."""

    subject = "cán bộ"

    class Meta(ImportBatch.Meta):
        verbose_name = _("lần nhập cán bộ")
        verbose_name_plural = _("các lần nhập cán bộ")
