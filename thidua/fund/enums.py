from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.workflow import Edge, Workflow

from .roles import manages_campaign, office_of_campaign


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


#: the workflow of a campaign: its managers close the books (khóa sổ); only the Office reopens them, with a written
#: reason (and `services.reopen_refusal`: not once the money was handed over, nor under a closed movement). Both
#: buttons lead to a confirmation page (`fund:move`), which posts.
CAMPAIGN_FLOW = Workflow(CampaignStatus, [
    Edge(CampaignStatus.OPEN, CampaignStatus.CLOSED, _("Khóa sổ"), by=manages_campaign, style="btn-outline-warning",
         done=_("Đã khóa sổ đợt vận động."),
         refused=_("Chỉ Văn phòng hoặc cán bộ công đoàn của cơ quan được khóa sổ đợt vận động.")),
    Edge(CampaignStatus.CLOSED, CampaignStatus.OPEN, _("Mở lại sổ"), by=office_of_campaign,
         style="btn-outline-success", reason=_("Lý do mở lại sổ (bắt buộc)"),
         done=_("Đã mở lại sổ đợt vận động."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng Thi đua - Khen thưởng) mới được mở lại sổ đợt vận động "
                   "đã khóa.")),
], refused=_("Không thể chuyển đợt vận động từ “%(current)s” sang “%(target)s”."))
#: from → allowed targets, as read from the table
CAMPAIGN_EDGES = {state: CAMPAIGN_FLOW.targets(state) for state in CampaignStatus}
#: the kinds a user records directly (a reversal is made from the entry it corrects)
OUTFLOW_KINDS = {EntryKind.HANDOVER: Flow.HANDOVER, EntryKind.SPENDING: Flow.SPENDING}
