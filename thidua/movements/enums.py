from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import Edge, Workflow

from .rules import manages_movements


class FormLevel(models.TextChoices):
    """Who decides a reward form: the agency (Giám đốc Sở), the province (Chủ tịch UBND tỉnh) or the centre (Thủ
    tướng Chính phủ, Chủ tịch nước, a Minister). The same values as awards.AwardLevel."""

    AGENCY = "agency", _("Cấp Sở")
    PROVINCE = "province", _("Cấp tỉnh")
    STATE = "state", _("Cấp Nhà nước")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo đợt, chuyên đề")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


#: the workflow: draft → launched → closed, each edge taken by the Office (or an administrator)
MOVEMENT_FLOW = Workflow(MovementStatus, [
    Edge(MovementStatus.DRAFT, MovementStatus.LAUNCHED, _("Phát động"), by=manages_movements, style="btn-danger",
         confirm=_("Phát động phong trào? Trưởng các đơn vị sẽ được thông báo."),
         done=_("Đã phát động phong trào; trưởng các đơn vị đã được thông báo.")),
    Edge(MovementStatus.LAUNCHED, MovementStatus.CLOSED, _("Kết thúc phong trào"), by=manages_movements,
         style="btn-outline-danger", confirm=_("Kết thúc phong trào? Sau đó mọi nội dung chỉ để xem."),
         done=_("Phong trào đã kết thúc; mọi nội dung được giữ ở chế độ chỉ xem.")),
], refused=_("Không thể chuyển phong trào từ “%(current)s” sang “%(target)s”."))
#: from → allowed targets, as read from the table
MOVEMENT_TRANSITIONS = {state: MOVEMENT_FLOW.targets(state) for state in MovementStatus}
OPEN_STATES = MOVEMENT_FLOW.open_states
FINAL_STATES = MOVEMENT_FLOW.final_states
EDITABLE_STATES = {MovementStatus.DRAFT, MovementStatus.LAUNCHED}
PUBLIC_STATES = {MovementStatus.LAUNCHED, MovementStatus.CLOSED}


class SectionKind(models.TextChoices):
    PURPOSE = "purpose", _("Mục đích")
    REQUIREMENTS = "requirements", _("Yêu cầu")
    CONTENT = "content", _("Nội dung thi đua")
    SOLUTIONS = "solutions", _("Giải pháp thực hiện")
    REWARDS = "rewards", _("Khen thưởng")
    ORGANISATION = "organisation", _("Tổ chức thực hiện")
    OTHER = "other", _("Khác")


class ItemKind(models.TextChoices):
    CONTENT = "content", _("Nội dung thi đua")
    SOLUTION = "solution", _("Giải pháp thực hiện")


class SubjectKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")
    INDIVIDUAL = "individual", _("Cá nhân")


class CriterionTarget(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class RewardTiming(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    MIDTERM = "midterm", _("Sơ kết")
    FINAL = "final", _("Tổng kết")
    AD_HOC = "ad_hoc", _("Đột xuất")


class MilestoneStatus(models.TextChoices):
    DONE = "done", _("Đã xong")
    UPCOMING = "upcoming", _("Sắp tới")
    DUE = "due", _("Đang trong hạn")
    OVERDUE = "overdue", _("Quá hạn")


class DisseminationMethod(models.TextChoices):
    MEETING = "meeting", _("Hội nghị, cuộc họp")
    DOCUMENT = "document", _("Văn bản")
    BOARD = "board", _("Bảng tin, trang thông tin")
    OTHER = "other", _("Hình thức khác")
