"""Text out of an uploaded plan document (DOCX, PDF with a text layer, or plain text).

The result is NFC text with line breaks kept (the parser needs the lines). Anything that is not a usable
document raises :class:`DocumentError` with a message in Vietnamese that can be shown to the user as is.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MB = 1024 * 1024

# A PDF page with fewer letters than this (on average) has no real text layer: a scan.
_MIN_LETTERS_PER_PAGE = 20


class DocumentError(ValueError):
    """The upload cannot be read as a document; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ExtractedText:
    text: str
    kind: str  # "docx" | "pdf" | "text"
    pages: int | None = None  # known for PDF (and DOCX when the file records it)


def default_max_bytes() -> int:
    """``settings.PLAN_IMPORT_MAX_BYTES`` when Django is configured, else 20 MB."""
    try:
        from django.conf import settings

        if settings.configured:
            return int(getattr(settings, "PLAN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
    except Exception:  # noqa: BLE001 - Django missing or misconfigured: use the default
        pass
    return DEFAULT_MAX_BYTES


def _format_mb(n_bytes: int, decimals: int) -> str:
    return f"{n_bytes / _MB:.{decimals}f}".replace(".", ",")


def _format_limit(n_bytes: int) -> str:
    if n_bytes % _MB == 0:
        return f"{n_bytes // _MB} MB"
    return f"{_format_mb(n_bytes, 1)} MB"


# ---------------------------------------------------------------- file type from the bytes

_NOT_DOCUMENT = (
    "Tệp “{name}” không phải là văn bản được hỗ trợ ({what}). "
    "Hãy tải lên tệp Word (.docx), PDF có lớp chữ hoặc văn bản thuần (.txt)."
)

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"),
    (b"BM", "ảnh BMP"),
    (b"MZ", "tệp chương trình chạy được"),
    (b"\x7fELF", "tệp chương trình chạy được"),
    (b"\xca\xfe\xba\xbe", "tệp chương trình chạy được"),
    (b"\xcf\xfa\xed\xfe", "tệp chương trình chạy được"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"{\\rtf", "văn bản RTF"),
]


def _sniff(data: bytes) -> str:
    """"docx" | "pdf" | "zip" | "ole" | "text" | a description of what else it is."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "ảnh WEBP"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "ảnh HEIC"
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    return "text"


# ---------------------------------------------------------------- plain text

_LEGACY_FALLBACKS = ("cp1258", "cp1252")


def _decode_text(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    # UTF-16 without a BOM: every other byte is NUL in Vietnamese/ASCII text.
    if sample.count(b"\x00") > len(sample) // 4:
        if sample[1::2].count(b"\x00") > len(sample) // 4:
            return data.decode("utf-16-le", errors="replace")
        if sample[0::2].count(b"\x00") > len(sample) // 4:
            return data.decode("utf-16-be", errors="replace")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _LEGACY_FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 100)


# ---------------------------------------------------------------- normalisation

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANKS = re.compile(r"\n{3,}")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise(text: str) -> str:
    """NFC, Unix line ends, no zero-width characters, trimmed lines, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _TRAILING_SPACE.sub("", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_BLANKS.sub("\n\n", text).strip()


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_pages(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            app = zf.read("docProps/app.xml").decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    match = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return int(match.group(1)) if match else None


def _docx_block_lines(parent, out: list[str]) -> None:  # noqa: ANN001 - python-docx objects
    """Paragraphs and tables of a body or cell, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    element = parent._element
    if element.tag == f"{_W}document":
        element = element.find(f"{_W}body")
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            out.append(Paragraph(child, parent).text)
        elif child.tag == f"{_W}tbl":
            _docx_table_lines(Table(child, parent), out)
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                for sub in content.iterchildren():
                    if sub.tag == f"{_W}p":
                        out.append(Paragraph(sub, parent).text)


def _docx_table_lines(table, out: list[str]) -> None:  # noqa: ANN001
    """A row whose cells each hold one line becomes one line "a | b" (a data table); otherwise (a layout
    table such as the header or the signature block) each cell's lines follow one another."""
    for row in table.rows:
        seen: set[int] = set()
        cells_lines: list[list[str]] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            lines: list[str] = []
            _docx_block_lines(cell, lines)
            cells_lines.append([ln for ln in lines if ln.strip()])
        filled = [c for c in cells_lines if c]
        if len(filled) > 1 and all(len(c) == 1 for c in filled):
            out.append(" | ".join(c[0].strip() for c in filled))
        else:
            for c in cells_lines:
                out.extend(c)
        out.append("")


def _extract_docx(data: bytes) -> ExtractedText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError("Tệp Word (.docx) bị hỏng hoặc không đọc được.") from exc
    except Exception as exc:  # noqa: BLE001 - lxml and friends raise many kinds of errors on bad files
        raise DocumentError("Tệp Word (.docx) bị hỏng hoặc không đọc được.") from exc
    lines: list[str] = []
    _docx_block_lines(document, lines)
    text = normalise("\n".join(lines))
    if not _has_text(text):
        raise DocumentError("Tệp Word không có nội dung chữ.")
    return ExtractedText(text=text, kind="docx", pages=_docx_pages(data))


# ---------------------------------------------------------------- PDF

_PASSWORD_MSG = "Tệp PDF được bảo vệ bằng mật khẩu: hãy gỡ mật khẩu (hoặc in lại ra PDF) rồi tải lên lại."
_SCAN_MSG = "Tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng ký tự (OCR) trước khi nhập."
_BROKEN_PDF_MSG = "Tệp PDF bị hỏng hoặc không đọc được."


def _extract_pdf(data: bytes) -> ExtractedText:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                # Many PDFs only restrict printing/copying (owner password) and open with an empty one.
                if not reader.decrypt(""):
                    raise DocumentError(_PASSWORD_MSG)
            except (FileNotDecryptedError, DependencyError, NotImplementedError) as exc:
                raise DocumentError(_PASSWORD_MSG) from exc
        pages = len(reader.pages)
        texts = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise DocumentError(_PASSWORD_MSG) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise DocumentError(_BROKEN_PDF_MSG) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        raise DocumentError(_BROKEN_PDF_MSG) from exc
    text = normalise("\n\n".join(texts))
    letters = sum(1 for ch in text if ch.isalpha())
    if pages == 0 or letters < _MIN_LETTERS_PER_PAGE * max(1, pages) // 2 or letters < _MIN_LETTERS_PER_PAGE:
        raise DocumentError(_SCAN_MSG)
    return ExtractedText(text=text, kind="pdf", pages=pages)


# ---------------------------------------------------------------- entry point


def extract_text(filename: str, data: bytes, max_bytes: int | None = None) -> ExtractedText:
    """Read ``data`` (the upload named ``filename``) as a plan document.

    The file type is decided by its content (magic bytes), not its name: an image renamed ``.docx`` is
    refused as an image. Raises :class:`DocumentError` with a Vietnamese message.
    """
    limit = default_max_bytes() if max_bytes is None else max_bytes
    name = filename or "tệp"
    if len(data) > limit:
        raise DocumentError(f"Tệp quá lớn ({_format_mb(len(data), 1)} MB); giới hạn là {_format_limit(limit)}.")
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DocumentError(f"Tệp “{name}” rỗng: không có nội dung.")

    kind = _sniff(data)
    if kind == "pdf":
        return _extract_pdf(data)
    if kind == "zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise DocumentError("Tệp nén/Word bị hỏng hoặc không đọc được.") from exc
        if "word/document.xml" in names:
            return _extract_docx(data)
        if "xl/workbook.xml" in names:
            raise DocumentError(_NOT_DOCUMENT.format(name=name, what="bảng tính Excel"))
        if "content.xml" in names:
            raise DocumentError(_NOT_DOCUMENT.format(name=name, what="tệp OpenDocument: hãy lưu lại dưới dạng .docx"))
        raise DocumentError(_NOT_DOCUMENT.format(name=name, what="tệp nén ZIP"))
    if kind == "ole":
        raise DocumentError(
            f"Tệp “{name}” là định dạng Word/Excel cũ (.doc/.xls): hãy mở bằng Word và lưu lại dưới dạng .docx hoặc PDF."
        )
    if kind != "text":
        raise DocumentError(_NOT_DOCUMENT.format(name=name, what=kind))

    decoded = _decode_text(data)
    if decoded is None or _looks_binary(decoded):
        raise DocumentError(_NOT_DOCUMENT.format(name=name, what="tệp nhị phân"))
    text = normalise(decoded)
    if not _has_text(text):
        raise DocumentError(f"Tệp “{name}” rỗng: không có nội dung.")
    return ExtractedText(text=text, kind="text", pages=None)
