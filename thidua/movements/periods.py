"""Dates and periods as plans write them: "20/10/2022", "tháng 10/2022", "Quý IV/2025", "Quý II năm 2023",
"Năm 2023", "6 tháng đầu năm 2024", "trước ngày 15/6" — accent-insensitive, with a clear message otherwise."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from thidua.core.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class PeriodError(ValueError):
    """The text is not a date or period the system understands; the message is for the user."""


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise PeriodError(f"Ngày {day:02d}/{month:02d}/{year} không tồn tại.") from exc


def _year(text: str, default_year: int | None) -> int:
    if text:
        return int(text)
    if default_year is None:
        raise PeriodError("Thiếu năm: hãy ghi rõ năm (ví dụ: trước ngày 15/6/2023).")
    return default_year


def parse_when(text: str, default_year: int | None = None) -> tuple[dt.date, dt.date]:
    """Return (first day, last day) of the date or period written in `text`."""
    s = fold(text).replace(".", "/").strip(" :,;")
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"\s*-\s*", "-", s)
    if not s:
        raise PeriodError("Chưa ghi thời gian.")
    m = re.search(r"(?:ngay\s*)?(\d{1,2})\s*(?:/|thang\s*)(\d{1,2})\s*(?:(?:/|nam\s*)(\d{4}))?$", s)
    if m and not re.search(r"quy|thang\s*\d{1,2}/\d{4}$", s.split("ngay")[0] if "ngay" in s else ""):
        day, month = int(m.group(1)), int(m.group(2))
        if s.startswith("thang") and m.group(3) and "ngay" not in s:
            pass  # "tháng 10/2022": handled below
        else:
            year = _year(m.group(3) or "", default_year)
            day_date = _date(year, month, day)
            return day_date, day_date
    m = re.fullmatch(r"thang\s*(\d{1,2})\s*(?:/|nam\s*)(\d{4})", s)
    if m:
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"Tháng {month} không hợp lệ.")
        return _month_range(year, month)
    m = re.fullmatch(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam\s*)?(\d{4})?", s)
    if m:
        q = ROMAN.get(m.group(1)) or int(m.group(1))
        year = _year(m.group(2) or "", default_year)
        start = dt.date(year, 3 * q - 2, 1)
        return start, _month_range(year, 3 * q)[1]
    m = re.fullmatch(r"(6|sau) thang (dau|cuoi) nam\s*(\d{4})?", s)
    if m:
        year = _year(m.group(3) or "", default_year)
        if m.group(2) == "dau":
            return dt.date(year, 1, 1), dt.date(year, 6, 30)
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", s)
    if m:
        year = int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})-(\d{4})", s)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if last < first:
            raise PeriodError(f"Năm kết thúc {last} trước năm bắt đầu {first}.")
        return dt.date(first, 1, 1), dt.date(last, 12, 31)
    m = re.fullmatch(r"(?:truoc|cham nhat|han)\s*(?:ngay\s*)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", s)
    if m:
        year = _year(m.group(3) or "", default_year)
        deadline = _date(year, int(m.group(2)), int(m.group(1)))
        return deadline, deadline
    raise PeriodError(
        f"Không hiểu thời gian \u201c{text}\u201d. Hãy ghi một ngày (20/10/2022) hoặc một khoảng: "
        "tháng 10/2022, Quý IV/2025, Năm 2023, 6 tháng đầu năm 2024, trước ngày 15/6/2023."
    )
