"""Vietnamese diacritics restorer for OCR'd plan documents.

``restore(text)`` takes OCR output (or plain unaccented text) in Vietnamese and returns it with its
diacritics restored (NFC), correcting common OCR confusions on the way ("ctia" -> "của", "ngudi" -> "người",
"s6" -> "số"). Line structure, punctuation, numbers and tokens that are not Vietnamese syllables
(document numbers such as "2679/KH-SGTVT", abbreviations such as "UBND") are kept as they are.

How: a syllable-level noisy-channel model. Each word token gets a set of candidate syllables: the valid
Vietnamese syllables whose accent-free form is reachable from the token through a small weighted set of
generic OCR confusions (``channel.py``); a syllable trigram language model (interpolated Kneser-Ney, data
built by ``build.py``) scores sequences, and a beam search picks the best one per segment. The case pattern
of every input token is kept (ALL CAPS stays caps).

The model is loaded lazily once per process (``get_model()``).
"""

from __future__ import annotations

import re
import unicodedata

from .channel import candidates_for
from .model import get_model
from .textutil import fold, nfc

__all__ = ["restore", "get_model"]

TOPK = 10
BEAM = 12

# characters that OCR produces inside Vietnamese words (digits and symbols for marked letters)
_WORDCH = r"[^\W_]|[¢&@|!]"
_TOKEN = re.compile(r"\S+")
_LEAD = re.compile(r"^[\"'“”‘’«»(\[{<*•·\-–—…]+")
_TRAIL = re.compile(r"[\"'“”‘’«»)\]}>.,;:!?…*\-–—]+$")
_NUM = re.compile(r"^[\d.,]+$")
_ROMAN = re.compile(r"^[IVXLl1]{1,5}$")
_WORDLIKE = re.compile(r"^(?:[^\W_]|[¢&@|])+$")
_VOWELISH = re.compile(r"[aeiouyq0146¢@&|]")
_BOUNDARY_PUNCT = set('.,;:!?()[]{}"“”‘’«»…')


def _case_like(src: str, word: str) -> str:
    cased = [c for c in src if c.isalpha() and c.lower() != c.upper()]
    upper = sum(c.isupper() for c in cased)
    if len(cased) >= 2 and upper > len(cased) - upper:  # ALL CAPS, even when OCR lowered a letter
        return word.upper()
    if cased and src[0].isupper():
        return word[:1].upper() + word[1:]
    if cased and cased[0].isupper() and not src[0].isalpha():
        return word[:1].upper() + word[1:]
    return word


class _Item:
    """One piece of a line: either kept text or a word to restore."""

    __slots__ = ("text", "cands", "lm", "boundary_before")

    def __init__(self, text, cands=None, lm=None, boundary_before=False):
        self.text = text
        self.cands = cands  # list of (syllable, channel score) or None (kept as is)
        self.lm = lm  # LM token for kept items that take part in the context (<num>)
        self.boundary_before = boundary_before


def _analyse(text: str, model):
    """Split text into items; restorable words carry candidates."""
    items: list[_Item] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            items.append(_Item(text[pos : m.start()]))
        pos = m.end()
        tok = m.group()
        lead = _LEAD.match(tok)
        lead_s = lead.group() if lead else ""
        rest = tok[len(lead_s) :]
        trail = _TRAIL.search(rest)
        trail_s = trail.group() if trail else ""
        core = rest[: len(rest) - len(trail_s)] if trail_s else rest
        # a trailing "1" glued to a word is OCR for "i" (vo1), keep it in the core; "." after digits stays
        if lead_s:
            items.append(
                _Item(lead_s, boundary_before=any(c in _BOUNDARY_PUNCT for c in lead_s) or "-" in lead_s)
            )
        if core:
            items.append(_word_item(core, model))
        if trail_s:
            it = _Item(trail_s)
            it.boundary_before = False
            items.append(it)
            if any(c in _BOUNDARY_PUNCT for c in trail_s):
                items.append(_Item("", boundary_before=True))
    if pos < len(text):
        items.append(_Item(text[pos:]))
    return items


def _word_item(core: str, model) -> _Item:
    if _NUM.match(core):
        return _Item(core, lm="<num>")
    if not _WORDLIKE.match(core) or not any(c.isalpha() for c in core):
        return _Item(core, boundary_before=True)  # document numbers, codes: kept, break the context
    if _ROMAN.match(core) and core.upper() == core:
        return _Item(core, boundary_before=True)  # roman numerals of headings (I1. = II.)
    if core.isupper() and not _VOWELISH.search(fold(core)):
        return _Item(core, boundary_before=True)  # abbreviations: VT, TĐKT, SGTVT
    cands = candidates_for(core, model)
    if not cands:
        return _Item(core, boundary_before=True)
    return _Item(core, cands=cands)


def _decode(seq, model):
    """Beam search over a segment. seq: list of (item, cand list) where cand list is [(word, chscore)]."""
    beams = [(0.0, "<s>", "<s>", [])]
    for cands in seq:
        new: dict = {}
        for score, u, v, path in beams:
            for w, ch in cands:
                s = score + model.logp3(u, v, w) + ch
                key = (v, w)
                old = new.get(key)
                if old is None or s > old[0]:
                    new[key] = (s, v, w, path + [w])
        beams = sorted(new.values(), key=lambda b: -b[0])[:BEAM]
    best = max(beams, key=lambda b: b[0] + model.logp3(b[1], b[2], "<s>"))
    return best[3]


def _restore_line_items(items, model):
    seq: list = []
    owners: list = []

    def flush():
        if not seq:
            return
        path = _decode(seq, model)
        for it, w in zip(owners, path, strict=True):
            if it is not None:
                it.text = _case_like(it.text, w)
        seq.clear()
        owners.clear()

    for it in items:
        if it.boundary_before:
            flush()
        if it.cands is not None:
            scored = []
            for w, cost in it.cands:
                scored.append((w, cost))
            seq.append(scored)
            owners.append(it)
        elif it.lm is not None:
            seq.append([(it.lm, 0.0)])
            owners.append(None)
    flush()


def restore(text: str) -> str:
    """Restore Vietnamese diacritics in OCR'd / unaccented text (returns NFC)."""
    model = get_model()
    text = nfc(text)
    items = _analyse(text, model)
    # prune candidate lists (channel + unigram) before the beam search
    for it in items:
        if it.cands:
            ranked = sorted(it.cands, key=lambda wc: -(wc[1] + model.logp1(wc[0])))
            it.cands = ranked[:TOPK]
    _restore_line_items(items, model)
    out = "".join(it.text for it in items)
    return unicodedata.normalize("NFC", out)


def _debug_channel(word: str):  # pragma: no cover - developer helper
    m = get_model()
    return sorted(
        ((w, round(c, 2), round(m.logp1(w), 2)) for w, c in candidates_for(word, m)), key=lambda x: -x[1]
    )
