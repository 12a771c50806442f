"""Evidence files: photos (JPEG, PNG, WebP) and PDF, recognised by their content, never by their name.

`check_upload` reads and checks a file without writing anything; `store` writes a checked file and its thumbnail.
"""

from __future__ import annotations

import io
import logging
import re
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
MAX_PIXELS = 60_000_000
THUMB_SIZE = (360, 360)
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PDF_PAGES = 2000
#: markup a browser would sniff in a file's head: a file carrying it is an HTML polyglot
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta)\b", re.IGNORECASE)
#: what a PDF reader runs or opens by itself: JavaScript, launching a program, embedded files
_ACTIVE = ("/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA")


@dataclass
class CheckedFile:
    name: str
    data: bytes
    kind: str  # "photo" or "pdf"
    extension: str
    width: int | None = None
    height: int | None = None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def check_upload(upload, *, max_bytes: int | None = None) -> CheckedFile:
    """Raise ValidationError (Vietnamese, naming the file) unless the file is a real photo or PDF within the limit
    (`max_bytes`; the evidence limit MAX_BYTES unless a caller's files are larger by nature, as a scanned decision
    is)."""
    max_bytes = max_bytes or MAX_BYTES
    name = getattr(upload, "name", "") or "tệp"
    size = getattr(upload, "size", None)
    max_mb = max_bytes // (1024 * 1024)
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"Tệp \u201c{name}\u201d quá lớn ({_mb(size)} MB); giới hạn là {max_mb} MB mỗi tệp."
        )
    data = upload.read(max_bytes + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if len(data) > max_bytes:
        raise ValidationError(f"Tệp \u201c{name}\u201d quá lớn; giới hạn là {max_mb} MB mỗi tệp.")
    if not data:
        raise ValidationError(f"Tệp \u201c{name}\u201d rỗng.")
    if data.startswith(b"%PDF-"):
        _check_pdf(name, data)
        return CheckedFile(name, data, "pdf", "pdf")
    if b"%PDF-" in data[:1024] or _MARKUP.search(data[:1024]) or b"PK\x05\x06" in data[-65_536:]:
        raise ValidationError(
            f"Tệp \u201c{name}\u201d chứa lẫn nội dung của một loại tệp khác (PDF, trang web hoặc tệp nén) nên "
            "không được nhận. Hãy lưu lại ảnh hoặc PDF gốc rồi tải lên."
        )
    refused = ValidationError(
        f"Tệp \u201c{name}\u201d không phải ảnh (JPEG, PNG, WebP) hay PDF thật — nội dung không khớp, "
        "dù tên tệp có đuôi gì."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(f"Ảnh \u201c{name}\u201d có kích thước điểm ảnh quá lớn ({width}×{height}).")
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValidationError(f"Ảnh \u201c{name}\u201d có kích thước điểm ảnh quá lớn.") from exc
    except Exception as exc:  # Pillow raises many kinds of errors on foreign or broken content
        raise refused from exc
    if fmt not in IMAGE_FORMATS:
        raise refused
    return CheckedFile(name, data, "photo", IMAGE_FORMATS[fmt], width, height)


def _check_pdf(name: str, data: bytes) -> None:
    """A PDF is accepted when pypdf parses it (its cross-reference table, its pages), it has at least one page,
    it is not encrypted, it runs nothing by itself (JavaScript, launch actions, embedded files), and it is
    nothing else too: no markup in its head, nothing after its last %%EOF (an appended archive or page)."""
    from pypdf import PdfReader

    broken = ValidationError(f"Tệp PDF \u201c{name}\u201d không hoàn chỉnh hoặc bị hỏng, không đọc được.")
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise broken
    if data[end + 5:].strip() or _MARKUP.search(data[:1024]):
        raise ValidationError(
            f"Tệp \u201c{name}\u201d không phải một PDF thuần: có nội dung khác ghép vào (trang web, tệp nén…) "
            "nên không được nhận. Hãy in lại ra PDF rồi tải lên."
        )
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(f"Tệp PDF \u201c{name}\u201d có mật khẩu: hãy gỡ mật khẩu rồi tải lên.")
        pages = len(reader.pages)
        if pages == 0:
            raise ValidationError(f"Tệp PDF \u201c{name}\u201d không có trang nào.")
        if pages > MAX_PDF_PAGES:
            raise ValidationError(f"Tệp PDF \u201c{name}\u201d quá nhiều trang ({pages}); giới hạn {MAX_PDF_PAGES}.")
        active = _active_content(reader)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged or foreign files
        raise broken from exc
    if active:
        raise ValidationError(
            f"Tệp PDF \u201c{name}\u201d chứa mã chạy tự động hoặc tệp đính kèm ({active}) nên không được nhận. "
            "Hãy in lại ra PDF rồi tải lên."
        )


def _active_content(reader) -> str:
    """The first active entry found in the document catalogue, its names, the pages and their annotations."""
    root = reader.trailer["/Root"].get_object()
    places = [root, root.get("/Names"), root.get("/OpenAction"), root.get("/AA"), root.get("/AcroForm")]
    for page in reader.pages:
        places.append(page.get("/AA"))
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            places.extend((annot, annot.get("/A"), annot.get("/AA")))
    for place in places:
        if place is None:
            continue
        place = place.get_object()
        if not hasattr(place, "keys"):
            continue
        for key in _ACTIVE:
            if key in place:
                return key
        if place.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"):
            return str(place.get("/S"))
    return ""


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMB_SIZE)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.split()[-1])
            image = background
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80, optimize=True)
        return out.getvalue()


def store(evidence, checked: CheckedFile, written: list) -> None:
    """Write the file (and its thumbnail) under a random name; record written names so a failure can remove them."""
    stem = uuid.uuid4().hex[:16]
    evidence.file.save(f"{stem}.{checked.extension}", ContentFile(checked.data), save=False)
    written.append(evidence.file)
    if checked.kind == "photo":
        evidence.thumbnail.save(f"{stem}-nho.jpg", ContentFile(make_thumbnail(checked.data)), save=False)
        written.append(evidence.thumbnail)


def remove_written(written: list) -> None:
    for field_file in written:
        try:
            field_file.storage.delete(field_file.name)
        except OSError:
            pass
