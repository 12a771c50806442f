"""Review rounds (đợt xét khen thưởng, issue 9 §2): which forms and titles a round offers, creating and editing a
round with its deadlines, forms and quotas, what is left of a quota, and the deadline reminders.

The status of a round is written only by `services.move_round`; this module writes everything else about it, and
audits it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit, jobs
from thidua.core.models import AuditAction
from thidua.core.notifications import notify
from thidua.movements.catalog import CLASSES
from thidua.movements.enums import MovementStatus
from thidua.movements.models import Movement, MovementRewardForm, RewardForm
from thidua.org.enums import AGENCY_KINDS, Role, UnitKind
from thidua.org.models import OrgUnit, RoleGrant

from .enums import QUOTA_STATES, UNIT_STATES, RoundKind, RoundStatus
from .models import Nomination, ReviewRound, RoundForm, RoundReminder, UnitQuota
from .roles import is_office

#: the yearly emulation titles the Director confers, carried by every yearly round (Luật TĐKT 2022 Điều 74, 75)
YEARLY_TITLES = ["lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"]
#: the yearly title the agency proposes upward (Chủ tịch UBND tỉnh confers it)
YEARLY_UPWARD = ["tap-the-lao-dong-xuat-sac"]
#: a round's forms and deadlines may change while it is a draft or receives dossiers
EDITABLE_STATES = {RoundStatus.DRAFT, RoundStatus.OPEN}
#: kinds of which a movement holds at most one round a year (an ad hoc round may come any number of times)
ONE_A_YEAR = {RoundKind.YEARLY, RoundKind.MIDTERM, RoundKind.FINAL}
#: units of an agency that never propose a nomination of their own
NOT_NOMINATING = {UnitKind.COUNCIL, UnitKind.PARTY, UnitKind.UNION, UnitKind.YOUTH}
AUDIT_FIELDS = ["kind", "year", "name", "submit_by", "check_by", "council_on", "remind_days", "note"]
#: the key of the forms and quotas in a round's audit rows (shown as the changed "field")
FORMS_KEY = "Hình thức, chỉ tiêu"


def decided_by_director(authority: str) -> bool:
    """Whether a form "decided by" this authority lies within the agency head's (Giám đốc Sở) power."""
    return (authority or "").strip().lower().startswith("giám đốc")


@dataclass
class Offer:
    """A form or title a round may put in play, as the movement (or the law, for the yearly titles) offers it."""

    form: RewardForm
    authority: str
    within_authority: bool
    quota_text: str = ""
    #: where it comes from: the plan's reward forms, or the yearly titles every yearly round carries
    from_plan: bool = True


def offered_forms(movement: Movement, kind: str) -> list[Offer]:
    """The forms a round of `kind` offers: the movement's reward forms whose timing is the round's kind (an ad hoc
    round, when the plan names no ad hoc form, any of the plan's forms), an order the plan names without its class
    with its classes (catalog.CLASSES); a yearly round also the yearly titles the
    Director confers and Tập thể lao động xuất sắc, proposed upward."""
    rows = list(MovementRewardForm.objects.filter(movement=movement).select_related("form").order_by("order", "id"))
    matching = [r for r in rows if r.timing == kind]
    if kind == RoundKind.AD_HOC and not matching:
        matching = rows
    classes = {f.code: f for f in RewardForm.objects.filter(
        code__in=[c for r in matching for c in CLASSES.get(r.form.code, ())])}
    offers: dict[int, Offer] = {}
    for row in matching:
        authority = row.authority or row.form.authority
        for form in [row.form] + [classes[c] for c in CLASSES.get(row.form.code, ()) if c in classes]:
            if form.pk not in offers:
                offers[form.pk] = Offer(form, authority, decided_by_director(authority), row.quota)
    if kind == RoundKind.YEARLY:
        titles = {f.code: f for f in RewardForm.objects.filter(code__in=YEARLY_TITLES + YEARLY_UPWARD)}
        for code in YEARLY_TITLES + YEARLY_UPWARD:
            form = titles.get(code)
            if form is not None and form.pk not in offers:
                offers[form.pk] = Offer(form, form.authority, code in YEARLY_TITLES, from_plan=False)
    return list(offers.values())


def quota_units(agency: OrgUnit):
    """The units of the agency a per-unit quota may be given to: its phòng, ban and đơn vị directly under it."""
    return (OrgUnit.objects.filter(parent=agency, is_active=True).exclude(kind__in=NOT_NOMINATING | AGENCY_KINDS)
            .order_by("sort_order", "name_key", "id"))


def default_name(kind: str, year: int) -> str:
    """A round's name when the Office gives none (stored data, in Vietnamese)."""
    return {
        RoundKind.YEARLY: f"Đợt xét khen thưởng năm {year}",
        RoundKind.MIDTERM: f"Đợt xét khen thưởng sơ kết phong trào năm {year}",
        RoundKind.FINAL: f"Đợt xét khen thưởng tổng kết phong trào năm {year}",
    }.get(kind, f"Đợt xét khen thưởng đột xuất năm {year}")


@dataclass
class FormChoice:
    """One form put in play by the Office: its round-wide quota, whether the Director decides it, unit quotas."""

    form: RewardForm
    quota: int | None = None
    within_authority: bool | None = None  # None: as the form's authority says
    unit_quotas: dict | None = None  # {unit id: quota}


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _check(movement: Movement, *, actor, kind: str, year: int, submit_by, check_by, council_on,
           remind_days: int, choices: list[FormChoice], current: ReviewRound | None) -> list[Offer]:
    if actor is not None and not is_office(actor, movement.agency_id):
        raise ValidationError(_("Chỉ Văn phòng (thường trực Hội đồng) của cơ quan phát động phong trào được tạo, "
                                "sửa đợt xét khen thưởng."))
    if movement.status == MovementStatus.DRAFT:
        raise ValidationError(_("Phong trào chưa được phát động: chưa tạo được đợt xét khen thưởng."))
    errors: dict[str, list[str]] = {}
    if kind not in RoundKind.values:
        errors.setdefault("kind", []).append(_("Hãy chọn loại đợt xét."))
    if not movement.start_year <= year <= movement.end_year:
        errors.setdefault("year", []).append(
            _("Năm xét %(year)s không thuộc giai đoạn của phong trào (%(start)s - %(end)s).")
            % {"year": year, "start": movement.start_year, "end": movement.end_year})
    elif kind in ONE_A_YEAR:
        same = ReviewRound.objects.filter(movement=movement, kind=kind, year=year)
        if current is not None:
            same = same.exclude(pk=current.pk)
        if same.exists():
            label = str(RoundKind(kind).label).lower()
            errors.setdefault("year", []).append(
                _("Phong trào đã có đợt xét %(kind)s năm %(year)s.") % {"kind": label, "year": year})
    if submit_by and check_by and check_by < submit_by:
        errors.setdefault("check_by", []).append(
            _("Hạn Văn phòng kiểm tra (%(check)s) không được trước hạn đơn vị gửi hồ sơ (%(submit)s).")
            % {"check": _d(check_by), "submit": _d(submit_by)})
    if check_by and council_on and council_on < check_by:
        errors.setdefault("council_on", []).append(
            _("Ngày họp Hội đồng (%(council)s) không được trước hạn Văn phòng kiểm tra (%(check)s).")
            % {"council": _d(council_on), "check": _d(check_by)})
    if submit_by and submit_by.year not in (year, year + 1):
        errors.setdefault("submit_by", []).append(
            _("Hạn gửi hồ sơ (%(submit)s) phải trong năm xét %(year)s hoặc đầu năm sau.")
            % {"submit": _d(submit_by), "year": year})
    if remind_days is None or not 0 <= remind_days <= 60:
        errors.setdefault("remind_days", []).append(_("Số ngày nhắc trước hạn phải từ 0 đến 60."))
    offers = offered_forms(movement, kind) if kind in RoundKind.values else []
    offered = {o.form.pk for o in offers}
    units = set(quota_units(movement.agency).values_list("id", flat=True))
    seen = set()
    for choice in choices:
        if choice.form.pk not in offered:
            errors.setdefault("forms", []).append(
                _("“%(form)s” không có trong các hình thức khen thưởng của phong trào dành cho loại đợt xét này.")
                % {"form": choice.form.name})
        if choice.form.pk in seen:
            errors.setdefault("forms", []).append(_("“%(form)s” được chọn hai lần.") % {"form": choice.form.name})
        seen.add(choice.form.pk)
        for unit_id, quota in (choice.unit_quotas or {}).items():
            if unit_id not in units:
                errors.setdefault("forms", []).append(_("Chỉ tiêu cho một đơn vị không thuộc cơ quan."))
            elif choice.quota is not None and quota > choice.quota:
                errors.setdefault("forms", []).append(
                    _("Chỉ tiêu của một đơn vị (%(unit)s) cho “%(form)s” lớn hơn chỉ tiêu của cả đợt (%(all)s).")
                    % {"unit": quota, "form": choice.form.name, "all": choice.quota})
    if current is not None:
        kept = {c.form.pk for c in choices}
        used = (current.nominations.exclude(form_id__in=kept).values("form__name").annotate(n=Count("id"))
                .order_by("form__name"))
        for row in used:
            errors.setdefault("forms", []).append(
                _("Không bỏ được “%(form)s”: đã có %(n)s đề nghị với hình thức này.")
                % {"form": row["form__name"], "n": row["n"]})
    if errors:
        raise ValidationError(errors)
    return offers


def _forms_text(review_round: ReviewRound) -> str:
    """The forms and quotas as one line for the audit log."""
    parts = []
    for rf in review_round.forms.select_related("form").prefetch_related("unit_quotas__unit"):
        text = rf.form.name
        if rf.quota is not None:
            text += f" (tối đa {rf.quota})"
        if not rf.within_authority:
            text += " — đề nghị cấp trên"
        units = sorted(rf.unit_quotas.all(), key=lambda q: (q.unit.sort_order, q.unit.name_key, q.unit_id))
        if units:
            text += " [" + ", ".join(f"{q.unit.short_name or q.unit.name}: {q.quota}" for q in units) + "]"
        parts.append(text)
    return "; ".join(parts)


def _write_forms(review_round: ReviewRound, choices: list[FormChoice], offers: list[Offer]) -> None:
    by_form = {o.form.pk: o for o in offers}
    existing = {rf.form_id: rf for rf in review_round.forms.all()}
    order_of = {form_id: i for i, form_id in enumerate(by_form)}
    RoundForm.objects.filter(review_round=review_round).exclude(
        form_id__in=[c.form.pk for c in choices]).delete()
    for choice in choices:
        within = (choice.within_authority if choice.within_authority is not None
                  else by_form[choice.form.pk].within_authority)
        rf = existing.get(choice.form.pk) or RoundForm(review_round=review_round, form=choice.form)
        rf.quota, rf.within_authority, rf.order = choice.quota, within, order_of.get(choice.form.pk, 0)
        rf.save()
        quotas = {k: v for k, v in (choice.unit_quotas or {}).items() if v is not None}
        UnitQuota.objects.filter(round_form=rf).exclude(unit_id__in=list(quotas)).delete()
        for unit_id, quota in quotas.items():
            UnitQuota.objects.update_or_create(round_form=rf, unit_id=unit_id, defaults={"quota": quota})


@transaction.atomic
def create_round(movement: Movement, *, actor, kind: str, year: int, submit_by: dt.date, check_by: dt.date,
                 council_on: dt.date, remind_days: int = 3, name: str = "", note: str = "",
                 forms: list[FormChoice] | None = None) -> ReviewRound:
    """A new round of the movement, as a draft (the Office opens it with `services.move_round`). `forms`: the
    forms put in play (by default every offered one, each as its authority says, without quota)."""
    if forms is None:
        forms = [FormChoice(o.form) for o in offered_forms(movement, kind)]
    offers = _check(movement, actor=actor, kind=kind, year=year, submit_by=submit_by, check_by=check_by,
                    council_on=council_on, remind_days=remind_days, choices=forms, current=None)
    review_round = ReviewRound.objects.create(
        movement=movement, kind=kind, year=year, name=(name or "").strip() or default_name(kind, year),
        submit_by=submit_by, check_by=check_by, council_on=council_on, remind_days=remind_days,
        note=(note or "").strip(), created_by=actor if actor is not None and actor.pk else None)
    _write_forms(review_round, forms, offers)
    changes = {k: [None, v] for k, v in audit.snapshot(review_round, AUDIT_FIELDS).items()}
    changes[FORMS_KEY] = [None, _forms_text(review_round)]
    audit.record(AuditAction.CREATE, review_round, actor=actor, changes=changes)
    return review_round


@transaction.atomic
def save_round(review_round: ReviewRound, *, actor, submit_by: dt.date, check_by: dt.date, council_on: dt.date,
               remind_days: int, year: int | None = None, name: str = "", note: str = "",
               forms: list[FormChoice] | None = None) -> ReviewRound:
    """Change a round's deadlines, forms and quotas while it is a draft or receives dossiers. Its kind stays; a form
    already proposed in a nomination cannot be taken out."""
    review_round = ReviewRound.objects.select_for_update(of=("self",)).select_related("movement").get(pk=review_round.pk)
    if review_round.status not in EDITABLE_STATES:
        raise ValidationError(_("Đợt xét đã đóng nhận hồ sơ: không sửa được hạn, hình thức, chỉ tiêu nữa."))
    year = review_round.year if year is None else year
    choices = forms if forms is not None else [
        FormChoice(rf.form, rf.quota, rf.within_authority, {q.unit_id: q.quota for q in rf.unit_quotas.all()})
        for rf in review_round.forms.select_related("form").prefetch_related("unit_quotas")]
    offers = _check(review_round.movement, actor=actor, kind=review_round.kind, year=year, submit_by=submit_by,
                    check_by=check_by, council_on=council_on, remind_days=remind_days, choices=choices,
                    current=review_round)
    if review_round.status == RoundStatus.OPEN and not choices:
        raise ValidationError({"forms": [_("Đợt xét đang nhận hồ sơ phải có ít nhất một hình thức, danh hiệu.")]})
    before = audit.snapshot(review_round, AUDIT_FIELDS)
    forms_before = _forms_text(review_round)
    review_round.year, review_round.submit_by, review_round.check_by = year, submit_by, check_by
    review_round.council_on, review_round.remind_days = council_on, remind_days
    review_round.name = (name or "").strip() or review_round.name
    review_round.note = (note or "").strip()
    review_round.save(update_fields=[*AUDIT_FIELDS, "updated_at"])
    _write_forms(review_round, choices, offers)
    changes = audit.diff(before, audit.snapshot(review_round, AUDIT_FIELDS))
    forms_after = _forms_text(review_round)
    if forms_after != forms_before:
        changes[FORMS_KEY] = [forms_before, forms_after]
    if changes:
        audit.record(AuditAction.UPDATE, review_round, actor=actor, changes=changes)
    return review_round


# -- quotas ----------------------------------------------------------------------------------------------------------

def _counted(round_form: RoundForm, exclude_id: int | None = None):
    qs = Nomination.objects.filter(review_round_id=round_form.review_round_id, form_id=round_form.form_id,
                                   status__in=sorted(QUOTA_STATES))
    return qs.exclude(pk=exclude_id) if exclude_id else qs


@dataclass(frozen=True)
class QuotaUse:
    round_quota: int | None
    round_used: int
    #: the quota of the unit or of the nearest unit above it that has one (it counts its whole subtree)
    unit_quota: UnitQuota | None
    unit_used: int


def quota_use_of(round_form: RoundForm, unit: OrgUnit, *, exclude_id: int | None = None) -> QuotaUse:
    """How much of the form's quotas a nomination of `unit` finds used: the nominations sent or on their way
    (enums.QUOTA_STATES), `exclude_id` (the nomination being edited) left out."""
    round_used = _counted(round_form, exclude_id).count() if round_form.quota is not None else 0
    prefixes = [unit.path[:i] for i in range(len(unit.path), 0, -1) if unit.path[i - 1] == "/"]
    unit_quota = (UnitQuota.objects.filter(round_form=round_form, unit__path__in=prefixes)
                  .select_related("unit").order_by("-unit__depth").first())
    unit_used = (_counted(round_form, exclude_id).filter(unit__path__startswith=unit_quota.unit.path).count()
                 if unit_quota is not None else 0)
    return QuotaUse(round_form.quota, round_used, unit_quota, unit_used)


def quota_left(round_form: RoundForm, unit: OrgUnit) -> tuple[int | None, int | None]:
    """What is left of the form's quotas for a nomination of `unit`: (over the whole round, for the unit) — None
    where there is no quota."""
    use = quota_use_of(round_form, unit)
    round_left = max(0, use.round_quota - use.round_used) if use.round_quota is not None else None
    unit_left = max(0, use.unit_quota.quota - use.unit_used) if use.unit_quota is not None else None
    return round_left, unit_left


def quota_use(review_round: ReviewRound) -> dict[int, int]:
    """{round form id: nominations counted against its quota} for a round's page (one query)."""
    counts = dict(Nomination.objects.filter(review_round=review_round, status__in=list(QUOTA_STATES))
                  .values("form_id").annotate(n=Count("id")).values_list("form_id", "n"))
    return {rf.pk: counts.get(rf.form_id, 0) for rf in review_round.forms.all()}


# -- reminders -------------------------------------------------------------------------------------------------------

REMINDER_JOB = "awards.round_reminders"


def due_reminders(today: dt.date | None = None):
    """The open rounds whose reminder window (from `remind_days` days before the units' deadline to the deadline)
    holds `today`."""
    today = today or timezone.localdate()
    rounds = ReviewRound.objects.filter(status=RoundStatus.OPEN, submit_by__gte=today).select_related(
        "movement", "movement__agency")
    return [r for r in rounds if r.submit_by - dt.timedelta(days=r.remind_days) <= today]


def send_reminders(today: dt.date | None = None) -> int:
    """Remind the heads of every unit that has not submitted any nomination in an open round whose deadline is
    near — once per unit and round (RoundReminder). Returns how many units were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    for review_round in due_reminders(today):
        reminded += _remind(review_round, today)
    return reminded


@transaction.atomic
def _remind(review_round: ReviewRound, today: dt.date) -> int:
    review_round = ReviewRound.objects.select_for_update(of=("self",)).select_related("movement__agency").get(pk=review_round.pk)
    if review_round.status != RoundStatus.OPEN:
        return 0
    agency = review_round.movement.agency
    grants = list(RoleGrant.objects.filter(role=Role.UNIT_HEAD, is_active=True,
                                           unit__in=OrgUnit.objects.of_agencies([agency.pk]))
                  .exclude(unit__kind__in=AGENCY_KINDS).select_related("user", "unit").order_by("unit__path", "id"))
    done = set(RoundReminder.objects.filter(review_round=review_round).values_list("unit_id", flat=True))
    sent_paths = list(Nomination.objects.filter(review_round=review_round)
                      .exclude(status__in=list(UNIT_STATES)).values_list("unit__path", flat=True).distinct())
    heads: dict[int, list] = {}
    units: dict[int, OrgUnit] = {}
    for grant in grants:
        if grant.unit_id in done or any(path.startswith(grant.unit.path) for path in sent_paths):
            continue
        heads.setdefault(grant.unit_id, []).append(grant.user)
        units[grant.unit_id] = grant.unit
    if not heads:
        return 0
    RoundReminder.objects.bulk_create([RoundReminder(review_round=review_round, unit_id=unit_id) for unit_id in heads])
    url = reverse("awards:round", args=[review_round.pk])
    days = (review_round.submit_by - today).days
    when = "hôm nay" if days <= 0 else f"còn {days} ngày"
    for unit_id, users in heads.items():
        notify(users, f"Nhắc hạn {review_round.name}: {units[unit_id].name} chưa gửi đề nghị khen thưởng nào; hạn gửi "
                      f"hồ sơ là {_d(review_round.submit_by)} ({when}).", url, email=True)
    audit.record(AuditAction.UPDATE, review_round, actor=None,
                 note="Nhắc hạn gửi hồ sơ: " + ", ".join(units[unit_id].name for unit_id in heads))
    return len(heads)



def _reminder_job(ctx) -> dict:
    return {"reminded": send_reminders()}


def register_jobs() -> None:
    """The reminder job, run every hour by the demo's thread runner and by `thidua worker` (core.jobs.schedule); it
    may run again after its process died (a unit is reminded once per round whatever happens)."""
    jobs.handler(REMINDER_JOB, retry=True)(_reminder_job)
    jobs.schedule(REMINDER_JOB, every=dt.timedelta(hours=1), title="Nhắc hạn gửi hồ sơ đề nghị khen thưởng")
