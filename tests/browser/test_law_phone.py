"""At 390 px (a phone) the Office reads the regimes page: no sideways scrolling, each form rule a stacked row whose
cells say what they are, the "chưa xác nhận" badge beside the figure."""

import pytest
from django.urls import reverse

from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_regimes_page_fits_a_390_px_phone(world, live_server, phone):
    seed_catalog()
    seed_law()  # a transactional test starts from empty tables
    base = live_server.url
    login(phone, base, "vanphong")
    phone.goto(base + reverse("awards:law"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator("table.form-rules thead").first.is_hidden()
    cell = phone.locator("tr[data-form='chien-si-thi-dua-co-so'] td.threshold").last  # NĐ 152's
    label = phone.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle())
    assert label == '"Ngưỡng đồng ý"'
    assert "≥ 80% tổng số thành viên Hội đồng" in cell.inner_text() and "chưa xác nhận" in cell.inner_text()
    assert cell.bounding_box()["width"] > 300
