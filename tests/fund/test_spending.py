"""Spending from the fund: tied to the activity it paid for (shown in the ledger, the audit, the export and on
the activity page), refused for another agency's activity, and the spending and handover forms' bad input."""

import datetime as dt
import io
from html import unescape

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.participation.helpers import activity
from thidua.core.models import AuditEvent
from thidua.fund import services
from thidua.fund.models import Entry, Ledger
from thidua.participation.models import Activity

from .conftest import END, START
from .test_views import exported


def text_of(response) -> str:
    return unescape(response.content.decode())


def make_activity(agency, title, held_on):
    return Activity.objects.create(agency=agency, kind="visit_gift", title=title, held_on=held_on,
                                   cash_value=1_000_000)


def spend(client, campaign, amount="1.000.000", day=END, activity=None, description="Tặng quà hộ nghèo"):
    data = {"amount": amount, "entry_date": day.strftime("%d/%m/%Y"), "description": description}
    if activity is not None:
        data["activity"] = activity.pk
    return client.post(reverse("fund:spending", args=[campaign.pk]), data)


def test_the_spending_form_offers_the_agencys_recent_activities_newest_first(world, client, campaign):
    make_activity(world.agency, "Thăm hỏi, tặng quà hộ nghèo xã Quang Trung", dt.date(2023, 10, 25))
    recent = make_activity(world.agency, "Hỗ trợ nhà ở hộ Nông Văn Páo",
                           timezone.localdate() - dt.timedelta(days=10))
    make_activity(world.agency, "Hoạt động năm 2021", dt.date(2021, 3, 1))
    make_activity(world.other_agency, "Hoạt động của Sở Y tế", dt.date(2023, 10, 26))
    world.login(client, "vanphong")
    page = text_of(client.get(reverse("fund:spending", args=[campaign.pk])))
    assert "Hoạt động hỗ trợ được chi" in page and "— không gắn hoạt động —" in page
    recent_label = f"{recent.held_on:%d/%m/%Y} – Hỗ trợ nhà ở hộ Nông Văn Páo"
    assert recent_label in page and "25/10/2023 – Thăm hỏi, tặng quà hộ nghèo xã Quang Trung" in page
    assert page.index(recent_label) < page.index("25/10/2023 – Thăm hỏi")
    assert "Hoạt động năm 2021" not in page and "Sở Y tế" not in page
    # the handover form has no activity
    assert "Hoạt động hỗ trợ được chi" not in text_of(client.get(reverse("fund:handover", args=[campaign.pk])))


def test_a_spending_names_its_activity_in_the_ledger_the_audit_and_the_export(world, client, funded):
    gift = make_activity(world.agency, "Tặng quà 20 hộ nghèo xã Quang Trung", dt.date(2023, 11, 10))
    world.login(client, "vanphong")
    response = spend(client, funded, "1.000.000", activity=gift)
    assert response.status_code == 302
    entry = Entry.objects.get(kind="spending")
    assert entry.activity == gift and entry.amount == -1_000_000
    page = text_of(client.get(response["Location"]))
    assert "Đã ghi khoản chi 1.000.000 đ cho hoạt động “10/11/2023 – Tặng quà 20 hộ nghèo xã Quang Trung”." in page
    link = reverse("participation:activity", args=[gift.pk])
    assert f'<a href="{link}">10/11/2023 – Tặng quà 20 hộ nghèo xã Quang Trung</a>' in page
    event = AuditEvent.objects.get(target_type="fund.entry", target_id=str(entry.pk))
    assert event.changes["activity"] == [None, "Tặng quà 20 hộ nghèo xã Quang Trung"]

    # a correction keeps pointing to the same activity, and the ledger stays append-only
    reversal = services.reverse_entry(entry, actor=None, reason="Chi thừa", amount=200_000, entry_date=END)
    assert reversal.activity == gift and Entry.objects.get(pk=entry.pk).activity == gift
    assert Ledger.objects.get(campaign=funded).spent == 800_000
    # the activity's own page says what the fund paid for it, net of the correction
    activity_page = text_of(client.get(link))
    assert "Chi từ Quỹ “Vì người nghèo”" in activity_page
    campaign_link = f'<a href="{reverse("fund:detail", args=[funded.pk])}">{funded.name}</a>'
    assert f"800.000 đồng — {campaign_link}" in activity_page

    book = openpyxl.load_workbook(io.BytesIO(exported(client, funded)))
    rows = list(book.active.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Số BN")
    column = header.index("Hoạt động được chi")
    data = rows[rows.index(header) + 1:]
    assert [r[column] or "" for r in data] == ["", "10/11/2023 – Tặng quà 20 hộ nghèo xã Quang Trung",
                                              "10/11/2023 – Tặng quà 20 hộ nghèo xã Quang Trung"]


def test_a_spending_without_an_activity_still_works(world, client, funded):
    world.login(client, "vanphong")
    response = spend(client, funded, "500.000")
    assert response.status_code == 302
    assert Entry.objects.get(kind="spending").activity is None
    assert "Đã ghi khoản chi hoạt động: 500.000 đ." in text_of(client.get(response["Location"]))


def test_an_activity_of_another_agency_is_refused(world, client, funded):
    elsewhere = make_activity(world.other_agency, "Khám bệnh miễn phí (Sở Y tế)", dt.date(2023, 11, 1))
    world.login(client, "vanphong")
    response = spend(client, funded, activity=elsewhere)
    assert response.status_code == 200
    page = text_of(response)  # the other agency's activity is not even named
    assert "Không tìm thấy hoạt động đã chọn; hãy chọn lại trong danh sách." in page
    assert "Khám bệnh miễn phí" not in page
    assert not Entry.objects.filter(kind="spending").exists()
    assert Ledger.objects.get(campaign=funded).spent == 0


def test_only_a_spending_is_tied_to_an_activity(world, funded):
    gift = make_activity(world.agency, "Tặng quà", dt.date(2023, 11, 1))
    with pytest.raises(Exception) as exc:
        services.record_outflow(funded, "handover", actor=None, amount=1000, entry_date=END,
                                description="Bàn giao", activity=gift)
    assert "Chỉ khoản chi hoạt động" in " ".join(exc.value.messages)
    assert not Entry.objects.filter(kind="handover").exists()


@pytest.mark.parametrize("amount, message", [
    ("-5", "không được âm"), ("1,5", "không có phần lẻ"), ("abc", "không phải là số tiền"), ("", "Hãy nhập số tiền"),
])
def test_bad_amounts_in_the_spending_and_handover_forms_save_nothing(world, client, funded, amount, message):
    world.login(client, "vanphong")
    assert message in text_of(spend(client, funded, amount))
    response = client.post(reverse("fund:handover", args=[funded.pk]), {
        "amount": amount, "entry_date": END.strftime("%d/%m/%Y"), "description": "Bàn giao"})
    assert response.status_code == 200 and message in text_of(response)
    assert Entry.objects.count() == 1


def test_a_vietnamese_amount_is_accepted_in_the_spending_form(world, client, funded):
    world.login(client, "vanphong")
    assert spend(client, funded, "1.000.000 đ").status_code == 302
    assert Entry.objects.get(kind="spending").amount == -1_000_000


def test_bad_dates_in_the_spending_form_save_nothing(world, client, funded):
    world.login(client, "vanphong")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert "tương lai" in text_of(spend(client, funded, day=tomorrow))
    assert "trước ngày bắt đầu đợt vận động" in text_of(spend(client, funded, day=START - dt.timedelta(days=1)))
    assert Entry.objects.count() == 1


def test_the_funded_amount_is_shown_only_to_those_who_read_the_whole_ledger(world, client):
    supported = activity(world, title="Tặng quà hộ nghèo", held_on=dt.date(2023, 11, 10))
    campaign = services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2023",
                                             start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=2_000_000,
                                      entry_date=dt.date(2023, 10, 20), method="cash")
    services.record_outflow(campaign, "spending", actor=None, amount=1_500_000,
                                 entry_date=dt.date(2023, 11, 12), description="Tặng quà", activity=supported)
    url = reverse("participation:activity", args=[supported.pk])
    world.login(client, "vanphong")
    assert 'id="activity-funded"' in client.get(url).content.decode()
    world.login(client, "truongphong")  # sees the activity of his unit, not the agency's whole ledger
    page = client.get(url)
    assert page.status_code == 200 and 'id="activity-funded"' not in page.content.decode()
