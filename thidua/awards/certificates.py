"""Certificates (issue 10 §4): one A4 landscape page per awardee of a signed decision, with a QR code of the
award's public verification page, signed with the agency's certificate (PAdES).

The heading follows what the award is: a Giấy khen reads "GIẤY KHEN" under "GIÁM ĐỐC SỞ … TẶNG"; an emulation
title (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến) is certified: "GIẤY CHỨNG NHẬN",
"GIÁM ĐỐC SỞ … CHỨNG NHẬN", "Đạt danh hiệu “…” năm …"; any other form prints its own name as the heading.

A whole decision is one PDF signed once (`decision_certificates_pdf`): WeasyPrint lays out, once per kind of
certificate (its heading), the parts every certificate shares — the frame, the headers, the heading, the
decision's line, the signer's block — as one Form XObject, and a probe page whose boxes say where the rest goes;
`documents.binder` then draws on each page only its own text (the name, the detail, the achievement, the QR code's
hint, in the template's fonts, read once) and its QR code over that shared XObject, which every page references
rather than copies. A single certificate takes the same path. `start_print` runs it as a background job
(`PRINT_KIND`) whose file the Office downloads."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.core import exports, files, jobs
from thidua.core.text import fold, nfc
from thidua.documents.nd30 import MOTTO, NATIONAL_NAME, place_date_line
from thidua.documents.pdfpool import font_config
from thidua.org.enums import UnitKind

from .enums import DecisionStatus, RecipientKind, SignerRole
from .models import Award, Decision
from .places import place_of

#: pages per WeasyPrint document when a whole decision is printed
BATCH = 100
#: where `thidua serve` listens when SITE_URL is not configured (the QR code needs an absolute address)
FALLBACK_SITE_URL = "http://localhost:8000"
PRINTABLE = (DecisionStatus.SIGNED, DecisionStatus.PUBLISHED)
PRINT_KIND = "awards.print_certificates"
PRINT_DIR = f"{exports.ROOT}/awards/certificates"
#: each award's certificate, signed on its first download and kept (MEDIA_ROOT/…/<award id>.pdf; not an export:
#: never purged, deleted when the award is revoked)
CERTIFICATE_DIR = "awards/certificates"


# ----------------------------------------------------------------------------------------------- the texts

def verify_url(award: Award) -> str:
    """The public verification page of `award`, absolute (it goes into the QR code): its token, never its id."""
    site = (getattr(settings, "SITE_URL", "") or FALLBACK_SITE_URL).rstrip("/")
    return site + reverse("awards:verify", args=[award.token])


def _province(unit):
    node = unit.parent if unit is not None else None
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def header_bodies(agency) -> tuple[str, str]:
    """(governing body, issuing body) as on the agency's documents: "UBND TỈNH CAO BẰNG" over "SỞ GIAO THÔNG VẬN
    TẢI" (the province's name dropped from the agency's, it is in the line above)."""
    province = _province(agency)
    name = nfc(agency.name)
    if province is None:
        return "", name.upper()
    province_name = nfc(province.name)
    for form in (province_name, province_name.lower(), province_name[:1].lower() + province_name[1:]):
        if name.endswith(" " + form) and len(name) > len(form) + 1:
            name = name[: -len(form) - 1]
            break
    return f"UBND {province_name}".upper(), name.upper()


def _chief(agency) -> tuple[str, str]:
    """(the head's title, the deputy's title) of the agency: Giám đốc of a Sở, Chủ tịch of a People's Committee."""
    if agency.kind == UnitKind.LOCAL_GOV:
        return "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"


def signer_lines(decision: Decision) -> list[str]:
    """["GIÁM ĐỐC"] or ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] when a deputy signs."""
    head, deputy = _chief(decision.agency)
    if decision.signer_role == SignerRole.DEPUTY:
        return [f"KT. {head}", deputy]
    return [head]


def signer_name(decision: Decision) -> str:
    if nfc(decision.signer_name):
        return nfc(decision.signer_name)
    return nfc(decision.signer.full_name) if decision.signer_id else ""


@dataclass
class Page:
    """What one certificate prints."""

    heading: str
    giver: str  # "GIÁM ĐỐC SỞ GIAO THÔNG VẬN TẢI"
    verb: str  # "TẶNG" / "CHỨNG NHẬN"
    name: str  # "Ông Nguyễn Văn An"
    detail: str  # "Chuyên viên, Phòng Quản lý vận tải"
    achievement: str
    decision_line: str  # "Quyết định số 123/QĐ-SGTVT ngày 15/12/2025"
    qr: list[list[bool]]  # the QR code's modules
    url: str

    @property
    def hint(self) -> str:
        return f"Quét mã để xác minh: {self.url}"


def heading_of(form) -> tuple[str, bool]:
    """(heading, is a title): "GIẤY CHỨNG NHẬN" for an emulation title, "GIẤY KHEN" for a Giấy khen, else the
    form's own name."""
    if form.is_title:
        return "GIẤY CHỨNG NHẬN", True
    if fold(form.name).startswith("giay khen"):
        return "GIẤY KHEN", False
    return nfc(form.name).upper(), False


def _awardee_name(award: Award) -> str:
    name = nfc(award.name)
    if award.recipient == RecipientKind.INDIVIDUAL and award.person_id:
        gender = getattr(award.person, "gender", "")
        prefix = {"male": "Ông", "female": "Bà"}.get(gender, "")
        return f"{prefix} {name}".strip()
    if award.recipient == RecipientKind.HOUSEHOLD and not fold(name).startswith("ho "):
        return f"Hộ gia đình {name}"
    return name


def _detail(award: Award) -> str:
    if award.recipient == RecipientKind.HOUSEHOLD:
        return nfc(award.unit_name) or (nfc(award.household.commune_name) if award.household_id else "")
    if award.recipient == RecipientKind.COLLECTIVE:
        return ""
    return ", ".join(part for part in (nfc(award.position), nfc(award.unit_name)) if part)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "./.")) else f"{text}."


def _achievement(award: Award, is_title: bool) -> str:
    text = nfc(award.achievement).strip()
    if is_title:
        title = f"Đạt danh hiệu “{nfc(award.form.name)}” năm {award.year}"
        return f"{title}. {_sentence(text)}" if text and fold(text) != fold(title) else f"{title}."
    return _sentence(text) if text else f"Đã có thành tích xuất sắc trong năm {award.year}."


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code of `text` (library qrcode, error correction M, a quiet zone of 2 modules; True:
    black), printed one image sample per module, enlarged without smoothing. The mask pattern is fixed: choosing
    the "best" of the eight is only an optimisation of the standard and costs most of the encoding time."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, mask_pattern=2)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def _png_data_uri(matrix: list[list[bool]]) -> str:
    """An 8-bit grayscale PNG of a square boolean matrix (True: black) as a data URI."""
    size = len(matrix)
    raw = b"".join(b"\x00" + bytes(0 if dark else 255 for dark in row) for row in matrix)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


def page_of(award: Award, decision: Decision) -> Page:
    heading, is_title = heading_of(award.form)
    head, _deputy = _chief(decision.agency)
    _gov, issuing = header_bodies(decision.agency)
    url = verify_url(award)
    return Page(
        heading=heading, giver=f"{head} {issuing}", verb="CHỨNG NHẬN" if is_title else "TẶNG",
        name=_awardee_name(award), detail=_detail(award), achievement=_achievement(award, is_title),
        decision_line=f"Quyết định số {decision.number_label} ngày {decision.issued_on:%d/%m/%Y}",
        qr=qr_matrix(url), url=url)


def _check_printable(decision: Decision | None) -> Decision:
    if decision is None:
        raise ValidationError(_("Chỉ in được giấy khen của khen thưởng theo quyết định của cơ quan trong hệ thống."))
    if decision.status not in PRINTABLE:
        raise ValidationError(_("Quyết định chưa được ký: chỉ in giấy khen của quyết định đã ký hoặc đã công bố."))
    return decision


# ----------------------------------------------------------------------------------------------- the PDF

def _html(pages: list, decision: Decision) -> str:
    governing, issuing = header_bodies(decision.agency)
    with translation.override("vi"):
        return render_to_string("awards/certificates/certificate.html", {
            "title": f"Giấy khen theo Quyết định số {decision.number_label}",
            "pages": pages, "governing_body": governing, "issuing_body": issuing,
            "national_name": NATIONAL_NAME, "motto": MOTTO,
            "place_date": place_date_line(place_of(decision.agency), decision.issued_on),
            "signer_lines": signer_lines(decision), "signer_name": signer_name(decision),
        })


PX = 0.75  # WeasyPrint's CSS pixel, in PDF points
NAME_COLOR = (0x0B / 255, 0x3D / 255, 0x91 / 255)
BLACK = (0.0, 0.0, 0.0)
#: where a line may break in the QR code's hint (an address): after a space, after "/" or "-" before a non-digit
_BREAK_AFTER = "/-"


@dataclass
class _Slot:
    """Where one variable block goes, read from the probe's layout (PDF points, y from the page's top)."""

    left: float
    width: float
    top: float
    line: float  # the height of one line box
    baseline: float  # from the line box's top
    size: float  # font size
    face: object  # the binder's face of the font WeasyPrint chose for the block


@dataclass
class _Layout:
    """The shared drawing of a kind of certificate (a Form XObject) and the slots of its variable text."""

    form: object
    height: float
    slots: dict[str, _Slot]
    image_top: float  # the QR code's top above the hint's top
    image_left: float
    image_size: float


def _boxes(page) -> dict[str, object]:
    """The first box of each class of the probe's page ("name", "detail", …; "img": the QR code's image)."""
    found: dict[str, object] = {}

    def walk(box) -> None:
        element = getattr(box, "element", None)
        if element is not None and getattr(box, "element_tag", "") == "img":
            found.setdefault("img", box)
        elif element is not None and type(box).__name__ == "BlockBox":
            for name in (element.get("class") or "").split():
                found.setdefault(name, box)
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)
    return found


def _font_data(text_box) -> bytes:
    """The font file WeasyPrint laid out `text_box` with (its first run's; the probe's text is two plain letters)."""
    from weasyprint.text.fonts import get_hb_object_data, get_pango_font_hb_face

    text_box.pango_layout.reactivate(text_box.style)  # as WeasyPrint's own drawing does (layout frees it)
    first_line, _index = text_box.pango_layout.get_first_line()
    return get_hb_object_data(get_pango_font_hb_face(first_line.runs[0].data.item.analysis.font))


def _slot(binder, box) -> _Slot:
    line = box.children[0]
    text = line.children[0]
    return _Slot(left=box.content_box_x() * PX, width=box.width * PX, top=line.position_y * PX, line=line.height * PX,
                 baseline=line.baseline * PX, size=text.style["font_size"] * PX, face=binder.font(_font_data(text)))


def _layout(binder, decision: Decision, sample: Page) -> _Layout:
    """Lay out, with WeasyPrint, the parts of `sample`'s kind of certificate that every such certificate shares
    (everything but the name, the detail, the achievement, the QR code and its hint) as a Form XObject of
    `binder`, and a probe page with a one-line sample of each variable block that says where they go (both pages
    of one WeasyPrint document: the template is parsed and styled once)."""
    from weasyprint import HTML

    common = {"giver": sample.giver, "verb": sample.verb, "heading": sample.heading,
              "decision_line": sample.decision_line}
    shared = {**common, "name": "", "detail": "", "achievement": "", "qr": "", "url": "", "hint": ""}
    probe = {**common, "name": "Ag", "detail": "Ag", "achievement": "Ag", "qr": _png_data_uri(sample.qr),
             "url": "x", "hint": "x"}
    document = HTML(string=_html([shared, probe], decision)).render(font_config=font_config())
    boxes = _boxes(document.pages[1])
    slots = {name: _slot(binder, boxes[name]) for name in ("name", "detail", "achievement", "hint")}
    image = boxes["img"]
    height = document.pages[0].height * PX
    return _Layout(form=binder.form(document.copy([document.pages[0]]).write_pdf()), height=height, slots=slots,
                   image_top=slots["hint"].top - image.position_y * PX, image_left=image.position_x * PX,
                   image_size=image.height * PX)


def _lines(face, size: float, text: str, width: float, breaks: str = "") -> list[str]:
    """`text` broken into lines no wider than `width` (at spaces, and after the characters of `breaks` when a
    non-digit follows), each as wide as it can be; a word wider than a line stands on its own."""
    pieces: list[str] = []  # each piece ends where a line may break (its trailing space kept)
    current = ""
    for i, ch in enumerate(text):
        current += ch
        following = text[i + 1] if i + 1 < len(text) else ""
        if ch == " " and following != " " or (ch in breaks and following and not following.isdigit()):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    space = face.width(" ", size)
    lines: list[str] = []
    line, line_width = "", 0.0  # the line so far, and its width with its trailing spaces
    for piece in pieces:
        piece_width = face.width(piece, size)
        trailing = (len(piece) - len(piece.rstrip(" "))) * space
        if line and line_width + piece_width - trailing > width + 0.01:
            lines.append(line.rstrip(" "))
            line, line_width = piece, piece_width
        else:
            line, line_width = line + piece, line_width + piece_width
    if line.strip(" "):
        lines.append(line.rstrip(" "))
    return lines


def _draw_block(page, slot: _Slot, top: float, text: str, height: float, *, color=BLACK, center: bool = True,
                breaks: str = "") -> float:
    """Draw `text` as the block of `slot` whose first line box starts at `top`; the bottom of its last line."""
    face = slot.face
    for line in _lines(face, slot.size, text, slot.width, breaks):
        x = slot.left + ((slot.width - face.width(line, slot.size)) / 2 if center else 0)
        page.text(face, slot.size, x, height - (top + slot.baseline), line, color=color)
        top += slot.line
    return top


def _draw(binder, layout: _Layout, page_data: Page) -> None:
    page = binder.page()
    page.form(layout.form)
    slots, height = layout.slots, layout.height
    name, detail, achievement = slots["name"], slots["detail"], slots["achievement"]
    bottom = _draw_block(page, name, name.top, page_data.name, height, color=NAME_COLOR)
    if page_data.detail:
        detail_gap = detail.top - (name.top + name.line)
        bottom = _draw_block(page, detail, bottom + detail_gap, page_data.detail, height)
    achievement_gap = achievement.top - (detail.top + detail.line)  # its margin, after the detail or the name
    _draw_block(page, achievement, bottom + achievement_gap, page_data.achievement, height)
    hint = slots["hint"]
    lines = _lines(hint.face, hint.size, page_data.hint, hint.width, _BREAK_AFTER)
    hint_top = hint.top - (len(lines) - 1) * hint.line
    _draw_block(page, hint, hint_top, page_data.hint, height, center=False, breaks=_BREAK_AFTER)
    image_top = hint_top - layout.image_top
    page.gray_image(page_data.qr, layout.image_left, height - image_top - layout.image_size, layout.image_size)
    binder.add(page)


def _bind(pages: list[Page], decision: Decision, progress: Callable[[int], None] | None = None) -> bytes:
    """The certificates of `pages` as one PDF: a page each, the shared parts of each kind laid out once."""
    from thidua.documents.binder import Binder

    binder = None
    layouts: dict[tuple[str, str, str, str], _Layout] = {}
    for done, page_data in enumerate(pages, start=1):
        key = (page_data.giver, page_data.verb, page_data.heading, page_data.decision_line)
        layout = layouts.get(key)
        if layout is None:
            binder = binder or Binder(A4_LANDSCAPE[0], A4_LANDSCAPE[1])
            layout = layouts[key] = _layout(binder, decision, page_data)
        _draw(binder, layout, page_data)
        if progress is not None:
            progress(done)
    return binder.pdf({"/Title": f"Giấy khen theo Quyết định số {decision.number_label}"})


A4_LANDSCAPE = (841.8898, 595.2756)


def filename_of(award: Award) -> str:
    return f"giay-khen-{slugify(fold(award.name)) or 'khen-thuong'}-{award.decision_number.split('/')[0]}.pdf"


def kept_certificate(award_id: int) -> Path:
    """Where the signed certificate of an award is kept once made (MEDIA_ROOT/`CERTIFICATE_DIR`/<id>.pdf)."""
    return Path(settings.MEDIA_ROOT) / CERTIFICATE_DIR / f"{award_id}.pdf"


def _certificate_lock() -> Path:
    return Path(settings.MEDIA_ROOT) / CERTIFICATE_DIR / ".lock"


def certificate_pdf(award: Award) -> bytes:
    """The certificate of one award as a signed PDF (A4 landscape), signed once: the first download renders and
    signs it, writes it whole under `CERTIFICATE_DIR` and records its hash (`SignedFile`); later downloads serve
    that file (no new signature, no new row). A ValidationError in Vietnamese for an award not decided by a signed
    decision of the agency, a revoked one (its kept file is never served), or an agency without a certificate.

    Two first downloads at once: the first to take the certificates' file lock (`files.locked`, not a database
    lock) signs; the other waits, then serves the file the first kept."""
    decision = _check_printable(award.decision)
    if not award.stands:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi: không in giấy khen."))
    kept = kept_certificate(award.pk)
    try:
        return kept.read_bytes()
    except FileNotFoundError:
        pass
    from . import signing

    with files.locked(_certificate_lock()):
        if kept.exists():  # signed meanwhile by a download that held the lock
            return kept.read_bytes()
        award = Award.objects.select_related("form", "person", "household", "decision").get(pk=award.pk)
        if not award.stands:  # revoked meanwhile
            raise ValidationError(_("Khen thưởng này đã bị thu hồi: không in giấy khen."))
        pdf = _bind([page_of(award, decision)], decision)
        signed = signing.sign(decision.agency_id, pdf, filename=filename_of(award),
                              reason=f"Giấy khen theo Quyết định số {decision.number_label}")
        files.write_atomically(kept, signed.data)
        try:
            signed.record(award=award)
        except BaseException:
            kept.unlink(missing_ok=True)
            raise
    return signed.data


def forget_certificate(award_id: int) -> None:
    """Delete the kept certificate of a revoked award (`revocation.revoke`, after its commit), under the lock
    the first download signs under, so a download cannot put it back."""
    with files.locked(_certificate_lock()):
        kept_certificate(award_id).unlink(missing_ok=True)


def decision_filename(decision: Decision) -> str:
    return f"giay-khen-qd-{decision.number}-{decision.doc_type.lower().replace('đ', 'd')}-{decision.year}.pdf"


def decision_certificates_pdf(decision: Decision, progress: Callable[[int, int], None] | None = None) -> bytes:
    """Every standing award of the decision as one printable PDF, a page each, signed once and remembered by its
    hash at once (for a file handed straight to its reader). `progress(done, total)` is called after each batch."""
    signed = _decision_certificates_signed(decision, progress)
    signed.record(decision=decision)
    return signed.data


def _decision_certificates_signed(decision: Decision, progress: Callable[[int, int], None] | None = None):
    """`decision_certificates_pdf`, signed but not yet remembered (`signing.Signed`)."""
    _check_printable(decision)
    order = {nid: i for i, nid in enumerate(decision.lines.values_list("nomination_id", flat=True))}
    awards = sorted(Award.objects.filter(decision=decision, revoked_on__isnull=True)
                    .select_related("form", "person", "household"),
                    key=lambda a: (order.get(a.nomination_id, len(order)), a.pk))  # the order of its list
    total = len(awards)
    if not total:
        raise ValidationError(_("Quyết định không có người, tập thể nào được khen thưởng để in giấy khen."))
    if progress is not None:
        progress(0, total)
    report = None
    if progress is not None:
        def report(done: int) -> None:
            if done % BATCH == 0 or done == total:
                progress(done, total)
    pdf = _bind([page_of(award, decision) for award in awards], decision, report)
    from . import signing

    return signing.sign(decision.agency_id, pdf, filename=decision_filename(decision),
                        reason=f"Giấy khen theo Quyết định số {decision.number_label}")


# ----------------------------------------------------------------------------------------------- the job

def start_print(decision: Decision, user) -> jobs.Job:
    """Queue the printing of a decision's certificates (in tests it runs at once)."""
    _check_printable(decision)
    exports.purge_expired()
    return jobs.enqueue(PRINT_KIND, f"In giấy khen: Quyết định số {decision.number_label}",
                        params={"decision_id": decision.pk, "user_id": user.pk}, user=user,
                        agency_id=decision.agency_id)


@jobs.handler(PRINT_KIND, retry=True)  # it writes its file from scratch (a temporary file, renamed at the end)
def run_print(ctx: jobs.JobContext) -> dict:
    from .scoping import decision_for

    user = get_user_model().objects.get(pk=ctx.params["user_id"])
    decision = decision_for(user, ctx.params["decision_id"])
    stage = "Đang in giấy khen…"
    # the total first, unthrottled (the batches' reports may fall inside the throttle's window)
    ctx.progress(0, Award.objects.filter(decision=decision, revoked_on__isnull=True).count(), stage, force=True)
    signed = _decision_certificates_signed(decision, progress=lambda done, total: ctx.progress(done, total, stage))
    relative = f"{PRINT_DIR}/{ctx.job.pk}.pdf"
    target = Path(settings.MEDIA_ROOT) / relative
    files.write_atomically(target, signed.data)  # whole or not at all
    signed.record(decision=decision)  # its hash remembered only once its file is in place
    total = ctx.job.total or 0
    ctx.progress(total, total, "Đã in xong.", force=True)
    return {"path": relative, "count": total, "filename": decision_filename(decision), "decision_id": decision.pk}
