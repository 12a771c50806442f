"""What a user found walking through the fund pages: spending tied to the activity it paid for, the ledger
header, the handover message, the export file name, identical contributions, and the refusals of bad input."""

import datetime as dt
import io
from html import unescape

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import AuditEvent, Job
from thidua.fund import services
from thidua.fund.models import Entry, Ledger
from thidua.participation.models import Activity

from .conftest import DAY, END, START
from .test_views import exported


def text_of(response) -> str:
    return unescape(response.content.decode())


def make_activity(agency, title, held_on):
    return Activity.objects.create(agency=agency, kind="visit_gift", title=title, held_on=held_on,
                                   cash_value=1_000_000)


@pytest.fixture
def funded(campaign, give):
    """A campaign holding 3.000.000 đ."""
    give("canbo", 3_000_000)
    return campaign


def spend(client, campaign, amount="1.000.000", day=END, activity=None, description="Tặng quà hộ nghèo"):
    data = {"amount": amount, "entry_date": day.strftime("%d/%m/%Y"), "description": description}
    if activity is not None:
        data["activity"] = activity.pk
    return client.post(reverse("fund:spending", args=[campaign.pk]), data)


# ------------------------------------------------------------------------- 1. spending on an activity


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


# ------------------------------------------------------------------------- 2. "Thu" is not Thursday


def test_the_ledger_header_reads_thu_and_chi_not_a_weekday(world, client, funded):
    services.reverse_entry(Entry.objects.get(), actor=None, reason="Nhầm số", amount=1_000,
                           entry_date=dt.date(2023, 10, 25))
    world.login(client, "vanphong")
    page = text_of(client.get(reverse("fund:detail", args=[funded.pk])))
    assert '<th class="text-end hide-sm">Thu</th><th class="text-end hide-sm">Chi</th>' in page
    assert "Thứ 5" not in page
    rows = list(openpyxl.load_workbook(io.BytesIO(exported(client, funded))).active.iter_rows(values_only=True))
    labels = [r[2] for r in rows if r and len(r) > 2 and isinstance(r[2], str)]
    assert "Bút toán điều chỉnh (thu)" in labels and not any("thứ" in label for label in labels)


# ------------------------------------------------------------------------- 3. the handover message


def test_the_handover_message_keeps_uy_ban_mttq_capitalised(world, client, funded):
    world.login(client, "vanphong")
    response = client.post(reverse("fund:handover", args=[funded.pk]), {
        "amount": "2.000.000", "entry_date": END.strftime("%d/%m/%Y"), "description": "Phiếu thu số 12"})
    page = text_of(client.get(response["Location"]))
    assert "Đã ghi khoản bàn giao cho Ủy ban MTTQ: 2.000.000 đ." in page and "ủy ban mttq" not in page
    handover = Entry.objects.get(kind="handover")
    reversal = services.reverse_entry(handover, actor=None, reason="Bàn giao nhầm số", amount=1_000,
                                      entry_date=END)
    assert reversal.description == f"Điều chỉnh khoản bàn giao cho Ủy ban MTTQ #{handover.pk}"


# ------------------------------------------------------------------------- 4. file names


def test_the_export_file_name_keeps_the_d_of_diem(world, client, campaign, give):
    give("canbo", 1_000_000)
    world.login(client, "vanphong")
    exported(client, campaign)
    job = Job.objects.get(kind="fund.export")
    assert job.result["filename"] == "so-quy-thang-cao-diem-vi-nguoi-ngheo-2023.xlsx"
    download = client.get(reverse("fund:export_download", args=[campaign.pk]) + f"?viec={job.pk}")
    assert 'filename="so-quy-thang-cao-diem-vi-nguoi-ngheo-2023.xlsx"' in download["Content-Disposition"]


def test_the_receipt_file_name_is_plain_ascii(world, client, campaign, give):
    entry = give("canbo", 1_000_000)
    world.login(client, "vanphong")
    disposition = client.get(reverse("fund:receipt", args=[entry.pk]))["Content-Disposition"]
    assert disposition == f'inline; filename="bien-nhan-{campaign.pk}-1.pdf"'


# ------------------------------------------------------------------------- 5. identical contributions


def contribute(client, campaign, person, amount="500.000", day="20/10/2023"):
    response = client.post(reverse("fund:contribute", args=[campaign.pk]), {
        "person": person.pk, "amount": amount, "entry_date": day, "method": "cash"}, follow=True)
    assert response.status_code == 200
    return text_of(response)


def test_identical_contributions_are_saved_with_a_warning(world, client, campaign):
    world.login(client, "vanphong")
    an = world.people["canbo"]
    first = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 1" in first and "Lưu ý" not in first
    second = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 2/2023/BN-VNN:" in second
    assert ("Lưu ý: đã có khoản ủng hộ cùng người, cùng số tiền, cùng ngày (biên nhận số 1/2023/BN-VNN). "
            "Nếu ghi nhầm, hãy lập bút toán điều chỉnh.") in second
    third = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 3" in third and "(biên nhận số 1/2023/BN-VNN, 2/2023/BN-VNN)" in third
    assert Entry.objects.filter(kind="contribution").count() == 3
    # another amount, another day or another person: no warning
    assert "Lưu ý" not in contribute(client, campaign, an, amount="300.000")
    assert "Lưu ý" not in contribute(client, campaign, an, day="21/10/2023")
    assert "Lưu ý" not in contribute(client, campaign, world.people["canbo2"])


def test_no_warning_when_the_earlier_one_was_fully_reversed(world, client, campaign, give):
    mistaken = give("canbo", 500_000)
    services.reverse_entry(mistaken, actor=None, reason="Ghi nhầm", entry_date=DAY)
    world.login(client, "vanphong")
    page = contribute(client, campaign, world.people["canbo"])
    assert "Đã ghi biên nhận số 2" in page and "Lưu ý" not in page


# ------------------------------------------------------------------------- 6. bad input, and what staff see


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


def test_the_reversal_form_refuses_what_cannot_be_reversed(world, client, campaign, give):
    entry = give(amount=500_000)
    world.login(client, "vanphong")
    url = reverse("fund:reverse", args=[entry.pk])
    response = client.post(url, {"amount": "600.000", "reason": "Nhầm"})
    assert "Số tiền điều chỉnh 600.000 đ lớn hơn số còn lại của bút toán (500.000 đ)." in text_of(response)
    assert "không phải là số tiền" in text_of(client.post(url, {"amount": "abc", "reason": "Nhầm"}))
    assert "không được âm" in text_of(client.post(url, {"amount": "-5", "reason": "Nhầm"}))
    assert "tương lai" in text_of(client.post(url, {
        "reason": "Nhầm", "entry_date": (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")}))
    assert Entry.objects.count() == 1
    assert client.post(url, {"amount": "", "reason": "Ghi nhầm người"}).status_code == 302
    # a second reversal of the fully reversed entry, and a reversal of the reversal
    again = client.post(url, {"amount": "", "reason": "Lần nữa"})
    assert "Bút toán này đã được điều chỉnh hết" in text_of(again)
    reversal = Entry.objects.get(kind="reversal")
    twice = client.post(reverse("fund:reverse", args=[reversal.pk]), {"reason": "Đảo lại"})
    assert "không thể điều chỉnh nó; hãy điều chỉnh bút toán gốc" in text_of(twice)
    assert Entry.objects.count() == 2


def test_a_staff_member_sees_only_his_own_contributions_on_the_ledger(world, client, campaign, give):
    give("canbo", 111_000)
    give("canbo2", 222_000)
    give("planning", 333_000)
    services.record_contribution(campaign, actor=None, unit=world.transport, amount=444_000, entry_date=DAY,
                                 method="transfer")
    services.record_outflow(campaign, "handover", actor=None, amount=555_000, entry_date=END,
                            description="Bàn giao Ủy ban MTTQ tỉnh")
    world.login(client, "canbo")
    page = text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    assert "Bạn đã ủng hộ đợt này: <strong>111.000 đ</strong>." in page
    for hidden in ["222.000 đ", "333.000 đ", "444.000 đ", "555.000 đ", "Nguyễn Thị Lan", "Đặng Thị Hồng",
                   "Bàn giao Ủy ban MTTQ tỉnh", "Số dư đang giữ", "Theo đơn vị"]:
        assert hidden not in page, hidden
    assert page.count("Biên nhận</a>") == 1
    assert "/dieu-chinh/" not in page and reverse("fund:spending", args=[campaign.pk]) not in page
