import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.participation import services
from thidua.participation.importing import check_file
from thidua.participation.models import Household, HouseholdImport, HouseholdStatus

from .helpers import activity, household

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Họ tên chủ hộ", "Số nhân khẩu", "Xã, phường", "Thôn, xóm", "Dân tộc", "Năm phân loại",
          "Phân loại hộ"]


def xlsx(rows, header=HEADER) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(name="Hoàng Văn Sình", members=4, commune="Xã Quảng Lâm", village="Nà Lũng", ethnicity="Mông", year=2024,
        category="Hộ nghèo"):
    return [1, name, members, commune, village, ethnicity, year, category]


def test_a_clean_file_previews_then_writes_all_rows(world, client):
    world.login(client, "vanphong")
    upload = SimpleUploadedFile("ho.xlsx", xlsx([row(), row("Lý Thị Mai", commune="quang lam", category="cận nghèo")]))
    response = client.post(reverse("participation:hh_import_start"), {"file": upload, "agency": world.agency.pk})
    imp = HouseholdImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Ghi 2 hộ vào danh sách" in page and not Household.objects.exists()
    client.post(reverse("participation:hh_import_confirm", args=[imp.pk]))
    assert sorted(Household.objects.values_list("head_name", flat=True)) == ["Hoàng Văn Sình", "Lý Thị Mai"]
    mai = Household.objects.get(head_name="Lý Thị Mai")
    assert (mai.commune_name, mai.category, mai.category_year) == ("Xã Quảng Lâm", "near_poor", 2024)
    assert HouseholdStatus.objects.get(household=mai).classified_by == "UBND Xã Quảng Lâm"
    search = client.get(reverse("participation:households") + "?q=hoang van sinh").content.decode()
    assert "Hoàng Văn Sình" in search and "Lý Thị Mai" not in search


def test_every_bad_row_is_reported_and_nothing_is_written(world, client):
    household(world, "Nông Văn Páo", "Xã Quảng Lâm")
    rows = [
        row(),  # line 2: fine
        row(name=""),  # 3
        row("Hộ Bốn", members="nhiều"),  # 4
        row("Hộ Năm", commune="Phường Ba Đình"),  # 5: Hà Nội
        row("Hộ Sáu", commune="Xã Không Có"),  # 6
        row("Hộ Bảy", ethnicity="Martian"),  # 7
        row("Hộ Tám", category="giàu"),  # 8
        row("Hộ Chín", year=2099),  # 9
        row(name="NONG VAN PAO"),  # 10: already registered
        row(name="Hoàng Văn Sinh"),  # 11: same folded name as line 2 in the same commune
    ]
    result = check_file("ho.xlsx", xlsx(rows), world.agency)
    found = {(e["row"], e["column"]) for e in result.errors}
    assert found == {(3, "Họ tên chủ hộ"), (4, "Số nhân khẩu"), (5, "Xã, phường"), (6, "Xã, phường"),
                     (7, "Dân tộc"), (8, "Phân loại hộ"), (9, "Năm phân loại"), (10, "Họ tên chủ hộ"),
                     (11, "Họ tên chủ hộ")}
    messages = " ".join(e["message"] for e in result.errors)
    assert "không thuộc tỉnh Cao Bằng" in messages and "Trùng với dòng 2" in messages
    assert "Trùng với hộ Nông Văn Páo (Xã Quảng Lâm) đã có trong danh sách." in messages
    world.login(client, "vanphong")
    client.post(reverse("participation:hh_import_start"), {"file": SimpleUploadedFile("ho.xlsx", xlsx(rows)),
                                                           "agency": world.agency.pk})
    imp = HouseholdImport.objects.get()
    assert imp.status == "invalid"
    client.post(reverse("participation:hh_import_confirm", args=[imp.pk]))
    assert Household.objects.count() == 1
    client.post(reverse("participation:hh_import_cancel", args=[imp.pk]))  # cancelled, and the log says so
    imp.refresh_from_db()
    assert imp.status == "cancelled"
    assert AuditEvent.objects.filter(target_type="participation.householdimport", target_id=str(imp.pk),
                                     note__startswith="Hủy lần nhập").exists()


def test_province_column_outside_cao_bang_is_a_row_error(world):
    header = HEADER + ["Tỉnh"]
    result = check_file("ho.xlsx", xlsx([row() + ["Hà Giang"], row("A Dính") + ["Cao Bằng"]], header), world.agency)
    assert [(e["row"], e["column"]) for e in result.errors] == [(2, "Tỉnh")]


def test_decomposed_names_are_stored_nfc_and_legacy_encodings_converted(world):
    nfd = unicodedata.normalize("NFD", "Hoàng Thị Thuỷ")
    result = check_file("ho.xlsx", xlsx([row(nfd), row("NguyÔn V¨n B×nh"), row("Nguyeãn Thò Hoa")]), world.agency)
    assert result.ok, result.errors
    assert [r["head_name"] for r in result.rows] == ["Hoàng Thị Thuỷ", "Nguyễn Văn Bình", "Nguyễn Thị Hoa"]
    assert unicodedata.is_normalized("NFC", result.rows[0]["head_name"])
    assert {c["encoding"] for c in result.conversions} == {"TCVN3", "VNI"}


def test_a_head_name_ambiguous_on_its_own_follows_its_columns_legacy_encoding(world):
    # "Vò" is a Unicode word, and the TCVN3 spelling of "Vũ": the rest of the column says which
    rows = [row("NguyÔn V¨n B×nh"), row("TrÇn ThÞ Lan"), row("Hoµng V¨n Nam"), row("Vò Thu Trang")]
    result = check_file("ho.xlsx", xlsx(rows), world.agency)
    assert result.ok, result.errors
    assert result.rows[-1]["head_name"] == "Vũ Thu Trang"
    assert [(c["column"], c["to"], c["encoding"]) for c in result.conversions if c["row"] == 5] == [
        ("Họ tên chủ hộ", "Vũ Thu Trang", "TCVN3")]
    # the same name in a Unicode file stays as typed
    assert check_file("ho.xlsx", xlsx([row("Vò Thu Trang"), row()]), world.agency).rows[0]["head_name"] == "Vò Thu Trang"


def test_missing_columns_and_unreadable_files_are_named(world):
    assert "Số nhân khẩu" in check_file("ho.xlsx", xlsx([["A"]], ["Họ tên chủ hộ", "Xã, phường"]), world.agency).file_error
    assert check_file("ho.xlsx", b"MZ not a zip", world.agency).file_error


def test_the_template_downloads_and_lists_the_56_communes(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("participation:hh_import_template"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    communes = [r[0] for r in wb["Giá trị hợp lệ"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(communes) == 56 and "Phường Thục Phán" in communes


def test_household_page_shows_categories_over_the_years_and_supports(world, client):
    hh = household(world)
    for year, category in ((2022, "poor"), (2023, "poor"), (2024, "newly_escaped"), (2025, "escaped")):
        services.classify_household(hh, year=year, category=category, classified_by="UBND xã Quảng Lâm",
                                    classified_on=dt.date(year, 12, 15) if year < 2025 else dt.date(2025, 1, 10),
                                    actor=None)
    activity(world, "Tặng bò giống", households=[hh], cash_value=0, in_kind_value=15_000_000)
    hh.refresh_from_db()
    assert (hh.category, hh.category_year) == ("escaped", 2025)
    world.login(client, "congdoan")
    page = client.get(reverse("participation:household", args=[hh.pk])).content.decode()
    assert page.count("UBND xã Quảng Lâm") >= 4 and "Hộ mới thoát nghèo" in page and "Tặng bò giống" in page
    assert "15.000.000" in page or "15,000,000" in page


def test_households_of_another_agency_are_404_and_staff_get_403(world, client):
    hh = household(world)
    world.login(client, "vanphong_khac")
    assert client.get(reverse("participation:household", args=[hh.pk])).status_code == 404
    assert client.get(reverse("participation:household_edit", args=[hh.pk])).status_code == 404
    world.login(client, "canbo")
    assert client.get(reverse("participation:households")).status_code == 403
    client.logout()
    assert client.get(reverse("participation:households")).status_code == 302


def test_adding_a_duplicate_household_by_hand_is_refused(world, client):
    household(world, "Nông Văn Páo", "Xã Quảng Lâm")
    world.login(client, "vanphong")
    response = client.post(reverse("participation:household_add"), {
        "head_name": "nong van pao", "members": 3, "commune": 1304, "agency": world.agency.pk})
    assert "Đã có hộ" in response.content.decode()
    assert Household.objects.count() == 1


def test_a_duplicate_household_is_named_as_stored_with_a_link_to_it(world, client):
    existing = household(world, "Hoàng Văn Thu", "Xã Quảng Lâm")
    world.login(client, "vanphong")
    response = client.post(reverse("participation:household_add"), {
        "head_name": "hoang van thu", "members": 3, "commune": existing.commune_code, "agency": world.agency.pk})
    html = response.content.decode()
    link = reverse("participation:household", args=[existing.pk])
    assert f'Đã có hộ <a href="{link}">Hoàng Văn Thu</a> ở Xã Quảng Lâm.' in html
    assert "hoang van thu ở" not in html
    assert Household.objects.count() == 1


def test_the_link_in_the_duplicate_message_is_escaped(world, client):
    existing = household(world, "Hoàng <b>Thu</b>", "Xã Quảng Lâm")
    world.login(client, "vanphong")
    html = client.post(reverse("participation:household_add"), {
        "head_name": "hoàng <b>thu</b>", "members": 3, "commune": existing.commune_code,
        "agency": world.agency.pk}).content.decode()
    assert "Hoàng &lt;b&gt;Thu&lt;/b&gt;</a>" in html and "<b>Thu</b>" not in html
