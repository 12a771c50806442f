"""Read an emulation plan (Kế hoạch thi đua) into a proposal the user reviews before saving.

The parser is built for the genre (Nghị định 30/2020 layout: header, "KẾ HOẠCH" and title, preamble, roman
sections with numbered subsections, "Nơi nhận", signature), not for one file. It works on clean accented text
and on OCR output that lost its diacritics: every comparison is made on a folded, OCR-repaired key
(:func:`okey`, equivalent to :func:`thidua.core.text.fold` plus a few one-to-one repairs of usual OCR
confusions) while every value is cut from the original text. Text taken from the input stays as written
(another component restores diacritics later); fixed vocabulary that was recognised (section headings,
reward forms, the issuer, the signer's title, timing words, provinces) is emitted in canonical accented form.

Nothing here raises on odd input: what cannot be found is left empty.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from thidua.core.text import fold, nfc

__all__ = ["empty_proposal", "fold", "fold_keep", "mkey", "nfc", "okey", "parse_plan", "proposal_is_empty"]

# ==================================================================== folding

_OCR_CHARS = {
    "¢": "o", "€": "e", "¥": "y", "©": "c", "®": "r", "ø": "o", "ß": "b", "£": "e", "§": "s", "µ": "u",
    "|": "l", "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'",
    "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ", "\t": " ",
}
_D_CHARS = "đĐðÐ"
_DIGIT_AS_LETTER = str.maketrans({"6": "o", "0": "o", "1": "l", "5": "s", "4": "a", "3": "e", "8": "b"})
_MIXED_TOKEN = re.compile(r"(?<![\w/.\-])(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]{2,7}(?![\w/\-]|\.\d)")
_P_FOR_D = re.compile(r"\bp(?=[aeiouy])")
_Q_FOR_O = re.compile(r"q(?!u)")


def _fold_char(ch: str) -> str:
    if ch in _OCR_CHARS:
        return _OCR_CHARS[ch]
    if ch in _D_CHARS:
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0] if decomposed else ch
    if unicodedata.combining(base):
        return " "
    low = base.lower()
    return low[0] if low else base


def fold_keep(text: str) -> str:
    """:func:`thidua.core.text.fold` character by character, keeping the length (and white space), so a
    match in the folded key can be cut out of the original text at the same positions."""
    return "".join(_fold_char(ch) for ch in text)


def okey(text: str) -> str:
    """The folded key with one-to-one OCR repairs: "S6" -> "so", "PUA" -> "dua", "Tw" -> "tu", "CQNG" ->
    "cong", "Hji" -> "hii", "¢" -> "o". Same length as ``text``."""
    key = fold_keep(text)
    key = _MIXED_TOKEN.sub(lambda m: m.group(0).translate(_DIGIT_AS_LETTER), key)
    key = _P_FOR_D.sub("d", key)
    key = _Q_FOR_O.sub("o", key)
    return key.replace("w", "u").replace("j", "i")


_NON_WORD = re.compile(r"[^a-z0-9]+")


def mkey(text: str) -> str:
    """Key for fuzzy comparison: :func:`okey` with punctuation dropped and spaces collapsed."""
    return _NON_WORD.sub(" ", okey(text).replace("'", "")).strip()


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _has_diacritics(text: str) -> bool:
    return fold(text) != " ".join(text.lower().split())


def _upper_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isupper()) / len(letters)


# ==================================================================== fixed vocabulary

_ROMAN_TITLES = [
    "MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH", "YÊU CẦU", "MỤC TIÊU", "MỤC ĐÍCH, YÊU CẦU, MỤC TIÊU",
    "NỘI DUNG THI ĐUA", "NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN", "NỘI DUNG, GIẢI PHÁP THỰC HIỆN",
    "NỘI DUNG VÀ GIẢI PHÁP THỰC HIỆN", "NỘI DUNG, CHỈ TIÊU THI ĐUA", "NỘI DUNG VÀ CHỈ TIÊU THI ĐUA",
    "CHỈ TIÊU THI ĐUA", "GIẢI PHÁP THỰC HIỆN", "NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP",
    "ĐỐI TƯỢNG, PHẠM VI", "ĐỐI TƯỢNG, PHẠM VI THI ĐUA", "ĐỐI TƯỢNG, PHẠM VI ÁP DỤNG", "ĐỐI TƯỢNG THI ĐUA",
    "PHẠM VI, ĐỐI TƯỢNG", "THỜI GIAN THỰC HIỆN", "THỜI GIAN, TIẾN ĐỘ THỰC HIỆN", "TIẾN ĐỘ THỰC HIỆN",
    "KHEN THƯỞNG", "TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG", "TIÊU CHUẨN VÀ HÌNH THỨC KHEN THƯỞNG",
    "TIÊU CHÍ, HÌNH THỨC KHEN THƯỞNG", "HÌNH THỨC KHEN THƯỞNG", "CÔNG TÁC KHEN THƯỞNG", "TIÊU CHÍ THI ĐUA",
    "SƠ KẾT, TỔNG KẾT VÀ KHEN THƯỞNG", "KINH PHÍ", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN",
    "TRÁCH NHIỆM THỰC HIỆN", "CĂN CỨ", "CĂN CỨ XÂY DỰNG KẾ HOẠCH",
]
_SUB_TITLES = [
    "Mục đích", "Yêu cầu", "Mục tiêu", "Nội dung thi đua", "Nội dung", "Chỉ tiêu thi đua", "Chỉ tiêu",
    "Giải pháp thực hiện", "Giải pháp", "Đối tượng", "Đối tượng thi đua", "Đối tượng khen thưởng", "Phạm vi",
    "Phạm vi thi đua", "Tiêu chí thi đua", "Tiêu chí khen thưởng", "Tiêu chí", "Hình thức khen thưởng",
    "Hình thức", "Tiêu chuẩn", "Tiêu chuẩn khen thưởng", "Tiến độ thực hiện", "Thời gian thực hiện",
    "Tiến độ", "Thời gian", "Khen thưởng", "Kinh phí", "Kinh phí thực hiện", "Văn phòng Sở",
    "Hồ sơ, thủ tục", "Hồ sơ đề nghị khen thưởng", "Tiêu chí đối với tập thể", "Tiêu chí đối với cá nhân",
    "Trưởng các phòng, ban, đơn vị", "Đề nghị các tổ chức đoàn thể", "Hội đồng Thi đua - Khen thưởng",
    "Khen thưởng hằng năm", "Khen thưởng sơ kết", "Khen thưởng tổng kết", "Đăng ký thi đua",
]

_DEPARTMENTS = [
    "Giao thông vận tải", "Tài chính", "Nội vụ", "Y tế", "Giáo dục và Đào tạo", "Kế hoạch và Đầu tư",
    "Xây dựng", "Tư pháp", "Công Thương", "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa - Thể thao và Du lịch", "Văn hóa và Thể thao", "Khoa học và Công nghệ",
    "Thông tin và Truyền thông", "Ngoại vụ", "Dân tộc và Tôn giáo", "Du lịch", "Quốc phòng", "Công an",
    "Ngoại giao",
]

_PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh",
    "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế",
    "Tiền Giang", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]

_SIGNER_TITLES = [
    "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN", "UBND", "BỘ TRƯỞNG",
    "THỨ TRƯỞNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "THỦ TRƯỞNG",
    "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "CHI CỤC TRƯỞNG",
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "BAN CHẤP HÀNH", "BÍ THƯ", "PHÓ BÍ THƯ", "TRƯỞNG ĐOÀN",
]
_SIGN_PREFIXES = {"kt": "KT.", "tm": "TM.", "tl": "TL.", "tuq": "TUQ.", "q": "Q.", "ktm": "KT."}

# Accented forms of the words inside a time expression.
_TIME_WORDS = {
    "nam": "năm", "thang": "tháng", "quy": "quý", "ngay": "ngày", "truoc": "trước", "hang": "hằng",
    "cham": "chậm", "nhat": "nhất", "tu": "từ", "den": "đến", "cuoi": "cuối", "dau": "đầu", "giua": "giữa",
    "trong": "trong", "sau": "sau", "dot": "đợt", "va": "và",
}

_TIMINGS = [
    ("hằng năm", re.compile(r"\bh[aeiou]ng\s*n[aeiou]m\b")),
    ("sơ kết", re.compile(r"\bs[oe]\s*k[eo]t\b")),
    ("tổng kết", re.compile(r"\bt[oe]ng\s*k[eo]t\b")),
    ("đột xuất", re.compile(r"\bd[oe]t\s*xu[aeiou]t\b")),
]


def _canonical(title: str, vocab: list[str], threshold: float = 0.85) -> tuple[str, float]:
    """The vocabulary entry closest to ``title`` (by folded key), or "" when none is close enough."""
    key = mkey(title)
    best, best_ratio = "", 0.0
    for entry in vocab:
        ratio = _ratio(key, mkey(entry))
        if ratio > best_ratio:
            best, best_ratio = entry, ratio
    limit = threshold if len(key) > 12 else min(threshold, 0.8)
    return (best, best_ratio) if best_ratio >= limit else ("", best_ratio)


def _restore(raw: str, vocab: list[str], upper: bool | None = None) -> str:
    """``raw`` if it is already the right accented text (or unknown), else the canonical vocabulary entry in
    the letter case of ``raw``."""
    canon, ratio = _canonical(raw, vocab)
    if not canon:
        return raw
    if raw.lower() == canon.lower():
        return raw
    if _has_diacritics(raw) and ratio < 0.93 and mkey(raw) != mkey(canon):
        return raw  # a different, well-written title that merely resembles a known one
    if upper is None:
        upper = _upper_share(raw) > 0.7
    return canon.upper() if upper else canon


# ==================================================================== lines

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BOLD = re.compile(r"\*\*|__")
_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "")
    text = _COMMENT.sub("", text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    out = []
    for line in text.split("\n"):
        line = "".join(ch for ch in line if not unicodedata.combining(ch))  # none left after NFC, normally
        line = _MD_BOLD.sub("", _MD_HEADING.sub("", line)).strip()
        if line.startswith("* "):
            line = "- " + line[2:]
        if _PAGE_NUMBER.match(line):
            line = ""
        out.append(line)
    return out


def _join(lines: list[str]) -> str:
    """Body text: the lines as written, at most one blank line in a row, trimmed."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unwrap(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(ln for ln in lines if ln)).strip()


# ==================================================================== headings and items

_ROMAN_RE = re.compile(r"^\s*([IVXLl1|!]{1,5})\s*[.:)]\s*(\S.*)$")
_ARABIC_RE = re.compile(r"^\s*(\d{1,2})\s*\.(?!\d)\s*(\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(token: str) -> int | None:
    if not re.fullmatch(r"[IVX]+", token):
        return None
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[token[i + 1]] if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total if 0 < total < 40 else None


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _roman_heading(line: str) -> tuple[int | None, str, bool] | None:
    """(number, title, number-was-garbled) for "II. NỘI DUNG ..." and OCR forms "I1.", "Il.", "1V."."""
    match = _ROMAN_RE.match(line)
    if not match:
        return None
    token, title = match.group(1), match.group(2).strip()
    if not re.search(r"[IVX]", token):
        return None
    if _upper_share(title) < 0.7 or len(re.sub(r"[^A-Za-zÀ-ỹĐđ]", "", title)) < 4:
        return None
    fixed = re.sub(r"[l1|!]", "I", token)
    return _roman_value(fixed), title, fixed != token


def _split_heading(title: str) -> tuple[str, str] | None:
    """A numbered line is a subsection heading when it is short or has a short label before a colon."""
    colon = title.find(":")
    if 0 < colon <= 80 and len(title[:colon].split()) <= 9:
        return title[:colon].strip(), title[colon + 1 :].strip()
    if len(title) <= 90 and not re.search(r"[.;,]$", title) and len(title.split()) <= 12:
        return title, ""
    return None


_LETTER_RE = re.compile(r"^([a-zđ¢©àáảãạ])\s*\)\s*(.*)$")
_LETTER_DOT_RE = re.compile(r"^([a-zđ])\.\s+(?=[A-ZÀ-ỸĐ])(.*)$")
_NUM_ITEM_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(.*)$")
_DASH_RE = re.compile(r"^([-–—−•‐])\s*(.*)$")
_PLUS_RE = re.compile(r"^\+\s*(.*)$")


def _marker(line: str) -> tuple[str, str, str] | None:
    """(kind, marker, rest) for item lines: letter "a)", number "1." / "1)" / "1.1", dash, plus."""
    for kind, regex in (("letter", _LETTER_RE), ("letter", _LETTER_DOT_RE)):
        match = regex.match(line)
        if match:
            letter = {"¢": "c", "©": "c", "đ": "đ"}.get(match.group(1), fold_keep(match.group(1)))
            return kind, f"{letter})", match.group(2).strip()
    match = _NUM_ITEM_RE.match(line)
    if match and not re.match(r"^\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{2,4}", line):
        kind = "subnum" if "." in match.group(1) else "number"
        return kind, match.group(1) + ".", match.group(2).strip()
    match = _DASH_RE.match(line)
    if match:
        return "dash", "-", match.group(2).strip()
    match = _PLUS_RE.match(line)
    if match:
        return "plus", "+", match.group(1).strip()
    return None


@dataclass
class _Item:
    kind: str
    marker: str
    lines: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _unwrap(self.lines)

    @property
    def full(self) -> str:
        parts = [self.text]
        for child in self.children:
            parts.append(f"{child.marker} {child.full}" if child.kind != "para" else child.full)
        return "\n".join(p for p in parts if p)


def _items(lines: list[str]) -> list[_Item]:
    """Items of a body: a marker kind seen first is the outer level; paragraphs without marker are "para"
    items; a wrapped line continues the item above it."""
    roots: list[_Item] = []
    stack: list[_Item] = []
    blank_before = True
    for line in lines:
        if not line:
            blank_before = True
            continue
        if " | " in line:  # a table row (see extract.py): an item of its own, never continued
            roots.append(_Item("para", "", [line]))
            stack = []
            blank_before = False
            continue
        mark = _marker(line)
        if (mark and mark[0] == "dash" and stack and stack[-1].lines and mark[2][:1].islower()
                and not blank_before and not re.search(r"[.;:!?]$", stack[-1].lines[-1])):
            mark = None  # "kinh tế\n- xã hội": a wrapped hyphen, not a bullet
        if mark:
            kind, marker, rest = mark
            item = _Item(kind, marker, [rest] if rest else [])
            kinds = [it.kind for it in stack]
            if kind in kinds:
                del stack[kinds.index(kind) :]
            if stack:
                stack[-1].children.append(item)
            else:
                roots.append(item)
            stack.append(item)
        elif stack and (not blank_before or line[:1].islower() or not stack[-1].lines
                        or not re.search(r"[.;:!?]$", stack[-1].lines[-1])):
            stack[-1].lines.append(line)
        else:
            item = _Item("para", "", [line])
            roots.append(item)
            stack = [item]
        blank_before = False
    return roots


def _top_items(items: list[_Item]) -> list[_Item]:
    """The outer marked items ("Nội dung gồm:" followed by a), b)... gives the a), b)...), else paragraphs."""
    marked = [it for it in items if it.kind != "para"]
    if not marked:
        marked = [child for it in items for child in it.children if child.kind != "para"]
    return marked if marked else items


def _all_items(items: list[_Item]) -> list[tuple[_Item, _Item | None]]:
    out: list[tuple[_Item, _Item | None]] = []

    def walk(its: list[_Item], parent: _Item | None) -> None:
        for it in its:
            out.append((it, parent))
            walk(it.children, it)

    walk(items, None)
    return out


@dataclass
class _Block:
    heading: str
    title: str
    level: int
    lines: list[str] = field(default_factory=list)
    children: list[_Block] = field(default_factory=list)
    parent: _Block | None = None

    @property
    def key(self) -> str:
        return mkey(self.title)

    @property
    def items(self) -> list[_Item]:
        return _items(self.lines)

    def walk(self) -> list[_Block]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


# ==================================================================== document layout

_KE_HOACH = "ke hoach"


def _is_plan_title_line(line: str) -> str | None:
    """The "KẾ HOẠCH" line; returns what follows it on the same line ("" when alone), None otherwise."""
    key = mkey(line)
    if not key:
        return None
    if len(key) <= 12 and _ratio(key, _KE_HOACH) >= 0.8 and _upper_share(line) > 0.6:
        return ""
    words = line.split()
    if len(words) > 2 and _upper_share(" ".join(words[:2])) == 1.0 and _ratio(mkey(" ".join(words[:2])), _KE_HOACH) >= 0.85:
        return " ".join(words[2:])
    return None


_DOCNUM = re.compile(r"(\d{1,6})\s*/\s*((?:\d{4}\s*/\s*)?[a-z]{1,6}(?:\s*-\s*[a-z0-9]{1,12}){0,3})")


def _docnum_raw(raw: str, start: int, end: int) -> str:
    return re.sub(r"\s+", "", raw[start:end])  # as written: "QĐ-TTg" keeps its lower-case g


@dataclass
class _Doc:
    lines: list[str]
    keys: list[str]
    title_at: int | None = None
    title_inline: str = ""
    title_end: int = 0
    body_start: int | None = None
    body_end: int = 0
    recipients_at: int | None = None
    closing_at: int | None = None


def _layout(lines: list[str]) -> _Doc:
    doc = _Doc(lines, [okey(ln) for ln in lines])
    limit = min(len(lines), 40)
    for i in range(limit):
        inline = _is_plan_title_line(lines[i])
        if inline is not None:
            doc.title_at, doc.title_inline = i, inline
            break
    start = (doc.title_at + 1) if doc.title_at is not None else 0
    # Title lines.
    title_end = start
    if doc.title_at is not None:
        taken = 1 if doc.title_inline else 0
        i = start
        while i < len(lines) and not lines[i] and taken == 0:
            i += 1
        while i < len(lines) and taken < 4:
            line, key = lines[i], doc.keys[i]
            if not line:
                if taken:
                    break
                i += 1
                continue
            if taken and (key.startswith("can cu") or _DOCNUM.search(key) or _roman_heading(line)):
                break
            if _roman_heading(line):
                break
            taken += 1
            i += 1
            if re.search(r"\d{4}\s*[)\"'.]?\s*$", key) or len(line) > 160:
                break
        title_end = i
    doc.title_end = title_end
    # End of the body: the closing sentence or "Nơi nhận".
    for i in range(title_end, len(lines)):
        key = doc.keys[i].strip()
        if doc.recipients_at is None and re.match(r"^n[o0]i\s*nh\S{0,3}n?\s*[:;.]", key):
            doc.recipients_at = i
        if doc.closing_at is None and re.match(r"^tr[e]n\s+day\s+(la|ia|1a)\b", key):
            doc.closing_at = i
    ends = [x for x in (doc.recipients_at, doc.closing_at) if x is not None]
    doc.body_end = min(ends) if ends else len(lines)
    return doc


def _build_blocks(doc: _Doc) -> list[_Block]:
    lines = doc.lines
    start, end = doc.title_end, doc.body_end
    romans = [i for i in range(start, end) if _roman_heading(lines[i])]
    blocks: list[_Block] = []
    current_top: _Block | None = None
    current: _Block | None = None
    expected = 1
    use_roman = bool(romans)
    if romans:
        doc.body_start = romans[0]
    for i in range(start, end):
        line = lines[i]
        if use_roman:
            roman = _roman_heading(line)
            if roman:
                value, title, garbled = roman
                if value is None or (garbled and value != expected) or value > expected + 1:
                    value = expected
                expected = value + 1
                title = _restore(title, _ROMAN_TITLES, upper=True)
                current_top = _Block(f"{_to_roman(value)}. {title}", title, 1)
                blocks.append(current_top)
                current = current_top
                continue
        match = _ARABIC_RE.match(line)
        if match and (current_top is not None or not use_roman):
            split = _split_heading(match.group(2).strip())
            if split:
                title, rest = split
                title = _restore(title, _SUB_TITLES)
                number = int(match.group(1))
                if use_roman and current_top is not None:
                    block = _Block(f"{number}. {title}", title, 2, [rest] if rest else [], parent=current_top)
                    current_top.children.append(block)
                    current = block
                else:
                    if doc.body_start is None:
                        doc.body_start = i
                    block = _Block(f"{number}. {title}", title, 1, [rest] if rest else [])
                    blocks.append(block)
                    current_top = current = block
                continue
        if current is not None:
            current.lines.append(line)
    return blocks


def _all_blocks(blocks: list[_Block]) -> list[_Block]:
    out: list[_Block] = []
    for block in blocks:
        out.extend(block.walk())
    return out


def _find_blocks(blocks: list[_Block], patterns: list[str], threshold: float = 0.8) -> list[tuple[float, _Block]]:
    scored = []
    for block in _all_blocks(blocks):
        key = block.key
        best = 0.0
        for pattern in patterns:
            if key == pattern:
                score = 1.0
            elif key.startswith(pattern + " ") or key.endswith(" " + pattern):
                score = 0.95
            elif f" {pattern} " in f" {key} ":
                score = 0.9
            else:
                score = _ratio(key, pattern)
            best = max(best, score)
        if best >= threshold:
            scored.append((best + 0.01 * block.level, block))
    scored.sort(key=lambda sb: -sb[0])
    return scored


def _find_block(blocks: list[_Block], patterns: list[str]) -> _Block | None:
    found = _find_blocks(blocks, patterns)
    return found[0][1] if found else None


def _block_items(block: _Block | None) -> list[str]:
    """The outer items of a block; a block made only of titled subsections gives one item per subsection."""
    if block is None:
        return []
    items = [it.full for it in _top_items(block.items) if it.full]
    if not items and block.children:
        items = [f"{c.title}: {_unwrap(c.lines)}" if _unwrap(c.lines) else c.title for c in block.children]
    return items


# ==================================================================== header fields

_DATE_WORDS = re.compile(
    r"ng\S{1,3}\s*(\d{1,2})\s*th\S{1,3}\s*(\d{1,2})\s*n\S{1,3}\s*(\d{4})"
    r"|ng\S{1,3}\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
)


def _valid_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _place_before(raw: str, end: int) -> str:
    words = raw[:end].rstrip(" ,").split()
    taken: list[str] = []
    for word in reversed(words):
        clean = word.strip(",;")
        if not clean or not (clean[0].isupper() or clean in ("phố",)) or re.search(r"\d|/", clean):
            break
        if clean.isupper() and len(clean) > 3 and not clean.endswith("."):
            break  # the end of an upper-case header line merged on the same line
        taken.insert(0, clean)
        if len(taken) == 4:
            break
    place = " ".join(taken)
    if not place:
        return ""
    canon, _ = _canonical(place, _PROVINCES, threshold=0.85)
    if canon and (not _has_diacritics(place) or mkey(place) == mkey(canon)):
        return place if place.lower() == canon.lower() else canon
    return place


def _place_and_date(doc: _Doc) -> tuple[str, str | None]:
    stop = doc.title_at if doc.title_at is not None else min(len(doc.lines), 15)
    ranges = [range(0, max(stop, 1)), range(0, min(len(doc.lines), 25))]
    for rng in ranges:
        for i in rng:
            key, raw = doc.keys[i], doc.lines[i]
            for match in _DATE_WORDS.finditer(key):
                groups = match.groups()
                day, month, year = groups[0:3] if groups[0] else groups[3:6]
                date = _valid_date(day, month, year)
                if not date:
                    continue
                comma = raw.rfind(",", 0, match.start() + 1)
                place = _place_before(raw, comma) if comma >= 0 and match.start() - comma <= 3 else ""
                return place, date.isoformat()
    return "", None


def _number(doc: _Doc) -> str:
    stop = doc.title_at if doc.title_at is not None else min(len(doc.lines), 15)
    for rng in (range(0, max(stop, 1)), range(0, min(len(doc.lines), 25))):
        for i in rng:
            key = doc.keys[i]
            for match in re.finditer(r"(?:^|\s)s\S{0,2}\s*[:.;]\s*", key):
                num = _DOCNUM.match(key, match.end())
                if num:
                    return _docnum_raw(doc.lines[i], num.start(), num.end())
    for i in range(0, max(stop, 1)):
        num = _DOCNUM.search(doc.keys[i])
        if num and "/kh" in num.group(0).replace(" ", ""):
            return _docnum_raw(doc.lines[i], num.start(), num.end())
    return ""


_MOTTO = ["cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"]


def _cut_motto(line: str) -> str:
    """The part of a header line before the national motto (OCR merges the two columns)."""
    words = line.split()
    keys = [mkey(w) for w in words]
    for i in range(len(words)):
        if not keys[i]:
            continue
        window = " ".join([k for k in keys[i:] if k][:3])
        for motto in _MOTTO:
            if _ratio(window, " ".join(motto.split()[:3])) >= 0.75:
                return " ".join(words[:i])
    return line


_GOV_CONTINUATION = re.compile(r"^(tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran)\b")


def _agency_name(raw: str) -> str:
    """Canonical agency name from an upper-case header line: "SO GIAO THONG VAN TAI" -> "Sở Giao thông vận tải"."""
    key = mkey(raw)
    words = raw.split()
    if not words:
        return ""
    for prefix, label in (("so", "Sở"), ("bo", "Bộ")):
        if key.startswith(prefix + " "):
            rest_raw = raw.split(None, 1)[1] if len(words) > 1 else ""
            canon, _ = _canonical(rest_raw, _DEPARTMENTS, threshold=0.85)
            if canon:
                return f"{label} {canon}"
    for prefix in ("uy ban nhan dan", "ubnd"):
        if key.startswith(prefix):
            n_words = len(prefix.split())
            rest_words = words[n_words:]
            rest_key = mkey(" ".join(rest_words))
            level_match = _GOV_CONTINUATION.match(rest_key)
            level = ""
            if level_match:
                level_words = len(level_match.group(1).split())
                level = {"tinh": "tỉnh", "huyen": "huyện", "thanh pho": "thành phố", "thi xa": "thị xã",
                         "quan": "quận", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}[level_match.group(1)]
                rest_words = rest_words[level_words:]
            place = " ".join(rest_words)
            canon, _ = _canonical(place, _PROVINCES, threshold=0.85) if place else ("", 0.0)
            if canon and (not _has_diacritics(place) or mkey(place) == mkey(canon)):
                place = canon
            else:
                place = " ".join(w[:1].upper() + w[1:].lower() for w in place.split())
            head = "Ủy ban nhân dân" if prefix == "uy ban nhan dan" else "UBND"
            return " ".join(x for x in (head, level, place) if x)
    if _upper_share(raw) > 0.7:
        lowered = raw.lower()
        return lowered[:1].upper() + lowered[1:]
    return raw


def _issuer(doc: _Doc) -> str:
    stop = doc.title_at if doc.title_at is not None else min(len(doc.lines), 10)
    candidates: list[str] = []
    for i in range(0, stop):
        raw = doc.lines[i]
        if not raw:
            continue
        key = doc.keys[i]
        number_at = re.search(r"(?:^|\s)s\S{0,2}\s*[:.;]\s*\d", key)
        if number_at:
            raw = raw[: number_at.start()]
        date_at = _DATE_WORDS.search(key)
        if date_at:
            comma = raw.rfind(",", 0, date_at.start() + 1)
            raw = raw[: max(comma, 0)] if comma >= 0 else raw[: date_at.start()]
        raw = _cut_motto(raw).strip(" -_")
        if not raw or _upper_share(raw) < 0.7 or len(mkey(raw)) < 4:
            if number_at:
                break
            continue
        if candidates and _GOV_CONTINUATION.match(mkey(raw)) and re.search(r"(nhan dan|ubnd)$", mkey(candidates[-1])):
            candidates[-1] += " " + raw
        else:
            candidates.append(raw)
        if number_at:
            break
    if not candidates:
        return ""
    return _agency_name(candidates[-1])


def _issuer_from_preamble(preamble: str) -> str:
    key = okey(preamble)
    match = re.search(r"\b((?:so|bo|uy ban nhan dan|ubnd)\s[a-z ,\-]{2,60}?)\s+ban hanh\b", key)
    if not match:
        return ""
    raw = preamble[match.start(1) : match.end(1)]
    name = _agency_name(raw)
    return name if name != raw or _has_diacritics(raw) else raw


# ==================================================================== title, movement, period, parent

_QUOTE = re.compile(r"[“\"«„‟”]\s*([^“\"«„‟”]{3,200}?)\s*[”\"»“‟]")
_PERIOD = re.compile(r"(?:giai\s*do\S{1,3}n|tu\s*nam|nam)\s*(\d{4})\s*(?:-|den(?:\s*nam)?)\s*(\d{4})")
_PERIOD_BARE = re.compile(r"\b(20\d{2})\s*-\s*(20\d{2})\b")
_SINGLE_YEAR = re.compile(r"\bnam\s*(\d{4})\b")


def _movement(title: str, preamble: str) -> str:
    for source in (title, preamble):
        match = _QUOTE.search(source)
        if match:
            return match.group(1).strip()
    key = okey(title)
    match = re.search(r"phong\s*trao\s*thi\s*dua\s+(.+?)(?:\s+giai\s*do\S{1,3}n|\s+nam\s+\d{4}|$)", key)
    if match:
        return title[match.start(1) : match.end(1)].strip(" ,.")
    return ""


def _period(title: str, preamble: str) -> list[int] | None:
    for source in (title, preamble):
        key = okey(source)
        match = _PERIOD.search(key) or _PERIOD_BARE.search(key)
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            if 1945 < a <= b < 2200:
                return [a, b]
    match = _SINGLE_YEAR.search(okey(title))
    if match and 1945 < int(match.group(1)) < 2200:
        year = int(match.group(1))
        return [year, year]
    return None


_REF = re.compile(
    r"(ke\s*hoach|quyet\s*dinh|huong\s*dan|cong\s*van|chi\s*thi|nghi\s*quyet|thong\s*bao)?\s*(?:so\s*)?"
    r"(\d{1,6}\s*/\s*(?:\d{4}\s*/\s*)?[a-z]{1,6}(?:\s*-\s*[a-z0-9]{1,12}){0,3})"
)
_REF_DATE = re.compile(
    r"\s*,?\s*ng\S{1,3}\s*(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s*th\S{1,3}\s*(\d{1,2})\s*n\S{1,3}\s*(\d{4}))"
)


def _parent_plan(preamble: str, own_number: str) -> str:
    key = okey(preamble)
    found: list[tuple[int, int, str]] = []
    for match in _REF.finditer(key):
        number = _docnum_raw(preamble, match.start(2), match.end(2))
        if number == own_number:
            continue
        kind = (match.group(1) or "").replace(" ", "")
        num_key = match.group(2).replace(" ", "")
        if re.search(r"/(nd|tt|qh|l|ttlt)\b|nd-cp|/tt-|qh1", num_key):
            continue  # legal bases, not the plan being carried out
        if kind == "kehoach" or "/kh" in num_key:
            rank = 0
        elif kind == "quyetdinh" or "/qd" in num_key:
            rank = 1
        else:
            rank = 2
        text = number
        date = _REF_DATE.match(key, match.end(2))
        if date:
            groups = date.groups()
            day, month, year = groups[0:3] if groups[0] else groups[3:6]
            if _valid_date(day, month, year):
                text += f" ngày {day}/{month}/{year}"
        found.append((rank, match.start(), text))
    if not found:
        return ""
    found.sort()
    return found[0][2]


# ==================================================================== khen thưởng

_FORM_ANCHORS = [
    ("huan chuong lao dong", "Huân chương Lao động"),
    ("tap the lao dong xuat sac", "Tập thể lao động xuất sắc"),
    ("tap the lao dong tien tien", "Tập thể lao động tiên tiến"),
    ("chien si thi dua", "Chiến sĩ thi đua"),
    ("lao dong tien tien", "Lao động tiên tiến"),
    ("bang khen", "Bằng khen"),
    ("giay khen", "Giấy khen"),
    ("co thi dua", "Cờ thi đua"),
]
_AUTHORITIES = [
    ("thu tuong chinh phu", "Thủ tướng Chính phủ"),
    ("chu tich uy ban nhan dan tinh", "Chủ tịch UBND tỉnh"),
    ("chu tich ubnd tinh", "Chủ tịch UBND tỉnh"),
    ("uy ban nhan dan tinh", "UBND tỉnh"),
    ("ubnd tinh", "UBND tỉnh"),
    ("chu tich uy ban nhan dan huyen", "Chủ tịch UBND huyện"),
    ("chu tich ubnd huyen", "Chủ tịch UBND huyện"),
    ("uy ban nhan dan huyen", "UBND huyện"),
    ("ubnd huyen", "UBND huyện"),
    ("bo truong", "Bộ trưởng"),
    ("giam doc so", "Giám đốc Sở"),
    ("giam doc", "Giám đốc"),
    ("thu tuong", "Thủ tướng Chính phủ"),
    ("chinh phu", "Chính phủ"),
    ("thu truong", "Thủ trưởng"),
    ("bo", "Bộ"),
]
_CSTD_LEVELS = [("co so", "cơ sở"), ("cap tinh", "cấp tỉnh"), ("cap bo", "cấp bộ"), ("toan quoc", "toàn quốc")]
_HANG = {"nhat": "hạng Nhất", "nhi": "hạng Nhì", "ba": "hạng Ba"}


def _find_phrase(words: list[str], phrase: str, start: int = 0, end: int | None = None,
                 threshold: float = 0.8) -> tuple[int, int] | None:
    target = phrase.split()
    n = len(target)
    end = len(words) if end is None else min(end, len(words))
    for i in range(start, end):
        for size in sorted({n, max(1, n - 1), n + 1} if n >= 3 else {n}, key=lambda s: abs(s - n)):
            if i + size > end:
                continue
            window = " ".join(words[i : i + size])
            if _ratio(words[i], target[0]) < 0.5 or _ratio(window, phrase) < threshold:
                continue
            if size == n:
                per_word = [_ratio(a, b) for a, b in zip(words[i : i + size], target, strict=True)]
                if min(per_word) < 0.5 or sum(per_word) / n < 0.75:
                    continue
            elif _ratio(window, phrase) < 0.9:
                continue
            return i, i + size
    return None


def _best_authority(words: list[str], start: int, end: int, backwards: bool = False) -> str:
    """The authority named closest to the form inside ``words[start:end]`` ("của Bộ trưởng", "UBND tỉnh
    tặng"); among several at the same place, the closest in spelling."""
    best: tuple[int, float, int, str] | None = None
    for order, (key, label) in enumerate(_AUTHORITIES):
        found = _find_phrase(words, key, start, end, 0.8)
        while found:
            s, e = found
            ratio = _ratio(" ".join(words[s:e]), key)
            distance = (end - e) if backwards else (s - start)
            candidate = (distance, -ratio, order, label)
            if best is None or candidate < best:
                best = candidate
            found = _find_phrase(words, key, s + 1, end, 0.8)
    return best[3] if best else ""


def _form_name(anchor: str, canon: str, words: list[str], after: int, clause_start: int, clause_end: int,
               next_form: int) -> str:
    stop = min(clause_end, next_form)
    if anchor == "huan chuong lao dong":
        hang = _find_phrase(words, "hang", after, min(stop, after + 2), 0.75)
        if hang and hang[1] < len(words):
            level = _HANG.get(words[hang[1]])
            if level:
                return f"{canon} {level}"
        return canon
    if anchor == "chien si thi dua":
        for key, label in _CSTD_LEVELS:
            if _find_phrase(words, key, after, min(stop, after + 3), 0.75):
                return f"{canon} {label}"
        return canon
    if anchor not in ("bang khen", "giay khen", "co thi dua"):
        return canon
    authority = _best_authority(words, after, min(stop, after + 9))
    if not authority:  # "Thủ tướng Chính phủ tặng Bằng khen"
        authority = _best_authority(words, max(clause_start, after - 12), after - len(anchor.split()), True)
    if not authority:
        return canon
    if anchor == "bang khen":
        if authority in ("UBND tỉnh", "UBND huyện"):
            authority = "Chủ tịch " + authority
        if authority == "Chính phủ":
            authority = "Thủ tướng Chính phủ"
        if authority == "Bộ":
            authority = "Bộ trưởng"
    if anchor == "co thi dua":
        authority = {"Chủ tịch UBND tỉnh": "UBND tỉnh", "Thủ tướng Chính phủ": "Chính phủ", "Bộ trưởng": "Bộ",
                     "Chủ tịch UBND huyện": "UBND huyện"}.get(authority, authority)
    if anchor == "giay khen" and authority == "Giám đốc":
        rest = " ".join(words[after:stop])
        if re.search(r"\bgiam doc s", rest):
            authority = "Giám đốc Sở"
    return f"{canon} của {authority}"


def _timings(key: str) -> list[str]:
    found = []
    for label, regex in _TIMINGS:
        match = regex.search(key)
        if match:
            found.append((match.start(), label))
    return [label for _, label in sorted(found)]


def _forms_in(text: str) -> list[tuple[int, int, str]]:
    """(start word, end word, canonical name) of the reward forms in ``text``, in order."""
    raw_words = text.split()
    words = [mkey(w) or "_" for w in raw_words]
    hits: list[tuple[int, int, str, str]] = []
    taken = [False] * len(words)
    for anchor, canon in _FORM_ANCHORS:
        i = 0
        threshold = 0.86 if len(anchor.split()) <= 2 else 0.8
        while True:
            found = _find_phrase(words, anchor, i, threshold=threshold)
            if not found:
                break
            s, e = found
            i = s + 1
            if any(taken[s:e]):
                continue
            if anchor == "co thi dua" and not (raw_words[s][:1].isupper() or mkey(raw_words[s]) != "co"
                                               or "ờ" in raw_words[s].lower()):
                continue
            if anchor == "co thi dua" and raw_words[s].lower() in ("có", "các", "cô"):
                continue
            for k in range(s, e):
                taken[k] = True
            hits.append((s, e, anchor, canon))
    hits.sort()
    ends = [i for i, w in enumerate(raw_words) if re.search(r"[;:.]$", w)]
    out = []
    for idx, (s, e, anchor, canon) in enumerate(hits):
        next_form = hits[idx + 1][0] if idx + 1 < len(hits) else len(words)
        clause_start = max([i + 1 for i in ends if i < s], default=0)
        clause_end = min([i + 1 for i in ends if i >= e - 1], default=len(words))
        out.append((s, e, _form_name(anchor, canon, words, e, clause_start, clause_end, next_form)))
    return out


def _reward_forms(blocks: list[_Block]) -> list[dict[str, str]]:
    block = _find_block(blocks, ["hinh thuc khen thuong", "hinh thuc"])
    if block is None:
        block = _find_block(blocks, ["khen thuong", "tieu chi va hinh thuc khen thuong"])
    if block is None:
        return []
    result: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, timing: str) -> None:
        if (name, timing) not in seen:
            seen.add((name, timing))
            result.append({"name": name, "timing": timing})

    def handle(text: str, inherited: list[str]) -> list[str]:
        words = text.split()
        forms = _forms_in(text)
        if not forms:
            own = _timings(okey(text))
            return own or inherited
        lead = _timings(okey(" ".join(words[: forms[0][0]])))
        segments = []
        for idx, (_, e, _name) in enumerate(forms):
            stop = forms[idx + 1][0] if idx + 1 < len(forms) else len(words)
            segments.append(_timings(okey(" ".join(words[e:stop]))))
        for idx in range(len(forms) - 2, -1, -1):  # "A và B: sơ kết" -> A shares B's timing
            if not segments[idx]:
                between = mkey(" ".join(words[forms[idx][1] : forms[idx + 1][0]]))
                if between in ("", "va", "hoac", "cua", "va cac"):
                    segments[idx] = segments[idx + 1]
        for (_, _, name), timings in zip(forms, segments, strict=True):
            for timing in (timings or lead or inherited or [""]):
                add(name, timing)
        return lead or inherited

    base = _timings(okey(block.title))

    def walk(items: list[_Item], inherited: list[str]) -> None:
        for item in items:
            passed = handle(item.text, inherited)
            walk(item.children, passed)

    walk(block.items, base)
    for child in block.children:
        walk(child.items, _timings(okey(child.title)) or base)
    return result


def _subjects(blocks: list[_Block]) -> list[str]:
    found = _find_blocks(blocks, ["doi tuong khen thuong", "doi tuong", "doi tuong thi dua"])
    if not found:
        return []
    blocks_found = [b for _, b in found]

    def in_reward(b: _Block) -> bool:
        return "khen thuong" in b.key or (b.parent is not None and "khen thuong" in b.parent.key)

    preferred = [b for b in blocks_found if in_reward(b)] or blocks_found
    block = preferred[0]
    if block.children:
        sub = [c for c in block.children if "doi tuong" in c.key]
        if sub:
            block = sub[0]
    return _block_items(block)


def _criteria(blocks: list[_Block]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {"collective": [], "individual": []}
    found = [b for _, b in _find_blocks(blocks, ["tieu chi thi dua", "tieu chi khen thuong", "tieu chi"])]
    found = [b for b in found if "hinh thuc" not in b.key or not b.children] or found

    def label_of(key: str) -> str | None:
        head = " ".join(key.split()[:6])
        if re.search(r"\b(tap the|doi voi tap the|tap the)\b", head):
            return "collective"
        if re.search(r"\b(ca nhan|doi voi ca nhan)\b", head):
            return "individual"
        return None

    for block in found:
        for sub in block.walk():
            target = label_of(sub.key) if sub is not block else None
            if target and not result[target]:
                result[target] = _block_items(sub)
        for item in _top_items(block.items):
            target = label_of(mkey(item.text))
            if target is None or result[target]:
                continue
            if item.children:
                result[target] = [c.full for c in item.children]
            else:
                text = item.text
                colon = text.find(":")
                result[target] = [text[colon + 1 :].strip()] if 0 <= colon < 60 else [text]
        if result["collective"] or result["individual"]:
            break
    return result


# ==================================================================== milestones

_ROMAN_OCR = r"[ivx1l]{1,4}"
_TIME_RE = re.compile(
    r"(?:(?:truoc|cham nhat|tu|den|trong|cuoi|dau|giua|sau)\s+)?"
    r"(?:"
    r"quy\s*(?P<q>" + _ROMAN_OCR + r"|\d)\s*(?:/\s*|nam\s*)(?P<qy>\d{4})"
    r"|thang\s*(?P<m>\d{1,2})\s*(?:/\s*|nam\s*)(?P<my>\d{4})"
    r"|ngay\s*(?P<dd>\d{1,2})\s*th\S{1,3}\s*(?P<dm>\d{1,2})\s*n\S{1,3}\s*(?P<dy>\d{4})"
    r"|(?:ngay\s*)?(?P<fd>\d{1,2})\s*/\s*(?P<fm>\d{1,2})\s*/\s*(?P<fy>\d{4})"
    r"|ngay\s*(?P<sd>\d{1,2})\s*/\s*(?P<sm>\d{1,2})(?!\s*/?\s*\d)"
    r"|quy\s*(?P<qn>" + _ROMAN_OCR + r"|\d)\b"
    r"|thang\s*(?P<mn>\d{1,2})\b"
    r"|nam\s*(?P<y>\d{4})"
    r"|h[aeiou]ng\s*n[aeiou]m"
    r")"
)


def _canonical_time(raw: str) -> str:
    out = []
    for i, word in enumerate(raw.split()):
        key = mkey(word)
        accented = _TIME_WORDS.get(key)
        if key in ("hing", "heng", "hong", "hung"):
            accented = "hằng"
        if key in ("nim", "nem", "num"):
            accented = "năm"
        if accented:
            trail = re.sub(r"^[\w]+", "", word)
            word = (accented[:1].upper() + accented[1:] if i == 0 and word[:1].isupper() else accented) + trail
        elif re.fullmatch(r"[IVXl1]{1,4}(/\d{4})?", word) and re.search(r"[IVX]", word):
            word = re.sub(r"^[IVXl1]+", lambda m: re.sub(r"[l1]", "I", m.group(0)), word)
        out.append(word)
    return " ".join(out)


def _time_year(match: re.Match[str]) -> int | None:
    for name in ("qy", "my", "dy", "fy", "y"):
        value = match.group(name)
        if value:
            return int(value)
    return None


def _milestones(blocks: list[_Block]) -> list[dict[str, Any]]:
    timeline = {id(b) for _, b in _find_blocks(blocks, ["tien do thuc hien", "tien do", "thoi gian thuc hien",
                                                        "thoi gian", "lo trinh thuc hien", "moc thoi gian"])}
    result: list[dict[str, Any]] = []
    for block in _all_blocks(blocks):
        in_timeline = id(block) in timeline or (block.parent is not None and id(block.parent) in timeline)
        year_of: dict[int, int | None] = {}
        for item, parent in _all_items(block.items):
            text = item.text
            if not text:
                continue
            lead, rest = "", text
            for separator in (" | ", ":"):
                pos = text.find(separator)
                if 0 < pos <= 60:
                    lead, rest = text[:pos], text[pos + len(separator) :].strip()
                    break
            lead_key = okey(lead)
            match = _TIME_RE.search(lead_key) if lead else None
            lead_is_time = bool(match) and not mkey(lead_key[: match.start()]) if match else False
            if not lead_is_time:
                if not in_timeline:
                    continue
                match = _TIME_RE.search(okey(text))
                if not match:
                    continue
                when_raw, body = text[match.start() : match.end()], text
            else:
                when_raw, body = lead.strip(), rest
            year = _time_year(match)
            if year is None and parent is not None:
                year = year_of.get(id(parent))
            year_of[id(item)] = year
            result.append({"when": _canonical_time(when_raw.strip(" ,.;")), "year": year, "text": body})
    return result


# ==================================================================== tổ chức thực hiện

def _responsibilities(blocks: list[_Block]) -> list[dict[str, Any]]:
    block = _find_block(blocks, ["to chuc thuc hien", "trach nhiem thuc hien"])
    if block is None:
        return []
    out: list[dict[str, Any]] = []
    for child in block.children:
        items = [it.full for it in _top_items(_items(child.lines)) if it.full]
        out.append({"who": child.title, "duties": items})
    if out:
        return out
    for item in _top_items(block.items):
        text = item.text
        colon = text.find(":")
        if 0 < colon <= 90 and len(text[:colon].split()) <= 12:
            duties = [text[colon + 1 :].strip()] if text[colon + 1 :].strip() else []
            duties += [c.full for c in item.children]
            out.append({"who": text[:colon].strip(), "duties": duties})
        elif item.children:
            out.append({"who": text.rstrip(":"), "duties": [c.full for c in item.children]})
    return out


# ==================================================================== nơi nhận and signature

_TITLE_RUN = re.compile(r"((?:\b(?:KT|TM|TL|TUQ|Q)\s*[.,]\s*)?[A-ZÀ-ỸĐ][A-ZÀ-ỸĐ0-9 .\-]{3,})$")
_PREFIX_RE = re.compile(r"^\s*(kt|tm|tl|tuq|q)\s*[.,]\s*")


def _signer_title(raw: str) -> str | None:
    """Canonical form of an upper-case signing-authority line ("KT. GIAM POC" -> "KT. GIÁM ĐỐC")."""
    run = raw.strip(" ‘'\",;")
    if _upper_share(run) < 0.85 or len(mkey(run)) < 4:
        return None
    key = okey(run)
    prefix = ""
    match = _PREFIX_RE.match(key)
    body_raw = run
    if match:
        prefix = _SIGN_PREFIXES[match.group(1)]
        body_raw = run[match.end() :]
    canon, _ = _canonical(body_raw, _SIGNER_TITLES, threshold=0.8)
    if not canon:
        if match and _has_diacritics(body_raw):
            return f"{prefix} {body_raw.strip()}"
        return None
    if body_raw.strip().upper() == canon or (_has_diacritics(body_raw) and mkey(body_raw) != mkey(canon)
                                            and _ratio(mkey(body_raw), mkey(canon)) < 0.93):
        canon = body_raw.strip()
    return f"{prefix} {canon}".strip()


_NAME_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,7}$")


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in line) or ":" in line:
        return False
    if all(_NAME_WORD.match(w) for w in words):
        return not _canonical(line, _SIGNER_TITLES, 0.8)[0]
    if line.isupper() and all(len(w) <= 7 for w in words) and not _canonical(line, _SIGNER_TITLES, 0.8)[0]:
        return not _canonical(line, _PROVINCES, 0.9)[0]
    return False


_RECIPIENT_JUNK = re.compile(r"[;.]([^;.]*)$")


def _clean_recipient(text: str) -> str:
    # An upper-case signer title merged from the right-hand column.
    run = _TITLE_RUN.search(text)
    if run and run.start() > 0 and _signer_title(run.group(1)):
        text = text[: run.start()]
    tail = _RECIPIENT_JUNK.search(text)
    if tail and len(re.findall(r"[A-Za-zÀ-ỹĐđ]{3,}", tail.group(1))) == 0:
        text = text[: tail.start() + 1]
    return text.strip().rstrip(" ;,.").strip()


def _recipients_and_signer(doc: _Doc) -> tuple[list[str], dict[str, str]]:
    lines = doc.lines
    tail_start = doc.recipients_at if doc.recipients_at is not None else doc.closing_at
    if tail_start is None:
        tail_start = max(doc.body_end, len(lines) - 15)
    recipients: list[str] = []
    titles: list[str] = []
    name = ""
    if doc.recipients_at is not None:
        head = lines[doc.recipients_at]
        colon = head.find(":")
        after = head[colon + 1 :].strip(" ‘'\"") if colon >= 0 else ""
        if after:
            title = _signer_title(after)
            if title:
                titles.append(title)
    previous_open = False
    for i in range(tail_start + (1 if doc.recipients_at is not None else 0), len(lines)):
        line = lines[i].strip()
        if not line or (doc.closing_at is not None and i == doc.closing_at):
            continue
        if doc.recipients_at is not None and line[:1] in "-–•+":
            text = line.lstrip("-–•+ ").strip()
            run = _TITLE_RUN.search(text)
            if run and run.start() > 0:
                title = _signer_title(run.group(1))
                if title:
                    titles.append(title)
            cleaned = _clean_recipient(text)
            if cleaned:
                recipients.append(cleaned)
                previous_open = not re.search(r"[;.]\s*$", text[: len(cleaned) + 2])
            continue
        title = _signer_title(line)
        if title:
            titles.append(title)
            continue
        if _looks_like_name(line):
            name = line
            continue
        if previous_open and recipients and line[:1].islower():
            recipients[-1] = _clean_recipient(recipients[-1] + " " + line)
    title_text = "\n".join(dict.fromkeys(titles))
    return recipients, {"title": title_text, "name": name}


# ==================================================================== entry points


def empty_proposal() -> dict[str, Any]:
    return {
        "number": "",
        "issued_on": None,
        "place": "",
        "issuer": "",
        "parent_plan": "",
        "title": "",
        "movement_name": "",
        "period": None,
        "sections": [],
        "content_items": [],
        "solutions": [],
        "subjects": [],
        "criteria": {"collective": [], "individual": []},
        "reward_forms": [],
        "milestones": [],
        "responsibilities": [],
        "recipients": [],
        "signer": {"title": "", "name": ""},
    }


def proposal_is_empty(p: dict[str, Any]) -> bool:
    """True when nothing was recognised (the caller then keeps the raw text for manual entry)."""

    def empty(value: Any) -> bool:
        if isinstance(value, dict):
            return all(empty(v) for v in value.values())
        if isinstance(value, list | tuple):
            return all(empty(v) for v in value)
        return value in (None, "", 0)

    return empty(p)


def _looks_like_plan(doc: _Doc, blocks: list[_Block], number: str) -> bool:
    known = 0
    for block in blocks:
        if _canonical(block.title, _ROMAN_TITLES)[0] or _canonical(block.title, _SUB_TITLES)[0]:
            known += 1
    return doc.title_at is not None or "/KH" in number.upper() or known >= 2


def parse_plan(text: str) -> dict[str, Any]:
    """The proposal for a plan: see the module docstring; every key is always present."""
    proposal = empty_proposal()
    try:
        lines = _lines(text)
    except Exception:  # noqa: BLE001 - a proposal is best effort; never fail the upload
        return proposal
    if not any(lines):
        return proposal
    doc = _layout(lines)
    blocks = _build_blocks(doc)
    number = _number(doc)
    if not _looks_like_plan(doc, blocks, number):
        return proposal

    title_lines = ([doc.title_inline] if doc.title_inline else []) + [
        ln for ln in lines[(doc.title_at + 1) if doc.title_at is not None else 0 : doc.title_end] if ln
    ]
    title = _unwrap(title_lines) if doc.title_at is not None else ""
    pre_end = doc.body_start if doc.body_start is not None else doc.body_end
    preamble = _unwrap(lines[doc.title_end : pre_end])
    place, issued_on = _place_and_date(doc)

    proposal["number"] = number
    proposal["issued_on"] = issued_on
    proposal["place"] = place
    proposal["issuer"] = _issuer(doc) or _issuer_from_preamble(preamble)
    proposal["parent_plan"] = _parent_plan(preamble, number)
    proposal["title"] = title
    proposal["movement_name"] = _movement(title, preamble)
    proposal["period"] = _period(title, preamble)
    sections = []
    for block in blocks:
        for b in block.walk():
            sections.append({"heading": b.heading, "text": _join(b.lines)})
    proposal["sections"] = sections
    proposal["content_items"] = _block_items(_find_block(blocks, ["noi dung thi dua", "noi dung"]))
    proposal["solutions"] = _block_items(_find_block(blocks, ["giai phap thuc hien", "giai phap",
                                                              "nhiem vu giai phap"]))
    proposal["subjects"] = _subjects(blocks)
    proposal["criteria"] = _criteria(blocks)
    proposal["reward_forms"] = _reward_forms(blocks)
    proposal["milestones"] = _milestones(blocks)
    proposal["responsibilities"] = _responsibilities(blocks)
    recipients, signer = _recipients_and_signer(doc)
    proposal["recipients"] = recipients
    proposal["signer"] = signer
    return proposal
