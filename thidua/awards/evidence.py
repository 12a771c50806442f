"""The evidence the system already holds for a unit or a person over a round's period (issue 9 §4): support
activities (count, value in đồng, households supported), fund contributions, the registration for emulation and
the dissemination record. The evaluation page offers these lines beside each criterion, and the achievement report
pre-fills its figures from them.

`suggest_for_unit(unit, movement, start, end)` and `suggest_for_person(person, movement, start, end)` return
`EvidenceLine`s: a label, a sentence with the figures, and the figures themselves (integers; money in đồng).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from thidua.core.db import startswith_q
from thidua.core.money import format_money
from thidua.fund.enums import EntryKind, Flow
from thidua.fund.models import Entry
from thidua.movements.enums import RewardTiming
from thidua.movements.models import Dissemination, Movement
from thidua.org.models import OrgUnit, Person
from thidua.participation.models import Activity, ActivityStat
from thidua.participation.registrations.enums import RegistrationStatus
from thidua.participation.registrations.models import Registration, RegistrationEntry


@dataclass
class EvidenceLine:
    #: what the line is about: "activities", "fund", "registration", "dissemination"
    key: str
    label: str
    text: str
    figures: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.label}: {self.text}"


def round_period(review_round) -> tuple[dt.date, dt.date]:
    """The period a round looks back on: its year; for sơ kết and tổng kết, the movement's years up to the
    round's year."""
    year = review_round.year
    if review_round.kind in (RewardTiming.MIDTERM, RewardTiming.FINAL):
        movement = review_round.movement
        return dt.date(min(movement.start_year, year), 1, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_label(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return _("năm %(year)s") % {"year": start.year}
    return _("%(start)s - %(end)s") % {"start": start.year, "end": end.year}


def _money(value: int) -> str:
    return format_money(value)


def _registration_line(rows: list[tuple[int, str]], start: dt.date, end: dt.date) -> EvidenceLine:
    labels = dict(RegistrationStatus.choices)
    approved = sorted(year for year, status in rows if status == RegistrationStatus.APPROVED)
    years = list(range(start.year, end.year + 1))
    if not rows:
        text = _("không có bản đăng ký thi đua nào trong %(period)s.") % {"period": period_label(start, end)}
    else:
        parts = [f"{year}: {labels.get(status, status)}" for year, status in sorted(rows)]
        text = "; ".join(parts) + "."
    return EvidenceLine("registration", _("Đăng ký thi đua"), text,
                        {"years": len(years), "approved_years": len(approved), "approved": approved})


def _fund_line(rows, start: dt.date, end: dt.date) -> EvidenceLine:
    total = rows["total"] or 0
    count = rows["count"] or 0
    text = (_("%(count)s lần ủng hộ, tổng %(total)s (%(period)s).") % {
        "count": count, "total": _money(total), "period": period_label(start, end)}
        if count else _("chưa có khoản ủng hộ nào trong %(period)s.") % {"period": period_label(start, end)})
    return EvidenceLine("fund", _("Ủng hộ Quỹ Vì người nghèo"), text, {"contributions": count, "amount": total})


def _activity_text(count: int, value: int, households: int, start: dt.date, end: dt.date) -> str:
    if not count:
        return _("chưa có hoạt động hỗ trợ nào trong %(period)s.") % {"period": period_label(start, end)}
    return _("%(count)s hoạt động, trị giá %(value)s, hỗ trợ %(households)s lượt hộ (%(period)s).") % {
        "count": count, "value": _money(value), "households": households, "period": period_label(start, end)}


def suggest_for_unit(unit: OrgUnit, movement: Movement, start: dt.date, end: dt.date) -> list[EvidenceLine]:
    """What the unit (with its sub-units) did in [start, end]: five small queries whatever the data size (the
    activities come from their kept yearly totals, participation.stats)."""
    stats = (ActivityStat.objects.filter(unit=unit, item_key=0, year__gte=start.year, year__lte=end.year)
             .aggregate(n=Sum("activities"), hh=Sum("households"), cash=Sum("cash_value"), kind=Sum("in_kind_value")))
    count, households = stats["n"] or 0, stats["hh"] or 0
    value = (stats["cash"] or 0) + (stats["kind"] or 0)
    lines = [EvidenceLine("activities", _("Hoạt động hỗ trợ người nghèo"),
                          _activity_text(count, value, households, start, end),
                          {"activities": count, "value": value, "households": households})]
    fund = (Entry.objects.filter(startswith_q("unit__path", unit.path), flow=Flow.IN,
                                 entry_date__gte=start, entry_date__lte=end)
            .aggregate(total=Sum("amount"), count=Count("id", filter=Q(kind=EntryKind.CONTRIBUTION))))
    lines.append(_fund_line(fund, start, end))
    rows = list(Registration.objects.filter(movement=movement, unit=unit, year__gte=start.year, year__lte=end.year)
                .values_list("year", "status"))
    lines.append(_registration_line(rows, start, end))
    spread = (Dissemination.objects.filter(movement=movement, unit=unit, held_on__lte=end)
              .aggregate(n=Count("id"), people=Sum("people_reached"), last=Max("held_on")))
    if spread["n"]:
        text = _("%(count)s lần quán triệt, %(people)s lượt người được quán triệt, gần nhất ngày %(day)s.") % {
            "count": spread["n"], "people": spread["people"] or 0, "day": spread["last"].strftime("%d/%m/%Y")}
    else:
        text = _("đơn vị chưa ghi nhận việc quán triệt phong trào.")
    lines.append(EvidenceLine("dissemination", _("Quán triệt phong trào"), text,
                              {"sessions": spread["n"] or 0, "people": spread["people"] or 0}))
    return lines


def suggest_for_person(person: Person, movement: Movement, start: dt.date, end: dt.date) -> list[EvidenceLine]:
    """What the person took part in over [start, end]: the activities he joined (their value and the households
    they supported), his own contributions to the fund, his registration, whether he was named at a
    dissemination session."""
    acts = Activity.objects.filter(people=person, held_on__gte=start, held_on__lte=end)
    totals = acts.aggregate(n=Count("id", distinct=True), cash=Sum("cash_value"), kind=Sum("in_kind_value"))
    count = totals["n"] or 0
    value = (totals["cash"] or 0) + (totals["kind"] or 0)
    households = (Activity.households.through.objects.filter(activity__in=acts.values("id"))
                  .values("household_id").distinct().count()) if count else 0
    lines = [EvidenceLine("activities", _("Hoạt động hỗ trợ người nghèo đã tham gia"),
                          _activity_text(count, value, households, start, end),
                          {"activities": count, "value": value, "households": households})]
    fund = (Entry.objects.filter(person=person, flow=Flow.IN, entry_date__gte=start, entry_date__lte=end)
            .aggregate(total=Sum("amount"), count=Count("id", filter=Q(kind=EntryKind.CONTRIBUTION))))
    lines.append(_fund_line(fund, start, end))
    entries = list(RegistrationEntry.objects.filter(person=person, registration__movement=movement,
                                                    registration__year__gte=start.year,
                                                    registration__year__lte=end.year)
                   .values_list("registration__year", "registration__status", "title__name"))
    line = _registration_line([(year, status) for year, status, _title in entries], start, end)
    titles = sorted({title for _year, _status, title in entries if title})
    if titles:
        line.text = line.text.rstrip(".") + "; " + _("danh hiệu đăng ký: %(titles)s.") % {"titles": ", ".join(titles)}
    lines.append(line)
    reached = Dissemination.people.through.objects.filter(
        person=person, dissemination__movement=movement, dissemination__held_on__lte=end).count()
    text = (_("được quán triệt %(count)s lần.") % {"count": reached} if reached
            else _("chưa có tên trong buổi quán triệt nào."))
    lines.append(EvidenceLine("dissemination", _("Quán triệt phong trào"), text, {"sessions": reached}))
    return lines
