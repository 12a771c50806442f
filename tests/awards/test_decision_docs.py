"""The decision as DOCX (Nghị định 30 layout, converted by LibreOffice) and PDF: the căn cứ of the regime in force on
its date (both sides of 01/07/2025), the plan and the Council's minutes, Điều 1 with the appendix list, the bonuses
and the total in words, the execution clause, Nơi nhận and the signer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from thidua.awards import decision_docs, decisions
from thidua.awards.enums import SignerRole
from thidua.documents import libreoffice

from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db

D = dt.date


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _converted(decision) -> str:
    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required: {libreoffice.INSTALL_HINT}", pytrace=False)
    return _text(libreoffice.docx_to_pdf(decision_docs.decision_docx(decision)))


@pytest.fixture
def rnd(world):
    rnd = agreed_round(world.agency, year=2024)
    movement = rnd.movement
    movement.plan_number, movement.plan_issued_on = "2679/KH-SGTVT", D(2022, 10, 20)
    movement.save()
    return rnd


def _decision(world, rnd, day, **kw):
    a = agreed(rnd, person=world.people["canbo"])
    b = agreed(rnd, unit=world.planning)
    return decisions.draft_decision(rnd, [a, b], issued_on=day, actor=world.users["vanphong"], **kw)


def test_the_docx_before_01_07_2025_cites_decree_98_and_is_signed_by_the_director(world, rnd):
    d = _decision(world, rnd, D(2025, 6, 30), signer_name="Nông Văn Đức")
    text = _converted(d)
    assert "QUYẾT ĐỊNH" in text and f"Số: {d.number_label}" in text
    assert "ngày 30 tháng 6 năm 2025" in text
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text and "152/2025" not in text
    assert "Căn cứ Kế hoạch số 2679/KH-SGTVT ngày 20 tháng 10 năm 2022" in text
    assert "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng" in text and "ngày 25 tháng 01 năm 2025" in text
    assert "Điều 1." in text and "Điều 3. Quyết định này có hiệu lực kể từ ngày ký" in text
    assert "DANH SÁCH" in text and f"Kèm theo Quyết định số {d.number_label}" in text
    assert "Nguyễn Văn An" in text and "Phòng Kế hoạch - Tài chính" in text
    assert "710.000" in text and "1.410.000" in text
    assert "Tổng số tiền: 2.120.000 đồng (Bằng chữ: Hai triệu một trăm hai mươi nghìn đồng)" in text
    assert "Quỹ thi đua, khen thưởng" in text
    assert "Nơi nhận:" in text and "- Lưu: VT, VP (TĐKT)." in text
    assert "GIÁM ĐỐC Nông Văn Đức" in text and "KT. GIÁM ĐỐC" not in text


def test_the_docx_from_01_07_2025_cites_decree_152_and_a_deputy_signs_for_the_director(world, rnd):
    d = _decision(world, rnd, D(2025, 7, 1), signer_role=SignerRole.DEPUTY, signer_name="Lương Văn Hải")
    text = _converted(d)
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in text and "Thông tư số 15/2025/TT-BNV" in text
    assert "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" not in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text and "Lương Văn Hải" in text


def test_the_pdf_says_the_same(world, rnd):
    d = _decision(world, rnd, D(2025, 7, 1), signer_role=SignerRole.DEPUTY, signer_name="Lương Văn Hải")
    text = _text(decision_docs.decision_pdf(d))
    assert "QUYẾT ĐỊNH" in text and "Căn cứ Nghị định số 152/2025/NĐ-CP" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Lương Văn Hải" in text
    assert "Nguyễn Văn An" in text and "Tổng số tiền: 2.120.000 đồng" in text
