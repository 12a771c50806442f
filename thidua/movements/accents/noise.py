"""A generic OCR noise simulator for Vietnamese print read by a Latin-script OCR engine.

``ocr_noise(text, seed)`` strips the diacritics the way such an engine does (mostly dropped, sometimes an
accent kept on the wrong letter, a marked letter read as a look-alike glyph, "ư" split in two letters, capital
"Đ" read as "P"), adds the classic Latin confusions (1/l/i, 0/o, 5/s, rn/m) and re-wraps lines at about
75 characters like a scan. Used only to evaluate on held-out plans; it shares the families of confusions with
``channel.py`` (so held-out OCR scores are optimistic compared with a real scan).
"""

from __future__ import annotations

import random
import unicodedata

from .textutil import fold

# look-alikes of a marked vowel (by accent-free base letter; "horn"/"circumflex" handled below)
_GLYPH = {
    "o": ["6", "d", "¢", "g", "b", "0"],
    "a": ["4", "c", "@"],
    "e": ["¢", "&", "c"],
    "u": ["tr", "ir", "it", "im", "ii", "ti", "y"],
    "i": ["1", "l"],
}
_KEEP_ACCENT = {"e": "é", "o": "ó", "a": "á", "u": "ú", "i": "í"}


def _noisy_word(w: str, rng: random.Random) -> str:
    out = []
    chars = list(w)
    for i, ch in enumerate(chars):
        f = fold(ch)
        f = f.upper() if ch.isupper() else f
        low = ch.lower()
        if low == "đ":
            r = rng.random()
            out.append(("P" if ch.isupper() else "d") if r < 0.5 else ("D" if ch.isupper() else "d"))
            continue
        if f.lower() == low:  # unmarked letter: light Latin noise
            r = rng.random()
            if low == "i" and r < 0.02:
                out.append("1" if i else ("l" if ch.islower() else "I"))
            elif low == "o" and r < 0.01:
                out.append("0")
            elif low == "m" and r < 0.01:
                out.append("rn")
            else:
                out.append(ch)
            continue
        base = f.lower()
        horn = (
            unicodedata.normalize("NFD", low)[0] in "ươ"
            or low in "ươ"
            or "\u031b" in unicodedata.normalize("NFD", low)
        )
        r = rng.random()
        if horn and base == "u" and r < 0.35:
            g = rng.choice(_GLYPH["u"])
            out.append(g.upper() if ch.isupper() else g)
        elif horn and base == "o" and i > 0 and chars[i - 1].lower() in "ưu" and r < 0.3:
            out.append(rng.choice(["d", "g"]))
        elif r < 0.10 and base in _GLYPH:
            g = rng.choice(_GLYPH[base])
            out.append(g.upper() if ch.isupper() and g.isalpha() else g)
        elif r < 0.22 and base in _KEEP_ACCENT:
            g = _KEEP_ACCENT[rng.choice("eeeo")] if base in "eo" else _KEEP_ACCENT[base]
            out.append(g.upper() if ch.isupper() else g)
        elif r < 0.24 and base == "e":
            out.append(f + "é")  # doubled letter with a stray accent
        else:
            out.append(f)
    return "".join(out)


def ocr_noise(text: str, seed: int = 0, width: int = 75) -> str:
    rng = random.Random(seed)
    text = unicodedata.normalize("NFC", text)
    lines_out = []
    for line in text.split("\n"):
        words = line.split(" ")
        noisy = [_noisy_word(w, rng) for w in words]
        # re-wrap long paragraphs like a scan does
        cur = ""
        for w in noisy:
            if cur and len(cur) + 1 + len(w) > width:
                lines_out.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}" if cur else w
        lines_out.append(cur)
    return "\n".join(lines_out)
