"""A movement's plan turned into the Nghị định 30 document: sections first, structured parts as a fallback."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from tests.factories import make_unit
from thidua.documents.nd30 import build_docx, build_pdf
from thidua.movements.document import plan_document, plan_symbol
from thidua.org.enums import UnitKind

pytestmark = pytest.mark.django_db

NAME = "Vì người nghèo - Không để ai bị bỏ lại phía sau"


@pytest.fixture
def agency():
    province = make_unit("Tỉnh Cao Bằng", UnitKind.PROVINCE)
    return make_unit("Sở Giao thông vận tải tỉnh Cao Bằng", UnitKind.AGENCY, province, short_name="Sở GTVT")


@pytest.fixture
def movement(agency):
    from thidua.movements.models import Movement

    return Movement.objects.create(
        code="vi-nguoi-ngheo", name=NAME, start_year=2021, end_year=2025, agency=agency,
        governing_body="UBND TỈNH CAO BẰNG", issuing_body="SỞ GIAO THÔNG VẬN TẢI",
        plan_number="2679/KH-SGTVT", plan_issued_on=dt.date(2022, 10, 20), plan_place="Cao Bằng",
        plan_title=f"Thực hiện Phong trào thi đua “{NAME}” giai đoạn 2021 - 2025",
        parent_plan="2451/KH-UBND ngày 26/9/2022 của Ủy ban nhân dân (UBND) tỉnh Cao Bằng",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", signer_name="Lê Văn Định",
        recipients="Ban TĐKT, Sở Nội vụ Cao Bằng;\nLãnh đạo Sở;\n\nLưu: VT, VP (TĐKT).",
    )


def add_sections(movement, *rows):
    for order, (number, heading, text) in enumerate(rows):
        movement.sections.create(number=number, heading=heading, text=text, order=order)


def kinds_and_texts(doc):
    return [(b.kind, b.text) for b in doc.body]


def test_sections_are_the_body_one_block_per_line(movement):
    add_sections(
        movement,
        ("I", "Mục đích, yêu cầu", ""),
        ("", "1. Mục đích", "- Đẩy mạnh công tác tuyên truyền.\n\n- Cụ thể hóa việc triển khai."),
        ("II.", "II. NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN", ""),
        ("1", "Nội dung thi đua", "a) Tuyên truyền, vận động.\nb) Thi đua đoàn kết giúp nhau giảm nghèo."),
        ("", "III. KHEN THƯỞNG", "Thực hiện theo văn bản hướng dẫn hằng năm."),
    )
    doc = plan_document(movement)
    assert kinds_and_texts(doc)[:-1] == [
        ("heading1", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("heading2", "1. Mục đích"),
        ("item", "- Đẩy mạnh công tác tuyên truyền."),
        ("item", "- Cụ thể hóa việc triển khai."),
        ("heading1", "II. NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN"),
        ("heading2", "1. Nội dung thi đua"),
        ("item", "a) Tuyên truyền, vận động."),
        ("item", "b) Thi đua đoàn kết giúp nhau giảm nghèo."),
        ("heading1", "III. KHEN THƯỞNG"),
        ("paragraph", "Thực hiện theo văn bản hướng dẫn hằng năm."),
    ]


def test_closing_sentence_is_generated_when_the_sections_have_none(movement):
    add_sections(movement, ("I", "TỔ CHỨC THỰC HIỆN", "Các phòng, ban triển khai."))
    assert plan_document(movement).body[-1].kind == "closing"
    assert plan_document(movement).body[-1].text == (
        f"Trên đây là Kế hoạch thực hiện phong trào thi đua “{NAME}” giai đoạn 2021 - 2025 "
        "của Sở Giao thông vận tải tỉnh Cao Bằng./."
    )


def test_closing_sentence_of_the_last_section_is_kept_as_the_closing(movement):
    add_sections(movement, ("I", "TỔ CHỨC THỰC HIỆN", "Các phòng, ban triển khai.\nTrên đây là Kế hoạch của Sở."))
    body = plan_document(movement).body
    assert [(b.kind, b.text) for b in body[-2:]] == [
        ("paragraph", "Các phòng, ban triển khai."), ("closing", "Trên đây là Kế hoạch của Sở./."),
    ]


def test_header_intro_recipients_and_signer_come_from_the_movement(movement):
    doc = plan_document(movement)
    assert (doc.governing_body, doc.issuing_body, doc.number, doc.place) == (
        "UBND TỈNH CAO BẰNG", "SỞ GIAO THÔNG VẬN TẢI", "2679/KH-SGTVT", "Cao Bằng")
    assert doc.issued_on == dt.date(2022, 10, 20)
    assert doc.doc_type == "KẾ HOẠCH"
    assert doc.intro.startswith("Thực hiện Kế hoạch số 2451/KH-UBND ngày 26/9/2022 của Ủy ban nhân dân (UBND) "
                                "tỉnh Cao Bằng, Sở Giao thông vận tải tỉnh Cao Bằng ban hành Kế hoạch thực hiện "
                                f"Phong trào thi đua “{NAME}” giai đoạn 2021 - 2025")
    assert doc.recipients == ["Ban TĐKT, Sở Nội vụ Cao Bằng", "Lãnh đạo Sở", "Lưu: VT, VP (TĐKT)"]
    assert (doc.signer_title, doc.signer_name) == ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lê Văn Định")


def test_a_draft_plan_gets_a_blank_number_with_the_agency_symbol_and_the_province_as_place(agency):
    from thidua.movements.models import Movement

    draft = Movement.objects.create(code="draft", name="Thi đua yêu nước", start_year=2026, end_year=2026,
                                    agency=agency, signer_title="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    doc = plan_document(draft)
    assert plan_symbol(draft) == "SGTVT"
    assert (doc.number, doc.issued_on, doc.place) == ("/KH-SGTVT", None, "Cao Bằng")
    assert doc.governing_body == "UBND Tỉnh Cao Bằng"
    assert doc.issuing_body == "Sở Giao thông vận tải tỉnh Cao Bằng"
    assert doc.title == "Thực hiện Phong trào thi đua “Thi đua yêu nước” năm 2026"
    assert doc.recipients == ["Lưu: VT"]
    assert doc.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    head = Document(io.BytesIO(build_docx(doc))).tables[0]
    assert head.cell(1, 0).text == "Số:      /KH-SGTVT"
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == [
        "UBND TỈNH CAO BẰNG", "SỞ GIAO THÔNG VẬN TẢI TỈNH CAO BẰNG"]


def test_without_sections_the_body_comes_from_the_structured_parts(movement):
    from thidua.movements.models import RewardForm

    movement.items.create(kind="content", label="a", text="Tuyên truyền, vận động.", order=1)
    movement.items.create(kind="solution", label="a", text="Tăng cường sự lãnh đạo.", order=1)
    movement.subjects.create(kind="collective", text="Các phòng, ban, đơn vị")
    movement.criteria.create(target="collective", text="Hoàn thành kế hoạch được giao.")
    movement.criteria.create(target="individual", text="Hoàn thành xuất sắc nhiệm vụ.")
    form = RewardForm.objects.create(code="giay-khen-test", name="Giấy khen của Giám đốc Sở")
    movement.reward_forms.create(form=form, timing="yearly")
    movement.milestones.create(text="Tổ chức sơ kết", when_text="Năm 2023", start_date=dt.date(2023, 1, 1),
                               end_date=dt.date(2023, 12, 31))
    movement.responsibilities.create(who="Văn phòng Sở", duties="Tham mưu tổ chức.\n- Tổng hợp báo cáo.")
    assert kinds_and_texts(plan_document(movement)) == [
        ("heading1", "I. NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN"),
        ("heading2", "1. Nội dung thi đua"),
        ("item", "a) Tuyên truyền, vận động."),
        ("heading2", "2. Giải pháp thực hiện"),
        ("item", "a) Tăng cường sự lãnh đạo."),
        ("heading1", "II. KHEN THƯỞNG"),
        ("heading2", "1. Đối tượng"),
        ("item", "- Tập thể: Các phòng, ban, đơn vị"),
        ("heading2", "2. Tiêu chí thi đua"),
        ("item", "a) Đối với tập thể"),
        ("item", "- Hoàn thành kế hoạch được giao."),
        ("item", "b) Đối với cá nhân"),
        ("item", "- Hoàn thành xuất sắc nhiệm vụ."),
        ("heading2", "3. Hình thức khen thưởng"),
        ("item", "a) Giấy khen của Giám đốc Sở: hằng năm."),
        ("heading2", "4. Tiến độ thực hiện"),
        ("item", "- Năm 2023: Tổ chức sơ kết"),
        ("heading1", "III. TỔ CHỨC THỰC HIỆN"),
        ("heading2", "1. Văn phòng Sở"),
        ("paragraph", "Tham mưu tổ chức."),
        ("item", "- Tổng hợp báo cáo."),
        ("closing", f"Trên đây là Kế hoạch thực hiện phong trào thi đua “{NAME}” giai đoạn 2021 - 2025 "
                    "của Sở Giao thông vận tải tỉnh Cao Bằng./."),
    ]


def test_plan_document_builds_as_docx_and_pdf(movement):
    add_sections(movement, ("I", "MỤC ĐÍCH, YÊU CẦU", "- Đẩy mạnh công tác tuyên truyền."))
    doc = plan_document(movement)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in [p.text for p in Document(io.BytesIO(build_docx(doc))).paragraphs]
    assert build_pdf(doc).startswith(b"%PDF")
