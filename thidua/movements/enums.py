from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo đợt, chuyên đề")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


#: the workflow's edges: from → allowed targets
MOVEMENT_TRANSITIONS = {
    MovementStatus.DRAFT: {MovementStatus.LAUNCHED},
    MovementStatus.LAUNCHED: {MovementStatus.CLOSED},
    MovementStatus.CLOSED: set(),
}
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
