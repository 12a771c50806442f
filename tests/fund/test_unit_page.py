"""The fund's unit page and its neighbours: what the unit page counts (the unit alone, and with its sub-units),
how many contributions versus corrections, receipt numbers that carry the campaign's year, the bulk form's
error summary, and the ledger on a phone."""

import io
import re
from html import unescape

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from thidua.fund import services
from thidua.fund.models import Entry

from .conftest import DAY, END, START
from .test_views import exported

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's text, as read: inline tags (strong, a, span) vanish, other tags separate words."""
    html = re.sub(r"</?(strong|a|span)\b[^>]*>", "", response.content.decode())
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def unit_url(campaign, unit):
    return reverse("fund:unit", args=[campaign.pk, unit.pk])


# ------------------------------------------------------------------ 1. the unit alone, and with its sub-units


def test_the_unit_page_says_what_it_counts_and_adds_the_sub_units(world, client, campaign, give):
    give("canbo", 2_000_000)
    give("canbo2", 910_000)
    give("team", 4_000_000)  # Tổ sát hạch lái xe, under the transport division
    services.record_contribution(campaign, actor=None, unit=world.transport_team, amount=5_000_000,
                                 entry_date=DAY, method="transfer")
    world.login(client, "vanphong")
    page = text_of(client.get(unit_url(campaign, world.transport)))
    assert "Đã ủng hộ (riêng đơn vị): 2.910.000 đ; kể cả các đơn vị trực thuộc: 11.910.000 đ" in page
    html = client.get(unit_url(campaign, world.transport)).content.decode()
    assert f'href="{unit_url(campaign, world.transport_team)}">Tổ sát hạch lái xe</a>' in html
    assert "Tổ sát hạch lái xe 9.000.000 đ" in page  # the sub-unit's own amount

    # a unit without sub-units says only what it gave itself
    team_page = text_of(client.get(unit_url(campaign, world.transport_team)))
    assert "Đã ủng hộ (riêng đơn vị): 9.000.000 đ" in team_page and "kể cả" not in team_page


def test_the_sub_unit_total_comes_from_the_kept_balances(world, client, campaign, give):
    """A reversal in a sub-unit lowers the total with its sub-units just as it lowers the sub-unit's own."""
    entry = give("team", 4_000_000)
    services.reverse_entry(entry, actor=None, reason="Nhầm số", amount=1_000_000, entry_date=DAY)
    world.login(client, "truongphong")
    page = text_of(client.get(unit_url(campaign, world.transport)))
    assert "Đã ủng hộ (riêng đơn vị): 0 đ; kể cả các đơn vị trực thuộc: 3.000.000 đ" in page


# ------------------------------------------------------------------ 2. contributions, not entries


def test_the_unit_page_counts_contributions_and_corrections_apart(world, client, campaign, give):
    entries = [give("canbo", 100_000 + i) for i in range(12)]
    services.reverse_entry(entries[0], actor=None, reason="Nhập trùng", entry_date=DAY)
    world.login(client, "vanphong")
    page = text_of(client.get(unit_url(campaign, world.transport)))
    assert "12 khoản ủng hộ, 1 bút toán điều chỉnh" in page
    assert "13 khoản" not in page


def test_without_corrections_only_the_contributions_are_counted(world, client, campaign, give):
    give("canbo", 100_000)
    world.login(client, "vanphong")
    page = text_of(client.get(unit_url(campaign, world.transport)))
    assert "1 khoản ủng hộ" in page and "điều chỉnh ·" not in page


# ------------------------------------------------------------------ 3. receipt numbers carry the campaign


def test_receipt_numbers_carry_the_campaigns_year_everywhere(world, client, campaign, give):
    entry = give("canbo", 1_000_000)
    world.login(client, "vanphong")
    assert "1/2023/BN-VNN" in text_of(client.get(reverse("fund:detail", args=[campaign.pk])))
    pdf = client.get(reverse("fund:receipt", args=[entry.pk])).content
    assert "Số: 1/2023/BN-VNN" in " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                                           .split())
    rows = list(openpyxl.load_workbook(io.BytesIO(exported(client, campaign))).active.iter_rows(values_only=True))
    assert any(r and r[0] == "1/2023/BN-VNN" for r in rows)


def test_two_campaigns_of_one_year_never_print_the_same_receipt_number(world, client, campaign, give):
    second = services.create_campaign(actor=None, agency=world.agency, name="Ủng hộ đồng bào bị lũ lụt 2023",
                                      start_date=START, end_date=END)
    first_entry = give("canbo", 500_000)
    other_entry = give("canbo", 500_000, target=second)
    assert (first_entry.number, other_entry.number) == (1, 1)  # each campaign keeps its own sequence
    assert campaign.receipt_label(1) == "1/2023/BN-VNN"
    assert second.receipt_label(1) == f"1/2023-Đ{second.pk}/BN-VNN"
    # the first campaign's numbers do not change when a later one is created
    third = services.create_campaign(actor=None, agency=world.agency, name="Đợt ba", start_date=START, end_date=END)
    assert campaign.__class__.objects.get(pk=campaign.pk).receipt_label(1) == "1/2023/BN-VNN"
    assert third.receipt_label(1) != second.receipt_label(1)
    # another agency's campaign of the same year keeps the plain year: its receipts carry its own name
    other = services.create_campaign(actor=None, agency=world.other_agency, name="Sở Y tế 2023",
                                     start_date=START, end_date=END)
    assert other.receipt_label(7) == "7/2023/BN-VNN"

    world.login(client, "vanphong")
    response = client.post(reverse("fund:contribute", args=[second.pk]), {
        "person": world.people["canbo2"].pk, "amount": "200.000", "entry_date": "20/10/2023", "method": "cash"},
        follow=True)
    assert f"Đã ghi biên nhận số 2/2023-Đ{second.pk}/BN-VNN" in text_of(response)


# ------------------------------------------------------------------ 4a. the bulk form names its bad rows at the top


def test_the_bulk_form_lists_the_bad_rows_at_the_top_with_links(world, client, campaign):
    world.login(client, "truongphong")
    url = reverse("fund:bulk", args=[campaign.pk, world.transport.pk])
    people = {k: world.people[k] for k in ("truongphong", "canbo", "canbo2")}
    data = {"entry_date": "25/10/2023", "method": "payroll", f"amount_{people['truongphong'].pk}": "abc",
            f"amount_{people['canbo'].pk}": "300.000", f"amount_{people['canbo2'].pk}": "3,5"}
    response = client.post(url, data)
    html = unescape(response.content.decode())
    summary = html[html.index('id="bulk-errors"'):]
    summary = summary[:summary.index("</div>")]
    assert "2 dòng có lỗi:" in summary
    assert f'<a href="#dong-{people["truongphong"].pk}" class="alert-link">Đàm Văn Quang</a>' in summary
    assert f'<a href="#dong-{people["canbo2"].pk}" class="alert-link">Nguyễn Thị Lan</a>' in summary
    assert "Nguyễn Văn An" not in summary
    assert f'<tr id="dong-{people["canbo2"].pk}" class="table-danger">' in html
    assert not Entry.objects.exists()


def test_a_good_bulk_form_has_no_error_summary(world, client, campaign):
    world.login(client, "truongphong")
    page = client.get(reverse("fund:bulk", args=[campaign.pk, world.transport.pk])).content.decode()
    assert 'id="bulk-errors"' not in page
    # the plain GET form (?muc=) stays as the fallback when scripts are off
    assert '<form method="get" class="d-flex flex-wrap gap-2 align-items-center mb-3" id="fill-form">' in page
    assert 'name="muc"' in page


# ------------------------------------------------------------------ 5. the ledger on a phone


def test_the_ledger_hides_secondary_columns_on_a_phone_and_keeps_the_receipt_link(world, client, campaign, give):
    entry = give("canbo", 1_000_000)
    world.login(client, "vanphong")
    html = client.get(reverse("fund:detail", args=[campaign.pk])).content.decode()
    for header in ("Số BN", "Ngày", "Loại"):
        assert f'<th class="hide-sm">{header}</th>' in html
    receipt = reverse("fund:receipt", args=[entry.pk])
    # the phone line under the name links the receipt number to the receipt
    assert f'<a href="{receipt}" target="_blank" title="Biên nhận">1/2023/BN-VNN</a>' in html

