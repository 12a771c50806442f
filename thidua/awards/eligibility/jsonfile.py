"""The `thidua eligibility` file (issue 11 §3, a contract): reading it into `Candidate`s, with a Vietnamese message
naming the candidate and the field for every mistake, and writing the `--json` results."""

from __future__ import annotations

import datetime as dt
import json

from django.utils.translation import gettext as _

from ..enums import RECIPIENT_SLUGS, AwardKind, DisciplineForm, Grade, RecipientKind, RecognitionLevel
from . import forms, law
from .candidate import Candidate, DisciplinePeriod, InitiativeRecord, Members, PastAward
from .engine import Result

RATINGS = {"xuat-sac": Grade.EXCELLENT, "tot": Grade.GOOD, "hoan-thanh": Grade.DONE,
           "khong-hoan-thanh": Grade.FAILED}
KINDS = {"cong-trang": AwardKind.MERIT, "chuyen-de": AwardKind.THEMATIC, "dot-xuat": AwardKind.SUDDEN}
LEVELS = {"co-so": RecognitionLevel.BASE, "tinh": RecognitionLevel.PROVINCE, "toan-quoc": RecognitionLevel.NATIONAL}
DISCIPLINE = {"khien-trach": DisciplineForm.REPRIMAND, "canh-cao": DisciplineForm.WARNING,
              "ha-bac-luong": DisciplineForm.SALARY_DOWN, "giang-chuc": DisciplineForm.DEMOTION,
              "cach-chuc": DisciplineForm.DISMISSAL, "buoc-thoi-viec": DisciplineForm.TERMINATION}
MEMBER_FIELDS = ("total", "completed", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "disciplined")
FIRST_YEAR, LAST_YEAR = 1945, 2100


class FileErrors(ValueError):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


class _Bad(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _choices(mapping) -> str:
    return ", ".join(mapping)


def _slug(value, field: str, mapping: dict):
    if not isinstance(value, str) or value.strip().lower() not in mapping:
        raise _Bad(field, _("giá trị “%(value)s” không hợp lệ; hãy ghi một trong: %(choices)s.") % {
            "value": value, "choices": _choices(mapping)})
    return mapping[value.strip().lower()]


def _year(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise _Bad(field, _("năm “%(value)s” không hợp lệ; hãy ghi một số như 2025.") % {"value": value})
    return value


def _date(value, field: str) -> dt.date:
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _Bad(field, _("ngày “%(value)s” không hợp lệ; hãy ghi theo dạng năm-tháng-ngày, ví dụ 2025-11-20.") % {
            "value": value}) from None


def _bool(value, field: str) -> bool | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise _Bad(field, _("hãy ghi true hoặc false (giá trị “%(value)s”).") % {"value": value})
    return value


def _list(value, field: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(field, _("phải là một danh sách […]."))
    return value


#: the keys each object of the file may have (a key outside them is most likely a typo that would silently read
#: as "not given")
KEYS = {
    "candidate": {"id", "form", "recipient", "kind", "year", "decision_date", "registered", "ratings", "awards",
                  "initiatives", "discipline", "under_investigation", "members"},
    "award": {"form", "year", "kind", "revoked"},
    "initiative": {"year", "level"},
    "discipline": {"level", "from", "to"},
    "members": set(MEMBER_FIELDS),
}


def _object(value, field: str, keys: str | None = None) -> dict:
    if not isinstance(value, dict):
        raise _Bad(field, _("phải là một đối tượng {…}."))
    unknown = sorted(set(value) - KEYS[keys]) if keys else []
    if unknown:
        prefix = f"{field}." if keys != "candidate" else ""
        raise _Bad(f"{prefix}{unknown[0]}", _("trường này không có trong định dạng tệp; các trường được dùng: "
                                              "%(keys)s.") % {"keys": ", ".join(sorted(KEYS[keys]))})
    return value


def _required(data: dict, key: str, field: str):
    if data.get(key) is None:
        raise _Bad(field, _("thiếu trường này."))
    return data[key]


def _form(value, field: str) -> forms.CatalogForm:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(field, _("hãy ghi mã hoặc tên hình thức khen thưởng."))
    try:
        form = forms.find(value)
    except forms.AmbiguousForm as error:
        raise _Bad(field, _("“%(form)s” ứng với nhiều hình thức: %(names)s. Hãy ghi rõ hơn hoặc dùng mã.") % {
            "form": value, "names": "; ".join(f"{f.name} ({f.code})" for f in error.matches)}) from None
    if form is None:
        raise _Bad(field, _("không có hình thức khen thưởng “%(form)s” trong danh mục.") % {"form": value})
    return form


def _kind(data: dict, field: str, form: forms.CatalogForm) -> str:
    """The award's kind: titles are merit whatever the file says; a form needs one."""
    if form.is_title:
        return AwardKind.MERIT
    return _slug(_required(data, "kind", field), field, KINDS)


def _award(data, field: str) -> PastAward:
    data = _object(data, field, "award")
    form = _form(_required(data, "form", f"{field}.form"), f"{field}.form")
    return PastAward(form.code, _year(_required(data, "year", f"{field}.year"), f"{field}.year"),
                     _kind(data, f"{field}.kind", form), bool(_bool(data.get("revoked"), f"{field}.revoked")))


def _initiative(data, field: str) -> InitiativeRecord:
    data = _object(data, field, "initiative")
    return InitiativeRecord(_year(_required(data, "year", f"{field}.year"), f"{field}.year"),
                            _slug(_required(data, "level", f"{field}.level"), f"{field}.level", LEVELS))


def _discipline(data, field: str) -> DisciplinePeriod:
    data = _object(data, field, "discipline")
    level = _slug(_required(data, "level", f"{field}.level"), f"{field}.level", DISCIPLINE)
    start = _date(_required(data, "from", f"{field}.from"), f"{field}.from")
    end = _date(data["to"], f"{field}.to") if data.get("to") is not None else None
    if end is not None and end < start:
        raise _Bad(f"{field}.to", _("ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.") % {
            "end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")})
    return DisciplinePeriod(level, start, end)


def _members(data, field: str) -> Members | None:
    if data is None:
        return None
    data = _object(data, field, "members")
    values = {}
    for name in MEMBER_FIELDS:
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise _Bad(f"{field}.{name}", _("hãy ghi một số nguyên không âm (giá trị “%(value)s”).") % {
                "value": value})
        values[name] = value
    total = values["total"]
    if total == 0:
        raise _Bad(f"{field}.total", _("tập thể phải có ít nhất một thành viên."))
    for name in MEMBER_FIELDS[1:]:
        if total is not None and values[name] is not None and values[name] > total:
            raise _Bad(f"{field}.{name}", _("%(value)s lớn hơn tổng số thành viên %(total)s.") % {
                "value": values[name], "total": total})
    return Members(**values)


def _ratings(data, field: str) -> dict[int, str]:
    if data is None:
        return {}
    data = _object(data, field)
    ratings = {}
    for key, value in data.items():
        try:
            year = int(key)
        except ValueError:
            raise _Bad(f"{field}.{key}", _("“%(key)s” không phải một năm.") % {"key": key}) from None
        ratings[_year(year, f"{field}.{key}")] = _slug(value, f"{field}.{key}", RATINGS)
    return ratings


def _candidate(data, number: int) -> Candidate:
    data = _object(data, f"candidates[{number}]", "candidate")
    ident = _required(data, "id", "id")
    if not isinstance(ident, str) or not ident.strip():
        raise _Bad("id", _("hãy ghi mã ứng viên là một chuỗi chữ."))
    form = _form(_required(data, "form", "form"), "form")
    recipient = _slug(_required(data, "recipient", "recipient"), "recipient", RECIPIENT_SLUGS)
    if recipient not in form.recipients:
        raise _Bad("recipient", _("hình thức “%(form)s” không dành cho %(who)s.") % {
            "form": form.name, "who": str(RecipientKind(recipient).label).lower()})
    year = _year(_required(data, "year", "year"), "year")
    decision_date = _date(_required(data, "decision_date", "decision_date"), "decision_date")
    if decision_date.year < year:
        raise _Bad("decision_date", _("ngày quyết định %(day)s trước năm thành tích %(year)s.") % {
            "day": decision_date.strftime("%d/%m/%Y"), "year": year})
    regime = law.regime_on(decision_date)
    if regime is None:
        raise _Bad("decision_date", _("chưa có chế độ pháp lý nào có hiệu lực ngày %(day)s.") % {
            "day": decision_date.strftime("%d/%m/%Y")})
    if law.form_law(regime, form.code, recipient) is None:
        raise _Bad("form", _("chưa có quy định xét điều kiện “%(form)s” cho %(who)s theo %(regime)s.") % {
            "form": form.name, "who": str(RecipientKind(recipient).label).lower(), "regime": regime.short_name})
    return Candidate(
        id=ident.strip(), form=form.code, recipient=recipient, year=year, decision_date=decision_date,
        kind=_kind(data, "kind", form), registered=_bool(data.get("registered"), "registered"),
        ratings=_ratings(data.get("ratings"), "ratings"),
        awards=[_award(a, f"awards[{i}]") for i, a in enumerate(_list(data.get("awards"), "awards"))],
        initiatives=[_initiative(a, f"initiatives[{i}]")
                     for i, a in enumerate(_list(data.get("initiatives"), "initiatives"))],
        discipline=[_discipline(a, f"discipline[{i}]")
                    for i, a in enumerate(_list(data.get("discipline"), "discipline"))],
        under_investigation=_bool(data.get("under_investigation"), "under_investigation"),
        members=_members(data.get("members"), "members"))


def read(text: str) -> list[Candidate]:
    """The candidates of a file's text, or FileErrors with one message per candidate in error."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FileErrors([_("Tệp không phải JSON hợp lệ: %(error)s.") % {"error": error}]) from None
    if not isinstance(data, dict) or not isinstance(data.get("candidates"), list):
        raise FileErrors([_("Tệp phải là một đối tượng JSON có danh sách “candidates”: {\"candidates\": [...]}.")])
    candidates, errors, seen = [], [], {}
    for number, item in enumerate(data["candidates"], start=1):
        try:
            candidate = _candidate(item, number - 1)
            if candidate.id in seen:
                raise _Bad("id", _("mã “%(id)s” trùng với ứng viên thứ %(n)s.") % {"id": candidate.id,
                                                                             "n": seen[candidate.id]})
            seen[candidate.id] = number
            candidates.append(candidate)
        except _Bad as bad:
            ident = item.get("id") if isinstance(item, dict) else None
            who = (_("Ứng viên “%(id)s” (thứ %(n)s)") % {"id": ident, "n": number} if isinstance(ident, str) and ident
                   else _("Ứng viên thứ %(n)s") % {"n": number})
            errors.append(_("%(who)s, trường “%(field)s”: %(message)s") % {
                "who": who, "field": bad.field, "message": bad.message})
    if not candidates and not errors:
        errors.append(_("Danh sách “candidates” trống."))
    if errors:
        raise FileErrors(errors)
    return candidates


def as_json(pairs: list[tuple[Candidate, Result]]) -> dict:
    """The `--json` output (a contract: keep the keys)."""
    return {"results": [{"id": c.id, "verdict": r.verdict, "rules": [rule.as_json() for rule in r.rules]}
                        for c, r in pairs]}
