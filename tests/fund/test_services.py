import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.core.models import AppendOnlyError, AuditEvent
from thidua.fund import services
from thidua.fund.models import Balance, Entry, Ledger

from .conftest import DAY, END, START


def messages(exc):
    return " ".join(exc.value.messages)


def test_contributions_get_consecutive_receipt_numbers_and_balances(world, campaign, give):
    first = give("canbo", 500_000)
    second = give("canbo2", 300_000)
    third = services.record_contribution(campaign, actor=None, unit=world.union, amount=2_000_000,
                                         entry_date=DAY, method="transfer")
    assert [first.number, second.number, third.number] == [1, 2, 3]
    ledger = Ledger.objects.get(campaign=campaign)
    assert (ledger.collected, ledger.balance, ledger.last_number, ledger.entry_count) == (2_800_000, 2_800_000, 3, 3)
    assert Balance.objects.get(campaign=campaign, key=f"u{world.transport.pk}").collected == 800_000
    assert Balance.objects.get(campaign=campaign, key=f"p{world.people['canbo'].pk}").collected == 500_000
    assert Balance.objects.get(campaign=campaign, key=f"u{world.union.pk}").collected == 2_000_000
    assert first.unit == world.transport and first.contributor_name == "Nguyễn Văn An"
    assert services.mismatches(campaign) == []


def test_every_entry_writes_an_audit_row(world, campaign, give):
    entry = give()
    event = AuditEvent.objects.filter(target_type="fund.entry", target_id=str(entry.pk)).get()
    assert event.agency_id == world.agency.pk
    assert event.changes["amount"] == [None, 500_000]
    assert AuditEvent.objects.filter(target_type="fund.campaign", target_id=str(campaign.pk)).exists()


def test_entries_cannot_be_changed_or_deleted(campaign, give):
    entry = give()
    entry.amount = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Entry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(AppendOnlyError):
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).amount == 500_000


def test_a_mistake_is_corrected_by_a_reversal_and_both_stay(world, campaign, give):
    entry = give(amount=5_000_000)
    reversal = services.reverse_entry(entry, actor=world.users["vanphong"], reason="Ghi nhầm: 500.000 đ",
                                      amount=4_500_000)
    assert reversal.amount == -4_500_000 and reversal.reverses == entry and reversal.number is None
    assert Entry.objects.filter(campaign=campaign).count() == 2
    assert Ledger.objects.get(campaign=campaign).collected == 500_000
    assert Balance.objects.get(campaign=campaign, key=f"p{world.people['canbo'].pk}").collected == 500_000
    assert services.remaining(entry) == 500_000
    assert "Ghi nhầm" in AuditEvent.objects.get(target_type="fund.entry", target_id=str(reversal.pk)).note


def test_a_reversal_needs_a_reason(campaign, give):
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(give(), actor=None, reason="  ")
    assert "lý do" in messages(exc)


def test_a_reversal_of_a_reversal_is_refused(campaign, give):
    reversal = services.reverse_entry(give(), actor=None, reason="Nhầm người")
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(reversal, actor=None, reason="Đảo lại")
    assert "bút toán gốc" in messages(exc)
    assert Entry.objects.count() == 2


def test_a_reversal_larger_than_the_entry_is_refused(campaign, give):
    entry = give(amount=500_000)
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(entry, actor=None, reason="Nhầm", amount=600_000)
    assert "lớn hơn số còn lại" in messages(exc) and "500.000 đ" in messages(exc)
    assert Entry.objects.count() == 1


def test_a_second_reversal_beyond_what_remains_is_refused(campaign, give):
    entry = give(amount=500_000)
    services.reverse_entry(entry, actor=None, reason="Nhầm lần 1", amount=300_000)
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(entry, actor=None, reason="Nhầm lần 2", amount=300_000)
    assert "200.000 đ" in messages(exc)
    services.reverse_entry(entry, actor=None, reason="Phần còn lại")
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(entry, actor=None, reason="Lần nữa")
    assert "điều chỉnh hết" in messages(exc)
    assert Ledger.objects.get(campaign=campaign).collected == 0
    assert services.mismatches(campaign) == []


@pytest.mark.parametrize("amount", [-5, 0, 1.5, "abc", True])
def test_bad_amounts_are_refused_and_nothing_is_saved(world, campaign, amount):
    with pytest.raises(ValidationError):
        services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=amount,
                                     entry_date=DAY, method="cash")
    assert not Entry.objects.exists()
    assert Ledger.objects.get(campaign=campaign).last_number == 0


def test_a_future_date_is_refused(world, campaign):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=1000,
                                     entry_date=tomorrow, method="cash")
    assert "tương lai" in messages(exc)


@pytest.mark.parametrize("day", [START - dt.timedelta(days=1), END + dt.timedelta(days=1)])
def test_a_date_outside_the_campaign_is_refused(world, campaign, day):
    with pytest.raises(ValidationError) as exc:
        services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=1000,
                                     entry_date=day, method="cash")
    assert "ngoài thời gian đợt vận động" in messages(exc)
    assert Ledger.objects.get(campaign=campaign).last_number == 0


def test_a_person_of_another_agency_cannot_be_recorded(world, campaign):
    with pytest.raises(ValidationError) as exc:
        services.record_contribution(campaign, actor=None, person=world.people["other"], amount=1000,
                                     entry_date=DAY, method="cash")
    assert "không thuộc" in messages(exc)


def test_handover_and_spending_reduce_the_balance_but_not_below_zero(world, campaign, give):
    give(amount=1_000_000)
    services.record_outflow(campaign, "handover", actor=None, amount=700_000, entry_date=END,
                            description="Bàn giao Ủy ban MTTQ tỉnh")
    services.record_outflow(campaign, "spending", actor=None, amount=200_000, entry_date=dt.date(2023, 11, 20),
                            description="Tặng quà hộ nghèo")
    with pytest.raises(ValidationError) as exc:
        services.record_outflow(campaign, "spending", actor=None, amount=200_000, entry_date=END,
                                description="Chi quá")
    assert "số dư âm" in messages(exc)
    ledger = Ledger.objects.get(campaign=campaign)
    assert (ledger.collected, ledger.handed_over, ledger.spent, ledger.balance) == (1_000_000, 700_000, 200_000,
                                                                                    100_000)
    assert services.mismatches(campaign) == []


def test_a_handover_can_be_reversed_which_restores_the_balance(campaign, give):
    give(amount=1_000_000)
    handover = services.record_outflow(campaign, "handover", actor=None, amount=700_000, entry_date=END,
                                       description="Bàn giao")
    reversal = services.reverse_entry(handover, actor=None, reason="Chưa bàn giao thực tế")
    assert reversal.amount == 700_000
    assert Ledger.objects.get(campaign=campaign).balance == 1_000_000


def test_reversing_a_contribution_already_handed_over_is_refused_while_the_money_is_gone(campaign, give):
    entry = give(amount=1_000_000)
    services.record_outflow(campaign, "handover", actor=None, amount=1_000_000, entry_date=END, description="Bàn giao")
    with pytest.raises(ValidationError) as exc:
        services.reverse_entry(entry, actor=None, reason="Nhầm")
    assert "số dư âm" in messages(exc)


def test_a_closed_campaign_refuses_entries_until_reopened(world, campaign, give):
    services.move_campaign(campaign, "closed", actor=None)
    with pytest.raises(ValidationError) as exc:
        give()
    assert "khóa sổ" in messages(exc)
    with pytest.raises(ValidationError):
        services.move_campaign(campaign, "closed", actor=None)
    services.move_campaign(campaign, "open", actor=None, reason="Đơn vị nộp bổ sung bảng kê.")
    assert give().number == 1


def test_campaign_dates_cannot_shrink_past_its_contributions(world, campaign, give):
    give(day=dt.date(2023, 11, 10))
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(campaign, actor=None, name=campaign.name, start_date=START,
                                 end_date=dt.date(2023, 11, 1))
    assert "10/11/2023" in messages(exc)


def test_bulk_entry_numbers_everyone_in_one_go(world, campaign):
    people = [world.people["truongphong"], world.people["canbo"], world.people["canbo2"]]
    entries = services.record_bulk(campaign, world.transport, [(p, 300_000) for p in people], actor=None,
                                   entry_date=DAY)
    assert [e.number for e in entries] == [1, 2, 3]
    assert {e.method for e in entries} == {"payroll"}
    assert Balance.objects.get(campaign=campaign, key=f"u{world.transport.pk}").collected == 900_000
    assert services.mismatches(campaign) == []


def test_bulk_entry_is_all_or_nothing(world, campaign):
    rows = [(world.people["canbo"], 300_000), (world.people["planning"], 300_000)]  # planning is another unit
    with pytest.raises(ValidationError):
        services.record_bulk(campaign, world.transport, rows, actor=None, entry_date=DAY)
    rows = [(world.people["canbo"], 300_000), (world.people["canbo2"], -1)]
    with pytest.raises(ValidationError) as exc:
        services.record_bulk(campaign, world.transport, rows, actor=None, entry_date=DAY)
    assert "Nguyễn Thị Lan" in messages(exc)
    assert not Entry.objects.exists() and Ledger.objects.get(campaign=campaign).last_number == 0


def test_numbers_are_per_campaign(world, campaign, other_campaign, give):
    give()
    other = services.record_contribution(other_campaign, actor=None, person=world.people["other"], amount=1000,
                                         entry_date=DAY, method="cash")
    assert other.number == 1


def test_the_start_year_of_a_campaign_with_receipts_cannot_change(campaign, give):
    entry = give("canbo", 500_000)
    label = campaign.receipt_label(entry.number)
    with pytest.raises(ValidationError, match="không đổi ngày bắt đầu sang năm khác"):
        services.update_campaign(campaign, actor=None, name=campaign.name, start_date=dt.date(START.year - 1, 12, 30),
                                 end_date=END)
    campaign.refresh_from_db()
    assert campaign.start_date == START and type(campaign).objects.get(pk=campaign.pk).receipt_label(entry.number) == label
    # within the same year the dates may still move
    services.update_campaign(campaign, actor=None, name=campaign.name, start_date=START - dt.timedelta(days=3),
                             end_date=END)


def test_receipt_codes_are_kept_so_printed_numbers_never_change(world, campaign, give):
    later = services.create_campaign(actor=None, agency=world.agency, name="Đợt vận động bổ sung 2023",
                                     start_date=dt.date(2023, 12, 1), end_date=dt.date(2023, 12, 20))
    assert campaign.receipt_label(1) == "1/2023/BN-VNN"
    assert later.receipt_label(1) == f"1/2023-Đ{later.pk}/BN-VNN"
    services.record_contribution(later, actor=None, person=world.people["canbo"], amount=100_000,
                                 entry_date=dt.date(2023, 12, 2), method="cash")
    # the first campaign, with no receipt yet, moves to 2022: the later one's printed numbers stay as they were
    services.update_campaign(campaign, actor=None, name=campaign.name, start_date=dt.date(2022, 12, 20), end_date=END)
    assert type(campaign).objects.get(pk=campaign.pk).receipt_label(1) == "1/2022/BN-VNN"
    assert type(later).objects.get(pk=later.pk).receipt_label(1) == f"1/2023-Đ{later.pk}/BN-VNN"
