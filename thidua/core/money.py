"""Money in đồng: one parser for what people type, one display format, and the amount in Vietnamese words.

Amounts are whole đồng (int); there is no fractional đồng, so a decimal comma is refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: above this an amount is surely a typing mistake (one thousand billion đồng)
MAX_AMOUNT = 10**12

_CURRENCY = re.compile(r"(?:vnđ|vnd|đồng|dong|đ|d)\.?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$")
#: "1,000,000" as spreadsheets in English format write it: unambiguous, unlike "1,5"
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")
_PLAIN = re.compile(r"^\d+$")


def parse_money(text, *, field: str = "Số tiền", allow_zero: bool = False) -> int:
    """ "1.000.000", "1 000 000", "1.000.000 đ", "1000000" -> 1000000. Refuses fractions ("1,5"), signs ("-5"),
    zero (unless `allow_zero`, where empty also means 0), words and malformed groups ("1.00.000") with a
    Vietnamese message naming the field."""
    if isinstance(text, bool):
        raise ValidationError(_("%(field)s: không hợp lệ.") % {"field": field}, code="invalid")
    if isinstance(text, int):
        value = text
    else:
        raw = unicodedata.normalize("NFC", str(text or "")).strip().lower()
        # all kinds of spaces (no-break, narrow no-break, thin) are digit-group separators
        raw = re.sub(r"[\s\u00a0\u202f\u2009]+", " ", raw)
        raw = _CURRENCY.sub("", raw).strip()
        if not raw and allow_zero:
            return 0
        if _GROUPED_COMMA.match(raw):
            raw = raw.replace(",", "")
        if not raw:
            raise ValidationError(_("%(field)s: chưa nhập số tiền.") % {"field": field}, code="required")
        if raw.startswith(("-", "−", "–")):
            raise ValidationError(_("%(field)s: số tiền không được âm.") % {"field": field}, code="negative")
        if raw.startswith("+"):
            raw = raw[1:].strip()
        if "," in raw:
            raise ValidationError(
                _("%(field)s: số tiền là số đồng nguyên, không có phần lẻ và không dùng dấu phẩy; "
                  "viết ví dụ 1.000.000 hoặc 1000000.") % {"field": field}, code="fraction")
        if _PLAIN.match(raw):
            value = int(raw)
        elif _GROUPED.match(raw):
            value = int(re.sub(r"[. ]", "", raw))
        elif re.fullmatch(r"[\d. ]+", raw):
            raise ValidationError(
                _("%(field)s: “%(text)s” không đúng cách viết số tiền; các nhóm ba chữ số cách nhau bằng dấu "
                  "chấm, ví dụ 1.000.000 (không có phần lẻ).") % {"field": field, "text": text}, code="grouping")
        else:
            raise ValidationError(_("%(field)s: “%(text)s” không phải là số tiền; viết ví dụ 1.000.000.") % {"field": field, "text": text}, code="invalid")
    if value < 0:
        raise ValidationError(_("%(field)s: số tiền không được âm.") % {"field": field}, code="negative")
    if value == 0 and not allow_zero:
        raise ValidationError(_("%(field)s: số tiền phải lớn hơn 0 đồng.") % {"field": field}, code="zero")
    if value > MAX_AMOUNT:
        raise ValidationError(_("%(field)s: số tiền quá lớn, hãy kiểm tra lại.") % {"field": field}, code="too_large")
    return value


def group_digits(amount: int) -> str:
    """1000000 -> "1.000.000"; negative amounts keep their sign."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def decimal_label(value) -> str:
    """A Decimal as Vietnamese write it, whatever the interface language: 0.30 -> "0,3"; 1.50 -> "1,5";
    10.00 -> "10"; None -> ""."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def format_money(amount: int | None) -> str:
    """1000000 -> "1.000.000 đ"."""
    if amount is None:
        return ""
    return f"{group_digits(amount)} đ"


# --------------------------------------------------------------------------- the amount in words

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_BILLION = 10**9


def _triplet(n: int, full: bool) -> list[str]:
    """0 < n < 1000. `full`: the group follows a higher one, so its hundreds are read even when zero
    ("một nghìn không trăm linh năm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 4:
            words.append("tư")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    words: list[str] = []
    for value, scale in ((n // 1_000_000, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if value:
            words += _triplet(value, full or bool(words))
            if scale:
                words.append(scale)
    return words


def _read(n: int) -> list[str]:
    if n >= _BILLION:
        words = _read(n // _BILLION) + ["tỷ"]
        if n % _BILLION:
            words += _below_billion(n % _BILLION, True)
        return words
    return _below_billion(n, False)


def number_to_words(n: int) -> str:
    """12345 -> "mười hai nghìn ba trăm bốn mươi lăm" (lower case)."""
    n = int(n)
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_to_words(-n)
    return " ".join(_read(n))


def amount_in_words(amount: int) -> str:
    """1000000 -> "Một triệu đồng" — as written on receipts ("Bằng chữ: …")."""
    text = f"{number_to_words(amount)} đồng"
    return text[:1].upper() + text[1:]
