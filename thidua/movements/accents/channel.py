"""The OCR channel: which syllables could an OCR token stand for, and at what cost.

The confusions are generic ones of Latin-script OCR engines reading Vietnamese print (an engine without a
Vietnamese model drops or garbles the diacritics): a marked vowel is read as its base letter, as a
different vowel, or as a glyph of similar shape (a digit, "d", "b", "q", "g", "¢"); the horn of "ư" turns it
into two letters ("tr", "ir", "it", "ti", "im", "ii"); "ươ" into "ud"/"ug"; capital "Đ" into "P"; the usual
Latin confusions between 1/l/i/I/|, 0/o, 5/s, rn/m, cl/d, c/e, n/u. Costs are in "edit units"; the weight of
one unit against the language model is ``LAMBDA``. None of this is derived from any particular document.
"""

from __future__ import annotations

from .textutil import fold

LAMBDA = 5.0
HINT = 2.0
MAX_COST = 2.6

# (observed in OCR, true accent-free letters, cost). A leading "^" anchors at the start of the token.
RULES: list[tuple[str, str, float]] = [
    # digits and symbols read for letters
    ("1", "i", 0.5),
    ("1", "l", 0.8),
    ("|", "i", 0.5),
    ("!", "i", 0.8),
    ("l", "i", 1.0),
    ("i", "l", 1.2),
    ("0", "o", 0.5),
    ("6", "o", 0.6),
    ("6", "b", 1.0),
    ("9", "g", 0.8),
    ("5", "s", 0.6),
    ("4", "a", 0.7),
    ("8", "a", 1.0),
    ("3", "a", 1.2),
    ("&", "e", 0.7),
    ("@", "a", 0.7),
    ("¢", "o", 0.4),
    ("¢", "e", 0.8),
    ("¢", "", 0.8),
    # a marked vowel read as a letter-like glyph
    ("d", "o", 1.0),
    ("b", "o", 1.0),
    ("q", "o", 0.7),
    ("g", "o", 1.1),
    ("c", "a", 1.3),
    ("e", "o", 1.4),
    ("a", "e", 1.4),
    ("o", "e", 1.4),
    ("a", "o", 1.4),
    ("o", "a", 1.4),
    ("u", "o", 1.5),
    ("o", "u", 1.5),
    # đ
    ("^p", "d", 0.6),
    ("^b", "d", 1.2),
    ("^cl", "d", 1.0),
    # ư and ươ
    ("tr", "u", 0.8),
    ("ir", "u", 0.7),
    ("it", "u", 0.8),
    ("im", "u", 0.9),
    ("ii", "u", 0.8),
    ("ti", "u", 0.9),
    ("ur", "u", 0.9),
    ("t", "u", 1.2),
    ("i", "u", 1.2),
    ("m", "u", 1.3),
    ("y", "u", 1.1),
    ("uy", "u", 1.0),
    ("ud", "uo", 0.7),
    ("ug", "uo", 0.8),
    ("uc", "uo", 1.1),
    ("ue", "uo", 1.1),
    # generic Latin OCR confusions
    ("rn", "m", 0.9),
    ("m", "rn", 1.4),
    ("n", "u", 1.2),
    ("u", "n", 1.2),
    ("h", "b", 1.4),
    ("b", "h", 1.4),
    ("c", "e", 1.2),
    ("e", "c", 1.2),
    ("f", "t", 1.0),
    ("t", "f", 1.2),
    ("li", "h", 1.2),
    ("h", "li", 1.4),
    ("ri", "n", 1.2),
    ("r", "t", 1.3),
    ("t", "r", 1.3),
    ("y", "v", 1.2),
    ("v", "y", 1.2),
    ("j", "i", 1.0),
    ("w", "u", 1.2),
    ("z", "s", 1.3),
    ("k", "h", 1.4),
    ("x", "k", 1.5),
    # stray marks / doubled letters
    ("ee", "e", 0.4),
    ("oo", "o", 0.6),
    ("aa", "a", 0.6),
    ("ii", "i", 0.7),
    ("'", "", 0.3),
    ("d", "", 1.1),
    ("e", "", 1.2),
    ("r", "", 1.2),
    ("t", "", 1.3),
    ("c", "", 1.4),
]
# vowels a marked (OCR kept some diacritic) vowel may really be: its base letter is unreliable
MARKED_SUBST = {"a": "eo", "e": "aou", "o": "aeu", "u": "oi", "i": "u", "y": "u"}
MARKED_COST = 0.7

_cache: dict[str, list[tuple[str, float]]] = {}


def _fold_chars(raw: str) -> tuple[str, set[int]]:
    """Accent-free lower form of raw (one char per char) and the positions that carried a mark."""
    out = []
    marked = set()
    for i, ch in enumerate(raw.lower()):
        f = fold(ch)
        if len(f) != 1:
            f = f[:1] or ch
        if f != ch and ch.isalpha():
            marked.add(i)
        out.append(f)
    return "".join(out), marked


def _expand(s: str, base_cost: float, out: dict[str, float], frontier: list):
    for src, dst, cost in RULES:
        c = base_cost + cost
        if c > MAX_COST:
            continue
        if src[0] == "^":
            if s.startswith(src[1:]):
                t = dst + s[len(src) - 1 :]
                if c < out.get(t, 9e9):
                    out[t] = c
                    frontier.append((t, c))
            continue
        start = s.find(src)
        while start >= 0:
            t = s[:start] + dst + s[start + len(src) :]
            if t and c < out.get(t, 9e9):
                out[t] = c
                frontier.append((t, c))
            start = s.find(src, start + 1)


def variants(raw: str) -> dict[str, float]:
    """Accent-free strings reachable from raw, with their cheapest cost (not filtered by validity)."""
    base, marked = _fold_chars(raw)
    out = {base: 0.0}
    frontier: list = []
    for i in marked:
        for v in MARKED_SUBST.get(base[i], ""):
            t = base[:i] + v + base[i + 1 :]
            if MARKED_COST < out.get(t, 9e9):
                out[t] = MARKED_COST
                frontier.append((t, MARKED_COST))
    _expand(base, 0.0, out, frontier)
    level2: list = []
    for s, c in list(frontier):
        _expand(s, c, out, level2)
    return out


def candidates_for(raw: str, model) -> list[tuple[str, float]]:
    """[(accented lower-case syllable, channel log-score)] for an OCR token."""
    key = raw.lower()
    hit = _cache.get(key)
    if hit is not None:
        return hit
    base, marked = _fold_chars(raw)
    byfold = model.byfold
    var = variants(raw)
    valid = {s: c for s, c in var.items() if s in byfold}
    if base in byfold and base.isascii() and base.isalpha() and not marked:
        # a clean token: only cheap corrections compete with it
        valid = {s: c for s, c in valid.items() if c <= 1.5}
    res = []
    for s, c in valid.items():
        for w in byfold[s]:
            score = -LAMBDA * c
            if marked:
                score += HINT if fold(w) != w else -HINT
            res.append((w, score))
    if len(_cache) > 200_000:
        _cache.clear()
    _cache[key] = res
    return res
