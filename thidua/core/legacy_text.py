"""Repair Vietnamese text typed in legacy 8-bit font encodings.

Older government spreadsheets still contain cells typed with the pre-Unicode
Vietnamese fonts.  When such a file is read today the cell arrives as a Python
``str`` whose characters are the Latin-1 / cp1252 code points of the legacy
bytes, e.g. ``"NguyÔn V¨n An"`` instead of ``"Nguyễn Văn An"``.

Two encodings are supported:

``"tcvn3"``
    TCVN 5712:1993 VN3, a.k.a. "ABC" (fonts ``.VnTime``, ``.VnArial``...).
    One byte per letter.  Only the 67 lower-case letters plus the seven
    capitals Ă Â Ê Ô Ơ Ư Đ have codes of their own; capitals *with a tone*
    were typed with the companion upper-case fonts (``.VnTimeH``,
    ``.VnArialH``...), which draw capitals at the *same* codes as the
    lower-case letters.  The font name is lost by the time the text reaches
    us, so letter case is recovered from the surrounding ASCII letters (see
    :func:`legacy_to_unicode`).

``"vni"``
    VNI-Windows (fonts ``VNI-Times``, ``VNI-Helve``...).  A letter is an ASCII
    base vowel followed by one Latin-1 "marker" character (``"aø"`` = ``"à"``,
    ``"eã"`` = ``"ễ"``); ơ ư đ and most forms of i are single characters
    (``"ô"`` = ``"ơ"``, ``"ö"`` = ``"ư"``, ``"ñ"`` = ``"đ"``, ``"ò"`` = ``"ị"``).

The tables were cross-checked against glibc iconv's ``TCVN5712-1`` codec
(lower half), xvnkb's ``tcvn.h``/``vni.h`` and the ``vietnamese-conversion``
npm package.

Detection is deliberately conservative: many legacy code points are also
ordinary Vietnamese letters in Unicode (TCVN3 ``"Lê"`` reads ``"Lờ"``, VNI
``"Tô"`` reads ``"Tơ"``), so a string is only reported as legacy when
converting it turns words that are *not* Vietnamese syllables into words that
*are*, and does not break words that already were.  Ambiguous input is left
alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import Final

__all__ = [
    "TCVN3",
    "VNI",
    "SUPPORTED_ENCODINGS",
    "VIETNAMESE_LETTERS",
    "TCVN3_TO_UNICODE",
    "UNICODE_TO_TCVN3",
    "VNI_TO_UNICODE",
    "UNICODE_TO_VNI",
    "detect_legacy_encoding",
    "legacy_to_unicode",
    "fix_legacy_text",
    "is_vietnamese_syllable",
]

TCVN3: Final = "tcvn3"
VNI: Final = "vni"
SUPPORTED_ENCODINGS: Final[tuple[str, ...]] = (TCVN3, VNI)

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

# Tone order used by every row below: none, sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS: Final[tuple[str, ...]] = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_BASE_VOWELS: Final[tuple[str, ...]] = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")

# TCVN3 (VN3) code for each base vowel x tone, as the Latin-1 character of the
# byte.  "\u00ad" (soft hyphen, byte 0xAD) is "ư".
# fmt: off
_TCVN3_ROWS: Final[dict[str, tuple[str, ...]]] = {
    #      none      sắc       huyền     hỏi       ngã       nặng
    "a": ("a",      "\u00b8", "\u00b5", "\u00b6", "\u00b7", "\u00b9"),  # a ¸ µ ¶ · ¹
    "ă": ("\u00a8", "\u00be", "\u00bb", "\u00bc", "\u00bd", "\u00c6"),  # ¨ ¾ » ¼ ½ Æ
    "â": ("\u00a9", "\u00ca", "\u00c7", "\u00c8", "\u00c9", "\u00cb"),  # © Ê Ç È É Ë
    "e": ("e",      "\u00d0", "\u00cc", "\u00ce", "\u00cf", "\u00d1"),  # e Ð Ì Î Ï Ñ
    "ê": ("\u00aa", "\u00d5", "\u00d2", "\u00d3", "\u00d4", "\u00d6"),  # ª Õ Ò Ó Ô Ö
    "i": ("i",      "\u00dd", "\u00d7", "\u00d8", "\u00dc", "\u00de"),  # i Ý × Ø Ü Þ
    "o": ("o",      "\u00e3", "\u00df", "\u00e1", "\u00e2", "\u00e4"),  # o ã ß á â ä
    "ô": ("\u00ab", "\u00e8", "\u00e5", "\u00e6", "\u00e7", "\u00e9"),  # « è å æ ç é
    "ơ": ("\u00ac", "\u00ed", "\u00ea", "\u00eb", "\u00ec", "\u00ee"),  # ¬ í ê ë ì î
    "u": ("u",      "\u00f3", "\u00ef", "\u00f1", "\u00f2", "\u00f4"),  # u ó ï ñ ò ô
    "ư": ("\u00ad", "\u00f8", "\u00f5", "\u00f6", "\u00f7", "\u00f9"),  # (SHY) ø õ ö ÷ ù
    "y": ("y",      "\u00fd", "\u00fa", "\u00fb", "\u00fc", "\u00fe"),  # y ý ú û ü þ
}
_TCVN3_LOWER_D: Final = "\u00ae"  # ® = đ
# The only capitals TCVN3 encodes separately (they exist in .VnTime itself).
_TCVN3_CAPITALS: Final[dict[str, str]] = {
    "\u00a1": "Ă",  # ¡
    "\u00a2": "Â",  # ¢
    "\u00a3": "Ê",  # £
    "\u00a4": "Ô",  # ¤
    "\u00a5": "Ơ",  # ¥
    "\u00a6": "Ư",  # ¦
    "\u00a7": "Đ",  # §
}

# VNI-Windows sequence for each base vowel x tone (lower case; the upper-case
# form is ``seq.upper()``, e.g. "aù" -> "AÙ", "ô" -> "Ô").
_VNI_ROWS: Final[dict[str, tuple[str, ...]]] = {
    #      none   sắc    huyền  hỏi    ngã    nặng
    "a": ("a",  "aù", "aø", "aû", "aõ", "aï"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "e": ("e",  "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i",  "í",  "ì",  "æ",  "ó",  "ò"),
    "o": ("o",  "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô",  "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u",  "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö",  "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y",  "yù", "yø", "yû", "yõ", "î"),
}
_VNI_LOWER_D: Final = "ñ"
# fmt: on


def _letter(base: str, tone_index: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone_index])


def _build_letters() -> tuple[str, ...]:
    lower: list[str] = []
    for base in _BASE_VOWELS:
        for tone_index in range(len(_TONE_MARKS)):
            letter = _letter(base, tone_index)
            if not letter.isascii():
                lower.append(letter)
    lower.append("đ")
    return tuple(lower) + tuple(ch.upper() for ch in lower)


#: The 134 non-ASCII Vietnamese letters (67 lower case, then 67 upper case).
VIETNAMESE_LETTERS: Final[tuple[str, ...]] = _build_letters()


def _build_tcvn3() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for base, row in _TCVN3_ROWS.items():
        for tone_index, code in enumerate(row):
            letter = _letter(base, tone_index)
            if letter.isascii():
                continue
            decode[code] = letter
            encode[letter] = code
            # Capitals with a tone share the lower-case code (.VnTimeH fonts).
            encode.setdefault(letter.upper(), code)
    decode[_TCVN3_LOWER_D] = "đ"
    encode["đ"] = _TCVN3_LOWER_D
    for code, capital in _TCVN3_CAPITALS.items():
        decode[code] = capital
        encode[capital] = code
    return decode, encode


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for base, row in _VNI_ROWS.items():
        for tone_index, seq in enumerate(row):
            letter = _letter(base, tone_index)
            if letter.isascii():
                continue
            for s, ltr in ((seq, letter), (seq.upper(), letter.upper())):
                decode[s] = ltr
                encode[ltr] = s
    for s, ltr in ((_VNI_LOWER_D, "đ"), (_VNI_LOWER_D.upper(), "Đ")):
        decode[s] = ltr
        encode[ltr] = s
    return decode, encode


_TCVN3_TABLES: Final = _build_tcvn3()
_VNI_TABLES: Final = _build_vni()

#: TCVN3 code point -> Unicode letter (67 lower-case letters + Ă Â Ê Ô Ơ Ư Đ).
TCVN3_TO_UNICODE: Final[Mapping[str, str]] = MappingProxyType(_TCVN3_TABLES[0])
#: Unicode letter -> TCVN3 code point, all 134 letters; capitals with a tone map
#: to the lower-case code, which is how the .VnTimeH upper-case fonts store them.
UNICODE_TO_TCVN3: Final[Mapping[str, str]] = MappingProxyType(_TCVN3_TABLES[1])
#: VNI-Windows sequence (1 or 2 characters) -> Unicode letter, 134 entries.
VNI_TO_UNICODE: Final[Mapping[str, str]] = MappingProxyType(_VNI_TABLES[0])
#: Unicode letter -> VNI-Windows sequence, 134 entries.
UNICODE_TO_VNI: Final[Mapping[str, str]] = MappingProxyType(_VNI_TABLES[1])

_TCVN3_TRANSLATE: Final = str.maketrans(_TCVN3_TABLES[0])


# VNI decoding: one-character letters and (base, marker) pairs.  Explicit
# conversion also accepts pairs whose marker has the wrong case ("Aù", "aÙ"; the
# base decides), which keyboard drivers never produce, so detection does not.
def _build_vni_pairs(lenient: bool) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for seq, letter in VNI_TO_UNICODE.items():
        if len(seq) != 2:
            continue
        base, marker = seq[0], seq[1]
        markers = (marker.lower(), marker.upper()) if lenient else (marker,)
        for m in markers:
            pairs[base + m] = letter.upper() if base.isupper() else letter.lower()
    return pairs


_VNI_SINGLE: Final[dict[str, str]] = {seq: ltr for seq, ltr in VNI_TO_UNICODE.items() if len(seq) == 1}
_VNI_PAIRS: Final[dict[str, str]] = _build_vni_pairs(lenient=False)
_VNI_PAIRS_LENIENT: Final[dict[str, str]] = _build_vni_pairs(lenient=True)

_ASCII_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

# A "word": letters plus the legacy code points that are not letters to Python
# (TCVN3 ¨ © « ¬ ® ¡-§ ¸ ¶ · ¹ » ¼ ½ ¾ × ÷ and the soft hyphen).
_NON_LETTER_CODES: Final = "".join(sorted(ch for ch in _TCVN3_TABLES[0] if not ch.isalpha()))
_WORD_RE: Final = re.compile(r"(?:[^\W\d_]|[" + re.escape(_NON_LETTER_CODES) + r"])+")

# ---------------------------------------------------------------------------
# Vietnamese syllable check
# ---------------------------------------------------------------------------

_TONE_NAMES: Final[dict[str, str]] = {
    "\u0301": "sac",
    "\u0300": "huyen",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
# fmt: off
_INITIALS: Final[tuple[str, ...]] = (
    "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)
# fmt: on
_OPEN_RHYMES: Final[frozenset[str]] = frozenset(
    """
    a e ê i y o ô ơ u ư
    ia ua ưa oa oe uê uy uơ uya
    ai ay ây oi ôi ơi ui ưi uôi ươi oai oay uây
    ao au âu eo êu iu ưu iêu yêu ươu oao oeo uyu
    """.split()
)
# nucleus -> finals it can take
_CLOSED_RHYMES: Final[dict[str, str]] = {
    "a": "m n ng nh p t c ch",
    "ă": "m n ng p t c",
    "â": "m n ng p t c",
    "e": "m n ng p t c",
    "ê": "m n nh p t ch",
    "i": "m n nh p t ch",
    "y": "nh t ch",
    "o": "m n ng p t c",
    "ô": "m n ng p t c",
    "ơ": "m n p t",
    "u": "m n ng p t c",
    "ư": "m n ng t c",
    "iê": "m n ng p t c",
    "yê": "m n ng p t c",
    "uô": "m n ng t c",
    "ươ": "m n ng p t c",
    "oa": "m n ng nh p t c ch",
    "oă": "m n ng t c",
    "oe": "n t",
    "oo": "ng c",
    "uâ": "n ng t",
    "uê": "nh ch",
    "uy": "n nh t ch",
    "uyê": "n t",
}
_RHYMES: Final[frozenset[str]] = _OPEN_RHYMES | frozenset(
    nucleus + final for nucleus, finals in _CLOSED_RHYMES.items() for final in finals.split()
)
_STOP_FINALS: Final[tuple[str, ...]] = ("ch", "p", "t", "c")
_SYLLABLE_LETTERS: Final = frozenset("abcdeghiklmnopqrstuvxyăâêôơưđ")
_VOWEL_LETTERS: Final = frozenset("aăâeêioôơuưy")
_MODIFIED_VOWELS: Final = frozenset("ăâêôơư")


def _tone_slots(rhyme: str) -> frozenset[int]:
    """Indices in ``rhyme`` where the tone mark may sit (old and new styles)."""
    vowels = [i for i, ch in enumerate(rhyme) if ch in _VOWEL_LETTERS]
    modified = [i for i in vowels if rhyme[i] in _MODIFIED_VOWELS]
    if modified:  # ươ, uô, iê, uâ ... -> on the (last) letter with a diacritic
        return frozenset({modified[-1]})
    if rhyme[-1] not in _VOWEL_LETTERS or len(vowels) == 1:  # oan, uyt / a, im
        return frozenset({vowels[-1]})
    if rhyme in ("oa", "oe", "uy"):  # hoà / hòa, thuỷ / thủy
        return frozenset({0, 1})
    if len(vowels) == 2:  # ai, ao, ia, ua, eo ... -> first vowel
        return frozenset({vowels[0]})
    return frozenset({vowels[1]})  # oai, oay, uya, uyu, oeo -> middle vowel


def _split_tone(word: str) -> tuple[str, str | None, int] | None:
    """(toneless lower-case NFC word, tone name or None, index of the toned letter).

    None if the word has two tone marks, a tone mark not on a letter, or a
    diacritic that does not belong to Vietnamese.
    """
    tone: str | None = None
    tone_pos = -1
    kept: list[str] = []
    letters = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_NAMES:
            if tone is not None or letters == 0:
                return None
            tone = _TONE_NAMES[ch]
            tone_pos = letters - 1
        else:
            kept.append(ch)
            if not unicodedata.combining(ch):
                letters += 1
    toneless = unicodedata.normalize("NFC", "".join(kept))
    if len(toneless) != letters or any(ch not in _SYLLABLE_LETTERS for ch in toneless):
        return None
    return toneless, tone, tone_pos


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (Unicode, any case/normalisation) spells one Vietnamese syllable.

    Checks the initial consonant, the rhyme, that there is at most one tone
    mark and that it sits on a vowel that may carry it (both the old "hoà" and
    the new "hòa" placements are accepted), and that stop finals (-p -t -c -ch)
    only carry sắc or nặng.  This is a spelling check, not a dictionary: it
    accepts well-formed syllables that happen not to be words ("lệu").
    """
    split = _split_tone(word)
    if split is None:
        return False
    toneless, tone, tone_pos = split
    for initial in _INITIALS:
        if not toneless.startswith(initial):
            continue
        rhyme = toneless[len(initial) :]
        if initial == "gi" and rhyme == "":  # gì, gỉ: the i of "gi" is the vowel
            return tone_pos in (-1, 1)
        if rhyme not in _RHYMES:
            continue
        # Spelling rules: "yê-" only stands alone or after qu (yên, quyết);
        # -ynh -yt -ych only after qu (quỳnh, quýt); "iê-" needs an initial.
        if rhyme.startswith("y") and len(rhyme) > 1 and initial not in ("", "qu"):
            continue
        if rhyme in ("ynh", "yt", "ych") and initial != "qu":
            continue
        if rhyme.startswith("iê") and initial == "":
            continue
        if tone is not None and tone_pos - len(initial) not in _tone_slots(rhyme):
            continue
        if rhyme.endswith(_STOP_FINALS) and tone not in ("sac", "nang"):
            continue
        return True
    return False


def _syllable_key(word: str) -> str:
    """Case- and tone-placement-insensitive key: "Thuỷ", "thủy" -> "thuy/hoi"."""
    split = _split_tone(word)
    if split is None:
        return word.lower()
    toneless, tone, _ = split
    return f"{toneless}/{tone or ''}"


# Syllables that are frequent in names and in the names of state bodies.  Only
# used to break a tie when a string reads as valid syllables in *both* legacy
# encodings (VNI "Löu" = Lưu, read as TCVN3 = "lửu"; VNI "Noâng" = Nông, read
# as TCVN3 = "noõng").
_COMMON_SYLLABLES: Final[frozenset[str]] = frozenset(
    _syllable_key(w)
    for w in """
    nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trịnh đinh lưu
    mạc quách tạ châu lâm kiều tăng thái phùng khổng giang ông âu tô hà đoàn mai đào cao
    tôn la bế vương triệu thân lương đàm chu lục nông hứa lã từ lò lữ lạc quan ninh khúc
    kim cù doãn diệp đồng hàn hầu khương kha nghiêm ôn phó tống trương viên vi ứng thạch
    mã bạch cấn chử lỗ mẫn trình tiêu văn thị hữu đức minh quang thanh ngọc xuân thu hồng
    bảo gia đình công quốc anh mạnh tuấn thế trọng như diệu khánh phương bích thùy thúy hoài
    mỹ huy duy tiến an bình cường dũng dung hải hạnh hằng hiền hiếu hoa hòa hùng hưng hương
    huyền khoa lan liên linh loan long nam nga ngân nghĩa nhung oanh phong phúc quân quyên
    sơn tâm thắng thảo thịnh thủy toàn trâm trang trung tú tùng uyên vân việt vinh yến ánh
    ân ý ước út đạt điệp đông khôi khuê luận lực nhật tấn trí trường xuyên quỳnh hậu chiến
    khiêm lợi lộc phước thọ tài tân thành thiện thông thư thương tình tố trinh tuyết tường
    uy vy yên hạ hân hiển hiệp hoan hoàn hội hợp huệ kiên kiệt kỳ lam lệ lễ liêm lĩnh luân
    ly mến miên nghi nghiệp nguyên nguyệt nhàn nhân nhi nhiên nữ phát phi phú phụng phượng
    quý quyết sang sáng sinh sỹ sĩ thắm thoa thơ thuận thục tiên tín toản trà triều trúc
    tuệ tư tươi vạn vĩnh vượng xoan đăng điền định đoan độ diễm doanh dư duyên giao hào
    hảo khang khải kiều chính trị tuyên giáo
    sở phòng ban ủy nhân dân xã huyện tỉnh phố phường quận trấn trường học tiểu cơ dục tạo
    y tế bệnh viện hóa thể thao du lịch chính kế hoạch đầu nghiệp triển nội vụ pháp lao
    động binh khoa nghệ tin truyền vận tải xây dựng nguyên môi quân sự đội tổ chi bộ đảng
    phụ cựu niên hợp tác nhà nước cán chức hiệu trưởng chủ tịch bí thi đua khen thưởng danh
    sĩ xuất sắc bằng giấy huân chương kỷ niệm cờ tập cá năm
    """.split()
)


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------


def _decode_vni(text: str, lenient: bool = False) -> str:
    pairs = _VNI_PAIRS_LENIENT if lenient else _VNI_PAIRS
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in pairs:
            out.append(pairs[pair])
            i += 2
            continue
        ch = text[i]
        out.append(_VNI_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def _cased_letters(word: str) -> tuple[int, int]:
    """(upper, lower) counts of letters whose case TCVN3 text really records."""
    upper = lower = 0
    for ch in word:
        if ch in _ASCII_LETTERS:
            if ch.isupper():
                upper += 1
            else:
                lower += 1
        elif ch in _TCVN3_CAPITALS:
            upper += 1
    return upper, lower


# Codes of tone-marked letters: .VnTime has no capital for them, so a typist
# who could not switch fonts left them small.  ă â ê ô ơ ư đ are excluded:
# their capitals (¡ ¢ £ ¤ ¥ ¦ §) exist, so a small one was meant small.
_TCVN3_TONED_CODES: Final = frozenset(
    code for code, letter in _TCVN3_TABLES[0].items() if letter not in "ăâêôơưđĂÂÊÔƠƯĐ"
)


def _starts_with_toned_code(word: str) -> bool:
    return word[0] in _TCVN3_TONED_CODES


def _decode_tcvn3(text: str) -> str:
    """TCVN3 -> Unicode, recovering the case of letters typed in .VnTimeH fonts.

    Those fonts draw capitals at the lower-case codes, so the case of a
    tone-marked letter must be guessed from the ASCII letters around it:

    * a word is upper-cased when its ASCII letters are all capitals and there
      are at least two of them ("NGUYÔN" -> "NGUYỄN");
    * a word with fewer ASCII letters ("Hµ") is upper-cased only when the
      whole text is in capitals and a word of two or more capitals that is
      not an abbreviation shows it ("TRÇN Hµ" -> "TRẦN HÀ"; "Lª Hµ" stays
      "Lê Hà", the commoner reading, and "Së GD&§T" gives "Sở GD&ĐT");
    * in a title-cased text of two or more words (a name such as
      ``"NguyÔn ¸nh"``) a word that starts with a tone-marked vowel gets a
      capital initial ("Ánh").
    """
    words = [m.group() for m in _WORD_RE.finditer(text)]
    counts = [_cased_letters(w) for w in words]
    # Capitals must be shown by a real word ("V¡N", "MINH"), not by an
    # abbreviation such as "GD" or "THPT", which is in capitals anyway.
    text_is_upper = all(lower == 0 for _, lower in counts) and any(
        upper >= 2 and is_vietnamese_syllable(w.translate(_TCVN3_TRANSLATE))
        for w, (upper, _) in zip(words, counts, strict=True)
    )

    initials = [w[0] for w in words if not _starts_with_toned_code(w)]
    cased_initials = [c for c in initials if c in _ASCII_LETTERS or c in TCVN3_TO_UNICODE]
    title_case = (
        not text_is_upper
        and len(words) >= 2
        and len(cased_initials) >= 1
        and all(c in _TCVN3_CAPITALS or c.isupper() for c in cased_initials)
    )

    def convert(match: re.Match[str]) -> str:
        word = match.group()
        converted = word.translate(_TCVN3_TRANSLATE)
        # Test for legacy codes rather than for a change: ý (0xFD) reads the
        # same in Latin-1 and in TCVN3 but still needs its case recovered.
        if any(ch in TCVN3_TO_UNICODE for ch in word):
            upper, lower = _cased_letters(word)
            if lower == 0 and (upper >= 2 or text_is_upper):
                converted = converted.upper()
            elif title_case and _starts_with_toned_code(word):
                converted = converted[0].upper() + converted[1:]
        return converted

    return _WORD_RE.sub(convert, text)


def _normalise_encoding(encoding: str) -> str:
    key = encoding.strip().lower().replace("-", "").replace("_", "")
    aliases = {"tcvn3": TCVN3, "tcvn": TCVN3, "abc": TCVN3, "vni": VNI, "vniwindows": VNI, "vniwin": VNI}
    try:
        return aliases[key]
    except KeyError:
        raise ValueError(
            f"unknown legacy encoding {encoding!r}; expected one of {SUPPORTED_ENCODINGS}"
        ) from None


def legacy_to_unicode(text: str, encoding: str) -> str:
    """Convert from ``"tcvn3"`` or ``"vni"`` to Unicode NFC.

    The conversion is unconditional (no detection): every legacy code point is
    replaced.  Characters that are not part of the encoding are kept as they
    are, so text that is already partly Unicode (``"Nguyễn V¨n An"``) comes out
    whole.  Raises :class:`ValueError` for an unknown encoding.
    """
    enc = _normalise_encoding(encoding)
    converted = _decode_tcvn3(text) if enc == TCVN3 else _decode_vni(text, lenient=True)
    return unicodedata.normalize("NFC", converted)


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------


def _word_to_unicode(word: str, encoding: str) -> str:
    # Case does not matter for the syllable check, so no case recovery here.
    if encoding == TCVN3:
        return word.translate(_TCVN3_TRANSLATE)
    return _decode_vni(word)


def _has_word_case(word: str) -> bool:
    """False when a capital follows a small letter, as in "TuÊn" or "NguyÔn"
    (TCVN3 uses Latin-1 capitals for small tone-marked letters)."""
    return not any(a.islower() and b.isupper() for a, b in pairwise(word))


def _evidence(text: str, encoding: str) -> tuple[float, int, bool]:
    """(positive, negative, positive_has_ascii) evidence that text is ``encoding``.

    Only words that the conversion would change are looked at.  A word is
    positive when it is not a Vietnamese syllable as it stands but becomes one
    once converted; negative when it is one already and conversion breaks it.
    Words without any ASCII letter (a lone "×" or "ë") only count half.
    """
    positive = 0.0
    negative = 0
    has_ascii = False
    for m in _WORD_RE.finditer(text):
        word = m.group()
        converted = _word_to_unicode(word, encoding)
        if converted == word:
            continue
        valid_before = _has_word_case(word) and is_vietnamese_syllable(word)
        valid_after = is_vietnamese_syllable(converted)
        if valid_after and not valid_before:
            if any(ch in _ASCII_LETTERS for ch in word):
                positive += 1.0
                has_ascii = True
            else:
                positive += 0.5
        elif valid_before and not valid_after:
            negative += 1
    return positive, negative, has_ascii


def _common_count(text: str, encoding: str) -> int:
    """Words that the conversion changes into a frequent syllable."""
    count = 0
    for m in _WORD_RE.finditer(text):
        word = m.group()
        converted = _word_to_unicode(word, encoding)
        if converted != word and _syllable_key(converted) in _COMMON_SYLLABLES:
            count += 1
    return count


def detect_legacy_encoding(text: str) -> str | None:
    """Return ``"tcvn3"``, ``"vni"`` or ``None`` (text is already Unicode / plain ASCII).

    An encoding qualifies when at least one word containing an ASCII letter
    turns from a non-word into a Vietnamese syllable, and such words outnumber
    the words the conversion would break by more than 3 to 1.  If both
    encodings qualify, the one with more evidence wins, then the one that
    yields more frequent syllables; a remaining tie gives ``None``.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return None
    scores: dict[str, float] = {}
    for enc in SUPPORTED_ENCODINGS:
        positive, negative, has_ascii = _evidence(text, enc)
        if has_ascii and positive >= 1.0 and positive > 3 * negative:
            scores[enc] = positive - 2 * negative
    if len(scores) < 2:
        return next(iter(scores), None)
    ranked = sorted(((score, _common_count(text, enc), enc) for enc, score in scores.items()), reverse=True)
    if ranked[0][:2] == ranked[1][:2]:
        return None
    return ranked[0][2]


def fix_legacy_text(text: str) -> tuple[str, str | None]:
    """Detect and convert; returns ``(unicode_nfc_text, detected_encoding_or_None)``.

    Text that is proper Unicode (including decomposed NFD text, e.g. from
    macOS) or plain ASCII comes back unchanged except for NFC normalisation.
    """
    normalised = unicodedata.normalize("NFC", text)
    encoding = detect_legacy_encoding(normalised)
    if encoding is None:
        return normalised, None
    return legacy_to_unicode(normalised, encoding), encoding
