"""The union officer records a unit's "01 ngày lương" in the browser, sees the receipt numbers, then reverses
one contribution with a reason and sees both rows in the ledger."""

import pytest
from django.urls import reverse

from thidua.fund import services
from thidua.fund.models import Entry
from thidua.org.models import Person

from ..browser.test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_union_officer_records_a_day_wage_for_a_unit_and_reverses_one(world, live_server, page, campaign):
    base = live_server.url
    unit = world.transport
    people = list(Person.objects.filter(unit=unit, is_active=True).order_by("sort_key", "id"))
    assert len(people) >= 2
    login(page, base, "congdoan")
    page.goto(base + reverse("fund:detail", args=[campaign.pk]))
    page.get_by_label("Nhập “01 ngày lương” cho cả đơn vị:").select_option(label=unit.name)
    page.get_by_role("button", name="Mở danh sách").click()
    page.wait_for_url(f"**{reverse('fund:bulk', args=[campaign.pk, unit.pk])}")
    page.get_by_label("Điền cùng một mức cho mọi dòng:").fill("300.000")
    page.get_by_role("button", name="Điền").click()
    page.get_by_role("button", name="Ghi cả danh sách").click()
    page.wait_for_url(f"**{reverse('fund:unit', args=[campaign.pk, unit.pk])}")

    n = len(people)
    assert page.get_by_text(f"(biên nhận số 1/2023/BN-VNN–{n}/2023/BN-VNN)").is_visible()
    rows = page.locator("table").last.locator("tbody tr")
    assert rows.count() == n
    numbers = sorted(int(rows.nth(i).locator("td").first.inner_text().removesuffix("/2023/BN-VNN"))
                     for i in range(n))
    assert numbers == list(range(1, n + 1))
    assert page.get_by_text("300.000 đ").first.is_visible()

    # reverse the first receipt (the oldest row, at the bottom of the newest-first ledger)
    first = Entry.objects.get(campaign=campaign, number=1)
    rows.filter(has=page.locator("td", has_text=first.contributor_name)).get_by_role(
        "link", name="Điều chỉnh").click()
    page.wait_for_url(f"**{reverse('fund:reverse', args=[first.pk])}")
    page.get_by_label("Số tiền điều chỉnh").fill("50.000")
    page.get_by_label("Lý do điều chỉnh").fill("Nhập thừa 50.000 đ so với bảng kê.")
    page.get_by_role("button", name="Ghi bút toán điều chỉnh").click()
    page.wait_for_url(f"**{reverse('fund:detail', args=[campaign.pk])}")

    assert page.get_by_text("Đã lập bút toán điều chỉnh 50.000 đ").is_visible()
    ledger = page.locator("table").last
    reversal = ledger.locator("tbody tr.table-warning")
    assert reversal.count() == 1
    assert "Lý do: Nhập thừa 50.000 đ so với bảng kê." in reversal.inner_text()
    assert "50.000 đ" in reversal.inner_text()
    original = ledger.locator("tbody tr", has=page.locator("td", has_text="Đã điều chỉnh 50.000 đ"))
    assert original.count() == 1
    assert original.locator("td").first.inner_text() == "1/2023/BN-VNN"
    assert "còn 250.000 đ" in original.inner_text()


def test_fill_puts_the_common_amount_in_the_empty_rows_without_a_reload(world, live_server, page, campaign):
    """"Điền" fills only the boxes left empty, in the page: what was typed per row stays."""
    base = live_server.url
    unit = world.transport
    people = list(Person.objects.filter(unit=unit, is_active=True).order_by("sort_key", "id"))
    login(page, base, "truongphong")
    url = base + reverse("fund:bulk", args=[campaign.pk, unit.pk])
    page.goto(url)
    typed, others = people[0], people[1:]
    page.get_by_label(typed.full_name, exact=True).fill("450.000")
    page.get_by_label("Điền cùng một mức cho mọi dòng:").fill("300.000")
    page.get_by_role("button", name="Điền").click()
    assert page.url == url  # no reload, no ?muc=
    assert page.get_by_label(typed.full_name, exact=True).input_value() == "450.000"
    for person in others:
        assert page.get_by_label(person.full_name, exact=True).input_value() == "300.000"
    page.get_by_role("button", name="Ghi cả danh sách").click()
    page.wait_for_url(f"**{reverse('fund:unit', args=[campaign.pk, unit.pk])}")
    amounts = dict(Entry.objects.filter(campaign=campaign).values_list("person_id", "amount"))
    assert amounts == {typed.pk: 450_000, **{p.pk: 300_000 for p in others}}


def test_the_ledger_fits_a_phone_and_keeps_the_receipt_link(world, live_server, page, campaign):
    for who in ("canbo", "canbo2"):
        services.record_contribution(campaign, actor=None, person=world.people[who], amount=11_910_000,
                                     entry_date=campaign.start_date, method="cash",
                                     description="Ủng hộ Tháng cao điểm Vì người nghèo, đợt một")
    page.set_viewport_size({"width": 375, "height": 800})
    base = live_server.url
    login(page, base, "vanphong")
    page.goto(base + reverse("fund:detail", args=[campaign.pk]))
    table = page.locator("table.ledger")
    box = table.locator("xpath=..")
    assert table.bounding_box()["width"] <= box.bounding_box()["width"] + 1
    assert not page.get_by_role("columnheader", name="Số BN").is_visible()
    link = page.get_by_role("link", name="1/2023/BN-VNN")
    assert link.is_visible()
    assert link.get_attribute("href") == reverse("fund:receipt",
                                                 args=[Entry.objects.get(campaign=campaign, number=1).pk])
