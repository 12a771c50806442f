"""The workflow functions of the participation domain. Views never save these models directly."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.text import fold, nfc
from thidua.org.models import OrgUnit

from . import evidence as files
from . import stats
from .models import Activity, Evidence, Household, HouseholdMember, HouseholdStatus, Student

HOUSEHOLD_FIELDS = ["head_name", "members", "commune_name", "village", "ethnicity", "note"]
STATUS_FIELDS = ["year", "category", "classified_by", "classified_on", "decision"]
STUDENT_FIELDS = ["full_name", "school", "grade", "household", "note"]
ACTIVITY_FIELDS = ["kind", "title", "held_on", "cash_value", "in_kind_value", "commune_name", "description"]
ACTIVITY_LINKS = ["units", "people", "households", "students", "content_items"]


# --- named audit events ---------------------------------------------------------------------------------------


def _links(activity: Activity) -> dict[str, list[str]]:
    return {name: sorted(str(o) for o in getattr(activity, name).all()) for name in ACTIVITY_LINKS}


def household_classified(status: HouseholdStatus, before: str | None, *, actor) -> None:
    with translation.override("vi"):  # the audit log is always Vietnamese
        label = f"{status.get_category_display()} năm {status.year} ({status.classified_by}, {status.classified_on:%d/%m/%Y})"
    audit.record(AuditAction.UPDATE, status.household, actor=actor,
                 changes={f"phân loại {status.year}": [before, label]}, note="Phân loại hộ theo năm")


def evidence_added(activity: Activity, names: list[str], *, actor) -> None:
    audit.record(AuditAction.UPDATE, activity, actor=actor, changes={"minh chứng": [None, names]},
                 note=f"Thêm {len(names)} tệp minh chứng")


def evidence_removed(evidence: Evidence, *, actor, reason: str = "") -> None:
    audit.record(AuditAction.UPDATE, evidence.activity, actor=actor,
                 changes={"minh chứng": [evidence.original_name, None]}, note=reason or "Gỡ tệp minh chứng")


# --- households ------------------------------------------------------------------------------------------------


#: the code of the duplicate-household error; its params carry the existing household's id (pages link to it)
DUPLICATE_HOUSEHOLD = "duplicate_household"


def _check_duplicate(household: Household) -> None:
    same = Household.objects.filter(agency_id=household.agency_id, commune_code=household.commune_code,
                                    head_fold=fold(household.head_name))
    if household.pk:
        same = same.exclude(pk=household.pk)
    existing = same.order_by("id").first()
    if existing is not None:  # named as it is stored, not as it was typed
        message = _("Đã có hộ %(name)s ở %(commune)s.") % {"name": existing.head_name,
                                                           "commune": existing.commune_name}
        raise ValidationError({"head_name": ValidationError(
            message.replace("%", "%%"), code=DUPLICATE_HOUSEHOLD,
            params={"household_id": existing.pk, "name": existing.head_name, "commune": existing.commune_name})})


def create_household(*, agency: OrgUnit, actor, **data) -> Household:
    household = Household(agency=agency, created_by=actor if actor and actor.pk else None, **data)
    with transaction.atomic():
        _check_duplicate(household)
        household.save()
        audit.created(household, HOUSEHOLD_FIELDS, actor=actor)
    return household


def update_household(household: Household, *, actor, **data) -> Household:
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    for key, value in data.items():
        setattr(household, key, value)
    with transaction.atomic():
        _check_duplicate(household)
        Household.objects.select_for_update().filter(pk=household.pk).first()  # as add_member does
        listed = household.member_list.count() + 1
        if household.members < listed:
            raise ValidationError({"members": _(
                "Danh sách thành viên của hộ đã có %(listed)s người (kể cả chủ hộ): số nhân khẩu không thể ít "
                "hơn. Hãy bỏ bớt người khỏi danh sách trước.") % {"listed": listed}})
        household.save()
        audit.changed(household, before, actor=actor)
    return household


def _refresh_category(household: Household) -> None:
    latest = household.statuses.order_by("-year").first()
    household.category = latest.category if latest else ""
    household.category_year = latest.year if latest else None
    Household.objects.filter(pk=household.pk).update(category=household.category,
                                                     category_year=household.category_year)


def classify_household(household: Household, *, year: int, category: str, classified_by: str,
                       classified_on: dt.date, decision: str = "", actor) -> HouseholdStatus:
    """Set (or correct) the household's category for a year; the previous value stays in the audit log. The
    category is the commune's official decision: the agency's managers (the Office, the union officer) record and
    correct any year; a unit head who maintains the household records only this year's, and corrects only what
    he recorded himself — a past year, which the movement's results rest on, stays as the Office recorded it."""
    _check_may_classify(household, year=year, actor=actor)
    if classified_on > timezone.localdate():
        raise ValidationError({"classified_on": _("Ngày phân loại không được ở tương lai.")})
    if classified_on.year < year - 1 or classified_on.year > year + 1:
        raise ValidationError({"classified_on": _("Ngày phân loại phải gần năm %(year)s.") % {"year": year}})
    with transaction.atomic():
        status = HouseholdStatus.objects.filter(household=household, year=year).first()
        before = None
        if status is None:
            status = HouseholdStatus(household=household, year=year)
        else:
            with translation.override("vi"):  # for the audit log
                before = f"{status.get_category_display()} năm {status.year}"
        status.category = category
        status.classified_by = classified_by
        status.classified_on = classified_on
        status.decision = decision
        status.recorded_by = actor if actor and actor.pk else None
        status.save()
        _refresh_category(household)
        household_classified(status, before, actor=actor)
    return status


def _check_may_classify(household: Household, *, year: int, actor) -> None:
    from .scoping import participation_scope

    if actor is None or not getattr(actor, "is_authenticated", False):
        return  # the demo, a command, an import
    scope = participation_scope(actor)
    if scope.is_admin or household.agency_id in scope.manage_agency_ids:
        return
    if year < timezone.localdate().year:
        raise ValidationError({"year": _("Trưởng đơn vị chỉ ghi phân loại hộ của năm nay; phân loại các năm trước "
                                         "do Văn phòng hoặc Công đoàn ghi và sửa.")})
    existing = HouseholdStatus.objects.filter(household=household, year=year).only("recorded_by_id").first()
    if existing is not None and existing.recorded_by_id != actor.pk:
        raise ValidationError({"year": _("Phân loại hộ năm %(year)s đã được ghi; chỉ Văn phòng hoặc Công đoàn được "
                                         "sửa.") % {"year": year}})


def _member_label(member: HouseholdMember) -> str:
    with translation.override("vi"):  # the audit log is always Vietnamese
        details = ", ".join(str(p) for p in (member.get_relation_display(), member.birth_year) if p)
    return f"{member.full_name} ({details})"


def add_member(household: Household, *, actor, full_name: str, relation: str, birth_year: int | None = None,
               note: str = "") -> HouseholdMember:
    """Add a person to the household's list; the list (with the head) never exceeds its number of members."""
    member = HouseholdMember(household=household, full_name=full_name, relation=relation, birth_year=birth_year,
                             note=note)
    if not nfc(full_name).strip():
        raise ValidationError({"full_name": _("Hãy nhập họ và tên.")})
    if birth_year is not None and not 1900 <= birth_year <= timezone.localdate().year:
        raise ValidationError({"birth_year": _("Năm sinh phải từ 1900 đến năm nay.")})
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        listed = household.member_list.count() + 1  # the head is one of the members
        if listed >= household.members:
            raise ValidationError(_(
                "Hộ khai %(members)s nhân khẩu và danh sách đã đủ %(listed)s người (kể cả chủ hộ). Nếu hộ có "
                "thêm người, hãy sửa số nhân khẩu trước.") % {"members": household.members, "listed": listed})
        member.save()
        audit.record(AuditAction.UPDATE, household, actor=actor,
                     changes={"thành viên": [None, _member_label(member)]}, note="Thêm thành viên hộ")
    return member


def remove_member(member: HouseholdMember, *, actor) -> None:
    with transaction.atomic():
        label = _member_label(member)
        household = member.household
        member.delete()
        audit.record(AuditAction.UPDATE, household, actor=actor, changes={"thành viên": [label, None]},
                     note="Bỏ thành viên khỏi danh sách hộ")


# --- students ----------------------------------------------------------------------------------------------------

#: school levels recognised in a school's name (accent-insensitive): the grades each one teaches
SCHOOL_LEVELS = [
    (re.compile(r"\btieu hoc\b|\bth\s*(?:&|va|-|,|\+)\s*thcs\b"), 1, 5),  # also "TH&THCS", "TH và THCS"
    (re.compile(r"\b(thcs|trung hoc co so)\b"), 6, 9),
    (re.compile(r"\b(thpt|trung hoc pho thong)\b"), 10, 12),
]
_GRADE = re.compile(r"^(?:lop\s*)?(\d{1,2})\s*(?:[a-z]{1,2}\s*\d{0,2})?$")


def grade_range(school: str) -> tuple[int, int]:
    """The grades a school teaches, from the level in its name ("Tiểu học" 1–5, "THCS" 6–9, "THPT" 10–12; a
    school of several levels, e.g. "TH và THCS", "THCS và THPT", the span of them); 1–12 when no level is named."""
    folded = fold(school)
    found = [(low, high) for pattern, low, high in SCHOOL_LEVELS if pattern.search(folded)]
    if not found:
        return 1, 12
    return min(low for low, _high in found), max(high for _low, high in found)


def grade_error(school: str, grade: str) -> str | None:
    """Why a grade ("5", "10A1", "Lớp 7") is not possible at the school, in Vietnamese; None when it is."""
    match = _GRADE.match(fold(grade))
    number = int(match.group(1)) if match else None
    if number is None or not 1 <= number <= 12:
        return _("Lớp phải từ 1 đến 12 (có thể kèm tên lớp, ví dụ 5 hoặc 10A1).")
    low, high = grade_range(school)
    if not low <= number <= high:
        return _("Trường “%(school)s” chỉ có lớp %(low)d đến %(high)d; lớp %(grade)s không hợp lệ.") % {
            "school": school, "low": low, "high": high, "grade": grade}
    return None


def _check_student(student: Student) -> None:
    message = grade_error(student.school, student.grade)
    if message:
        raise ValidationError({"grade": message})


def create_student(*, agency: OrgUnit, actor, **data) -> Student:
    student = Student(agency=agency, created_by=actor if actor and actor.pk else None, **data)
    _check_student(student)
    with transaction.atomic():
        student.save()
        audit.created(student, STUDENT_FIELDS, actor=actor)
    return student


def update_student(student: Student, *, actor, **data) -> Student:
    before = audit.snapshot(student, STUDENT_FIELDS)
    school, grade = student.school, student.grade
    for key, value in data.items():
        setattr(student, key, value)
    if (student.school, student.grade) != (school, grade):  # a record from before the check stays editable
        _check_student(student)
    with transaction.atomic():
        student.save()
        audit.changed(student, before, actor=actor)
    return student


# --- activities --------------------------------------------------------------------------------------------------


def movement_period(movement) -> str:
    """ "2021–2025" (or "2026" for a yearly movement): how a movement is told apart from its other phases."""
    if movement.end_year == movement.start_year:
        return str(movement.start_year)
    return f"{movement.start_year}\u2013{movement.end_year}"


def _item_name(item) -> str:
    text = " ".join(item.text.split())
    return f"{item.label}) {text if len(text) <= 60 else text[:59].rstrip() + '…'}"


def _check_content_items(activity: Activity, items, kept: set[int]) -> list[str]:
    """An activity serves new content items of running (launched) movements only — its links made before a movement
    closed are kept — and is dated within the years of every movement it serves."""
    from thidua.movements.enums import MovementStatus
    from thidua.movements.models import Movement

    errors = []
    # read afresh: the status may have changed since the form (or caller) loaded the items
    movements = Movement.objects.in_bulk({item.movement_id for item in items})
    for item in items:
        movement = movements.get(item.movement_id) or item.movement
        if movement.agency_id != activity.agency_id:
            errors.append(_("Nội dung phong trào không thuộc phong trào của cơ quan này."))
            continue
        names = {"item": _item_name(item), "movement": movement.name, "period": movement_period(movement)}
        if item.pk not in kept and movement.status == MovementStatus.CLOSED:
            errors.append(_("Không gắn được nội dung “%(item)s”: phong trào “%(movement)s” (%(period)s) đã "
                            "kết thúc.") % names)
            continue
        if item.pk not in kept and movement.status != MovementStatus.LAUNCHED:  # still a draft
            errors.append(_("Không gắn được nội dung “%(item)s”: phong trào “%(movement)s” (%(period)s) chưa "
                            "được phát động.") % names)
            continue
        if activity.held_on and not movement.start_year <= activity.held_on.year <= movement.end_year:
            errors.append(_("Ngày thực hiện %(date)s nằm ngoài thời gian của phong trào “%(movement)s” "
                            "(%(period)s): không gắn được nội dung “%(item)s”.") % {
                **names, "date": activity.held_on.strftime("%d/%m/%Y")})
    return errors


def _check_activity(activity: Activity, links: dict, kept: set[int] = frozenset()) -> None:
    errors = {}
    if activity.held_on and activity.held_on > timezone.localdate():
        errors["held_on"] = _("Ngày thực hiện không được ở tương lai.")
    if not links.get("units"):
        errors["units"] = _("Chọn ít nhất một đơn vị tổ chức.")
    agency_id = activity.agency_id
    for unit in links.get("units", []):
        if unit.home_agency_id != agency_id:
            errors["units"] = _("Đơn vị %(unit)s không thuộc %(agency)s.") % {"unit": unit, "agency": activity.agency}
    for name, message in (("households", _("Hộ %(name)s không do cơ quan này theo dõi.")),
                          ("students", _("Học sinh %(name)s không do cơ quan này theo dõi."))):
        for obj in links.get(name, []):
            if obj.agency_id != agency_id:
                errors[name] = message % {"name": obj}
    item_errors = _check_content_items(activity, links.get("content_items", []), kept)
    if item_errors:
        errors["content_items"] = list(dict.fromkeys(item_errors))
    if errors:
        raise ValidationError(errors)


def _attach(activity: Activity, checked: list[files.CheckedFile], actor, written: list) -> list[Evidence]:
    made = []
    for item in checked:
        evidence = Evidence(activity=activity, kind=item.kind, original_name=item.name[:255], size=len(item.data),
                            width=item.width, height=item.height, uploaded_by=actor if actor and actor.pk else None)
        files.store(evidence, item, written)
        evidence.save()
        made.append(evidence)
    return made


def record_activity(*, agency: OrgUnit, actor, links: dict, checked_files: list | None = None,
                    **data) -> Activity:
    """Create an activity, its links and its (already checked) evidence in one transaction. Files are written
    last; if anything fails the transaction rolls back and the files already written are removed."""
    activity = Activity(agency=agency, recorded_by=actor if actor and actor.pk else None, **data)
    _check_activity(activity, links)
    written: list = []
    try:
        with transaction.atomic():
            activity.save()
            for name in ACTIVITY_LINKS:
                getattr(activity, name).set(links.get(name, []))
            stats.apply(activity.agency_id, {}, stats.contribution_of(activity))
            audit.created(activity, ACTIVITY_FIELDS, actor=actor)
            if checked_files:
                made = _attach(activity, checked_files, actor, written)
                evidence_added(activity, [e.original_name for e in made], actor=actor)
    except BaseException:
        files.remove_written(written)
        raise
    return activity


def update_activity(activity: Activity, *, actor, links: dict, checked_files: list | None = None,
                    **data) -> Activity:
    before = audit.snapshot(activity, ACTIVITY_FIELDS)
    before_links = _links(activity)
    before_stats = stats.contribution_of(activity)
    kept = set(activity.content_items.values_list("pk", flat=True))
    for key, value in data.items():
        setattr(activity, key, value)
    _check_activity(activity, links, kept)
    written: list = []
    try:
        with transaction.atomic():
            activity.save()
            for name in ACTIVITY_LINKS:
                getattr(activity, name).set(links.get(name, []))
            stats.apply(activity.agency_id, before_stats, stats.contribution_of(activity))
            after_links = _links(activity)
            note = "; ".join(
                f"{Activity._meta.get_field(n).verbose_name}: {', '.join(after_links[n]) or '—'}"
                for n in ACTIVITY_LINKS if after_links[n] != before_links[n]
            )
            audit.changed(activity, before, actor=actor, note=note)
            if checked_files:
                made = _attach(activity, checked_files, actor, written)
                evidence_added(activity, [e.original_name for e in made], actor=actor)
    except BaseException:
        files.remove_written(written)
        raise
    return activity


def add_evidence(activity: Activity, checked_files: list, *, actor) -> list[Evidence]:
    written: list = []
    try:
        with transaction.atomic():
            made = _attach(activity, checked_files, actor, written)
            evidence_added(activity, [e.original_name for e in made], actor=actor)
    except BaseException:
        files.remove_written(written)
        raise
    return made


def remove_evidence(evidence: Evidence, *, actor) -> None:
    names = [f.name for f in (evidence.file, evidence.thumbnail) if f]
    storage = evidence.file.storage
    with transaction.atomic():
        evidence_removed(evidence, actor=actor)
        evidence.delete()
        transaction.on_commit(lambda: [storage.delete(n) for n in names])
