"""The consolidated list of a round's proposals (danh sách đề nghị khen thưởng): grouped by form, women first among
equals, scoped like every list, exportable as XLSX and DOCX."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from thidua.awards import consolidated as lists
from thidua.awards.views import lists as views

from ..factories import PersonFactory, make_nomination, make_review_round


@pytest.fixture
def review_round(world):
    return make_review_round(world.agency, forms=("lao-dong-tien-tien", "chien-si-thi-dua-co-so",
                                                  "tap-the-lao-dong-tien-tien"))


def url(review_round, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("awards:consolidated", args=[review_round.pk]) + (f"?{query}" if query else "")


def table_rows(response) -> list[str]:
    """The names in the page's table, group headings as "# heading"."""
    html = response.content.decode()
    body = html[html.index('id="consolidated"'):]
    out = []
    for heading, name in re.findall(r'scope="rowgroup">([^<]+)</th>|class="stack-head"><a [^>]*>([^<]+)</a>', body):
        out.append(f"# {heading.strip()}" if heading else name.strip())
    return out


def xlsx_rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


@pytest.mark.django_db
def test_the_list_is_grouped_by_form_in_its_order_women_first_then_by_given_name(world, review_round, client):
    transport = world.transport
    for name, gender in [("Nông Văn Bình", "male"), ("Hoàng Thị Yến", "female"), ("Lục Văn An", "male"),
                         ("Bế Thị Cúc", "female")]:
        make_nomination(review_round, person=PersonFactory(unit=transport, full_name=name, gender=gender))
    make_nomination(review_round, person=PersonFactory(unit=transport, full_name="Mã Văn Đạt"),
                    form="chien-si-thi-dua-co-so")
    make_nomination(review_round, unit=world.transport_team, form="tap-the-lao-dong-tien-tien")
    world.login(client, "vanphong")
    response = client.get(url(review_round))
    assert response.status_code == 200
    # the catalogue's order: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến
    assert table_rows(response) == [
        "# I. Lao động tiên tiến (4)", "Bế Thị Cúc", "Hoàng Thị Yến", "Lục Văn An", "Nông Văn Bình",
        "# II. Chiến sĩ thi đua cơ sở (1)", "Mã Văn Đạt",
        "# III. Tập thể lao động tiên tiến (1)", "Tổ sát hạch lái xe",
    ]
    html = response.content.decode()
    assert html.count("ưu tiên nữ") >= 2  # the two women carry the mark
    assert "Phòng Quản lý vận tải, phương tiện và người lái" in html  # the collective's unit above it


@pytest.mark.django_db
def test_the_list_holds_what_the_office_accepted_and_the_council_agreed_with_a_filter_by_state(
        world, review_round, client):
    people = {status: PersonFactory(unit=world.transport, full_name=f"Người {status}") for status in (
        "draft", "submitted", "returned", "accepted", "on_agenda", "agreed_decision", "agreed_province", "not_agreed")}
    for status, person in people.items():
        make_nomination(review_round, person=person, status=status)
    world.login(client, "vanphong")
    shown = set(table_rows(client.get(url(review_round)))[1:])
    assert shown == {"Người accepted", "Người on_agenda", "Người agreed_decision", "Người agreed_province"}
    assert table_rows(client.get(url(review_round, state="decision")))[1:] == ["Người agreed_decision"]
    assert set(table_rows(client.get(url(review_round, state="agreed")))[1:]) == {
        "Người agreed_decision", "Người agreed_province"}
    assert set(table_rows(client.get(url(review_round, state="council")))[1:]) == {
        "Người accepted", "Người on_agenda"}


@pytest.mark.django_db
def test_a_unit_heads_page_and_exports_hold_only_his_units_rows(world, review_round, client):
    make_nomination(review_round, person=world.people["canbo"])
    make_nomination(review_round, person=world.people["team"])  # the team under his division
    make_nomination(review_round, person=world.people["planning"])  # another division
    world.login(client, "truongphong")
    assert set(table_rows(client.get(url(review_round)))[1:]) == {"Nguyễn Văn An", "Bế Văn Đông"}
    rows = xlsx_rows(client.get(url(review_round, format="xlsx")).content)
    names = {r[1] for r in rows[3:] if isinstance(r[0], int)}
    assert names == {"Nguyễn Văn An", "Bế Văn Đông"}
    text = "\n".join(c.text for t in Document(io.BytesIO(client.get(url(review_round, format="docx")).content)).tables
                     for row in t.rows for c in row.cells)
    assert "Nguyễn Văn An" in text and "Đặng Thị Hồng" not in text
    world.login(client, "vanphong")
    rows = xlsx_rows(client.get(url(review_round, format="xlsx")).content)
    assert {r[1] for r in rows[3:] if isinstance(r[0], int)} == {"Nguyễn Văn An", "Bế Văn Đông", "Đặng Thị Hồng"}


@pytest.mark.django_db
def test_the_xlsx_has_the_columns_a_heading_per_form_and_keeps_formula_like_text_as_text(world, review_round, client):
    make_nomination(review_round, person=world.people["canbo2"], achievement='=HYPERLINK("http://x","bấm")')
    make_nomination(review_round, person=world.people["canbo"], form="chien-si-thi-dua-co-so",
                    status="agreed_decision", achievement="Đạt 120% kế hoạch. " + "Chi tiết " * 100)
    world.login(client, "vanphong")
    response = client.get(url(review_round, format="xlsx"))
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-de-nghi-dot-xet-khen-thuong-nam-2024.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0][0] == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — ĐỢT XÉT KHEN THƯỞNG NĂM 2024"
    assert rows[2] == ("STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Hình thức khen thưởng",
                       "Thành tích tóm tắt", "Trạng thái", "Ưu tiên nữ", "Điều kiện")
    assert rows[3][:2] == ("I", "Lao động tiên tiến (1)")
    lan = rows[4]
    assert lan[:2] == (1, "Nguyễn Thị Lan") and lan[7] == "x"
    formula_cell = sheet.cell(row=5, column=6)
    assert formula_cell.data_type == "s" and formula_cell.value.startswith("=HYPERLINK")
    assert rows[5][:2] == ("II", "Chiến sĩ thi đua cơ sở (1)")
    an = rows[6]
    assert an[:5] == (1, "Nguyễn Văn An", "Chuyên viên", "Phòng Quản lý vận tải, phương tiện và người lái",
                      "Chiến sĩ thi đua cơ sở")
    assert an[5].endswith("…") and len(an[5]) <= lists.SUMMARY_CHARS + 2
    assert an[6] == "Hội đồng thống nhất, trình Giám đốc quyết định"


@pytest.mark.django_db
def test_the_docx_is_in_the_decree_30_layout_with_the_list_as_a_table_and_converts_in_libreoffice(
        world, review_round, client):
    from thidua.documents import libreoffice

    make_nomination(review_round, person=world.people["canbo2"])
    make_nomination(review_round, unit=world.transport_team, form="tap-the-lao-dong-tien-tien")
    world.login(client, "vanphong")
    response = client.get(url(review_round, format="docx"))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "DANH SÁCH" in paragraphs and "Đề nghị khen thưởng Đợt xét khen thưởng năm 2024" in paragraphs
    header, table, foot = document.tables
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "GIÁM ĐỐC" in foot.cell(0, 1).text  # the signing block stays below the list
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == lists.HEADERS[:7]
    assert cells[1][0] == "I" and cells[1][1] == "Lao động tiên tiến (1)"
    assert cells[2][:2] == ["1", "Nguyễn Thị Lan"]
    assert cells[3][1] == "Tập thể lao động tiên tiến (1)" and cells[4][1] == "Tổ sát hạch lái xe"
    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice is required to check the DOCX converts: {libreoffice.INSTALL_HINT}")
    assert libreoffice.docx_to_pdf(response.content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_page_that_begins_inside_a_form_repeats_its_heading_and_goes_on_counting(
        world, review_round, client, monkeypatch):
    monkeypatch.setattr(views, "PAGE", 2)
    for name in ("Lục Văn An", "Nông Văn Bình", "Bế Văn Cường"):
        make_nomination(review_round, person=PersonFactory(unit=world.transport, full_name=name))
    world.login(client, "vanphong")
    page2 = client.get(url(review_round, page=2))
    assert table_rows(page2) == ["# I. Lao động tiên tiến (3)", "Bế Văn Cường"]  # An, Bình | Cường
    assert re.search(r'data-label="STT">3<', page2.content.decode())
    assert "Trang 2/2" in page2.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("params, message", [
    ({"format": "pdf"}, "Chỉ xuất được tệp XLSX hoặc DOCX, không có định dạng “pdf”."),
    ({"state": "tat-ca"}, "Không có nhóm trạng thái “tat-ca”: hãy chọn trong danh sách."),
    ({"page": "hai"}, "Số trang phải là một số nguyên."),
])
def test_bad_parameters_get_a_vietnamese_message_and_the_page(world, review_round, client, params, message):
    make_nomination(review_round, person=world.people["canbo"])
    world.login(client, "vanphong")
    response = client.get(url(review_round, **params))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert table_rows(response) == ["# I. Lao động tiên tiến (1)", "Nguyễn Văn An"]


@pytest.mark.django_db
def test_staff_are_refused_another_agency_gets_not_found_and_visitors_sign_in(world, review_round, client):
    other_round = make_review_round(world.other_agency)
    assert client.get(url(review_round)).status_code == 302
    world.login(client, "canbo")
    assert client.get(url(review_round)).status_code == 403
    world.login(client, "truongphong")
    assert client.get(url(review_round)).status_code == 200
    assert client.get(url(other_round)).status_code == 404
    assert client.get(url(other_round, format="xlsx")).status_code == 404
    world.login(client, "vanphong_khac")
    assert client.get(url(other_round)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["vanphong", "truongphong"])
def test_the_page_reads_as_many_queries_for_one_row_as_for_many(world, review_round, client,
                                                                 django_assert_num_queries, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_nomination(review_round, person=world.people["canbo"])
    # a collective's eligibility reads its members (a few queries more, once for all the collectives of the page)
    make_nomination(review_round, unit=world.transport_team, form="tap-the-lao-dong-tien-tien")
    world.login(client, role)
    client.get(url(review_round))  # the session and the language, once
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(review_round)).status_code == 200
    for i in range(30):
        make_nomination(review_round, person=PersonFactory(unit=world.transport, gender="female" if i % 2 else "male"),
                        form="chien-si-thi-dua-co-so" if i % 3 else "lao-dong-tien-tien")
    with django_assert_num_queries(len(one)):
        response = client.get(url(review_round))
    assert len(table_rows(response)) == 32 + 3


@pytest.mark.django_db
def test_the_docx_gives_the_achievement_the_widest_column_and_libreoffice_lays_it_out_so(world, review_round, client):
    import shutil
    import subprocess

    from docx.shared import Cm

    from thidua.documents import libreoffice

    make_nomination(review_round, person=world.people["canbo2"],
                    achievement="Hoàn thành xuất sắc nhiệm vụ được giao; chủ trì 05 hoạt động hỗ trợ 12 hộ nghèo.")
    world.login(client, "vanphong")
    data = client.get(url(review_round, format="docx")).content
    table = Document(io.BytesIO(data)).tables[1]
    widths = [column.width for column in table.columns]  # the grid Word and LibreOffice lay the table out by
    assert widths[5] == max(widths) and widths[5] >= Cm(4) and widths[0] <= Cm(1.3)
    assert abs(sum(widths) - Cm(16)) < Cm(0.05)  # the A4 page's text width
    if libreoffice.soffice_path() is None or shutil.which("pdftotext") is None:
        pytest.fail(f"LibreOffice and pdftotext are required to check the layout: {libreoffice.INSTALL_HINT}")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=libreoffice.docx_to_pdf(data),
                          capture_output=True, check=True).stdout.decode()
    # the column's heading, and the first words of the achievement, each on one line
    assert "Thành tích tóm tắt" in text and "Hoàn thành xuất sắc" in text
