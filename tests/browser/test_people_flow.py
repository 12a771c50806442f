import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.org.models import Person

from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_head_searches_without_diacritics_opens_the_person_and_gets_404_outside_his_unit(world, live_server, page):
    base = live_server.url
    login(page, base, "truongphong")
    page.get_by_role("link", name="Cán bộ", exact=True).first.click()
    page.get_by_label("Tìm theo tên").fill("nguyen van an")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.get_by_role("heading", name="Nguyễn Văn An")).to_be_visible()
    expect(page.get_by_text("Phòng Quản lý vận tải, phương tiện và người lái").first).to_be_visible()

    response = page.goto(base + reverse("org:person", args=[world.people["planning"].pk]))
    assert response.status == 404
    expect(page.get_by_role("heading", name="404 — Không tìm thấy trang")).to_be_visible()


def test_secretariat_imports_a_file_with_one_bad_row_and_sees_the_row_error(world, live_server, page, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ", "Loại cán bộ"])
    ws.append(["Lô Văn Minh", "Nam", dt.date(1990, 3, 4), "Văn phòng Sở", "Chuyên viên", "Công chức"])
    ws.append(["Hà Thị Nga", "Nữ", "20/10/1985", "Phòng Không Có", "Chuyên viên", "Công chức"])
    path = tmp_path / "danh-sach.xlsx"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())

    base = live_server.url
    login(page, base, "vanphong")
    page.goto(base + reverse("org:import_start"))
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    errors = page.locator("#import-errors")
    errors.wait_for()
    row = errors.locator("tbody tr").first
    assert row.locator("td").nth(0).inner_text() == "3"
    assert row.locator("td").nth(1).inner_text() == "Đơn vị"
    assert "Phòng Không Có" in row.locator("td").nth(2).inner_text()
    expect(page.get_by_text("Chưa ghi dòng nào")).to_be_visible()
    assert not Person.objects.filter(full_name="Lô Văn Minh").exists()
