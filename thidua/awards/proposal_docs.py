"""The agency's tờ trình to the province (issue 10 §3) in the Nghị định 30/2020 layout — the căn cứ of the regime in
force on its date, the Council's session and result, the collectives, individuals and households proposed — as DOCX
(documents.nd30) and PDF; its danh sách as XLSX; and the whole proposal as one ZIP for a province that does not use
this system (the tờ trình, the danh sách, one folder per nominee with the latest file of each dossier part, and a
manifest with every file's size and SHA-256). Documents of the administration are Vietnamese whatever the page's
language, so their texts are not translated."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from thidua.core.text import nfc
from thidua.documents.nd30 import AdminDocument, Block, build_docx, build_pdf

from . import legal
from .dossier_docs import nominee_blocks, submission_bases
from .enums import AwardLevel, DossierPart, RecipientKind, SignerRole
from .models import AgendaItem, DossierFile, Nomination, Proposal
from .places import place_of

RECIPIENT_HEADINGS = {RecipientKind.COLLECTIVE: "TẬP THỂ", RecipientKind.INDIVIDUAL: "CÁ NHÂN",
                      RecipientKind.HOUSEHOLD: "HỘ GIA ĐÌNH"}
RECIPIENT_ORDER = (RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD)
ROMAN = ("I", "II", "III", "IV")


def nominations_of(proposal: Proposal) -> list[Nomination]:
    """The proposal's nominations in the tờ trình's order (collectives, individuals, households; by form)."""
    items = list(proposal.items.select_related("nomination__form", "nomination__person", "nomination__unit",
                                               "nomination__household").order_by("order", "id"))
    nominations = [i.nomination for i in items]
    return sorted(nominations, key=lambda n: (RECIPIENT_ORDER.index(n.recipient), n.form.sort_order, n.form_id,
                                              [i.nomination_id for i in items].index(n.pk)))


def _header(proposal: Proposal) -> tuple[str, str]:
    place = place_of(proposal.agency)
    return (f"UBND TỈNH {place.upper()}" if place else ""), nfc(proposal.agency.name).upper()


def _day(day) -> str:
    return day.strftime("%d/%m/%Y")


def _sessions(nominations) -> list:
    items = (AgendaItem.objects.filter(nomination__in=nominations).select_related("session")
             .order_by("session__held_on", "session_id"))
    seen, out = set(), []
    for item in items:
        if item.session_id not in seen:
            seen.add(item.session_id)
            out.append(item.session)
    return out


def _signer_title(proposal: Proposal) -> str:
    return "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" if proposal.signer_role == SignerRole.DEPUTY else "GIÁM ĐỐC"


def submission_document(proposal: Proposal) -> AdminDocument:
    governing_body, issuing_body = _header(proposal)
    nominations = nominations_of(proposal)
    place = place_of(proposal.agency)
    chairman = f"Chủ tịch Ủy ban nhân dân tỉnh {place}" if place else "Chủ tịch Ủy ban nhân dân tỉnh"
    try:
        regime = legal.regime_on(proposal.issued_on)
    except ValidationError:
        regime = None
    body: list[Block] = [Block("paragraph", f"Kính gửi: {chairman}.")]
    body += [Block("paragraph", text) for text in submission_bases(regime)]
    review_round = proposal.review_round
    if review_round is not None:
        body.append(Block("paragraph", f"Căn cứ Kế hoạch phong trào thi đua “{review_round.movement.name}” và "
                                       f"{review_round.name};"))
    sessions = _sessions(nominations)
    seen = set()
    for session in sessions:
        name = nfc(session.name or "phiên họp")
        name = name[:1].lower() + name[1:]
        if session.held_on and _day(session.held_on) not in name:
            name += f" ngày {_day(session.held_on)}"
        line = f"Căn cứ kết quả {name} của Hội đồng Thi đua - Khen thưởng {proposal.agency.name};"
        if line not in seen:
            seen.add(line)
            body.append(Block("paragraph", line))
    counts = Counter(n.recipient for n in nominations)
    result = ", ".join(f"{counts[kind]} {RECIPIENT_HEADINGS[kind].lower()}" for kind in RECIPIENT_ORDER
                       if counts[kind])
    by_form = Counter(n.form.name for n in nominations)
    upward = ("khen thưởng hoặc trình Thủ tướng Chính phủ, Chủ tịch nước khen thưởng"
              if proposal.level == AwardLevel.STATE else "khen thưởng")
    body.append(Block("paragraph", f"Hội đồng Thi đua - Khen thưởng {proposal.agency.name} đã xét và thống nhất đề "
                                   f"nghị {result} ({'; '.join(f'{name}: {n}' for name, n in by_form.items())}). "
                                   f"{proposal.agency.name} kính trình {chairman} xem xét, {upward} cho:"))
    section = 0
    for kind in RECIPIENT_ORDER:
        group = [n for n in nominations if n.recipient == kind]
        if not group:
            continue
        body.append(Block("heading1", f"{ROMAN[section]}. {RECIPIENT_HEADINGS[kind]} ({len(group)})"))
        section += 1
        body += nominee_blocks(group)
    body.append(Block("paragraph", "(Có danh sách, báo cáo thành tích, biên bản họp Hội đồng và hồ sơ của từng tập "
                                   "thể, cá nhân kèm theo.)"))
    body.append(Block("closing", f"{proposal.agency.name} kính trình {chairman} xem xét, quyết định./."))
    return AdminDocument(
        governing_body=governing_body, issuing_body=issuing_body, number=proposal.number_label, place=place,
        issued_on=proposal.issued_on, doc_type="TỜ TRÌNH", title=proposal.title, body=body,
        recipients=["Như trên", "Ban Thi đua - Khen thưởng tỉnh", "Lãnh đạo cơ quan", "Lưu: VT, VP (TĐKT)"],
        signer_title=_signer_title(proposal), signer_name=proposal.signer_name)


def submission_docx(proposal: Proposal) -> bytes:
    with translation.override("vi"):
        return build_docx(submission_document(proposal))


def submission_pdf(proposal: Proposal) -> bytes:
    with translation.override("vi"):
        return build_pdf(submission_document(proposal))


LIST_HEADERS = ["STT", "Tên tập thể, họ và tên", "Chức vụ", "Đơn vị", "Đối tượng", "Hình thức đề nghị", "Ghi chú"]


def list_xlsx(proposal: Proposal) -> bytes:
    """The danh sách đề nghị khen thưởng: one row per nominee, grouped as in the tờ trình."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from thidua.core import xlsx

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(xlsx.row(ws, ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"]))
    ws.append(xlsx.row(ws, [f"(Kèm theo Tờ trình số {proposal.number_label} ngày {_day(proposal.issued_on)} của "
               f"{proposal.agency.name})"]))
    ws.append([])
    ws.append(xlsx.row(ws, LIST_HEADERS))
    for cell in ws[1] + ws[4]:
        cell.font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LIST_HEADERS))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(LIST_HEADERS))
    ws["A1"].alignment = ws["A2"].alignment = Alignment(horizontal="center")
    with translation.override("vi"):
        nominations = nominations_of(proposal)
        section = 0
        for kind in RECIPIENT_ORDER:
            group = [n for n in nominations if n.recipient == kind]
            if not group:
                continue
            ws.append(xlsx.row(ws, [ROMAN[section], RECIPIENT_HEADINGS[kind]]))
            ws.cell(ws.max_row, 2).font = Font(bold=True)
            section += 1
            for n, nomination in enumerate(group, start=1):
                ws.append(xlsx.row(ws, [n, nomination.nominee_name,
                           nomination.person.position if nomination.person_id else "",
                           nomination.unit.name if nomination.unit_id else "",
                           str(RecipientKind(nomination.recipient).label), nomination.form.name,
                           "Ưu tiên nữ" if nomination.women_first else ""]))
    for column, width in zip("ABCDEFG", (6, 34, 24, 34, 14, 38, 14), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- the ZIP ---------------------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name: NFC, no path separators or characters Windows refuses, at most `limit` characters."""
    name = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text or "")).strip(" .")
    return re.sub(r"\s+", " ", name)[:limit].strip() or "tep"


def latest_files(nomination: Nomination) -> list[DossierFile]:
    """The latest file of each dossier part, in the parts' order (DossierPart)."""
    latest: dict[str, DossierFile] = {}
    for f in nomination.files.order_by("part", "-uploaded_at", "-id"):
        latest.setdefault(f.part, f)
    order = list(DossierPart.values)
    return sorted(latest.values(), key=lambda f: order.index(f.part) if f.part in order else len(order))


@dataclass
class Entry:
    path: str
    size: int
    sha256: str


def _extension(filename: str) -> str:
    match = re.search(r"\.([A-Za-z0-9]{1,8})$", filename or "")
    return f".{match.group(1).lower()}" if match else ""


def write_zip(proposal: Proposal, fileobj) -> list[Entry]:
    """Write the proposal's ZIP into `fileobj` (a temporary file: dossier files are copied in chunks, never all held
    in memory). UTF-8 names (zipfile sets the flag), numbered in order. Returns the manifest's entries."""
    entries: list[Entry] = []
    number = proposal.number_label.replace("/", "-")
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        def put(path: str, data: bytes) -> None:
            zf.writestr(path, data)
            entries.append(Entry(path, len(data), hashlib.sha256(data).hexdigest()))

        put(f"Tờ trình {number}.docx", submission_docx(proposal))
        put(f"Tờ trình {number}.pdf", submission_pdf(proposal))
        put("Danh sách đề nghị khen thưởng.xlsx", list_xlsx(proposal))
        with translation.override("vi"):
            for i, nomination in enumerate(nominations_of(proposal), start=1):
                folder = f"{i:02d} - {safe_name(nomination.nominee_name)}"
                for j, dossier_file in enumerate(latest_files(nomination), start=1):
                    label = safe_name(str(DossierPart(dossier_file.part).label)
                                      if dossier_file.part in DossierPart.values else dossier_file.part)
                    path = f"{folder}/{j:02d} - {label}{_extension(dossier_file.filename)}"
                    digest, size = hashlib.sha256(), 0
                    # dated as uploaded (zf.open would write 01/01/1980 for a bare name)
                    info = zipfile.ZipInfo(path, date_time=timezone.localtime(dossier_file.uploaded_at).timetuple()[:6])
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with dossier_file.file.open("rb") as src, zf.open(info, "w") as dst:
                        for chunk in iter(lambda src=src: src.read(1 << 20), b""):
                            digest.update(chunk)
                            size += len(chunk)
                            dst.write(chunk)
                    entries.append(Entry(path, size, digest.hexdigest()))
        manifest = io.StringIO()
        writer = csv.writer(manifest)
        writer.writerow(["tep", "kich_thuoc_byte", "sha256"])
        for entry in entries:
            writer.writerow([entry.path, entry.size, entry.sha256])
        zf.writestr("manifest.csv", manifest.getvalue().encode("utf-8-sig"))
    return entries


def zip_name(proposal: Proposal) -> str:
    return f"to-trinh-{proposal.number}-{proposal.year}.zip"
