"""The Council's minutes (biên bản họp Hội đồng Thi đua - Khen thưởng) in the Nghị định 30 layout
(documents.nd30): who sat and who was absent, the regime, and per item its recusals, the tallies of every ballot
with the threshold that applied, and the result. Always Vietnamese (an official document)."""

from __future__ import annotations

from thidua.core.text import nfc
from thidua.documents.nd30 import AdminDocument, Block, build_docx
from thidua.org.enums import Role

from .council import member_name
from .enums import NominationStatus, SessionStatus
from .places import place_of

DOC_TYPE = "BIÊN BẢN"


def _percent(value: str) -> str:
    return f"{value}%"


def document(session, members, items) -> AdminDocument:
    agency = session.agency
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    chair = next((m for m in members if m.role == Role.COUNCIL_CHAIR), None)
    secretary = next((m for m in members if m.role == Role.COUNCIL_SECRETARY), None)

    def who(m) -> str:
        return f"{member_name(m.user)} – {m.get_role_display()}"

    body: list[Block] = [
        Block("heading1", "I. THÀNH PHẦN"),
        Block("paragraph", f"Tổng số thành viên Hội đồng: {len(members)}; có mặt: {len(present)}; vắng mặt: "
                           f"{len(absent)}."),
        Block("heading2", "1. Thành viên có mặt"),
        *[Block("item", f"- {who(m)};") for m in present],
    ]
    if absent:
        body += [Block("heading2", "2. Thành viên vắng mặt"), *[Block("item", f"- {who(m)};") for m in absent]]
    regime = session.regime
    body += [
        Block("paragraph", f"Chủ trì: {member_name(chair.user) if chair else '…'}; thư ký: "
                           f"{member_name(secretary.user) if secretary else '…'}."),
        Block("heading1", "II. NỘI DUNG"),
        Block("paragraph", f"Hội đồng xem xét {len(items)} đề nghị khen thưởng"
                           + (f", theo {regime.name}" if regime else "") + "."),
    ]
    for n, item in enumerate(items, start=1):
        nomination = item.nomination
        law = item.law
        body.append(Block("heading2", f"{n}. {nomination.form} – {nomination.nominee_name} "
                                      f"({nomination.unit.name})"))
        body.append(Block("item", f"- Chế độ áp dụng: {law.regime.short_name}. {law.reason}"))
        body.append(Block("item", f"- Ngưỡng: {law.description}"))
        panel = getattr(item, "eligibility", None)
        if panel is not None and panel.verdict:
            counts = f" ({panel.badge})" if panel.not_met or panel.unknown else ""
            body.append(Block("item", f"- Điều kiện khen thưởng theo {panel.regime.short_name}: "
                                      f"{panel.verdict_label.lower()}{counts}."))
            for rule in panel.rules:
                if rule.counts and rule.result == "not-met":
                    body.append(Block("item", f"- Tiêu chí chưa đạt: {rule.rule} — {rule.detail}"))
        for j in (panel.justifications if panel is not None else []):
            body.append(Block("item", f"- Giải trình ({j.step}, {j.actor}): {nfc(j.text)}"))
        for member, reason in item.recused_members:
            if member is not None:
                body.append(Block("item", f"- {member_name(member.user)} không tham gia biểu quyết: {reason}"))
        for row in item.rows:
            t = row["tally"]
            ballot = row["ballot"]
            again = f" (biểu quyết lại: {ballot.reason})" if ballot.reason else ""
            written = f", trong đó {t.written} phiếu bằng văn bản của thành viên vắng mặt" if t.written else ""
            body.append(Block("item", f"- Lần {ballot.number}{again}: {t.voters} phiếu{written}; đồng ý {t.agree}, "
                                      f"không đồng ý {t.disagree}, không biểu quyết {t.abstain}; tỷ lệ đồng ý "
                                      f"{row['counted']}/{row['base']} ({_percent(row['share'])}) – "
                                      f"{'đạt' if row['passes'] else 'không đạt'}."))
        if item.result:
            verdict = NominationStatus(item.result).label
        elif session.status == SessionStatus.CONCLUDED:
            verdict = "—"
        else:
            verdict = "chưa kết thúc biểu quyết"
        body.append(Block("item", f"- Kết quả: {verdict}."))
    body.append(Block("closing", "Biên bản được lập và thông qua tại phiên họp, các thành viên dự họp thống nhất "
                                 "với nội dung biên bản./."))
    if secretary:
        body.append(Block("paragraph", f"Thư ký Hội đồng: {member_name(secretary.user)}"))
    place = nfc(session.place)
    return AdminDocument(
        governing_body=nfc(agency.name).upper(),
        issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        number="/BB-HĐTĐKT",
        place=place_of(agency),
        issued_on=session.held_on,
        doc_type=DOC_TYPE,
        title=f"Họp Hội đồng Thi đua - Khen thưởng: {nfc(session.name)}",
        intro=f"Ngày {session.held_on:%d/%m/%Y}" + (f", tại {place}" if place else "")
              + f", Hội đồng Thi đua - Khen thưởng {nfc(agency.name)} họp xét khen thưởng.",
        body=body,
        recipients=["Thành viên Hội đồng", "Lưu: VT, Hội đồng TĐKT"],
        signer_title="CHỦ TỊCH HỘI ĐỒNG",
        signer_name=member_name(chair.user) if chair else "",
    )


def build(session, members, items) -> bytes:
    return build_docx(document(session, members, items))
