"""The minutes of a review meeting (biên bản họp bình xét): a Nghị định 30 DOCX with who sat, each nominee's tally
and result and the two signatures, which LibreOffice opens and converts to PDF (the page's PDF download)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from thidua.awards.minutes import minutes_docx
from thidua.documents import libreoffice

from .meeting_helpers import launched_movement, meeting, nominate, open_round

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture
def held(world):
    review_round = open_round(launched_movement(world.agency))
    p = world.people
    an = nominate(review_round, world.transport, p["canbo"])
    lan = nominate(review_round, world.transport, p["canbo2"])
    m = meeting(review_round, world.transport, chair=p["truongphong"], secretary=p["canbo2"],
                attendees=[p["truongphong"], p["canbo"], p["canbo2"]], absentees=[p["team"]],
                votes=[(an, 3, 0, 0), (lan, 1, 1, 1)])
    m.place = "Phòng họp số 2"
    m.save()
    return m


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return flat(" ".join(parts))


def test_the_minutes_say_who_sat_the_tallies_the_results_and_carry_two_signatures(held):
    text = docx_text(minutes_docx(held))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BIÊN BẢN", "Họp bình xét thi đua, khen thưởng",
                     "PHÒNG QUẢN LÝ VẬN TẢI, PHƯƠNG TIỆN VÀ NGƯỜI LÁI", "Phòng họp số 2",
                     "Chủ trì: Ông Đàm Văn Quang, Trưởng phòng", "Thư ký: Bà Nguyễn Thị Lan",
                     "Số người dự họp: 3/4 người; vắng mặt 1 người: Bế Văn Đông",
                     "Ông Nguyễn Văn An — đề nghị Lao động tiên tiến: đồng ý 3/3 người dự họp (100,0%)",
                     "Kết quả: đạt", "đồng ý 1/3 người dự họp (33,3%), không đồng ý 1, không biểu quyết 1. "
                     "Kết quả: không đạt", "THƯ KÝ", "CHỦ TRÌ"):
        assert expected in text, expected
    document = Document(io.BytesIO(minutes_docx(held)))
    section = document.sections[0]
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 2.0)  # NĐ 30
    assert document.styles["Normal"].font.name == "Times New Roman"
    foot = document.tables[-1]
    assert flat(foot.cell(0, 0).text) == "THƯ KÝ Nguyễn Thị Lan"
    assert flat(foot.cell(0, 1).text) == "CHỦ TRÌ Đàm Văn Quang"


def test_libreoffice_opens_the_minutes_and_converts_them_to_pdf(client, world, held):
    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required to check the DOCX opens and converts: "
                    f"{libreoffice.INSTALL_HINT}", pytrace=False)
    world.login(client, "truongphong")
    response = client.get(reverse("awards:meeting_minutes", args=[held.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages))
    assert "BIÊN BẢN" in text and "Nguyễn Văn An" in text and "THƯ KÝ" in text and "CHỦ TRÌ" in text
    docx = client.get(reverse("awards:meeting_minutes", args=[held.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert "bien-ban-hop-binh-xet" in docx["Content-Disposition"]
