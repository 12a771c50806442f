"""The yearly inputs of the demo: ratings 2022–2025 of every person and unit of the demo agency (mostly "Hoàn thành
tốt nhiệm vụ", some "xuất sắc", a few "Hoàn thành nhiệm vụ"), confirmed by the Office ("vanphong"); the 2026
proposals of the transport unit's head, waiting for the Office; a reprimand in 2024 and a warning in 2022; one
unresolved complaint; initiatives recognised at the base level. Deterministic and idempotent (bulk where many)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from thidua.org.enums import Role
from thidua.org.history import staff_between
from thidua.org.models import OrgUnit, Person, RoleGrant

from ..enums import DisciplineForm, Grade, InitiativeKind, InquiryKind, RecognitionLevel
from ..inputs import year_span
from ..models import Discipline, Initiative, Inquiry, Rating
from ..ratings import RATED_KINDS
from .draws import ordinals

YEARS = range(2022, 2026)
PROPOSED_YEAR = 2026

INITIATIVES = [  # (whose: a demo account or the n-th person of the transport unit, year, kind, title)
    ("truongphong", 2023, InitiativeKind.INITIATIVE, "Quy trình một cửa liên thông cấp đổi giấy phép lái xe"),
    ("canbo", 2024, InitiativeKind.INITIATIVE, "Số hóa hồ sơ sát hạch lái xe tại Trung tâm sát hạch"),
    ("canbo", 2025, InitiativeKind.INITIATIVE, "Ứng dụng phần mềm theo dõi phương tiện kinh doanh vận tải"),
    (2, 2024, InitiativeKind.RESEARCH, "Bản đồ số các điểm đen tai nạn giao thông trên Quốc lộ 3"),
    (3, 2025, InitiativeKind.INITIATIVE, "Sổ tay hỗ trợ hộ nghèo theo phong trào \u201cVì người nghèo\u201d"),
    (4, 2023, InitiativeKind.INITIATIVE, "Giải pháp tiết kiệm chi phí bảo dưỡng thường xuyên đường huyện"),
]
#: the decision recognising a year's base-level initiatives
DECISIONS = {2023: ("112/QĐ-SGTVT", dt.date(2023, 12, 15)), 2024: ("118/QĐ-SGTVT", dt.date(2024, 12, 16)),
             2025: ("121/QĐ-SGTVT", dt.date(2025, 12, 15))}


def _grade(pk: int, year: int, unit: bool = False) -> str:
    """Mostly good, some excellent, a few merely done — the same for the same person and year (`pk`: the person's
    or unit's position, draws.ordinals, the same on every database)."""
    n = (pk * 7919 + year * 104_729) % 100
    if n < (25 if unit else 15):
        return Grade.EXCELLENT
    return Grade.GOOD if unit or n < 92 else Grade.DONE


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def load(ctx) -> None:
    agency = ctx.agency
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["vanphong", "truongphong"])}
    office = users.get("vanphong")
    with transaction.atomic():
        made = _ratings(agency, office)
        made += _proposals(agency, users.get("truongphong"))
        made += _records(agency, office)
    if made:
        ctx.out(f"Xếp loại, kỷ luật, sáng kiến: {made} bản ghi.")


def _agency_people(agency) -> set[int]:
    return set(Person.objects.filter(unit__in=OrgUnit.objects.of_agencies([agency.pk])).values_list("id", flat=True))


def _ratings(agency, office) -> int:
    people = _agency_people(agency)
    units = list(OrgUnit.objects.of_agencies([agency.pk]).filter(kind__in=RATED_KINDS).values_list("id", flat=True))
    have = set(Rating.objects.filter(year__in=YEARS, person_id__in=people).values_list("person_id", "year"))
    have_units = set(Rating.objects.filter(year__in=YEARS, person__isnull=True, unit_id__in=units)
                     .values_list("unit_id", "year"))
    position = ordinals(people)
    unit_position = ordinals(units)
    new = []
    for year in YEARS:
        first, last = year_span(year)
        proposed, confirmed = _at(dt.date(year, 12, 18)), _at(dt.date(year + 1, 1, 8))
        stamps = {"proposed_by": office, "proposed_at": proposed, "confirmed_by": office, "confirmed_at": confirmed}
        served = set(staff_between(agency.path, first, last).values_list("id", flat=True)) & people
        new += [Rating(year=year, person_id=pk, grade=_grade(position[pk], year), **stamps)
                for pk in sorted(served) if (pk, year) not in have]
        new += [Rating(year=year, unit_id=pk, grade=_grade(unit_position[pk], year, unit=True), **stamps)
                for pk in units if (pk, year) not in have_units]
    Rating.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _proposals(agency, head_user) -> int:
    """The transport unit head's proposals for this year's people, not yet confirmed: the Office's work."""
    grant = (RoleGrant.objects.filter(user=head_user, role=Role.UNIT_HEAD, is_active=True).select_related("unit")
             .first() if head_user else None)
    if grant is None or grant.unit.home_agency_id != agency.pk:
        return 0
    first, last = year_span(PROPOSED_YEAR)
    people = staff_between(grant.unit.path, first, last).values_list("id", flat=True)
    have = set(Rating.objects.filter(year=PROPOSED_YEAR, person_id__in=people).values_list("person_id", flat=True))
    at = _at(dt.date(PROPOSED_YEAR, 11, 27))
    position = ordinals(_agency_people(agency))
    new = [Rating(year=PROPOSED_YEAR, person_id=pk, grade=_grade(position.get(pk, pk), PROPOSED_YEAR), proposed_by=head_user,
                  proposed_at=at) for pk in sorted(people) if pk not in have]
    Rating.objects.bulk_create(new)
    return len(new)


def _records(agency, office) -> int:
    transport = (RoleGrant.objects.filter(user__username="truongphong", role=Role.UNIT_HEAD).select_related("unit")
                 .first())
    unit = transport.unit if transport and transport.unit.home_agency_id == agency.pk else None
    in_agency = Person.objects.filter(unit__in=OrgUnit.objects.of_agencies([agency.pk]), is_active=True)
    # people without an account, so that no demo user's own record is disciplined
    plain = list((in_agency.filter(unit=unit) if unit else in_agency).filter(user__isnull=True)
                 .order_by("sort_key", "id").values_list("id", flat=True)[:6])
    others = list(in_agency.exclude(unit=unit).filter(user__isnull=True).order_by("sort_key", "id")
                  .values_list("id", flat=True)[:3])
    if not plain or not others:
        return 0
    made = 0
    for person_id, form, number, decided, until, reason in [
        (plain[0], DisciplineForm.REPRIMAND, "18/QĐ-SGTVT", dt.date(2024, 4, 15), dt.date(2024, 10, 14),
         "Vi phạm quy định về giờ giấc làm việc"),
        (others[0], DisciplineForm.WARNING, "45/QĐ-SGTVT", dt.date(2022, 8, 10), dt.date(2023, 8, 9),
         "Chậm giải quyết hồ sơ của người dân quá thời hạn"),
    ]:
        if not Discipline.objects.filter(person__in=in_agency, decision_number=number).exists():
            Discipline.objects.create(person_id=person_id, form=form, decision_number=number, decision_date=decided,
                                      start_date=decided, end_date=until, reason=reason, recorded_by=office)
            made += 1
    complaint = dt.date(2025, 10, 6)
    if not Inquiry.objects.filter(person__in=in_agency, kind=InquiryKind.COMPLAINT, start_date=complaint).exists():
        Inquiry.objects.create(person_id=others[-1], kind=InquiryKind.COMPLAINT, start_date=complaint,
                               note="Đơn phản ánh về việc giải quyết hồ sơ đăng ký xe, đang xác minh",
                               recorded_by=office)
        made += 1
    accounts = dict(Person.objects.filter(user__username__in=["truongphong", "canbo"])
                    .values_list("user__username", "id"))
    for whose, year, kind, title in INITIATIVES:
        person_id = accounts.get(whose) if isinstance(whose, str) else plain[whose % len(plain)]
        if person_id is None or Initiative.objects.filter(person_id=person_id, title=title).exists():
            continue
        number, decided = DECISIONS[year]
        Initiative.objects.create(person_id=person_id, kind=kind, title=title, year=year,
                                  level=RecognitionLevel.BASE, decision_number=number, decision_date=decided,
                                  recorded_by=office)
        made += 1
    return made
