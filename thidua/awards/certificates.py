"""Certificates (issue 10 §4): one A4 landscape page per awardee of a signed decision, with a QR code of the
award's public verification page, signed with the agency's certificate (PAdES).

The heading follows what the award is: a Giấy khen reads "GIẤY KHEN" under "GIÁM ĐỐC SỞ … TẶNG"; an emulation
title (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến) is certified: "GIẤY CHỨNG NHẬN",
"GIÁM ĐỐC SỞ … CHỨNG NHẬN", "Đạt danh hiệu “…” năm …"; any other form prints its own name as the heading.

A whole decision is laid out in batches of BATCH pages (one WeasyPrint document each, laid out on `workers()`
processes by `documents.pdfpool`) joined with pypdf and signed once, so that 1 000 certificates stay within
seconds and a bounded memory; `start_print` runs it as a background job (`PRINT_KIND`) whose file the Office downloads."""

from __future__ import annotations

import base64
import io
import os
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

from thidua.core import exports, jobs
from thidua.core.text import fold, nfc
from thidua.documents import pdfpool
from thidua.documents.nd30 import MOTTO, NATIONAL_NAME, place_date_line
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
    qr: str  # data URI
    url: str


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


def qr_data_uri(text: str) -> str:
    """The QR code of `text` (library qrcode, error correction M, a quiet zone of 2 modules) as a PNG data URI of
    one pixel per module, printed enlarged without smoothing. The mask pattern is fixed: choosing the "best" of
    the eight is only an optimisation of the standard and costs most of the encoding time."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, mask_pattern=2)
    code.add_data(text)
    code.make(fit=True)
    return "data:image/png;base64," + base64.b64encode(_png(code.get_matrix())).decode()


def _png(matrix: list[list[bool]]) -> bytes:
    """An 8-bit grayscale PNG of a square boolean matrix (True: black)."""
    size = len(matrix)
    raw = b"".join(b"\x00" + bytes(0 if dark else 255 for dark in row) for row in matrix)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def page_of(award: Award, decision: Decision) -> Page:
    heading, is_title = heading_of(award.form)
    head, _deputy = _chief(decision.agency)
    _gov, issuing = header_bodies(decision.agency)
    url = verify_url(award)
    return Page(
        heading=heading, giver=f"{head} {issuing}", verb="CHỨNG NHẬN" if is_title else "TẶNG",
        name=_awardee_name(award), detail=_detail(award), achievement=_achievement(award, is_title),
        decision_line=f"Quyết định số {decision.number_label} ngày {decision.issued_on:%d/%m/%Y}",
        qr=qr_data_uri(url), url=url)


def _check_printable(decision: Decision | None) -> Decision:
    if decision is None:
        raise ValidationError(_("Chỉ in được giấy khen của khen thưởng theo quyết định của cơ quan trong hệ thống."))
    if decision.status not in PRINTABLE:
        raise ValidationError(_("Quyết định chưa được ký: chỉ in giấy khen của quyết định đã ký hoặc đã công bố."))
    return decision


# ----------------------------------------------------------------------------------------------- the PDF

def _html(pages: list[Page], decision: Decision) -> str:
    governing, issuing = header_bodies(decision.agency)
    with translation.override("vi"):
        return render_to_string("awards/certificates/certificate.html", {
            "title": f"Giấy khen theo Quyết định số {decision.number_label}",
            "pages": pages, "governing_body": governing, "issuing_body": issuing,
            "national_name": NATIONAL_NAME, "motto": MOTTO,
            "place_date": place_date_line(place_of(decision.agency), decision.issued_on),
            "signer_lines": signer_lines(decision), "signer_name": signer_name(decision),
        })


def _render(pages: list[Page], decision: Decision) -> bytes:
    return pdfpool.html_to_pdf(_html(pages, decision))


def workers() -> int:
    """Processes laying out a whole decision's certificates (setting CERTIFICATE_WORKERS; by default up to 2)."""
    configured = getattr(settings, "CERTIFICATE_WORKERS", None)
    return max(1, int(configured)) if configured else min(2, os.cpu_count() or 1)


def filename_of(award: Award) -> str:
    return f"giay-khen-{slugify(fold(award.name)) or 'khen-thuong'}-{award.decision_number.split('/')[0]}.pdf"


def certificate_pdf(award: Award) -> bytes:
    """The certificate of one award as a signed PDF (A4 landscape). A ValidationError in Vietnamese for an award
    not decided by a signed decision of the agency, a revoked one, or an agency without a certificate."""
    decision = _check_printable(award.decision)
    if not award.stands:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi: không in giấy khen."))
    pdf = _render([page_of(award, decision)], decision)
    from . import signing

    return signing.sign_pdf(decision.agency_id, pdf, filename=filename_of(award),
                            reason=f"Giấy khen theo Quyết định số {decision.number_label}", award=award)


def decision_filename(decision: Decision) -> str:
    return f"giay-khen-qd-{decision.number}-{decision.doc_type.lower().replace('đ', 'd')}-{decision.year}.pdf"


def decision_certificates_pdf(decision: Decision, progress: Callable[[int, int], None] | None = None) -> bytes:
    """Every standing award of the decision as one printable PDF, a page each, signed once. `progress(done,
    total)` is called after each batch."""
    from pypdf import PdfWriter

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
    batches = [awards[start:start + BATCH] for start in range(0, total, BATCH)]
    htmls = (_html([page_of(award, decision) for award in batch], decision) for batch in batches)
    writer = PdfWriter()
    done = 0
    for batch, pdf in zip(batches, pdfpool.to_pdfs(htmls, workers=workers() if len(batches) > 1 else 1),
                          strict=True):
        writer.append(io.BytesIO(pdf))
        done += len(batch)
        if progress is not None:
            progress(done, total)
    writer.add_metadata({"/Title": f"Giấy khen theo Quyết định số {decision.number_label}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    from . import signing

    return signing.sign_pdf(decision.agency_id, buffer.getvalue(), filename=decision_filename(decision),
                            reason=f"Giấy khen theo Quyết định số {decision.number_label}", decision=decision)


# ----------------------------------------------------------------------------------------------- the job

def start_print(decision: Decision, user) -> jobs.Job:
    """Queue the printing of a decision's certificates (in tests it runs at once)."""
    _check_printable(decision)
    exports.purge_expired()
    return jobs.enqueue(PRINT_KIND, f"In giấy khen: Quyết định số {decision.number_label}",
                        params={"decision_id": decision.pk, "user_id": user.pk}, user=user,
                        agency_id=decision.agency_id)


@jobs.handler(PRINT_KIND, retry=True)  # it writes its file from scratch (into .part, renamed at the end)
def run_print(ctx: jobs.JobContext) -> dict:
    from .scoping import decision_for

    user = get_user_model().objects.get(pk=ctx.params["user_id"])
    decision = decision_for(user, ctx.params["decision_id"])
    stage = "Đang in giấy khen…"
    # the total first, unthrottled (the batches' reports may fall inside the throttle's window)
    ctx.progress(0, Award.objects.filter(decision=decision, revoked_on__isnull=True).count(), stage, force=True)
    pdf = decision_certificates_pdf(decision, progress=lambda done, total: ctx.progress(done, total, stage))
    relative = f"{PRINT_DIR}/{ctx.job.pk}.pdf"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(pdf)
    os.replace(partial, target)
    total = ctx.job.total or 0
    ctx.progress(total, total, "Đã in xong.", force=True)
    return {"path": relative, "count": total, "filename": decision_filename(decision), "decision_id": decision.pk}
