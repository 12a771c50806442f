"""Writing spreadsheets safely: every XLSX the application writes goes through `row()` (or `cell()`), so that
a text typed or imported by a user that begins with =, +, -, @, a tab or a carriage return is written as text,
never as a formula ("=HYPERLINK(...)" in a contributor's name must not become a live link in the Office's
copy of the ledger). The cell keeps the text as it was (no added apostrophe) and carries Excel's
"quote prefix" mark, so that editing it in Excel keeps it text too."""

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

#: what XML 1.0 cannot hold at all (openpyxl refuses the workbook): control characters, U+FFFE, U+FFFF
_NOT_XML = re.compile(ILLEGAL_CHARACTERS_RE.pattern + "|[\ufffe\uffff]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(c: Cell) -> Cell:
    """Mark a cell whose value is formula-like text as plain text (in place); returns the cell."""
    if is_formula_like(c.value) or (c.data_type == "f" and isinstance(c.value, str)):
        c.data_type = "s"
        c.quotePrefix = True
    return c


def clean(value):
    """Text without the characters XML cannot hold (an old row may carry one): dropped, never a failed export."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    return value


def cell(sheet, value, *, number_format: str | None = None, font=None) -> Cell:
    """A cell for `sheet` (write-only or not) holding `value`, formula-like text kept as text."""
    c = Cell(sheet, row=1, column=1, value=clean(value))  # placed by sheet.append
    if number_format:
        c.number_format = number_format
    if font is not None:
        c.font = font
    return as_text(c)


def row(sheet, values: Iterable) -> list:
    """The values of one row for `sheet.append`: formula-like text becomes a text cell, cells are checked,
    everything else is kept as it is."""
    out = []
    for value in values:
        value = clean(value)
        if isinstance(value, Cell):
            out.append(as_text(value))
        elif is_formula_like(value):
            out.append(cell(sheet, value))
        else:
            out.append(value)
    return out
