"""The Council's minutes (biên bản họp Hội đồng) as DOCX in the Nghị định 30 layout: LibreOffice opens and converts
them, and they carry who sat, who was absent, recusals, each ballot's tally and the result."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from thidua.awards import council
from thidua.awards.enums import VoteChoice, VoteMode
from thidua.awards.views.council import _loaded
from thidua.documents import libreoffice

from . import council_factories as f

pytestmark = pytest.mark.django_db


def concluded_session(board, world):
    colleague = f.member(board.agency, world.transport, name="Hà Văn Đồng")
    rnd = f.review_round(board.agency, year=2024)
    n = f.accepted(rnd, person=world.people["canbo"], form="chien-si-thi-dua-co-so",
                   submitted_on=dt.date(2024, 12, 5))
    session = f.session(board.agency, held_on=dt.date(2024, 12, 20), nominations=[n], actor=board.office,
                        name="Phiên họp xét khen thưởng năm 2024")
    absentee = board.members[5]
    board.start(session, absent=[absentee])
    item = session.items.get()
    for user in board.members:
        if user is absentee:
            council.cast_vote(item, user, VoteChoice.AGREE, actor=board.secretary, mode=VoteMode.WRITTEN)
        else:
            council.cast_vote(item, user, VoteChoice.DISAGREE if user is board.members[1] else VoteChoice.AGREE,
                              actor=user)
    board.conclude(session)
    session.refresh_from_db()
    return session, colleague


def test_libreoffice_converts_the_minutes_and_they_carry_the_tallies(board, world):
    from thidua.awards import council_minutes

    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required to check the DOCX opens and converts: "
                    f"{libreoffice.INSTALL_HINT}", pytrace=False)
    session, _colleague = concluded_session(board, world)
    members, items = _loaded(session)
    pdf = libreoffice.docx_to_pdf(council_minutes.build(session, members, items))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "BIÊN BẢN" in text and "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Cao Bằng, ngày 20 tháng 12 năm 2024" in text
    assert "có mặt: 10; vắng mặt: 1" in text
    assert "Hà Văn Đồng không tham gia biểu quyết" in text
    assert "đồng ý 9, không đồng ý 1" in text and "9/10 (90%)" in text
    assert "Hội đồng thống nhất, trình Giám đốc quyết định" in text
    assert "NĐ 98/2023" in text
