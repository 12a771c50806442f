"""Evaluation against the plan's criteria (issue 9 §4): in a round, each collective criterion of the movement's plan
scored for a unit, each individual criterion for a nominee of the unit — a score within the criterion's maximum,
or met / not met when it has none — with a note and the evidence. Zero is a result: a unit that scores 0
everywhere may still submit.

Who edits: the head of the unit (his subtree) or the Office of the round's agency, while the round takes
submissions and, for a nominee's rows, while his nomination is with the unit. Every save is audited; a refused
save writes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.movements.enums import CriterionTarget
from thidua.movements.models import Criterion
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope
from thidua.participation.evidence import check_upload, remove_written

from .enums import UNIT_STATES, RecipientKind, RoundStatus
from .models import Evaluation, Nomination, ReviewRound
from .roles import is_office

AUDITED = ["score", "met", "note", "evidence"]


def may_edit_unit(user, review_round: ReviewRound, unit: OrgUnit) -> bool:
    """The head of the unit or the Office of the round's agency (the administrator too)."""
    return is_office(user, review_round.movement.agency_id) or get_scope(user).heads(unit)


def criteria(review_round: ReviewRound, target: str) -> list[Criterion]:
    return list(Criterion.objects.filter(movement_id=review_round.movement_id, target=target))


def nominees(review_round: ReviewRound, unit: OrgUnit) -> list[Nomination]:
    """The unit's individual nominations in the round (the people its individual criteria are scored for)."""
    return list(Nomination.objects.filter(review_round=review_round, unit=unit, recipient=RecipientKind.INDIVIDUAL)
                .select_related("person", "form").order_by("person__sort_key", "id"))


def round_open_problem(review_round: ReviewRound) -> str | None:
    if review_round.status != RoundStatus.OPEN:
        return _("Đợt xét “%(round)s” không nhận hồ sơ (%(state)s): không sửa được việc chấm điểm.") % {
            "round": review_round.name, "state": review_round.get_status_display()}
    return None


def nomination_open(nomination: Nomination) -> bool:
    return nomination.status in UNIT_STATES


def unit_open(review_round: ReviewRound, unit: OrgUnit) -> bool:
    """The unit's own (collective) scores may change while no collective nomination of the unit in the round has
    been sent on: once one is with the Office or the Council, the scores it was sent with stay as they were."""
    return not (Nomination.objects.filter(review_round=review_round, unit=unit, recipient=RecipientKind.COLLECTIVE)
                .exclude(status__in=sorted(UNIT_STATES)).exists())


@dataclass
class Row:
    """One criterion's input for the unit (nomination None) or for a nominee."""

    criterion: Criterion
    nomination: Nomination | None = None
    score: int | None = None
    met: bool | None = None
    note: str = ""
    evidence: str = ""
    upload: object | None = None


def check_row(row: Row) -> None:
    criterion = row.criterion
    short = criterion.text if len(criterion.text) <= 80 else criterion.text[:79] + "…"
    if criterion.max_score is not None:
        if row.score is not None and row.score > criterion.max_score:
            raise ValidationError(_("Tiêu chí “%(criterion)s”: điểm %(score)s vượt điểm tối đa %(max)s.") % {
                "criterion": short, "score": row.score, "max": criterion.max_score})
        if row.score is not None and row.score < 0:
            raise ValidationError(_("Tiêu chí “%(criterion)s”: điểm không được âm.") % {"criterion": short})
    elif row.score is not None:
        raise ValidationError(_("Tiêu chí “%(criterion)s” không chấm điểm: hãy chọn đạt hoặc không đạt.") % {
            "criterion": short})


@transaction.atomic
def save(review_round: ReviewRound, unit: OrgUnit, rows: list[Row], *, actor) -> int:
    """Check every row, then write them all (or nothing). Returns how many evaluations changed."""
    problem = round_open_problem(review_round)
    if problem:
        raise ValidationError(problem)
    if not may_edit_unit(actor, review_round, unit):
        raise ValidationError(_("Chỉ trưởng đơn vị hoặc Văn phòng được chấm điểm cho đơn vị này."))
    checked = []
    collective_open = unit_open(review_round, unit)
    for row in rows:
        if row.criterion.movement_id != review_round.movement_id:
            raise ValidationError(_("Tiêu chí không thuộc kế hoạch của phong trào."))
        if row.nomination is not None:
            if row.nomination.unit_id != unit.pk or row.nomination.review_round_id != review_round.pk:
                raise ValidationError(_("Đề nghị không thuộc đơn vị trong đợt xét này."))
            if row.criterion.target != CriterionTarget.INDIVIDUAL:
                raise ValidationError(_("Tiêu chí tập thể chỉ chấm cho đơn vị."))
            if not nomination_open(row.nomination):
                continue  # sent on: its scores are kept as they were
        elif row.criterion.target != CriterionTarget.COLLECTIVE:
            raise ValidationError(_("Tiêu chí cá nhân chỉ chấm cho người được đề nghị."))
        elif not collective_open:
            continue  # the unit's collective nomination was sent on: its scores are kept as they were
        check_row(row)
        checked.append((row, check_upload(row.upload) if row.upload else None))
    written: list = []
    changed = 0
    try:
        for row, upload in checked:
            changed += _write(review_round, unit, row, upload, actor, written)
    except Exception:
        remove_written(written)
        raise
    return changed


def _write(review_round, unit, row: Row, upload, actor, written: list) -> int:
    import uuid

    from django.core.files.base import ContentFile

    evaluation = Evaluation.objects.filter(review_round=review_round, criterion=row.criterion, unit=unit,
                                           nomination=row.nomination).first()
    creating = evaluation is None
    if creating:
        evaluation = Evaluation(review_round=review_round, criterion=row.criterion, unit=unit,
                                nomination=row.nomination)
        before = dict.fromkeys(AUDITED)
    else:
        before = audit.snapshot(evaluation, AUDITED)
    has_max = row.criterion.max_score is not None
    evaluation.score = row.score if has_max else None
    evaluation.met = None if has_max else row.met
    evaluation.note = (row.note or "").strip()
    evaluation.evidence = (row.evidence or "").strip()
    if upload is not None:
        evaluation.evidence_file.save(f"{uuid.uuid4().hex[:16]}.{upload.extension}", ContentFile(upload.data),
                                      save=False)
        written.append(evaluation.evidence_file)
    after = audit.snapshot(evaluation, AUDITED)
    if not creating and after == before and upload is None:
        return 0
    if creating and evaluation.score is None and evaluation.met is None and not evaluation.note \
            and not evaluation.evidence and upload is None:
        return 0  # nothing entered for this criterion
    evaluation.updated_by = actor
    evaluation.save()
    note = _("Chấm điểm tiêu chí") + (f" — {row.nomination.nominee_name}" if row.nomination else f" — {unit.name}")
    if upload is not None:
        note += " " + _("(kèm tệp minh chứng)")
    audit.record(AuditAction.CREATE if creating else AuditAction.UPDATE, evaluation, actor=actor,
                 target_repr=label(evaluation), agency_id=review_round.movement.agency_id,
                 changes=audit.diff(before, after), note=note)
    return 1


def label(evaluation: Evaluation) -> str:
    text = evaluation.criterion.text
    return f"{text[:120]} — {evaluation.nomination.nominee_name if evaluation.nomination_id else evaluation.unit.name}"


def total(evaluations) -> tuple[int, int]:
    """(score, maximum) over the scored criteria of these evaluations."""
    got = sum(e.score or 0 for e in evaluations if e.criterion.max_score is not None)
    top = sum(e.criterion.max_score for e in evaluations if e.criterion.max_score is not None)
    return got, top
