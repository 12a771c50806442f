"""Tests for thidua.core.legacy_text (TCVN3 / VNI -> Unicode). Pure Python, no Django."""

from __future__ import annotations

import unicodedata

import pytest

from thidua.core.legacy_text import (
    TCVN3_TO_UNICODE,
    UNICODE_TO_TCVN3,
    UNICODE_TO_VNI,
    VIETNAMESE_LETTERS,
    VNI_TO_UNICODE,
    detect_legacy_encoding,
    fix_legacy_text,
    is_vietnamese_syllable,
    legacy_to_unicode,
)

NFC = "NFC"

# --- independent reference data ---------------------------------------------

# Every letter of the alphabet with a diacritic, built from Unicode itself.
_BASES = "a ă â e ê i o ô ơ u ư y".split()
_TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
_LOWER = [
    letter
    for letter in (unicodedata.normalize(NFC, b + t) for b in _BASES for t in _TONES)
    if not letter.isascii()
] + ["đ"]
ALL_LETTERS = _LOWER + [ch.upper() for ch in _LOWER]

# glibc iconv, codec TCVN5712-1: the VN3 (TCVN3 / ABC) positions it shares.
# fmt: off
GLIBC_TCVN5712 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă",
    0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xB5: "à", 0xB6: "ả",
    0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ",
    0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì",
    0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó",
    0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở",
    0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFD: "ý", 0xFE: "ỵ",
}
# fmt: on

# VNI-Windows rows as listed by xvnkb (vni.h): base, then sắc huyền hỏi ngã nặng.
XVNKB_VNI_ROWS = {
    "a": "a aù aø aû aõ aï",
    "â": "aâ aá aà aå aã aä",
    "ă": "aê aé aè aú aü aë",
    "e": "e eù eø eû eõ eï",
    "ê": "eâ eá eà eå eã eä",
    "o": "o où oø oû oõ oï",
    "ô": "oâ oá oà oå oã oä",
    "ơ": "ô ôù ôø ôû ôõ ôï",
    "u": "u uù uø uû uõ uï",
    "ư": "ö öù öø öû öõ öï",
    "i": "i í ì æ ó ò",
    "y": "y yù yø yû yõ î",
}

# Real names; the TCVN3 forms were produced by glibc iconv (UTF-8 -> TCVN5712-1).
TCVN3_NAMES = [
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
    ("Lª Hoµng Long", "Lê Hoàng Long"),
    ("Ph¹m Minh TuÊn", "Phạm Minh Tuấn"),
    ("Hoµng ThÞ Thu Hµ", "Hoàng Thị Thu Hà"),
    ("Huúnh Ngäc Tr©m", "Huỳnh Ngọc Trâm"),
    ("Vò §×nh Kh«i", "Vũ Đình Khôi"),
    ("§Æng Thïy Tr©m", "Đặng Thùy Trâm"),
    ("Bïi Xu©n Ph¸i", "Bùi Xuân Phái"),
    ("§ç M\xadêi", "Đỗ Mười"),
    ("Hå Xu©n H\xad¬ng", "Hồ Xuân Hương"),
    ("Ng« B¶o Ch©u", "Ngô Bảo Châu"),
    ("D\xad¬ng Quang NghÜa", "Dương Quang Nghĩa"),
    ("Lý Th\xadêng KiÖt", "Lý Thường Kiệt"),
    ("TrÞnh C«ng S¬n", "Trịnh Công Sơn"),
    ("§inh Bé LÜnh", "Đinh Bộ Lĩnh"),
    ("L\xadu Quang Vò", "Lưu Quang Vũ"),
    ("Tr\xad¬ng §×nh H\xadng", "Trương Đình Hưng"),
    ("Vâ Nguyªn Gi¸p", "Võ Nguyên Giáp"),
    ("T«n §øc Th¾ng", "Tôn Đức Thắng"),
    ("Phan Béi Ch©u", "Phan Bội Châu"),
    ("§oµn ThÞ §iÓm", "Đoàn Thị Điểm"),
    ("Hoµng ThÞ Lan", "Hoàng Thị Lan"),
]

VNI_NAMES = [
    ("Nguyeãn Vaên An", "Nguyễn Văn An"),
    ("Traàn Thò Bình", "Trần Thị Bình"),
    ("Leâ Thò Hoa", "Lê Thị Hoa"),
    ("Leâ Hoaøng Long", "Lê Hoàng Long"),
    ("Phaïm Minh Tuaán", "Phạm Minh Tuấn"),
    ("Hoaøng Thò Thu Haø", "Hoàng Thị Thu Hà"),
    ("Huyønh Ngoïc Traâm", "Huỳnh Ngọc Trâm"),
    ("Vuõ Ñình Khoâi", "Vũ Đình Khôi"),
    ("Ñaëng Thuøy Traâm", "Đặng Thùy Trâm"),
    ("Buøi Xuaân Phaùi", "Bùi Xuân Phái"),
    ("Ñoã Möôøi", "Đỗ Mười"),
    ("Hoà Xuaân Höông", "Hồ Xuân Hương"),
    ("Ngoâ Baûo Chaâu", "Ngô Bảo Châu"),
    ("Döông Quang Nghóa", "Dương Quang Nghĩa"),
    ("Lyù Thöôøng Kieät", "Lý Thường Kiệt"),
    ("Trònh Coâng Sôn", "Trịnh Công Sơn"),
    ("Ñinh Boä Lónh", "Đinh Bộ Lĩnh"),
    ("Löu Quang Vuõ", "Lưu Quang Vũ"),
    ("Tröông Ñình Höng", "Trương Đình Hưng"),
    ("Voõ Nguyeân Giaùp", "Võ Nguyên Giáp"),
    ("Toân Ñöùc Thaéng", "Tôn Đức Thắng"),
    ("Phan Boäi Chaâu", "Phan Bội Châu"),
    ("Ñoaøn Thò Ñieåm", "Đoàn Thị Điểm"),
]

UNICODE_TEXTS = [
    "Nguyễn Văn An",
    "Đặng Thị Hồng",
    "Trần Thị Bình",
    "Hoàng Văn Toàn",
    "Đoàn Thị Hoà",
    "Lò Văn Páo",
    "Ngô Thị Bé",
    "Tô Văn Ân",
    "Hà Thị Lê",
    "Vũ Ngọc Thò",
    "NGUYỄN VĂN AN",
    "LÊ THỊ HÀ",
    "Bình",
    "Hà",
    "Lê",
    "Tô",
    "Vũ",
    "Ân",
    "Hoàng",
    "Toàn",
    "Khoá",
    "Thuý",
    "Quỳnh",
    "Sở Giao thông vận tải",
    "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
    "Chiến sĩ thi đua cơ sở",
    "Huân chương Lao động hạng Nhì",
    "Trường THPT Nguyễn Huệ",
    "Phòng Giáo dục và Đào tạo",
    "giáo viên",
    "Nam",
    "Nữ",
    "Kinh",
    "Hello world",
    "Department of Education",
    "café",
    "Müller",
    "Peña",
    "José García",
    "3 × 4 = 12",
    "© 2024 ACME®",
    "25 °C ± 2",
    "«Chiến sĩ thi đua»",
    "",
    "   ",
    "0912 345 678",
    "an.nguyen@example.vn",
]


def _to_tcvn3(text: str) -> str:
    return "".join(UNICODE_TO_TCVN3.get(ch, ch) for ch in text)


def _to_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in text)


# --- tables -----------------------------------------------------------------


def test_alphabet_has_134_letters() -> None:
    assert len(ALL_LETTERS) == len(set(ALL_LETTERS)) == 134
    assert set(VIETNAMESE_LETTERS) == set(ALL_LETTERS)
    assert set(UNICODE_TO_VNI) == set(ALL_LETTERS)
    assert set(UNICODE_TO_TCVN3) == set(ALL_LETTERS)
    assert set(VNI_TO_UNICODE.values()) == set(ALL_LETTERS)
    # TCVN3 has codes for the 67 small letters and 7 capitals only.
    assert len(TCVN3_TO_UNICODE) == 74
    assert set(TCVN3_TO_UNICODE.values()) == set(_LOWER) | set("ĂÂÊÔƠƯĐ")


def test_tcvn3_table_matches_glibc_tcvn5712() -> None:
    assert {ord(code): letter for code, letter in TCVN3_TO_UNICODE.items()} == GLIBC_TCVN5712


def test_vni_table_matches_xvnkb() -> None:
    for base, row in XVNKB_VNI_ROWS.items():
        for tone, seq in zip(_TONES, row.split(), strict=True):
            letter = unicodedata.normalize(NFC, base + tone)
            if letter.isascii():
                assert seq == letter
                continue
            assert UNICODE_TO_VNI[letter] == seq, letter
            assert UNICODE_TO_VNI[letter.upper()] == seq.upper(), letter.upper()
    assert UNICODE_TO_VNI["đ"] == "ñ"
    assert UNICODE_TO_VNI["Đ"] == "Ñ"


def test_legacy_code_points_fit_in_one_byte() -> None:
    for seq in list(TCVN3_TO_UNICODE) + list(VNI_TO_UNICODE):
        assert all(0xA0 <= ord(ch) <= 0xFF or ch.isascii() for ch in seq), seq


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trip_every_letter(letter: str) -> None:
    legacy = UNICODE_TO_VNI[letter]
    assert legacy_to_unicode(legacy, "vni") == letter
    # inside a word too
    word = ("NG" + legacy + "N") if letter.isupper() else ("ng" + legacy + "n")
    expected = ("NG" + letter + "N") if letter.isupper() else ("ng" + letter + "n")
    assert legacy_to_unicode(word, "vni") == expected


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_tcvn3_round_trip_every_letter(letter: str) -> None:
    code = UNICODE_TO_TCVN3[letter]
    if letter.islower() or letter in "ĂÂÊÔƠƯĐ":
        assert legacy_to_unicode(code, "tcvn3") == letter
        assert legacy_to_unicode("ng" + code + "n", "tcvn3") == "ng" + letter + "n"
    else:
        # A capital with a tone only exists in the .VnTimeH fonts, at the
        # small letter's code; the capital ASCII letters around it tell.
        assert code == UNICODE_TO_TCVN3[letter.lower()]
        assert legacy_to_unicode("NG" + code + "N", "tcvn3") == "NG" + letter + "N"


# --- conversion -------------------------------------------------------------


def test_mixed_sentence_tcvn3() -> None:
    assert fix_legacy_text("Së Giao th«ng vËn t¶i") == ("Sở Giao thông vận tải", "tcvn3")


def test_mixed_sentence_vni() -> None:
    assert fix_legacy_text("Sôû Giao thoâng vaän taûi") == ("Sở Giao thông vận tải", "vni")
    assert fix_legacy_text("Xin chaøo caùc baïn") == ("Xin chào các bạn", "vni")


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_NAMES)
def test_tcvn3_names(legacy: str, expected: str) -> None:
    assert detect_legacy_encoding(legacy) == "tcvn3"
    assert legacy_to_unicode(legacy, "tcvn3") == expected
    assert fix_legacy_text(legacy) == (expected, "tcvn3")


@pytest.mark.parametrize(("legacy", "expected"), VNI_NAMES)
def test_vni_names(legacy: str, expected: str) -> None:
    assert detect_legacy_encoding(legacy) == "vni"
    assert legacy_to_unicode(legacy, "vni") == expected
    assert fix_legacy_text(legacy) == (expected, "vni")


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),  # .VnTimeH, capitals at small codes
        ("NGUYÔN V¨N AN", "NGUYỄN VĂN AN"),
        ("TRÇN THÞ Hµ", "TRẦN THỊ HÀ"),
        ("Së GD&§T", "Sở GD&ĐT"),
        ("NguyÔn ThÞ ¸nh", "Nguyễn Thị Ánh"),  # Á had no code in .VnTime
        ("Lª ý", "Lê Ý"),
        ("LuËt Thi ®ua", "Luật Thi đua"),  # đ has its own capital (§): kept small
        ("¨n c¬m", "ăn cơm"),
    ],
)
def test_tcvn3_letter_case(legacy: str, expected: str) -> None:
    assert fix_legacy_text(legacy) == (expected, "tcvn3")


def test_vni_upper_case() -> None:
    assert fix_legacy_text("NGUYEÃN VAÊN AN") == ("NGUYỄN VĂN AN", "vni")
    assert fix_legacy_text("ÑOÃ MÖÔØI") == ("ĐỖ MƯỜI", "vni")


def test_explicit_conversion_keeps_unicode_parts() -> None:
    assert legacy_to_unicode("Nguyễn V¨n An", "tcvn3") == "Nguyễn Văn An"
    assert legacy_to_unicode("Nguyễn Vaên An", "VNI") == "Nguyễn Văn An"
    assert legacy_to_unicode("", "tcvn3") == ""
    # explicit VNI conversion tolerates a marker typed in the wrong case
    assert legacy_to_unicode("Aùnh", "vni") == "Ánh"


def test_unknown_encoding_is_rejected() -> None:
    with pytest.raises(ValueError):
        legacy_to_unicode("abc", "viscii")


# --- detection --------------------------------------------------------------


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_and_ascii_are_not_legacy(text: str) -> None:
    assert detect_legacy_encoding(text) is None
    assert fix_legacy_text(text) == (text, None)


@pytest.mark.parametrize(
    "text", ["Nguyễn Văn An", "Đặng Thị Hồng", "Trần Thị Bình", "Huỳnh Ngọc Trâm", "Ủy ban"]
)
def test_nfd_input_comes_back_nfc(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert detect_legacy_encoding(nfd) is None
    fixed, encoding = fix_legacy_text(nfd)
    assert encoding is None
    assert fixed == text
    assert unicodedata.is_normalized(NFC, fixed)


def test_output_is_always_nfc() -> None:
    for legacy, _ in TCVN3_NAMES + VNI_NAMES:
        assert unicodedata.is_normalized(NFC, fix_legacy_text(legacy)[0])


def test_generated_names_round_trip() -> None:
    names = [unicode for _, unicode in TCVN3_NAMES] + [
        "Mai Thị Thuý",
        "Hồ Thị Kim Liên",
        "Lâm Quốc Khánh",
        "Kiều Thị Oanh",
        "Châu Ngọc Yến",
        "Cao Bá Quát",
    ]
    for name in names:
        for encoding, encode in (("tcvn3", _to_tcvn3), ("vni", _to_vni)):
            assert fix_legacy_text(encode(name)) == (name, encoding), (encoding, name)


def test_ambiguous_text_is_left_alone() -> None:
    # TCVN3 "Vò" is "Vũ", but "Vò" is also a Unicode word: nothing proves it.
    assert fix_legacy_text("Vò Linh") == ("Vò Linh", None)
    # ...one unambiguous word is enough to settle it.
    assert fix_legacy_text("Vò V¨n An") == ("Vũ Văn An", "tcvn3")
    # A word that a conversion would break keeps the text Unicode.
    assert detect_legacy_encoding("Bình V¨n") is None


def test_symbols_alone_are_not_evidence() -> None:
    assert detect_legacy_encoding("×") is None
    assert detect_legacy_encoding("½ ¼") is None
    assert detect_legacy_encoding("§ 12") is None


def test_vietnamese_syllable_check() -> None:
    good = """Nguyễn hoà hòa thuỷ thủy khuya khuỷu ngoằn ngoèo giữa gì quốc quỳnh quýt
        yêu ước rượu khuấy xoong oái Ủy ĐỖ"""
    for word in good.split():
        assert is_vietnamese_syllable(word), word
    # ác̀ and tốt̀ carry two tones; tôt and cat are stop finals without sắc/nặng
    bad = "Leâ Leõ hoồ Bỡnh tuên bých cat ác̀ tốt̀ tôt Müller đ qú"
    for word in [*bad.split(), ""]:
        assert not is_vietnamese_syllable(word), word
