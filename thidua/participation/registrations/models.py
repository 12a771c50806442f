from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.movements.models import Movement, RewardForm
from thidua.org.models import OrgUnit, Person

from .enums import RegistrationStatus


class Registration(models.Model):
    """A unit's registration for a movement and year: the unit's commitments and its staff's."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="registrations")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(_("trạng thái"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.DRAFT)
    title = models.ForeignKey(RewardForm, verbose_name=_("danh hiệu tập thể đăng ký"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    commitments = models.TextField(_("cam kết, chỉ tiêu của tập thể"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [models.UniqueConstraint(fields=["movement", "year", "unit"], name="registration_unique")]
        indexes = [models.Index(fields=["movement", "year", "status"], name="registration_status_idx")]

    def __str__(self) -> str:
        return f"Đăng ký thi đua {self.year} — {self.unit}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.movement.agency_id


class RegistrationEntry(models.Model):
    """One person's registration: the title he aims for and his commitments."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    title = models.ForeignKey(RewardForm, verbose_name=_("danh hiệu đăng ký"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    commitments = models.TextField(_("cam kết"), blank=True)

    class Meta:
        verbose_name = _("đăng ký của cá nhân")
        constraints = [models.UniqueConstraint(fields=["registration", "person"], name="registration_entry_unique")]
