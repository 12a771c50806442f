"""Nghị định 30/2020/NĐ-CP layout of an administrative document, as DOCX (python-docx) and PDF (WeasyPrint).

The layout (Phụ lục I of the decree) in short: A4; margins top and bottom 20 mm, left 30 mm, right 20 mm;
Times New Roman; the header is two columns — the governing body (upper case, 13 pt) over the issuing body
(upper case, bold, a short centred rule under it) and "Số: …" on the left, the national name
("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold 13 pt) over the motto ("Độc lập - Tự do - Hạnh phúc", bold
14 pt, a rule as long as the motto under it) and the italic place and date on the right; the document type
(upper case, bold) and its title (bold, a short rule under it) centred; the body justified with the first line
indented by 1 cm and at least 6 pt between paragraphs; at the bottom "Nơi nhận:" (bold italic 12 pt) with the
recipients (11 pt) on the left and the signing authority, space for the signature and the signer's name
(bold) on the right. Page numbers are centred in the top margin from page 2 on.

Both builders take the same :class:`AdminDocument`; the texts they print come from the same helpers
(:func:`number_line`, :func:`place_date_line`, :func:`recipient_lines`, :func:`signer_lines`), so the DOCX an
official edits and the PDF the system publishes say the same thing.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

__all__ = [
    "BLOCK_KINDS",
    "NATIONAL_NAME",
    "MOTTO",
    "AdminDocument",
    "Block",
    "build_docx",
    "build_pdf",
    "number_line",
    "place_date_line",
    "recipient_lines",
    "render_html",
    "signer_lines",
    "text_width_cm",
]

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BLOCK_KINDS = ("heading1", "heading2", "paragraph", "item", "closing")

# Page and columns (cm). Text width = 21 - 3 - 2 = 16 cm.
PAGE_WIDTH, PAGE_HEIGHT = 21.0, 29.7
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2.0, 2.0, 3.0, 2.0
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
HEAD_LEFT = 6.2  # governing/issuing body column; the national name (≈ 9.3 cm at 13 pt bold) fits the rest
HEAD_RIGHT = TEXT_WIDTH - HEAD_LEFT
FOOT_LEFT = 7.6  # "Nơi nhận" column; the signing block is centred in the rest
FOOT_RIGHT = TEXT_WIDTH - FOOT_LEFT
FIRST_LINE_INDENT = 1.0

# Sizes (pt)
BODY_SIZE = 14
HEAD_SIZE = 13  # governing and issuing body, "Số", national name
MOTTO_SIZE = 14
DATE_SIZE = 14
RECIPIENTS_LABEL_SIZE = 12
RECIPIENTS_SIZE = 11
PARAGRAPH_AFTER = 6
FOOT_BEFORE = 12  # between the last paragraph and "Nơi nhận" / the signing authority
SIGNATURE_SPACE = 80  # room for the signature and the seal, above the signer's name
RULE_WIDTH_PT = 0.75

_DRAFT_GAP = " " * 6
_SPACES = re.compile(r"[ \t]+")


@dataclass
class Block:
    """One piece of body text.

    ``kind`` is ``heading1`` (I. MỤC ĐÍCH, YÊU CẦU — bold), ``heading2`` (1. Mục đích — bold), ``paragraph``
    (plain text), ``item`` (a) …, - …) or ``closing`` (Trên đây là …). All are justified with the first line
    indented by 1 cm.
    """

    kind: str
    text: str

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"Unknown block kind {self.kind!r}; expected one of {', '.join(BLOCK_KINDS)}")


@dataclass
class AdminDocument:
    governing_body: str  # "UBND TỈNH CAO BẰNG" (may be empty)
    issuing_body: str  # "SỞ GIAO THÔNG VẬN TẢI"
    number: str  # "2679/KH-SGTVT"; "/KH-SGTVT" or "" for a draft (the number is left blank)
    place: str  # "Cao Bằng"
    issued_on: date | None  # None for a draft: "ngày      tháng      năm 20.."
    doc_type: str  # "KẾ HOẠCH"
    title: str  # "Thực hiện Phong trào thi đua “…” giai đoạn 2021 - 2025"
    intro: str = ""  # the opening paragraph(s), one per line
    body: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Lãnh đạo Sở", …, "Lưu: VT, VP (TĐKT)"
    signer_title: str = ""  # "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str = ""


# ====================================================================== texts shared by both builders


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _lines(text: str | None) -> list[str]:
    return [line for line in (_clean(raw) for raw in (text or "").splitlines()) if line]


def number_line(number: str) -> str:
    """ "Số: 2679/KH-SGTVT"; a draft without a number keeps a blank for it: "Số:      /KH-SGTVT"."""
    number = _clean(number).removeprefix("Số:").removeprefix("số:").strip()
    if not number or number.startswith("/"):
        return f"Số:{_DRAFT_GAP}{number or '/'}"
    return f"Số: {number}"


def place_date_line(place: str, issued_on: date | None) -> str:
    """ "Cao Bằng, ngày 20 tháng 10 năm 2022".

    NĐ30 (Phụ lục I, II.5.b): days below 10 and the months 1 and 2 take a leading zero — "ngày 05 tháng 02
    năm 2023", "ngày 05 tháng 3 năm 2023", "ngày 15 tháng 01 năm 2024". Without a date (a draft) the day and
    month are left blank for the hand that signs.
    """
    place = _clean(place)
    if issued_on is None:
        when = f"ngày{_DRAFT_GAP}tháng{_DRAFT_GAP}năm 20.."
    else:
        day = f"{issued_on.day:02d}" if issued_on.day < 10 else str(issued_on.day)
        month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
        when = f"ngày {day} tháng {month} năm {issued_on.year}"
    return f"{place}, {when}" if place else when[:1].upper() + when[1:]


def recipient_lines(recipients: list[str]) -> list[str]:
    """ "- X;" per recipient, the last one ending with a full stop ("- Lưu: VT, VP (TĐKT).")."""
    names = []
    for raw in recipients:
        name = _clean(raw).lstrip("-–+•* ").rstrip(";.,").strip()
        if name:
            names.append(name)
    return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def signer_lines(signer_title: str) -> list[str]:
    """The signing authority, one upper-case line each: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]."""
    return [line.upper() for line in _lines(signer_title)]


def _intro_paragraphs(intro: str) -> list[str]:
    return _lines(intro)


def _block_paragraphs(blocks: list[Block]) -> list[tuple[str, str]]:
    """(kind, text) per printed paragraph: a block with several lines prints one paragraph per line."""
    out = []
    for block in blocks:
        if block.kind not in BLOCK_KINDS:
            raise ValueError(f"Unknown block kind {block.kind!r}")
        for line in _lines(block.text):
            out.append((block.kind, line))
    return out


# ====================================================================== text widths (for the rules)

# Times New Roman, or a metric twin with Vietnamese glyphs (Liberation Serif 2.x, Tinos) before
# Liberation 1.x, which lacks the precomposed Vietnamese letters
_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/msttcorefonts"),
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
    Path("/usr/share/fonts/truetype/liberation2"),  # Debian fonts-liberation2
    Path("/usr/share/fonts/truetype/croscore"),  # Debian fonts-croscore (Tinos)
    Path("/usr/share/fonts/liberation-serif"),  # Fedora
    Path("/usr/share/fonts/truetype/liberation"),  # Debian fonts-liberation (1.x)
]
_FONT_FILES = {
    False: ["Times_New_Roman.ttf", "times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf",
            "Tinos-Regular.ttf"],
    True: ["Times_New_Roman_Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf",
           "Tinos-Bold.ttf"],
}


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, int], int] | None:
    """Advance widths of Times New Roman or its metric twin Liberation Serif, when a font file is at hand."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with WeasyPrint
        return None
    for folder in _FONT_DIRS:
        for name in _FONT_FILES[bold]:
            path = folder / name
            if path.is_file():
                try:
                    font = TTFont(str(path), lazy=True)
                    hmtx = font["hmtx"]
                    widths = {cp: hmtx[glyph][0] for cp, glyph in font.getBestCmap().items()}
                    return widths, font["head"].unitsPerEm
                except Exception:  # noqa: BLE001 - a broken font file: try the next one
                    continue
    return None


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of one line of Times New Roman text, in cm (estimated when no font file is found)."""
    table = _advances(bold)
    text = unicodedata.normalize("NFC", text)
    if table is None:
        em = sum(0.25 if ch == " " else (0.62 if ch.isupper() else 0.5) for ch in text)
        em *= 1.05 if bold else 1
    else:
        widths, upm = table

        def advance(ch: str) -> int:
            # a letter the font lacks (ộ in Liberation 1.x) is as wide as its base letter (o)
            return widths.get(ord(ch)) or widths.get(ord(unicodedata.normalize("NFD", ch)[0])) or upm // 2

        em = sum(advance(ch) for ch in text) / upm
    return em * size_pt * 2.54 / 72


def _title_rule_cm(title: str) -> float:
    """The rule under the title: a third of its longest printed line (NĐ30: 1/3 to 1/2)."""
    widths = [min(text_width_cm(line, BODY_SIZE, bold=True), TEXT_WIDTH) for line in _lines(title)]
    return max(widths, default=6.0) / 3


# ====================================================================== DOCX


def _set_fonts(rpr, *, size: float | None = None) -> None:
    """Times New Roman for every script slot (ascii, hAnsi, eastAsia, cs), theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(round(size * 2))))


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")


def _setup_styles(document) -> None:
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            if rpr is not None:
                _set_fonts(rpr, size=BODY_SIZE)
                _set_lang(rpr)
        ppr_default = defaults.find(qn("w:pPrDefault"))
        spacing = ppr_default.find(qn("w:pPr") + "/" + qn("w:spacing")) if ppr_default is not None else None
        if spacing is not None:
            spacing.set(qn("w:after"), str(PARAGRAPH_AFTER * 20))
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr(), size=BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(PARAGRAPH_AFTER)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True


def _paragraph(container, text: str = "", *, size: float = BODY_SIZE, bold: bool = False,
               italic: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER, before: float = 0, after: float = 0,
               first_line: float | None = None, keep_with_next: bool = False):
    """A paragraph with one run; ``container`` is the document, a cell or a header. The empty paragraph
    a new cell comes with is used for the cell's first line."""
    paragraphs = container.paragraphs
    fresh = len(paragraphs) == 1 and paragraphs[0]._p.pPr is None and not paragraphs[0].runs
    if fresh and not isinstance(container, DocxDocument):
        p = paragraphs[0]
    else:
        p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if first_line is not None:
        fmt.first_line_indent = Cm(first_line)
    if keep_with_next:
        fmt.keep_with_next = True
    _set_fonts(_mark_rpr(p), size=size)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
        _set_fonts(run._r.get_or_add_rPr(), size=size)
    return p


def _mark_rpr(p):
    """The paragraph mark's run properties (they set the height of an empty paragraph)."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    return rpr


# Element order of w:pPr and w:tblPr (ECMA-376 sequences): Word rejects children out of order.
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"]
_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout",
                "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange"]


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _put(parent, child, order: list[str]):
    """Insert ``child`` where the schema's sequence wants it among ``parent``'s children."""
    rank = order.index(_local(child))
    for el in parent:
        if _local(el) in order and order.index(_local(el)) > rank:
            el.addprevious(child)
            return child
    parent.append(child)
    return child


def _rule(container, length_cm: float, column_cm: float, *, before: float = 0, after: float = 0):
    """A centred horizontal line ``length_cm`` long: an empty, 2 pt high paragraph with a bottom border,
    indented on both sides. Real line, drawn the same by Word and LibreOffice, and editable as a paragraph."""
    length_cm = max(0.5, min(length_cm, column_cm))
    side = (column_cm - length_cm) / 2
    p = _paragraph(container, size=2, before=before, after=after)
    fmt = p.paragraph_format
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", str(int(RULE_WIDTH_PT * 8))), ("w:space", "0"),
                        ("w:color", "000000")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    _put(p._p.get_or_add_pPr(), borders, _PPR_ORDER)
    return p


def _borderless_table(document, widths_cm: list[float], rows: int = 1):
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: the columns keep their widths
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _put(tbl_pr, borders, _TBLPR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _put(tbl_pr, margins, _TBLPR_ORDER)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = _put(tbl_pr, OxmlElement("w:tblW"), _TBLPR_ORDER)
    width.set(qn("w:w"), str(round(sum(widths_cm) * 567)))
    width.set(qn("w:type"), "dxa")
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        tr_pr.append(cant_split)
    return table


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, not on the first page (NĐ30, Phụ lục I, II.9)."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    _set_fonts(_mark_rpr(p), size=BODY_SIZE)

    def run_with(child) -> None:
        run = p.add_run()
        run.font.size = Pt(BODY_SIZE)
        _set_fonts(run._r.get_or_add_rPr(), size=BODY_SIZE)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = OxmlElement("w:t")
    shown.text = "2"
    run_with(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def build_docx(doc: AdminDocument) -> bytes:
    """The document as a .docx file (what officials open and edit in Word or LibreOffice)."""
    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(PAGE_WIDTH)
    section.page_height = Cm(PAGE_HEIGHT)
    section.top_margin = Cm(MARGIN_TOP)
    section.bottom_margin = Cm(MARGIN_BOTTOM)
    section.left_margin = Cm(MARGIN_LEFT)
    section.right_margin = Cm(MARGIN_RIGHT)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    section.gutter = Emu(0)
    _page_number_header(section)
    props = document.core_properties
    props.title = _clean(f"{doc.doc_type} {doc.title}")
    props.author = props.last_modified_by = _clean(doc.issuing_body)
    props.comments = ""
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.language = "vi-VN"

    # ---- header: bodies | national name and motto; number | place and date
    head = _borderless_table(document, [HEAD_LEFT, HEAD_RIGHT], rows=2)
    left, right = head.cell(0, 0), head.cell(0, 1)
    issuing = _clean(doc.issuing_body).upper()
    if _clean(doc.governing_body):
        _paragraph(left, _clean(doc.governing_body).upper(), size=HEAD_SIZE)
    _paragraph(left, issuing, size=HEAD_SIZE, bold=True)
    issuing_width = min(text_width_cm(issuing, HEAD_SIZE, bold=True), HEAD_LEFT)
    _rule(left, issuing_width * 0.4, HEAD_LEFT, before=1)
    _paragraph(right, NATIONAL_NAME, size=HEAD_SIZE, bold=True)
    _paragraph(right, MOTTO, size=MOTTO_SIZE, bold=True)
    _rule(right, text_width_cm(MOTTO, MOTTO_SIZE, bold=True), HEAD_RIGHT, before=1)
    _paragraph(head.cell(1, 0), number_line(doc.number), size=HEAD_SIZE, before=6)
    date_line = place_date_line(doc.place, doc.issued_on)
    _paragraph(head.cell(1, 1), date_line, size=DATE_SIZE, italic=True, before=6)

    # ---- type and title
    _paragraph(document, _clean(doc.doc_type).upper(), bold=True, before=18, keep_with_next=True)
    title_lines = _lines(doc.title)
    for line in title_lines:
        _paragraph(document, line, bold=True, keep_with_next=True)
    _rule(document, _title_rule_cm(doc.title), TEXT_WIDTH, before=1, after=12)

    # ---- body
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for text in _intro_paragraphs(doc.intro):
        _paragraph(document, text, align=justify, after=PARAGRAPH_AFTER, first_line=FIRST_LINE_INDENT)
    for kind, text in _block_paragraphs(doc.body):
        heading = kind in ("heading1", "heading2")
        _paragraph(document, text, bold=heading, align=justify, after=PARAGRAPH_AFTER,
                   first_line=FIRST_LINE_INDENT, keep_with_next=heading or kind == "closing")

    # ---- recipients | signing authority
    foot = _borderless_table(document, [FOOT_LEFT, FOOT_RIGHT])
    left, right = foot.cell(0, 0), foot.cell(0, 1)
    recipients = recipient_lines(doc.recipients)
    if recipients:
        _paragraph(left, "Nơi nhận:", size=RECIPIENTS_LABEL_SIZE, bold=True, italic=True,
                   align=WD_ALIGN_PARAGRAPH.LEFT, before=FOOT_BEFORE)
        for line in recipients:
            _paragraph(left, line, size=RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    titles = signer_lines(doc.signer_title)
    for i, line in enumerate(titles):
        _paragraph(right, line, bold=True, before=FOOT_BEFORE if i == 0 else 0)
    name = _clean(doc.signer_name)
    if name or titles:
        _paragraph(right, name, bold=True, before=SIGNATURE_SPACE)
    # Word requires a paragraph after a final table; keep it tiny so it never spills onto a new page
    tail = _paragraph(document, size=1)
    tail.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tail.paragraph_format.line_spacing = Pt(1)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ====================================================================== HTML and PDF

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _engine():
    from django.template import Engine

    return Engine(dirs=[str(_TEMPLATES)], autoescape=True, debug=False)


def _cm(value: float) -> str:
    return f"{value:.2f}cm"


def _html_context(doc: AdminDocument) -> dict:
    issuing = _clean(doc.issuing_body).upper()
    return {
        "lang": "vi",
        "title": _clean(f"{_clean(doc.doc_type).upper()} {doc.title}"),
        "governing_body": _clean(doc.governing_body).upper(),
        "issuing_body": issuing,
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "number_line": number_line(doc.number),
        "place_date_line": place_date_line(doc.place, doc.issued_on),
        "doc_type": _clean(doc.doc_type).upper(),
        "title_lines": _lines(doc.title),
        "intro": _intro_paragraphs(doc.intro),
        "blocks": [{"kind": kind, "text": text} for kind, text in _block_paragraphs(doc.body)],
        "recipients": recipient_lines(doc.recipients),
        "signer_lines": signer_lines(doc.signer_title),
        "signer_name": _clean(doc.signer_name),
        # lengths as strings: a template would print floats with the locale's decimal comma
        "m": {
            "top": _cm(MARGIN_TOP), "bottom": _cm(MARGIN_BOTTOM), "left": _cm(MARGIN_LEFT),
            "right": _cm(MARGIN_RIGHT), "head_left": _cm(HEAD_LEFT), "foot_left": _cm(FOOT_LEFT),
            "indent": _cm(FIRST_LINE_INDENT), "signature": f"{SIGNATURE_SPACE}pt",
            "foot_before": f"{FOOT_BEFORE}pt",
            "title_rule": _cm(_title_rule_cm(doc.title)),
        },
    }


def render_html(doc: AdminDocument) -> str:
    """The document as a standalone HTML page with print CSS (the PDF's source; also fine for a preview)."""
    from django.template import Context

    template = _engine().get_template("documents/nd30.html")
    return template.render(Context(_html_context(doc)))


def build_pdf(doc: AdminDocument) -> bytes:
    """The document as PDF, laid out by WeasyPrint from :func:`render_html`.

    Fonts: Times New Roman when installed, else its metric-compatible free twin Liberation Serif
    (Debian ``fonts-liberation``), so lines break where they would in Word.
    """
    from weasyprint import HTML

    return HTML(string=render_html(doc), base_url=str(_TEMPLATES)).write_pdf()
