"""Vietnamese telephone numbers as staff lists write them: "0912 345 678", "091.234.5678", "+84 912345678",
"(0206) 3852 123". One check for the person form and the staff import."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s.\-()/]")
#: mobile prefixes since the 2018 change to ten digits (03x, 05x, 07x, 08x, 09x)
_MOBILE = re.compile(r"^0[35789]\d{8}$")
#: fixed lines: 02 + area code + number, eleven digits (Cao Bằng: 0206 …)
_LANDLINE = re.compile(r"^02\d{9}$")


def normalise_phone(text: str) -> str:
    """The number as digits with a leading 0 ("0912345678"), or raises ValueError with a Vietnamese message."""
    raw = (text or "").strip()
    if not raw:
        return ""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit():
        raise ValueError(_("Số điện thoại “%(phone)s” có ký tự không phải chữ số.") % {"phone": raw})
    if re.fullmatch(r"01\d{9}", digits):
        raise ValueError(_("Số điện thoại “%(phone)s” là số di động 11 số cũ: từ năm 2018 các số này đã đổi sang 10 "
                           "số, hãy ghi số mới.") % {"phone": raw})
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValueError(_("Số điện thoại “%(phone)s” không đúng dạng: di động 10 số (vd. 0912 345 678), cố định "
                           "11 số bắt đầu bằng 02 (vd. 0206 3852 123).") % {"phone": raw})
    return digits
