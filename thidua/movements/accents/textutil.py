"""Small text helpers shared by the restorer, the build script and the evaluation."""

from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})

# A "syllable" of running Vietnamese text: letters only (no digits, no underscore).
SYLLABLE_RE = re.compile(r"[^\W\d_]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(word: str) -> str:
    """Accent-free lower-case form: 'Đường' -> 'duong'."""
    w = unicodedata.normalize("NFD", word.translate(_D))
    return "".join(c for c in w if unicodedata.category(c) != "Mn").lower()


def has_marks(word: str) -> bool:
    """True when the word carries any Vietnamese diacritic (tone or vowel mark, or đ)."""
    return fold(word) != word.lower()


_TONES = "\u0300\u0301\u0303\u0309\u0323"
_CANON = re.compile(r"(?<![q])(o|u)(a|e|y)$")


def canonical(syl: str) -> str:
    """One spelling per syllable: the tone of an open 'oa', 'oe', 'uy' rime sits on its first vowel
    (hóa, khỏe, thủy, ủy -- the usage of administrative documents), elsewhere where it already is."""
    d = unicodedata.normalize("NFD", syl)
    tone = [c for c in d if c in _TONES]
    if not tone:
        return syl
    bare = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    m = _CANON.search(bare.lower())
    if not m:
        return syl
    pos = m.start()
    return unicodedata.normalize("NFC", bare[: pos + 1] + tone[0] + bare[pos + 1 :])
