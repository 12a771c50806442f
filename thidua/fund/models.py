"""The "Vì người nghèo" fund: campaigns, an append-only ledger, and the balances kept beside it.

Money is a whole number of đồng. `Entry.amount` is signed by its effect on the money the agency holds:
a contribution adds, a handover to the Fatherland Front committee and a spending subtract, a reversal has the
opposite sign of the entry it corrects. So a campaign's balance is the plain SUM of its entries' amounts, and
each column (collected, handed over, spent) is the SUM over the entries of that `flow`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from thidua.core.models import AppendOnlyError, AppendOnlyQuerySet
from thidua.core.money import format_money
from thidua.core.text import fold, nfc
from thidua.org.models import OrgUnit, Person

from .enums import CampaignStatus, EntryKind, Flow, Method


class Campaign(models.Model):
    agency = models.ForeignKey(OrgUnit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="fund_campaigns")
    movement = models.ForeignKey(
        "movements.Movement", verbose_name="thuộc phong trào", null=True, blank=True, on_delete=models.PROTECT,
        related_name="fund_campaigns",
    )
    name = models.CharField("tên đợt vận động", max_length=255)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày")
    status = models.CharField("trạng thái", max_length=10, choices=CampaignStatus.choices,
                              default=CampaignStatus.OPEN)
    fund_holder = models.CharField("nơi tiếp nhận quỹ", max_length=255, blank=True,
                                   help_text="Ví dụ: Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")
    name_key = models.CharField(max_length=260, editable=False, default="")
    #: the middle part of the campaign's receipt numbers ("15/2024/BN-VNN"): its start year, or the year and the
    #: campaign id ("2024-Đ7") when another campaign of the agency already holds that year. Kept, so that the
    #: numbers printed never change; reassigned only while the campaign has no entry (see services).
    receipt_code = models.CharField("mã biên nhận", max_length=20, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đợt vận động Quỹ Vì người nghèo"
        verbose_name_plural = "đợt vận động Quỹ Vì người nghèo"
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["agency", "-start_date", "-id"], name="fund_campaign_agency_idx"),
            # the province-wide list: newest first, read a page at a time by keyset
            models.Index(fields=["-start_date", "-id"], name="fund_campaign_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="fund_campaign_dates"),
            models.UniqueConstraint(fields=["agency", "receipt_code"], condition=~models.Q(receipt_code=""),
                                    name="fund_campaign_receipt_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.fund_holder = nfc(self.fund_holder)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)
        if not self.receipt_code:
            year = str(self.start_date.year)
            taken = Campaign.objects.filter(agency_id=self.agency_id, receipt_code=year).exclude(pk=self.pk)
            self.receipt_code = f"{year}-Đ{self.pk}" if taken.exists() else year
            Campaign.objects.filter(pk=self.pk).update(receipt_code=self.receipt_code)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    def receipt_label(self, number: int | None) -> str:
        return receipt_label(self, number)


RECEIPT_SUFFIX = "BN-VNN"


def receipt_label(campaign: Campaign, number: int | None) -> str:
    """How every page, message, receipt and export prints a receipt number: "15/2024/BN-VNN". The sequence
    (`Entry.number`) stays per campaign, with no gap and no duplicate; the campaign's code makes it unique."""
    if not number:
        return ""
    return f"{number}/{campaign.receipt_code}/{RECEIPT_SUFFIX}"


class Ledger(models.Model):
    """One row per campaign: the receipt counter (locked with SELECT … FOR UPDATE by every write, so entries of
    a campaign are written one at a time and numbers have no gaps and no duplicates) and the campaign totals."""

    campaign = models.OneToOneField(Campaign, primary_key=True, on_delete=models.CASCADE, related_name="ledger")
    last_number = models.PositiveIntegerField(default=0)
    collected = models.BigIntegerField("đã thu", default=0)
    handed_over = models.BigIntegerField("đã bàn giao", default=0)
    spent = models.BigIntegerField("đã chi", default=0)
    entry_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sổ quỹ của đợt"

    @property
    def balance(self) -> int:
        return self.collected - self.handed_over - self.spent


class Balance(models.Model):
    """What a unit or a person has contributed to a campaign (contributions less their reversals), kept in the
    same transaction as the entries. `key` is "u<unit id>" or "p<person id>"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="balances")
    key = models.CharField(max_length=24)
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    collected = models.BigIntegerField("đã ủng hộ", default=0)
    entry_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "số đã ủng hộ"
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="fund_balance_key")]
        indexes = [models.Index(fields=["campaign", "unit"], name="fund_balance_unit_idx")]


class EntryQuerySet(AppendOnlyQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Sổ quỹ chỉ ghi thêm: không được sửa bút toán; hãy lập bút toán điều chỉnh.")

    def delete(self):
        raise AppendOnlyError("Sổ quỹ chỉ ghi thêm: không được xóa bút toán; hãy lập bút toán điều chỉnh.")


class Entry(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name="đợt vận động", on_delete=models.PROTECT,
                                 related_name="entries")
    kind = models.CharField("loại", max_length=12, choices=EntryKind.choices)
    flow = models.CharField("cột", max_length=10, choices=Flow.choices)
    #: receipt number, per campaign, contributions only: 1, 2, 3 … with no gap
    number = models.PositiveIntegerField("số biên nhận", null=True, blank=True)
    entry_date = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)")
    method = models.CharField("hình thức", max_length=10, choices=Method.choices, blank=True)
    person = models.ForeignKey(Person, verbose_name="cá nhân ủng hộ", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="fund_entries")
    #: the contributing unit, or the unit the contributing person belonged to when the entry was written
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="fund_entries")
    contributor_name = models.CharField("người / đơn vị ủng hộ", max_length=255, blank=True)
    description = models.CharField("nội dung", max_length=500, blank=True)
    reverses = models.ForeignKey("self", verbose_name="điều chỉnh bút toán", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reversals")
    reason = models.TextField("lý do điều chỉnh", blank=True)
    #: the support activity a spending paid for (a reversal of that spending points to the same activity)
    activity = models.ForeignKey("participation.Activity", verbose_name="hoạt động được chi", null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="fund_entries")
    batch = models.CharField("đợt nhập", max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "bút toán quỹ"
        verbose_name_plural = "sổ quỹ"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["campaign", "-id"], name="fund_entry_campaign_idx"),
            models.Index(fields=["campaign", "unit", "-id"], name="fund_entry_unit_idx"),
            models.Index(fields=["campaign", "kind", "-id"], name="fund_entry_kind_idx"),
            # a unit's corrections counted apart from its contributions (fund unit page): read, not scanned
            models.Index(fields=["campaign", "unit", "kind"], name="fund_entry_unit_kind_idx"),
            models.Index(fields=["person", "-id"], name="fund_entry_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], condition=models.Q(number__isnull=False),
                                    name="fund_entry_number_unique"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="fund_entry_amount_nonzero"),
            models.CheckConstraint(
                condition=(models.Q(kind=EntryKind.REVERSAL, reverses__isnull=False)
                           | (~models.Q(kind=EntryKind.REVERSAL) & models.Q(reverses__isnull=True))),
                name="fund_entry_reversal_link",
            ),
            models.CheckConstraint(
                condition=(models.Q(activity__isnull=True)
                           | models.Q(kind__in=[EntryKind.SPENDING, EntryKind.REVERSAL])),
                name="fund_entry_activity_spending",
            ),
        ]

    def __str__(self) -> str:
        label = f"Biên nhận số {receipt_label(self.campaign, self.number)}" if self.number else self.get_kind_display()
        return f"{label} — {format_money(abs(self.amount))}"

    def save(self, *args, **kwargs):
        if not self._state.adding or self.pk is not None:
            raise AppendOnlyError("Sổ quỹ chỉ ghi thêm: không được sửa bút toán; hãy lập bút toán điều chỉnh.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Sổ quỹ chỉ ghi thêm: không được xóa bút toán; hãy lập bút toán điều chỉnh.")

    @property
    def audit_agency_id(self) -> int | None:
        return self.campaign.agency_id

    @property
    def magnitude(self) -> int:
        return abs(self.amount)

    @property
    def money_in(self) -> int | None:
        return self.amount if self.amount > 0 else None

    @property
    def money_out(self) -> int | None:
        return -self.amount if self.amount < 0 else None
