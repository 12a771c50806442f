"""The inputs every later rule needs (issue 9 §3): yearly task-completion ratings of people and units, discipline,
periods under investigation or unresolved complaint, initiatives and research topics."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.importflow import ImportBatch
from thidua.core.text import nfc
from thidua.org.models import OrgUnit, Person

from ..enums import DisciplineForm, Grade, InitiativeKind, InquiryKind, RecognitionLevel


class Rating(models.Model):
    """A person's or a unit's task-completion rating for a year: proposed by the unit head, confirmed by the
    Office (until then it counts for nothing)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="ratings")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="ratings")
    grade = models.CharField(_("mức độ hoàn thành nhiệm vụ"), max_length=10, choices=Grade.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xếp loại hoàn thành nhiệm vụ")
        verbose_name_plural = _("xếp loại hoàn thành nhiệm vụ")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], condition=models.Q(person__isnull=False),
                                    name="rating_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=models.Q(person__isnull=True),
                                    name="rating_unit_year"),
            models.CheckConstraint(condition=models.Q(person__isnull=False) | models.Q(unit__isnull=False),
                                   name="rating_has_subject"),
        ]

    def __str__(self) -> str:
        return f"Xếp loại năm {self.year}: {self.person if self.person_id else self.unit}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def audit_agency_id(self) -> int | None:
        return (self.person.unit if self.person_id else self.unit).home_agency_id


class Discipline(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="disciplines")
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    start_date = models.DateField(_("thời hạn từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=400, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()}: {self.person} (QĐ {self.decision_number})"

    @property
    def audit_agency_id(self) -> int | None:
        return self.person.unit.home_agency_id


class Inquiry(models.Model):
    """A period under investigation, inspection or an unresolved complaint: nobody is awarded during it."""

    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="inquiries")
    kind = models.CharField(_("loại"), max_length=15, choices=InquiryKind.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày (đã kết luận)"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=400, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thời gian bị điều tra, khiếu nại")
        verbose_name_plural = _("thời gian bị điều tra, khiếu nại")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.person.unit.home_agency_id


class Initiative(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="initiatives")
    kind = models.CharField(_("loại"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=400)
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp công nhận"), max_length=10, choices=RecognitionLevel.choices,
                             default=RecognitionLevel.BASE)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.person}, {self.year})"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.person.unit.home_agency_id


class RatingImport(ImportBatch):
    """An uploaded ratings file: checked, previewed, written only when clean and confirmed (all or nothing)."""

    subject = "xếp loại"

    class Meta(ImportBatch.Meta):
        verbose_name = _("lần nhập xếp loại")
        verbose_name_plural = _("các lần nhập xếp loại")
