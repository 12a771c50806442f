"""Build the data of the diacritics restorer (``data/model.bin.gz``).

Reproducible recipe, run from the project root on a Debian machine (root, apt reachable)::

    python -m thidua.movements.accents.build            # downloads the sources with apt-get, builds
    python -m thidua.movements.accents.build --src DIR  # reuse an already extracted source tree

What it reads (all legitimately redistributable, see ``data/SOURCES.md``):

* the Vietnamese syllable inventory of Debian's ``hunspell-vi`` (``/usr/share/hunspell/vi_VN.dic``);
* accented Vietnamese running text shipped in Debian packages: the Vietnamese gettext catalogues (``*.mo``)
  of the packages listed in ``MO_PACKAGES``, LibreOffice's Vietnamese UI catalogues and help pages
  (``libreoffice-l10n-vi``, ``libreoffice-help-vi``), ``manpages-vi`` and ``maint-guide-vi``;
* Vietnamese place names from the ``vietnam-provinces`` PyPI package (already a project dependency);
* ``data/genre_corpus.txt``: administrative prose in the genre of emulation/commendation plans, written for
  this project (weighted up, it is the in-domain part).

What it never reads: ``shared/plans/*`` (plan 2679 is evaluation only) and ``eval/`` (held-out plans).

What it writes: ``data/model.bin.gz`` -- the syllable vocabulary with unigram, bigram and (count >= 2)
trigram counts over lower-cased accented syllables, numbers mapped to ``<num>``, sentence/segment boundaries
to ``<s>``.
"""

from __future__ import annotations

import argparse
import gettext
import glob
import gzip
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from array import array
from collections import Counter
from pathlib import Path

from .textutil import canonical, fold, nfc

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
MODEL = DATA / "model.bin.gz"

TEXT_PACKAGES = [
    "hunspell-vi",
    "libreoffice-help-vi",
    "libreoffice-l10n-vi",
    "manpages-vi",
    "maint-guide-vi",
    "firefox-esr-l10n-vi",
    "thunderbird-l10n-vi",
]
# Debian packages with Vietnamese gettext catalogues (usr/share/locale/vi/LC_MESSAGES/*.mo).
MO_PACKAGES = (
    "adduser apt at-spi2-common bash binutils-common coreutils diffutils dpkg findutils gettext gettext-base "
    "git grep gsettings-desktop-schemas iso-codes libapt-pkg6.0 libc-l10n libgdk-pixbuf2.0-common "
    "libglib2.0-data libgnutls30 libgstreamer1.0-0 libgtk-3-common libgtk2.0-common libidn2-0 libpam-runtime "
    "libpopt0 libsecret-common login make man-db notification-daemon packagekit procps psmisc "
    "python-apt-common sed shared-mime-info software-properties-common system-config-printer-common tar wget "
    "xdg-user-dirs xkb-data xz-utils"
).split()

GENRE_WEIGHT = 3  # in-domain prose counts this many times (chosen on the held-out plans)
SPECIALS = ["<s>", "<num>", "<unk>"]

SEG_SPLIT = re.compile(r"[.;:!?()\[\]{}\"“”‘’«»…|/\\<>=*#_\n\t•·]+|\s[-–—]\s|,")
TOKEN = re.compile(r"\S+")
NUMBER = re.compile(r"^[\d.,]+$")


def fetch_sources(dest: Path) -> Path:
    """apt-get download the source packages and unpack them under dest/root."""
    debs = dest / "debs"
    root = dest / "root"
    debs.mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    pkgs = TEXT_PACKAGES + MO_PACKAGES
    for pkg in pkgs:
        if not glob.glob(str(debs / f"{pkg}_*.deb")):
            r = subprocess.run(["apt-get", "download", pkg], cwd=debs, capture_output=True, text=True)
            if r.returncode:
                print(f"warning: could not download {pkg}: {r.stderr.strip()[:200]}", file=sys.stderr)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


# ---------------------------------------------------------------------------------------------- readers
class _HTMLText(html.parser.HTMLParser):
    SKIP = {"script", "style", "head", "title", "code", "pre"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in {"p", "br", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "tr"}:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "div"}:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    p = _HTMLText()
    p.feed(raw)
    return "".join(p.parts)


def mo_text(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            cat = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the catalogue is what we want
    except Exception:  # malformed catalogue: skip it
        return ""
    out = []
    for v in cat.values():
        if isinstance(v, str):
            out.append(re.sub(r"%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|&|_(?=\w)|~", " ", v))
    return "\n".join(out)


def man_text(raw: str) -> str:
    lines = []
    for line in raw.splitlines():
        if line.startswith((".", "'")):
            line = re.sub(r"^\.(B|I|BI|IB|BR|RB|IR|RI|SH|SS|TP|IP)\s*", "", line)
            if line.startswith((".", "'")):
                continue
        lines.append(re.sub(r"\\f[BIRP]|\\\(..|\\[-&e]|\\", " ", line))
    return "\n".join(lines)


def xpi_text(path: Path) -> str:
    """Strings of a Mozilla language pack (.ftl / .properties / .dtd inside the .xpi)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".ftl", ".properties", ".dtd")):
                continue
            raw = z.read(name).decode("utf-8", "replace")
            if name.endswith(".dtd"):
                out.extend(re.findall(r'"([^"]*)"', raw))
            else:
                out.extend(m.group(1) for m in re.finditer(r"^[^#\n=]*=\s*(.+)$", raw, re.M))
                out.extend(m.group(1) for m in re.finditer(r"^\s+(?:\.\w+\s*=\s*)?([^=\n{}]+)$", raw, re.M))
    return "\n".join(re.sub(r"\{[^}]*\}|<[^>]*>|&\w+;", " ", x) for x in out)


def iter_texts(root: Path):
    """Yield (weight, text) for every training text."""
    for xpi in sorted(root.rglob("langpack-vi@*.xpi")):
        yield 1, xpi_text(xpi)
    for mo in sorted(root.rglob("*.mo")):
        if "/vi" in str(mo) or "/vi_" in str(mo):
            yield 1, mo_text(mo)
    for h in sorted((root / "usr/share/libreoffice/help/vi").rglob("*.html")):
        yield 1, html_text(h.read_text("utf-8", "replace"))
    for h in sorted((root / "usr/share/doc/maint-guide-vi").rglob("*.txt.gz")):
        yield 1, gzip.open(h, "rt", encoding="utf-8", errors="replace").read()
    for m in sorted((root / "usr/share/man/vi").rglob("*.gz")):
        try:
            yield 1, man_text(gzip.open(m, "rt", encoding="utf-8", errors="replace").read())
        except (OSError, EOFError):
            pass
    try:
        from vietnam_provinces import Province  # type: ignore

        names = []
        for p in Province.iter_all():
            names.append(p.name)
            for w in getattr(p, "wards", []) or []:
                names.append(w.name)
        yield 1, "\n".join(names)
    except Exception as e:  # the package is optional for the build
        print(f"note: vietnam-provinces not used ({e})", file=sys.stderr)
    genre = DATA / "genre_corpus.txt"
    if genre.exists():
        yield GENRE_WEIGHT, genre.read_text("utf-8")


def load_inventory(root: Path) -> set[str]:
    dic = root / "usr/share/hunspell/vi_VN.dic"
    inv = set()
    for line in dic.read_text("utf-8").splitlines()[1:]:
        w = nfc(line.split("/")[0].strip().lower())
        if re.fullmatch(r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+", w):
            if re.search(r"[aeiouy]", fold(w)):
                inv.add(canonical(w))
    return inv


def segments(text: str, inventory: set[str]):
    """Split running text into runs of valid syllables (lower-case), numbers as <num>."""
    for seg in SEG_SPLIT.split(nfc(text)):
        run: list[str] = []
        for tok in TOKEN.findall(seg):
            tok = tok.strip("'`’‘-–—")
            low = canonical(tok.lower())
            if low in inventory:
                run.append(low)
            elif NUMBER.match(tok) and any(c.isdigit() for c in tok):
                run.append("<num>")
            else:
                if len(run) >= 2:
                    yield run
                run = []
        if len(run) >= 2:
            yield run


def build(root: Path, out: Path = MODEL, min_tri: int = 2) -> dict:
    inventory = load_inventory(root)
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    n_tok = 0
    seen = set()
    for weight, text in iter_texts(root):
        for run in segments(text, inventory):
            key = " ".join(run)
            if weight == 1:  # translations repeat a lot: count each distinct segment once
                if key in seen:
                    continue
                seen.add(key)
            # require some Vietnamese-looking content: at least one marked syllable
            if not any(fold(w) != w for w in run if w != "<num>"):
                continue
            seq = ["<s>"] + run + ["<s>"]
            n_tok += len(run) * weight
            for i, w in enumerate(seq):
                if i:
                    uni[w] += weight
                    bi[(seq[i - 1], w)] += weight
                if i >= 2:
                    tri[(seq[i - 2], seq[i - 1], w)] += weight
    vocab = SPECIALS + sorted(w for w in uni if w not in SPECIALS)
    # every inventory syllable gets a place (count 0 -> smoothed) so that rare ones can still be restored
    vocab += sorted(inventory - set(vocab))
    idx = {w: i for i, w in enumerate(vocab)}
    V = len(vocab)
    u = array("I", (uni.get(w, 0) for w in vocab))
    bk = array("Q")
    bv = array("I")
    for (a, b), c in sorted(bi.items(), key=lambda kv: (idx[kv[0][0]], idx[kv[0][1]])):
        bk.append(idx[a] * V + idx[b])
        bv.append(c)
    tk = array("Q")
    tv = array("I")
    for (a, b, c_), c in tri.items():
        if c >= min_tri:
            tk.append((idx[a] * V + idx[b]) * V + idx[c_])
            tv.append(c)
    header = {
        "format": 1,
        "vocab": vocab,
        "tokens": n_tok,
        "arrays": {"uni": len(u), "bk": len(bk), "bv": len(bv), "tk": len(tk), "tv": len(tv)},
    }
    buf = io.BytesIO()
    hb = json.dumps(header, ensure_ascii=False).encode("utf-8")
    buf.write(len(hb).to_bytes(8, "little"))
    buf.write(hb)
    for a in (u, bk, bv, tk, tv):
        buf.write(a.tobytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wb", compresslevel=9) as fh:
        fh.write(buf.getvalue())
    stats = {
        "vocab": V,
        "tokens": n_tok,
        "bigrams": len(bk),
        "trigrams": len(tk),
        "bytes": os.path.getsize(out),
    }
    return stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, help="extracted source tree (default: download into --cache)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/thidua-accents-src"))
    args = ap.parse_args(argv)
    root = args.src or fetch_sources(args.cache)
    print(build(root))


if __name__ == "__main__":
    main()
