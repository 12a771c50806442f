"""Vietnamese text helpers: NFC storage and the one accent-folding function used for every search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
#: characters that show nothing but make two equal names differ: zero-width spaces and joiners, the soft hyphen,
#: bidirectional controls (LRM/RLM, embeddings, overrides, isolates), the BOM, word joiners and invisible
#: operators, variation selectors, the combining grapheme joiner, Hangul fillers, tag characters, and the C0/C1
#: control characters (white space is collapsed separately)
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufdd0-\ufdef\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\ufffe\uffff"
    "\U000e0000-\U000e007f]"
)
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def strip_invisible(text: str) -> str:
    """`text` without the characters that show nothing (see _INVISIBLE)."""
    return _INVISIBLE.sub("", text)


def nfc(text: str | None) -> str:
    """Normalise to NFC, drop invisible characters (zero-width, soft hyphen, bidirectional controls) and collapse
    runs of white space (files from macOS arrive decomposed)."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", _INVISIBLE.sub("", str(text)))).strip()


def fold(text: str | None) -> str:
    """Accent-insensitive key: "Nguyễn Văn Đức" -> "nguyen van duc". Used for storage keys and queries alike."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", _INVISIBLE.sub("", str(text)).translate(_D_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.translate(_D_TABLE).lower()).strip()


def search_key(text: str | None) -> str:
    """Stored search column: folded text framed by spaces, so a query can match from the start of any word."""
    folded = fold(text)
    return f" {folded} " if folded else ""


def search_pattern(query: str | None) -> str:
    """The substring to look for in a search_key column: query words must start words of the name."""
    folded = fold(query)
    return f" {folded}" if folded else ""


def word_suffixes(text: str | None) -> list[str]:
    """Every tail of the folded text that starts at a word: "Nguyễn Văn An" -> ["nguyen van an", "van an", "an"].
    Stored in an indexed column, they let a query match from the start of any word with an index range scan."""
    words = fold(text).split(" ")
    return [" ".join(words[i:]) for i in range(len(words)) if words[i]]


def user_display_name(user) -> str:
    """A user's name in Vietnamese order: the linked person's full name, else "last first", else the login."""
    if user is None or not getattr(user, "pk", None):
        return ""
    person = getattr(user, "person", None)
    if person is not None:
        return person.full_name
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
