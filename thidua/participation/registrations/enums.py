from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.workflow import Edge, Workflow


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Đã duyệt")


def _unit_or_office(user, registration) -> bool:
    from .services import may_edit

    return may_edit(user, registration)


def _unit_head(user, registration) -> bool:
    from .services import heads_unit

    return heads_unit(user, registration.unit)


def _office(user, registration) -> bool:
    from .services import is_secretariat_for

    return is_secretariat_for(user, registration.movement)


#: the workflow: the unit (its head, or the Office) sends; the unit head may withdraw what he sent until the Office
#: reviews it; the Office approves or returns with a reason. Nothing moves once the movement is closed (move()).
REGISTRATION_FLOW = Workflow(RegistrationStatus, [
    Edge(RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED, _("Gửi duyệt"), by=_unit_or_office,
         done=_("Đã gửi bản đăng ký để Văn phòng duyệt."),
         refused=_("Chỉ trưởng đơn vị hoặc Văn phòng được gửi bản đăng ký này.")),
    Edge(RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED, _("Duyệt"), by=_office, style="btn-success",
         done=_("Đã duyệt bản đăng ký."),
         refused=_("Chỉ Văn phòng (cán bộ thi đua, khen thưởng) được duyệt hoặc trả lại.")),
    Edge(RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED, pgettext_lazy("action", "Trả lại"), by=_office,
         style="btn-outline-danger", reason=_("Lý do trả lại (bắt buộc)"),
         done=_("Đã trả lại bản đăng ký cho đơn vị, kèm lý do."),
         refused=_("Chỉ Văn phòng (cán bộ thi đua, khen thưởng) được duyệt hoặc trả lại.")),
    Edge(RegistrationStatus.SUBMITTED, RegistrationStatus.DRAFT, _("Rút lại để sửa"), by=_unit_head,
         style="btn-outline-secondary", done=_("Đã rút lại bản đăng ký; đơn vị có thể sửa rồi gửi lại."),
         refused=_("Chỉ trưởng đơn vị được rút lại bản đăng ký đã gửi.")),
    Edge(RegistrationStatus.RETURNED, RegistrationStatus.SUBMITTED, _("Gửi duyệt"), by=_unit_or_office,
         done=_("Đã gửi bản đăng ký để Văn phòng duyệt."),
         refused=_("Chỉ trưởng đơn vị hoặc Văn phòng được gửi bản đăng ký này.")),
], refused=_("Không thể chuyển bản đăng ký từ “%(current)s” sang “%(target)s”."))
#: from → allowed targets, as read from the table
TRANSITIONS = {state: REGISTRATION_FLOW.targets(state) for state in RegistrationStatus}
EDITABLE = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}
OPEN_STATES = REGISTRATION_FLOW.open_states
FINAL_STATES = REGISTRATION_FLOW.final_states
