import datetime as dt
import io
import os
import time

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from thidua.core.models import Job
from thidua.fund import services
from thidua.fund.models import Entry, Ledger

from ..factories import PersonFactory
from .conftest import DAY, END, START


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def text_of(response) -> str:
    return response.content.decode()


def exported(client, campaign) -> bytes:
    """Start the export (a background job, run at once in tests), follow to its page, download the file."""
    response = client.post(reverse("fund:export", args=[campaign.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Đã xuất" in text_of(page)
    job = Job.objects.filter(kind="fund.export").latest("id")
    download = client.get(reverse("fund:export_download", args=[campaign.pk]) + f"?viec={job.pk}")
    assert download.status_code == 200
    return b"".join(download.streaming_content)


# ------------------------------------------------------------------------------- permissions


def test_anonymous_visitors_are_sent_to_login(client, campaign, give):
    entry = give()
    for url in [reverse("fund:list"), reverse("fund:detail", args=[campaign.pk]),
                reverse("fund:receipt", args=[entry.pk]), reverse("fund:export", args=[campaign.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["vanphong", "congdoan", "giamdoc", "truongphong", "canbo", "tinh", "admin"])
def test_people_of_the_agency_and_the_province_see_the_campaign(world, client, campaign, role):
    world.login(client, role)
    assert campaign.name in text_of(client.get(reverse("fund:list")))
    assert client.get(reverse("fund:detail", args=[campaign.pk])).status_code == 200


def test_another_agency_gets_404(world, client, campaign, give):
    entry = give()
    world.login(client, "vanphong_khac")
    assert campaign.name not in text_of(client.get(reverse("fund:list")))
    for url in [reverse("fund:detail", args=[campaign.pk]), reverse("fund:contribute", args=[campaign.pk]),
                reverse("fund:handover", args=[campaign.pk]), reverse("fund:reverse", args=[entry.pk]),
                reverse("fund:receipt", args=[entry.pk]), reverse("fund:export", args=[campaign.pk]),
                reverse("fund:bulk", args=[campaign.pk, world.transport.pk])]:
        assert client.get(url).status_code == 404, url


def test_staff_see_only_their_own_contributions(world, client, campaign, give):
    give("canbo", 111_000)
    give("canbo2", 222_000)
    world.login(client, "canbo")
    page = text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    assert "111.000 đ" in page and "222.000 đ" not in page and "Nguyễn Thị Lan" not in page
    assert client.get(reverse("fund:contribute", args=[campaign.pk])).status_code == 403


def test_unit_head_sees_and_records_only_his_units(world, client, campaign, give):
    give("canbo", 111_000)
    give("planning", 333_000)
    world.login(client, "truongphong")
    page = text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    assert "111.000 đ" in page and "333.000 đ" not in page
    assert client.get(reverse("fund:bulk", args=[campaign.pk, world.planning.pk])).status_code == 404
    assert client.get(reverse("fund:unit", args=[campaign.pk, world.planning.pk])).status_code == 404
    assert client.get(reverse("fund:handover", args=[campaign.pk])).status_code == 403
    response = client.post(reverse("fund:contribute", args=[campaign.pk]), {
        "person": world.people["planning"].pk, "amount": "100.000", "entry_date": "20/10/2023", "method": "cash"})
    assert response.status_code == 200 and "không thuộc phạm vi" in text_of(response)
    assert Entry.objects.count() == 2


# ------------------------------------------------------------------------------- forms


def post_contribution(client, campaign, person, amount, day="20/10/2023"):
    return client.post(reverse("fund:contribute", args=[campaign.pk]), {
        "person": person.pk, "amount": amount, "entry_date": day, "method": "cash"})


def test_the_contribution_form_accepts_vietnamese_amounts(world, client, campaign):
    world.login(client, "congdoan")
    response = post_contribution(client, campaign, world.people["canbo"], "1.000.000 đ")
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.amount, entry.number, entry.created_by) == (1_000_000, 1, world.users["congdoan"])


@pytest.mark.parametrize("amount, message", [
    ("1,5", "không có phần lẻ"), ("-5", "không được âm"), ("abc", "không phải là số tiền"), ("", "Hãy nhập số tiền"),
])
def test_bad_amounts_show_a_message_and_save_nothing(world, client, campaign, amount, message):
    world.login(client, "vanphong")
    response = post_contribution(client, campaign, world.people["canbo"], amount)
    assert response.status_code == 200 and message in text_of(response)
    assert not Entry.objects.exists()


def test_bad_dates_show_a_message_and_save_nothing(world, client, campaign):
    world.login(client, "vanphong")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert "tương lai" in text_of(post_contribution(client, campaign, world.people["canbo"], "1000", tomorrow))
    assert "ngoài thời gian" in text_of(post_contribution(client, campaign, world.people["canbo"], "1000",
                                                          "01/10/2023"))
    assert "Ngày 31/02/2023 không có thật" in text_of(post_contribution(client, campaign, world.people["canbo"], "1000",
                                                            "31/02/2023"))
    assert not Entry.objects.exists()


def test_unit_head_enters_a_days_wage_for_the_whole_unit(world, client, campaign):
    world.login(client, "truongphong")
    url = reverse("fund:bulk", args=[campaign.pk, world.transport.pk])
    page = client.get(url + "?muc=300.000")
    people = [world.people[k] for k in ("truongphong", "canbo", "canbo2")]
    assert all(p.full_name in text_of(page) for p in people) and 'value="300.000"' in text_of(page)
    data = {"entry_date": "25/10/2023", "method": "payroll", f"amount_{people[0].pk}": "450.000",
            f"amount_{people[1].pk}": "300 000", f"amount_{people[2].pk}": ""}
    assert client.post(url, data).status_code == 302
    assert dict(Entry.objects.values_list("person_id", "amount")) == {people[0].pk: 450_000, people[1].pk: 300_000}
    assert sorted(Entry.objects.values_list("number", flat=True)) == [1, 2]
    assert Ledger.objects.get(campaign=campaign).collected == 750_000


def test_one_bad_row_in_the_bulk_form_saves_nothing_and_names_the_row(world, client, campaign):
    world.login(client, "truongphong")
    url = reverse("fund:bulk", args=[campaign.pk, world.transport.pk])
    data = {"entry_date": "25/10/2023", "method": "payroll", f"amount_{world.people['canbo'].pk}": "300.000",
            f"amount_{world.people['canbo2'].pk}": "3,5"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Dòng Nguyễn Thị Lan" in text_of(response)
    assert not Entry.objects.exists()


def test_reversal_form_requires_a_reason_and_refuses_too_much(world, client, campaign, give):
    entry = give(amount=500_000)
    world.login(client, "vanphong")
    url = reverse("fund:reverse", args=[entry.pk])
    assert "Hãy ghi lý do" in text_of(client.post(url, {"amount": "100.000", "reason": ""}))
    assert "lớn hơn số còn lại" in text_of(client.post(url, {"amount": "600.000", "reason": "Nhầm"}))
    assert client.post(url, {"amount": "", "reason": "Ghi nhầm người"}).status_code == 302
    reversal = Entry.objects.get(kind="reversal")
    assert reversal.amount == -500_000 and reversal.reason == "Ghi nhầm người"
    page = text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    assert "Ghi nhầm người" in page and "Đã điều chỉnh 500.000 đ" in page
    second = client.post(reverse("fund:reverse", args=[reversal.pk]), {"reason": "Đảo lại"})
    assert "bút toán gốc" in text_of(second)
    assert Entry.objects.count() == 2


def test_handover_and_spending_forms(world, client, campaign, give):
    give(amount=1_000_000)
    world.login(client, "vanphong")
    response = client.post(reverse("fund:handover", args=[campaign.pk]), {
        "amount": "800.000", "entry_date": END.strftime("%d/%m/%Y"), "description": "Bàn giao Ủy ban MTTQ tỉnh"})
    assert response.status_code == 302
    response = client.post(reverse("fund:spending", args=[campaign.pk]), {
        "amount": "300.000", "entry_date": END.strftime("%d/%m/%Y"), "description": "Tặng quà"})
    assert "số dư âm" in text_of(response)
    assert Ledger.objects.get(campaign=campaign).balance == 200_000


def test_secretariat_creates_and_closes_a_campaign(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("fund:create"), {
        "agency": world.agency.pk, "name": "Tháng cao điểm Vì người nghèo 2024", "start_date": "17/10/2024",
        "end_date": "18/11/2024", "fund_holder": "Ủy ban MTTQ tỉnh Cao Bằng"})
    assert response.status_code == 302
    campaign = world.agency.fund_campaigns.get()
    client.post(reverse("fund:move", args=[campaign.pk]), {"to": "closed"})
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert client.get(reverse("fund:contribute", args=[campaign.pk])).status_code == 302


def test_an_end_before_the_start_is_refused(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("fund:create"), {
        "agency": world.agency.pk, "name": "Đợt sai", "start_date": "18/11/2024", "end_date": "17/10/2024"})
    assert "Ngày kết thúc" in text_of(response)
    assert not world.agency.fund_campaigns.exists()


# ------------------------------------------------------------------------------- documents


def test_the_receipt_is_a_pdf_with_the_amount_in_words(world, client, campaign, give):
    give("canbo", 150_000)
    entry = give("canbo", 1_000_000)
    world.login(client, "canbo")
    response = client.get(reverse("fund:receipt", args=[entry.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in ["BIÊN NHẬN", "Số: 2/2023/BN-VNN", "Nguyễn Văn An", "1.000.000 đ", "Một triệu đồng",
                     "Tháng cao điểm Vì người nghèo 2023", "UBND TỈNH CAO BẰNG"]:
        assert expected in text, expected


def test_receipts_are_scoped_like_the_ledger(world, client, campaign, give):
    mine, colleague, elsewhere = give("canbo", 1_000_000), give("canbo2", 1_000), give("planning", 1_000)
    world.login(client, "canbo")
    assert client.get(reverse("fund:receipt", args=[mine.pk])).status_code == 200
    assert client.get(reverse("fund:receipt", args=[colleague.pk])).status_code == 404
    world.login(client, "truongphong")
    assert client.get(reverse("fund:receipt", args=[colleague.pk])).status_code == 200
    assert client.get(reverse("fund:receipt", args=[elsewhere.pk])).status_code == 404


def test_the_ledger_exports_to_xlsx(world, client, campaign, give):
    entry = give("canbo", 1_000_000)
    give("canbo2", 250_000)
    services.reverse_entry(entry, actor=None, reason="Nhầm số", amount=400_000, entry_date=dt.date(2023, 10, 25))
    world.login(client, "vanphong")
    book = openpyxl.load_workbook(io.BytesIO(exported(client, campaign)))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Số BN"))
    data = rows[header + 1:]
    assert [(r[0], r[3], r[7], r[8]) for r in data] == [
        ("1/2023/BN-VNN", "Nguyễn Văn An", 1_000_000, None), ("2/2023/BN-VNN", "Nguyễn Thị Lan", 250_000, None),
        (None, "Nguyễn Văn An", None, 400_000)]
    assert data[2][9] == "1/2023/BN-VNN" and data[2][10] == "Nhầm số"
    assert data[0][1].date() == DAY
    assert any(r and r[0] == "Đã thu" and r[1] == 850_000 for r in rows[:header])


def test_staff_export_only_their_own_entries(world, client, campaign, give):
    give("canbo", 1_000_000)
    give("canbo2", 250_000)
    world.login(client, "canbo")
    book = openpyxl.load_workbook(io.BytesIO(exported(client, campaign)))
    names = [r[3] for r in book.active.iter_rows(values_only=True) if r and str(r[0]).endswith("/BN-VNN")]
    assert names == ["Nguyễn Văn An"]


# ------------------------------------------------------------------------------- query counts


def test_campaign_list_uses_the_same_queries_for_one_and_many_campaigns(world, client, campaign, give):
    give()
    world.login(client, "canbo")
    few = count(client, reverse("fund:list"))
    for year in range(2010, 2022):
        services.create_campaign(actor=None, agency=world.agency, name=f"Tháng cao điểm {year}",
                                 start_date=dt.date(year, 10, 17), end_date=dt.date(year, 11, 18))
    assert count(client, reverse("fund:list")) == few


@pytest.mark.parametrize("role", ["vanphong", "truongphong", "canbo"])
def test_campaign_detail_queries_do_not_grow_with_entries(world, client, campaign, give, role):
    give()
    world.login(client, role)
    url = reverse("fund:detail", args=[campaign.pk])
    few = count(client, url)
    for i in range(60):
        give(["canbo", "canbo2", "planning", "team"][i % 4], 10_000 + i)
    services.reverse_entry(Entry.objects.first(), actor=None, reason="Nhầm")
    assert count(client, url) == few
    assert ("Xem thêm" in text_of(client.get(url))) == (role == "vanphong")


def test_unit_page_queries_do_not_grow_with_people_or_entries(world, client, campaign, give):
    give()
    world.login(client, "truongphong")
    url = reverse("fund:unit", args=[campaign.pk, world.transport.pk])
    few = count(client, url)
    for _ in range(10):
        p = PersonFactory(unit=world.transport)
        services.record_contribution(campaign, actor=None, person=p, amount=5000, entry_date=START, method="cash")
    assert count(client, url) == few


def test_entries_page_on_by_keyset(world, client, campaign, give):
    for i in range(55):
        give("canbo", 1000 + i)
    world.login(client, "vanphong")
    first = text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    assert "56.000 đ" not in first  # not an entry; sanity of the format below
    assert "1.054 đ" in first and "1.000 đ" not in first
    oldest_shown = Entry.objects.order_by("-id")[49].pk
    second = text_of(client.get(reverse("fund:detail", args=[campaign.pk]) + f"?truoc={oldest_shown}"))
    assert "1.000 đ" in second and "1.054 đ" not in second


def test_the_export_runs_as_a_job_and_writes_under_media_root(world, client, campaign, give, settings):
    give("canbo", 1_000_000)
    world.login(client, "vanphong")
    exported(client, campaign)
    job = Job.objects.get(kind="fund.export")
    assert job.status == "done" and job.result["rows"] == 1 and job.result["path"] == f"exports/fund/{job.pk}.xlsx"
    assert (settings.MEDIA_ROOT / job.result["path"]).is_file()
    assert job.params == {"campaign_id": campaign.pk, "user_id": world.users["vanphong"].pk}
    # the progress page polls with HTMX and answers the fragment
    fragment = client.get(reverse("fund:export", args=[campaign.pk]) + f"?viec={job.pk}", HTTP_HX_REQUEST="true")
    assert 'id="export-progress"' in text_of(fragment) and "<html" not in text_of(fragment)


def test_an_export_is_only_downloaded_by_its_owner_for_its_campaign(world, client, campaign, other_campaign,
                                                                    give):
    give("canbo", 1_000_000)
    world.login(client, "vanphong")
    exported(client, campaign)
    job = Job.objects.get(kind="fund.export")
    download = reverse("fund:export_download", args=[campaign.pk]) + f"?viec={job.pk}"
    # another campaign in the URL, or a job that is not a fund export: 404
    world.login(client, "vanphong_khac")
    assert client.get(reverse("fund:export_download", args=[other_campaign.pk]) + f"?viec={job.pk}"
                      ).status_code == 404
    assert client.get(download).status_code == 404  # cannot see the campaign
    world.login(client, "giamdoc")  # sees the campaign, but the file is vanphong's
    assert client.get(download).status_code == 404
    world.login(client, "vanphong")
    other = Job.objects.create(kind="test", title="Việc khác", created_by=world.users["vanphong"])
    assert client.get(reverse("fund:export_download", args=[campaign.pk]) + f"?viec={other.pk}"
                      ).status_code == 404
    assert client.get(reverse("fund:export", args=[campaign.pk]) + f"?viec={other.pk}").status_code == 404
    assert client.get(reverse("fund:export_download", args=[campaign.pk])).status_code == 302
    assert client.get(download).status_code == 200


def test_old_export_files_are_swept_and_their_link_asks_for_a_new_export(world, client, campaign, give, settings):
    give("canbo", 1_000_000)
    world.login(client, "vanphong")
    exported(client, campaign)
    old = Job.objects.get(kind="fund.export")
    old_file = settings.MEDIA_ROOT / old.result["path"]
    crashed = old_file.with_name("999.part")  # left half-written by a crashed worker
    crashed.write_bytes(b"PK")
    stale = time.time() - (settings.EXPORT_RETENTION_HOURS + 1) * 3600
    for path in (old_file, crashed):
        os.utime(path, (stale, stale))
    exported(client, campaign)  # a new export sweeps the expired files and keeps its own
    new = Job.objects.filter(kind="fund.export").latest("id")
    assert not old_file.exists() and not crashed.exists()
    assert (settings.MEDIA_ROOT / new.result["path"]).is_file()
    response = client.get(reverse("fund:export_download", args=[campaign.pk]) + f"?viec={old.pk}", follow=True)
    assert response.redirect_chain[-1][0] == reverse("fund:export", args=[campaign.pk])
    assert f"đã được xóa sau {settings.EXPORT_RETENTION_HOURS} giờ" in text_of(response)


def test_purge_exports_command_removes_only_expired_files(settings):
    root = settings.MEDIA_ROOT / "exports" / "fund"
    root.mkdir(parents=True)
    fresh, expired = root / "1.xlsx", root / "2.xlsx"
    fresh.write_bytes(b"PK")
    expired.write_bytes(b"PK")
    stale = time.time() - (settings.EXPORT_RETENTION_HOURS * 3600 + 60)
    os.utime(expired, (stale, stale))
    out = io.StringIO()
    call_command("purge_exports", stdout=out)
    assert fresh.exists() and not expired.exists()
    assert "Đã xóa 1 tệp" in out.getvalue()


def test_the_ledger_workbook_stays_vietnamese_when_the_interface_is_english(world, campaign, give):
    from django.utils import translation

    from thidua.fund.export import write_ledger

    give("canbo", 1_000_000)
    out = io.BytesIO()
    with translation.override("en"):
        write_ledger(campaign, Entry.objects.filter(campaign=campaign), out, totals=campaign.ledger)
    values = [cell for row in openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True)
              for cell in row if isinstance(cell, str)]
    assert "Ủng hộ" in values and "Contribution" not in values


def test_an_export_path_outside_the_exports_folder_is_never_served(settings):
    from thidua.core.exports import export_file

    (settings.MEDIA_ROOT / "secret.txt").parent.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "secret.txt").write_text("x")
    assert export_file("exports/../secret.txt") is None and export_file("") is None


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
