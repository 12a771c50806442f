"""How the fund's pages word things and name their files: Thu/Chi are columns, not weekdays; Ủy ban
MTTQ keeps its capitals; export and receipt file names."""

import datetime as dt
import io

import openpyxl
from django.urls import reverse

from thidua.core.models import Job
from thidua.fund import services
from thidua.fund.models import Entry

from .conftest import END
from .test_views import exported, text_of


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
