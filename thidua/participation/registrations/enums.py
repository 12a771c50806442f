from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Đã duyệt")


TRANSITIONS = {
    RegistrationStatus.DRAFT: {RegistrationStatus.SUBMITTED},
    # back to draft: the unit withdraws what it sent, while the Office has not reviewed it yet
    RegistrationStatus.SUBMITTED: {RegistrationStatus.RETURNED, RegistrationStatus.APPROVED, RegistrationStatus.DRAFT},
    RegistrationStatus.RETURNED: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.APPROVED: set(),
}
EDITABLE = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}
#: who moves along each edge: the unit (head) sends or withdraws, the secretariat decides
UNIT_EDGES = {RegistrationStatus.SUBMITTED, RegistrationStatus.DRAFT}
SECRETARIAT_EDGES = {RegistrationStatus.RETURNED, RegistrationStatus.APPROVED}
