"""Evaluation of the restorer.

    python -m thidua.movements.accents.evaluate        # prints the scores

* held-out plans: ``eval/*.md`` (accented plans written for this purpose, never used to build the model);
  each is folded and passed through the OCR noise simulator (``noise.py``, fixed seeds), then restored;
* plan 2679: ``<shared>/plans/2679-KH-SGTVT.ocr.txt`` (the real scan) against ``2679-KH-SGTVT.md``.
  ``<shared>`` is ``$THIDUA_SHARED_DIR`` if set, else the ``shared/`` folder beside the project root.

The measure is the one of ``shared/tools/accent_score.py``: word accuracy on the truth's accented words,
tokens aligned on their accent-free forms.
"""

from __future__ import annotations

import difflib
import os
import re
import time
import unicodedata
from pathlib import Path

from .textutil import fold

HERE = Path(__file__).resolve().parent
EVAL_DIR = HERE / "eval"
PROJECT_ROOT = HERE.parents[2]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))


def score_counts(truth: str, restored: str) -> tuple[int, int]:
    t, r = _words(truth), _words(restored)
    sm = difflib.SequenceMatcher(a=[fold(w) for w in t], b=[fold(w) for w in r], autojunk=False)
    right = 0
    total = sum(fold(w) != w.lower() for w in t)
    for a, b, n in sm.get_matching_blocks():
        for i in range(n):
            tw, rw = t[a + i], r[b + i]
            if fold(tw) == tw.lower():
                continue
            right += tw.lower() == rw.lower()
    return right, total


def score(truth: str, restored: str) -> float:
    right, total = score_counts(truth, restored)
    return right / total if total else 1.0


PROJECT_PLANS = Path(__file__).resolve().parents[1] / "data"  # the project's own copy of the 2679 pair


def plans_dir() -> Path:
    """Where the 2679 pair is read from: $THIDUA_SHARED_DIR/plans if set, else the copy shipped in the project."""
    env = os.environ.get("THIDUA_SHARED_DIR")
    if env:
        return Path(env) / "plans"
    return PROJECT_PLANS


def shared_dir() -> Path:
    env = os.environ.get("THIDUA_SHARED_DIR")
    if env:
        return Path(env)
    for cand in (PROJECT_ROOT.parent / "shared", PROJECT_ROOT / "shared", Path.cwd().parent / "shared"):
        if (cand / "plans").is_dir():
            return cand
    return PROJECT_ROOT.parent / "shared"


def _strip_md(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return text


def score_2679() -> float:
    """Word accuracy of restore() on the 2679 scan against its accented transcription."""
    from . import restore

    plans = plans_dir()
    truth = (plans / "2679-KH-SGTVT.md").read_text("utf-8")
    scan = (plans / "2679-KH-SGTVT.ocr.txt").read_text("utf-8")
    return score(truth, restore(scan))


def heldout_docs() -> list[Path]:
    return sorted(EVAL_DIR.glob("*.md"))


def score_heldout(seeds=(1, 2)) -> dict[str, float]:
    """{name: score} on every held-out plan: plain folded text and simulated OCR (one entry per seed)."""
    from . import restore
    from .noise import ocr_noise

    out = {}
    for p in heldout_docs():
        truth = _strip_md(p.read_text("utf-8"))
        out[f"{p.stem} [folded]"] = score(truth, restore(fold_text(truth)))
        for seed in seeds:
            out[f"{p.stem} [ocr seed {seed}]"] = score(truth, restore(ocr_noise(truth, seed=seed)))
    return out


def fold_text(text: str) -> str:
    """Strip the diacritics of a whole text keeping case (what an accent-less OCR gives at best)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        f = fold(ch)
        out.append(f.upper() if ch.isupper() else f)
    return "".join(out)


def main():
    t0 = time.perf_counter()
    from .model import get_model

    get_model()
    t1 = time.perf_counter()
    print(f"model load: {t1 - t0:.2f}s")
    res = score_heldout()
    for k, v in res.items():
        print(f"{k:45s} {v:.3f}")
    print(f"{'held-out mean':45s} {sum(res.values()) / len(res):.3f}")
    t2 = time.perf_counter()
    try:
        s = score_2679()
        print(f"{'2679 scan vs truth':45s} {s:.3f}   ({time.perf_counter() - t2:.2f}s)")
    except FileNotFoundError as e:
        print(f"2679 not found: {e}")


if __name__ == "__main__":
    main()
