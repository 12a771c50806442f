from django.db import models


class CampaignStatus(models.TextChoices):
    OPEN = "open", "Đang vận động"
    CLOSED = "closed", "Đã khóa sổ"


class EntryKind(models.TextChoices):
    CONTRIBUTION = "contribution", "Ủng hộ"
    HANDOVER = "handover", "Bàn giao cho Ủy ban MTTQ"
    SPENDING = "spending", "Chi hoạt động"
    REVERSAL = "reversal", "Bút toán điều chỉnh"


class Flow(models.TextChoices):
    """Which column of the ledger an entry moves: money collected, handed over, or spent. A reversal takes the
    flow of the entry it reverses, with the opposite sign."""

    IN = "in", "Thu"
    HANDOVER = "handover", "Bàn giao"
    SPENDING = "spending", "Chi"


class Method(models.TextChoices):
    CASH = "cash", "Tiền mặt"
    TRANSFER = "transfer", "Chuyển khoản"
    PAYROLL = "payroll", "Khấu trừ lương"


#: transitions of a campaign: from -> allowed targets
CAMPAIGN_EDGES = {
    CampaignStatus.OPEN: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: {CampaignStatus.OPEN},
}
#: the kinds a user records directly (a reversal is made from the entry it corrects)
OUTFLOW_KINDS = {EntryKind.HANDOVER: Flow.HANDOVER, EntryKind.SPENDING: Flow.SPENDING}
