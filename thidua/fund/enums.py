from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Đang vận động")
    CLOSED = "closed", _("Đã khóa sổ")


class EntryKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Ủng hộ")
    HANDOVER = "handover", _("Bàn giao cho Ủy ban MTTQ")
    SPENDING = "spending", _("Chi hoạt động")
    REVERSAL = "reversal", _("Bút toán điều chỉnh")


class Flow(models.TextChoices):
    """Which column of the ledger an entry moves: money collected, handed over, or spent. A reversal takes the
    flow of the entry it reverses, with the opposite sign."""

    # with a context: Django's own catalog translates a bare "Thu" as the weekday (Thursday → "Thứ 5")
    IN = "in", pgettext_lazy("fund column", "Thu")
    HANDOVER = "handover", pgettext_lazy("fund column", "Bàn giao")
    SPENDING = "spending", pgettext_lazy("fund column", "Chi")


class Method(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")
    PAYROLL = "payroll", _("Khấu trừ lương")


#: transitions of a campaign: from -> allowed targets
CAMPAIGN_EDGES = {
    CampaignStatus.OPEN: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: {CampaignStatus.OPEN},
}
#: the kinds a user records directly (a reversal is made from the entry it corrects)
OUTFLOW_KINDS = {EntryKind.HANDOVER: Flow.HANDOVER, EntryKind.SPENDING: Flow.SPENDING}
