"""The minutes of a unit's review meeting (biên bản họp bình xét) as a Nghị định 30 document: the unit under its
agency in the header, "BIÊN BẢN" and its title, who sat, each nominee's tally over those present and the computed
result, the conclusion, and two signatures — the secretary's on the left, the chair's on the right.

DOCX from `documents.nd30.build_docx`; the PDF is LibreOffice's conversion of that DOCX
(`documents.libreoffice.docx_to_pdf`), so both say the same."""

from __future__ import annotations

import copy
import io

from thidua.core.text import nfc
from thidua.documents.nd30 import AdminDocument, Block, build_docx
from thidua.org.enums import Gender

from .enums import RecipientKind
from .meetings import results
from .places import place_of


def _honorific(person) -> str:
    return "Bà" if person.gender == Gender.FEMALE else "Ông"


def _who(person) -> str:
    position = f", {nfc(person.position)}" if person.position else ""
    return f"{_honorific(person)} {nfc(person.full_name)}{position}"


def _nominee(vote) -> str:
    nomination = vote.nomination
    if nomination.recipient == RecipientKind.INDIVIDUAL:
        return f"{_honorific(nomination.person)} {nfc(nomination.person.full_name)}"
    if nomination.recipient == RecipientKind.HOUSEHOLD:
        return nfc(str(nomination.household))
    return f"Tập thể {nfc(nomination.unit.name)}"


def minutes_document(meeting) -> AdminDocument:
    unit = meeting.unit
    agency = unit.home_agency
    review_round = meeting.review_round
    attendees = sorted(meeting.attendees.all(), key=lambda p: p.sort_key)
    absentees = sorted(meeting.absentees.all(), key=lambda p: p.sort_key)
    lines = results(meeting)
    day = meeting.held_on.strftime("%d/%m/%Y")
    place = f", tại {nfc(meeting.place)}" if meeting.place else ""
    total = len(attendees) + len(absentees)
    body = [
        Block("paragraph", f"Hôm nay, ngày {day}{place}, {nfc(unit.name)} tổ chức họp bình xét thi đua, khen "
                           f"thưởng trong {nfc(review_round.name)} ({nfc(review_round.movement.name)})."),
        Block("heading1", "I. THÀNH PHẦN THAM DỰ"),
        Block("item", f"- Chủ trì: {_who(meeting.chair)}."),
        Block("item", f"- Thư ký: {_who(meeting.secretary)}."),
        Block("item", f"- Số người dự họp: {len(attendees)}/{total} người"
                      + (f"; vắng mặt {len(absentees)} người: "
                         + ", ".join(nfc(p.full_name) for p in absentees) + "." if absentees else ".")),
        Block("item", "- Người dự họp: " + ", ".join(nfc(p.full_name) for p in attendees) + "."),
        Block("heading1", "II. NỘI DUNG"),
        Block("paragraph", "Cuộc họp đã nghe báo cáo thành tích, xem xét kết quả chấm điểm theo tiêu chí của kế "
                           "hoạch và biểu quyết đề nghị khen thưởng đối với từng trường hợp. Một đề nghị đạt khi "
                           "có trên một nửa số người dự họp đồng ý. Kết quả như sau:"),
    ]
    if not lines:
        body.append(Block("paragraph", "Đơn vị không có đề nghị nào được biểu quyết tại cuộc họp."))
    for i, line in enumerate(lines, start=1):
        vote = line.vote
        verdict = "đạt (trên một nửa số người dự họp đồng ý)" if line.passed else "không đạt"
        body.append(Block("item", f"{i}. {_nominee(vote)} — đề nghị {nfc(vote.nomination.form.name)}: đồng ý "
                                  f"{vote.agree}/{line.present} người dự họp ({line.percent}%), không đồng ý "
                                  f"{vote.disagree}, không biểu quyết {vote.abstain}. Kết quả: {verdict}."))
    if meeting.note:
        body.append(Block("heading2", "Ý kiến tại cuộc họp"))
        body.extend(Block("paragraph", text) for text in nfc(meeting.note).splitlines() if text.strip())
    body.append(Block("heading1", "III. KẾT LUẬN"))
    passed = [line for line in lines if line.passed]
    if passed:
        body.append(Block("paragraph", "Cuộc họp thống nhất đề nghị khen thưởng: "
                          + "; ".join(f"{_nominee(line.vote)} ({nfc(line.vote.nomination.form.name)})"
                                      for line in passed) + "."))
    else:
        body.append(Block("paragraph", "Không có trường hợp nào đạt số phiếu đồng ý cần thiết để đề nghị khen "
                                       "thưởng."))
    body.append(Block("closing", "Biên bản được lập xong ngay sau cuộc họp, đã đọc lại cho người dự họp cùng nghe "
                                 "và thống nhất./."))
    return AdminDocument(
        governing_body=nfc(agency.name) if agency else "",
        issuing_body=nfc(unit.name),
        number="/BB",
        place=place_of(unit),
        issued_on=meeting.held_on,
        doc_type="BIÊN BẢN",
        title=f"Họp bình xét thi đua, khen thưởng\n{nfc(review_round.name)}",
        body=body,
        recipients=[],
        signer_title="CHỦ TRÌ",
        signer_name=nfc(meeting.chair.full_name),
    )


def minutes_docx(meeting) -> bytes:
    """The DOCX, with the secretary's signature block put on the left of the chair's (a copy of its paragraphs)."""
    from docx import Document

    data = build_docx(minutes_document(meeting))
    document = Document(io.BytesIO(data))
    foot = document.tables[-1]
    left, right = foot.cell(0, 0), foot.cell(0, 1)
    for p in list(left.paragraphs):
        p._p.getparent().remove(p._p)
    texts = {"CHỦ TRÌ": "THƯ KÝ", nfc(meeting.chair.full_name): nfc(meeting.secretary.full_name)}
    for paragraph in right.paragraphs:
        clone = copy.deepcopy(paragraph._p)
        left._tc.append(clone)
    for paragraph in left.paragraphs:
        for run in paragraph.runs:
            run.text = texts.get(run.text, run.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
