"""Many pages that share most of their drawing, bound into one PDF: the shared part (a page laid out once, by
WeasyPrint) becomes one Form XObject that every page references, and each page only adds its own text and
images. The text is drawn with TrueType fonts read once (fontTools), embedded once as subsets of the glyphs the
pages used (glyph ids kept, so that the pages' strings stay valid), with a ToUnicode map so that the text can be
searched and copied. This module needs no Django.

    binder = Binder(width, height)
    shared = binder.form(weasyprint_pdf_bytes)            # a page of another PDF, as a Form XObject
    face = binder.font(truetype_bytes)                      # the font file, e.g. the one WeasyPrint used
    page = binder.page()
    page.form(shared)
    page.text(face, 15, x, y, "Đã có thành tích…", color=(0, 0, 0))
    page.gray_image(matrix, x, y, size)                    # a QR code: one sample per module, never smoothed
    binder.add(page)
    pdf = binder.pdf({"/Title": "…"})

Coordinates are PDF points from the bottom-left corner of the page."""

from __future__ import annotations

import hashlib
import io
import zlib
from functools import lru_cache

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)


class _Stream(StreamObject):
    """A stream written as given (already Flate-compressed when `compressed`)."""

    def __init__(self, data: bytes, entries: dict | None = None, compressed: bool = True) -> None:
        super().__init__()
        self._data = data
        for key, value in (entries or {}).items():
            self[NameObject(key)] = value
        if compressed:
            self[NameObject("/Filter")] = NameObject("/FlateDecode")

    def set_data(self, data: bytes) -> None:  # pypdf's own setter would re-encode
        self._data = data


@lru_cache(maxsize=16)
def _metrics(data: bytes):
    """(fontTools font, glyph id of each code point, advances in 1/1000 em, ascent, descent) of a TrueType file:
    read once per process."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    advances = {gid: hmtx[name][0] * 1000 / upem for name, gid in
                ((name, font.getGlyphID(name)) for name in font.getGlyphOrder())}
    gid_of = {code: font.getGlyphID(name) for code, name in cmap.items()}
    hhea = font["hhea"]
    return font, gid_of, advances, hhea.ascent / upem, -hhea.descent / upem


class Face:
    """A TrueType font of the binder: widths for line breaking, glyph ids for drawing."""

    def __init__(self, binder: Binder, data: bytes, name: str) -> None:
        self.data, self.name = data, name
        _font, self.gid_of, self.advances, self.ascent, self.descent = _metrics(data)
        self.used: dict[int, str] = {}
        self.ref = binder._writer._add_object(DictionaryObject())

    def width(self, text: str, size: float, letter_spacing: float = 0.0) -> float:
        """Advance width of `text` in points at `size`."""
        gid_of, advances = self.gid_of, self.advances
        return (sum(advances.get(gid_of.get(ord(ch), 0), 0) for ch in text) * size / 1000
                + letter_spacing * len(text))

    def encode(self, text: str) -> bytes:
        gids = []
        used = self.used
        for ch in text:
            gid = self.gid_of.get(ord(ch), 0)
            if gid not in used:
                used[gid] = ch
            gids.append(gid)
        return b"".join(b"%04x" % gid for gid in gids)

    def finish(self, writer: PdfWriter) -> None:
        """Write the font's objects: the subset of the used glyphs, their widths, their Unicode."""
        import logging

        from fontTools import subset

        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # tables it drops (FFTM), said on each call
        options = subset.Options()
        options.retain_gids = True
        options.notdef_outline = True
        options.layout_features = []
        options.name_IDs = ["*"]
        # the pages' strings are glyph ids already placed: the layout tables (the slow part to subset) are not used
        options.drop_tables = [*options.drop_tables, "GSUB", "GPOS", "GDEF", "kern", "FFTM"]
        font = subset.load_font(io.BytesIO(self.data), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted({0, *self.used}))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        file_ref = writer._add_object(_Stream(zlib.compress(buffer.getvalue(), 6),
                                              {"/Length1": NumberObject(len(buffer.getvalue()))}))
        # the subset's tag (six capitals, from the glyphs kept) and the font's own PostScript name, as PDF asks
        digest = hashlib.sha256(repr(sorted(self.used)).encode() + self.data[:64]).digest()
        tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
        postscript = f"{tag}+{(font['name'].getDebugName(6) or self.name).replace(' ', '-')}"
        widths = ArrayObject()
        for gid in sorted(self.used):
            widths.extend([NumberObject(gid), ArrayObject([FloatObject(round(self.advances.get(gid, 0), 2))])])
        scale = 1000
        descriptor = DictionaryObject({
            NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject("/" + postscript),
            NameObject("/Flags"): NumberObject(32 | (64 if "Italic" in self.name else 0)),
            NameObject("/FontBBox"): ArrayObject([NumberObject(-600), NumberObject(-300), NumberObject(2000),
                                                  NumberObject(1000)]),
            NameObject("/ItalicAngle"): NumberObject(-15 if "Italic" in self.name else 0),
            NameObject("/Ascent"): NumberObject(round(self.ascent * scale)),
            NameObject("/Descent"): NumberObject(-round(self.descent * scale)),
            NameObject("/CapHeight"): NumberObject(round(self.ascent * scale * 0.75)),
            NameObject("/StemV"): NumberObject(80), NameObject("/FontFile2"): file_ref,
        })
        cid_font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/" + postscript),
            NameObject("/CIDSystemInfo"): DictionaryObject({
                NameObject("/Registry"): TextStringObject("Adobe"), NameObject("/Ordering"): TextStringObject("Identity"),
                NameObject("/Supplement"): NumberObject(0)}),
            NameObject("/FontDescriptor"): writer._add_object(descriptor), NameObject("/W"): widths,
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        })
        lines = [f"<{gid:04x}> <{ch.encode('utf-16-be').hex()}>" for gid, ch in sorted(self.used.items())]
        chunks = [f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar"
                  for part in (lines[i:i + 100] for i in range(0, len(lines), 100))]
        cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
                "/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n" + "\n".join(chunks)
                + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        unicode_ref = writer._add_object(_Stream(zlib.compress(cmap.encode()), {}))
        font_dict = self.ref.get_object()
        font_dict.update({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/" + postscript), NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
            NameObject("/ToUnicode"): unicode_ref,
        })


class Page:
    """One page's own drawing over the shared forms."""

    def __init__(self, binder: Binder) -> None:
        self._binder = binder
        self._ops: list[bytes] = []
        self._xobjects: dict[str, IndirectObject] = {}

    def form(self, ref: IndirectObject) -> None:
        name = self._binder._names[ref.idnum]
        self._xobjects[name] = ref
        self._ops.append(b"q /%s Do Q" % name.encode())

    def text(self, face: Face, size: float, x: float, y: float, text: str, color=(0, 0, 0),
             letter_spacing: float = 0.0) -> None:
        """`text` with its baseline's left end at (x, y)."""
        if not text:
            return
        spacing = b" %.3f Tc" % letter_spacing if letter_spacing else b""
        self._ops.append(b"BT /%s %.3f Tf%s %.4f %.4f %.4f rg %.3f %.3f Td <%s> Tj ET" % (
            face.name.encode(), size, spacing, *color, x, y, face.encode(text)))

    def gray_image(self, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
        """A square boolean matrix (True: black) as a 1-bit image of `size` points, its bottom-left at (x, y),
        drawn without interpolation (each module a sharp square)."""
        binder = self._binder
        count = len(matrix)
        rows = []
        for row in matrix:
            bits = "".join("0" if dark else "1" for dark in row)
            bits += "1" * (-len(bits) % 8)
            rows.append(int(bits, 2).to_bytes(len(bits) // 8, "big"))
        image = _Stream(zlib.compress(b"".join(rows), 9), {
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"), "/Width": NumberObject(count),
            "/Height": NumberObject(count), "/ColorSpace": NameObject("/DeviceGray"),
            "/BitsPerComponent": NumberObject(1), "/Interpolate": binder._false})
        name = f"I{len(self._xobjects)}"
        self._xobjects[name] = binder._writer._add_object(image)
        self._ops.append(b"q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q" % (size, size, x, y, name.encode()))


class Binder:
    """One PDF of pages of the same size, built page by page (see the module's docstring)."""

    def __init__(self, width: float, height: float) -> None:
        from pypdf.generic import BooleanObject

        self.width, self.height = width, height
        self._writer = PdfWriter()
        self._faces: dict[bytes, Face] = {}
        self._fonts = DictionaryObject()
        self._fonts_ref = self._writer._add_object(self._fonts)
        self._names: dict[int, str] = {}
        self._false = BooleanObject(False)

    def form(self, pdf: bytes, page: int = 0) -> IndirectObject:
        """Page `page` of another PDF as a Form XObject of this one, its objects copied once."""
        source = PdfReader(io.BytesIO(pdf)).pages[page]
        cloned = source.clone(self._writer)
        box = source.mediabox
        data = source.get_contents().get_data() if source.get_contents() is not None else b""
        form = _Stream(zlib.compress(data, 6), {
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
            "/BBox": ArrayObject([FloatObject(float(v)) for v in (box.left, box.bottom, box.right, box.top)]),
            "/Resources": cloned.get("/Resources", DictionaryObject()),
        })
        if "/Group" in cloned:
            form[NameObject("/Group")] = cloned["/Group"]
        ref = self._writer._add_object(form)
        self._names[ref.idnum] = f"S{len(self._names)}"
        return ref

    def font(self, data: bytes) -> Face:
        """The face of a TrueType file's bytes (one per distinct file)."""
        key = hashlib.sha256(data).digest()
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = Face(self, data, f"F{len(self._faces)}")
            self._fonts[NameObject("/" + face.name)] = face.ref
        return face

    def page(self) -> Page:
        return Page(self)

    def add(self, page: Page) -> None:
        writer = self._writer
        content = _Stream(zlib.compress(b"\n".join(page._ops), 6), {})
        pdf_page = PageObject.create_blank_page(None, self.width, self.height)
        pdf_page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): self._fonts_ref,
            NameObject("/XObject"): DictionaryObject({NameObject("/" + name): ref
                                                      for name, ref in page._xobjects.items()}),
        })
        pdf_page[NameObject("/Contents")] = writer._add_object(content)
        writer.add_page(pdf_page)

    def pdf(self, metadata: dict[str, str] | None = None) -> bytes:
        for face in self._faces.values():
            face.finish(self._writer)
        if metadata:
            self._writer.add_metadata(metadata)
        buffer = io.BytesIO()
        self._writer.write(buffer)
        return buffer.getvalue()
