"""The syllable language model (interpolated Kneser-Ney trigram) and the syllable inventory."""

from __future__ import annotations

import gzip
import json
import math
import threading
from array import array
from collections import defaultdict
from pathlib import Path

from .textutil import fold

DATA = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA / "model.bin.gz"
D = 0.75  # absolute discount

_lock = threading.Lock()
_model = None


class Model:
    def __init__(self, path: Path = MODEL_PATH):
        raw = gzip.open(path, "rb").read()
        hl = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8 : 8 + hl].decode("utf-8"))
        off = 8 + hl
        arrs = {}
        for name, code in (("uni", "I"), ("bk", "Q"), ("bv", "I"), ("tk", "Q"), ("tv", "I")):
            a = array(code)
            n = header["arrays"][name]
            nbytes = n * a.itemsize
            a.frombytes(raw[off : off + nbytes])
            off += nbytes
            arrs[name] = a
        self.vocab: list[str] = header["vocab"]
        self.idx = {w: i for i, w in enumerate(self.vocab)}
        V = self.V = len(self.vocab)
        self.uni = arrs["uni"]
        self.big = dict(zip(arrs["bk"], arrs["bv"], strict=True))
        self.tri = dict(zip(arrs["tk"], arrs["tv"], strict=True))
        # context totals and type counts
        ctx_n = defaultdict(int)
        ctx_t = defaultdict(int)
        cont = defaultdict(int)
        for k, c in self.big.items():
            a, b = divmod(k, V)
            ctx_n[a] += c
            ctx_t[a] += 1
            cont[b] += 1
        self.ctx_n, self.ctx_t = dict(ctx_n), dict(ctx_t)
        n_types = len(self.big)
        self.pcont = [(cont.get(i, 0) + 0.5) / (n_types + 0.5 * V) for i in range(V)]
        t_n = defaultdict(int)
        t_t = defaultdict(int)
        for k, c in self.tri.items():
            ab = k // V
            t_n[ab] += c
            t_t[ab] += 1
        self.tctx_n, self.tctx_t = dict(t_n), dict(t_t)
        total = sum(self.uni)
        self.total = total
        # folded form -> accented syllables (most frequent first)
        byfold = defaultdict(list)
        for w in self.vocab:
            if w.startswith("<"):
                continue
            byfold[fold(w)].append(w)
        self.byfold = {f: sorted(ws, key=lambda w: -self.uni[self.idx[w]]) for f, ws in byfold.items()}
        self._cache3: dict = {}
        self._unk = self.idx["<unk>"]

    # ------------------------------------------------------------------ probabilities (natural log)
    def _p2(self, a: int, b: int) -> float:
        n = self.ctx_n.get(a)
        if not n:
            return self.pcont[b]
        c = self.big.get(a * self.V + b, 0)
        return max(c - D, 0.0) / n + D * self.ctx_t[a] / n * self.pcont[b]

    def logp1(self, w: str) -> float:
        return math.log(self.pcont[self.idx.get(w, self._unk)])

    def logp3(self, u: str, v: str, w: str) -> float:
        key = (u, v, w)
        r = self._cache3.get(key)
        if r is not None:
            return r
        idx = self.idx
        a, b, c = idx.get(u, self._unk), idx.get(v, self._unk), idx.get(w, self._unk)
        p2 = self._p2(b, c)
        ab = a * self.V + b
        n = self.tctx_n.get(ab)
        if n:
            cnt = self.tri.get(ab * self.V + c, 0)
            p = max(cnt - D, 0.0) / n + D * self.tctx_t[ab] / n * p2
        else:
            p = p2
        r = math.log(p)
        if len(self._cache3) > 500_000:
            self._cache3.clear()
        self._cache3[key] = r
        return r


def get_model() -> Model:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model()
    return _model
