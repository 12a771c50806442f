"""A nomination's dossier (hồ sơ đề nghị khen thưởng): which components the regime governing it requires, the
files the unit generated or uploaded for each, and the checks a file passes before it is kept (PDF, DOCX or an
image, recognised by its content, within the size limit). A new file for a part keeps the earlier ones."""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction

from . import legal
from .enums import UNIT_STATES, DossierPart, DossierStage, NominationStatus, RecipientKind
from .models import DossierFile, Initiative, Nomination

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX_TYPE, "jpg": "image/jpeg", "png": "image/png",
                 "webp": "image/webp"}
#: the parts of a DOCX unpacked at most (a "zip bomb" is refused before it is opened further)
DOCX_MAX_UNCOMPRESSED = 200 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "AWARDS_DOSSIER_MAX_BYTES", 10 * 1024 * 1024))


def _mb(n: int) -> str:
    text = f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# -- the regime and the components ------------------------------------------------------------------------------

def governing_for(nomination: Nomination, *, stored: bool = True) -> legal.Governing | None:
    """The regime governing the nomination (legal.governing_for: its review day, a dossier first submitted before a
    regime that keeps the pipeline staying under the one before); once the Office accepted the nomination, the
    regime it fixed then (`stored`). None when no regime covers the day (the page says so)."""
    if stored and nomination.regime_id and nomination.status not in UNIT_STATES | {NominationStatus.SUBMITTED}:
        return legal.Governing(nomination.regime, nomination.regime_reason)
    try:
        return legal.governing_for(nomination)
    except ValidationError:
        return None


def has_initiatives(nomination: Nomination) -> bool:
    if nomination.recipient != RecipientKind.INDIVIDUAL or nomination.person_id is None:
        return False
    return Initiative.objects.filter(person_id=nomination.person_id, year=nomination.review_round.year).exists()


@dataclass
class ChecklistItem:
    part: str
    label: str
    required: bool
    files: list = field(default_factory=list)

    @property
    def latest(self) -> DossierFile | None:
        return self.files[0] if self.files else None

    @property
    def done(self) -> bool:
        return bool(self.files)


def checklist(nomination: Nomination, *, governing: legal.Governing | None = None,
              files: list[DossierFile] | None = None) -> list[ChecklistItem]:
    """The components the form requires at submission under the governing regime, each with its files (newest
    first); then any other part that has files (an "other" document, a component no longer required)."""
    governing = governing if governing is not None else governing_for(nomination)
    if files is None:
        files = list(nomination.files.select_related("uploaded_by").order_by("-uploaded_at", "-id"))
    by_part: dict[str, list] = {}
    for f in files:
        by_part.setdefault(f.part, []).append(f)
    items = []
    if governing is not None:
        for rule in legal.dossier_rules(governing.regime, nomination.form_id, stage=DossierStage.SUBMIT,
                                        with_initiatives=has_initiatives(nomination)):
            items.append(ChecklistItem(rule.part, str(DossierPart(rule.part).label), rule.required,
                                       by_part.pop(rule.part, [])))
    for part in DossierPart.values:
        if part in by_part:
            items.append(ChecklistItem(part, str(DossierPart(part).label), False, by_part.pop(part)))
    order = {part: i for i, part in enumerate(DossierPart.values)}  # the law's order: tờ trình, biên bản, …
    return sorted(items, key=lambda item: (not item.required, order[item.part]))


def missing_items(nomination: Nomination) -> list[ChecklistItem]:
    """The required components without a file."""
    return [item for item in checklist(nomination) if item.required and not item.done]


def missing_parts(nomination: Nomination) -> list[str]:
    """The labels of the required components without a file."""
    return [item.label for item in missing_items(nomination)]


# -- files -----------------------------------------------------------------------------------------------------

@dataclass
class CheckedDossierFile:
    name: str
    data: bytes
    extension: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def _is_docx(name: str, data: bytes) -> bool:
    """A Word document: a ZIP (PK) holding word/document.xml and its content types, of a sane unpacked size."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > DOCX_MAX_UNCOMPRESSED:
                raise ValidationError(_("Tệp “%(name)s” giải nén ra quá lớn nên không được nhận.") % {"name": name})
            return "word/document.xml" in names and "[Content_Types].xml" in names
    except zipfile.BadZipFile:
        return False


def too_big_message(name: str = "") -> str:
    """The refusal of a file over the limit, naming it when its name is known."""
    if name:
        return _("Tệp “%(name)s” quá lớn; giới hạn là %(limit)s MB mỗi tệp.") % {"name": name,
                                                                              "limit": _mb(max_bytes())}
    return _("Tệp tải lên quá lớn; giới hạn là %(limit)s MB mỗi tệp.") % {"limit": _mb(max_bytes())}


def check_file(upload) -> CheckedDossierFile:
    """Raise a ValidationError (Vietnamese, naming the file and the limit) unless the upload is a PDF, a DOCX or
    an image (JPEG, PNG, WebP) by its content, within the size limit. Nothing is written."""
    from thidua.participation.evidence import check_upload

    name = getattr(upload, "name", "") or _("tệp")
    limit = max_bytes()
    size = getattr(upload, "size", None)
    too_big = too_big_message(name)
    if size is not None and size > limit:
        raise ValidationError(too_big)
    data = upload.read(limit + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if len(data) > limit:
        raise ValidationError(too_big)
    if not data:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if data.startswith(b"PK"):
        if _is_docx(name, data):
            return CheckedDossierFile(name, data, "docx")
        raise ValidationError(_("Tệp “%(name)s” là tệp nén nhưng không phải văn bản Word (DOCX); chỉ nhận PDF, "
                                "DOCX hoặc ảnh.") % {"name": name})
    try:
        checked = check_upload(ContentFile(data, name=name))
    except ValidationError as exc:
        raise ValidationError(_("Tệp “%(name)s” không được nhận: chỉ nhận PDF, DOCX hoặc ảnh (JPEG, PNG, WebP), "
                                "nhận biết theo nội dung. %(why)s") % {"name": name, "why": " ".join(exc.messages)}
                              ) from exc
    return CheckedDossierFile(name, checked.data, checked.extension)


def _part_label(part: str) -> str:
    with translation.override("vi"):
        return str(DossierPart(part).label)


def add_file(nomination: Nomination, part: str, checked: CheckedDossierFile, *, actor,
             generated: bool = False) -> DossierFile:
    """Keep a checked file as the newest of its part (the earlier ones stay), and audit it."""
    if part not in DossierPart.values:
        raise ValidationError(_("Thành phần hồ sơ không hợp lệ."))
    row = DossierFile(nomination=nomination, part=part, filename=checked.name[:255],
                      content_type=checked.content_type, size=len(checked.data), generated=generated,
                      uploaded_by=actor if getattr(actor, "pk", None) else None)
    row.file.save(f"{uuid.uuid4().hex[:16]}.{checked.extension}", ContentFile(checked.data), save=False)
    row.save()
    audit.record(AuditAction.CREATE, nomination, actor=actor,
                 changes={"dossier": [None, f"{_part_label(part)}: {row.filename}"]},
                 note="Hệ thống tạo tệp hồ sơ" if generated else "Tải lên tệp hồ sơ")  # the audit log is Vietnamese
    return row


# -- the evidence the system holds for the period ---------------------------------------------------------------

@dataclass
class Figures:
    year: int
    activities: int = 0
    households: int = 0
    value: int = 0  # cash + in kind, đồng
    contributed: int = 0  # to the fund's campaigns of the year, đồng
    registered: bool | None = None  # a person's approved registration for the movement and year
    title_registered: str = ""


def evidence_figures(nomination: Nomination) -> Figures:
    """What the system holds for the nominee over the round's year: support activities (count, households
    supported, value), fund contributions, the registration."""
    from thidua.fund.models import Balance
    from thidua.participation.models import Activity, ActivityStat
    from thidua.participation.registrations.models import RegistrationEntry
    from thidua.participation.registrations.services import is_registered

    review_round = nomination.review_round
    year = review_round.year
    figures = Figures(year=year)
    if nomination.recipient == RecipientKind.INDIVIDUAL and nomination.person_id:
        acts = Activity.objects.filter(people=nomination.person_id, held_on__year=year)
        figures.activities = acts.count()
        figures.households = (Activity.households.through.objects
                              .filter(activity__in=acts.values("id")).values("household_id").distinct().count())
        totals = acts.aggregate(cash=Sum("cash_value"), kind=Sum("in_kind_value"))
        figures.value = (totals["cash"] or 0) + (totals["kind"] or 0)
        figures.contributed = (Balance.objects.filter(person_id=nomination.person_id,
                                                      campaign__start_date__year=year)
                               .aggregate(s=Sum("collected"))["s"] or 0)
        figures.registered = is_registered(nomination.person, review_round.movement, year)
        entry = (RegistrationEntry.objects.filter(person_id=nomination.person_id,
                                                  registration__movement_id=review_round.movement_id,
                                                  registration__year=year).select_related("title").first())
        figures.title_registered = entry.title.name if entry and entry.title_id else ""
    elif nomination.recipient == RecipientKind.HOUSEHOLD and nomination.household_id:
        acts = Activity.objects.filter(households=nomination.household_id, held_on__year=year)
        figures.activities = acts.count()
        totals = acts.aggregate(cash=Sum("cash_value"), kind=Sum("in_kind_value"))
        figures.value = (totals["cash"] or 0) + (totals["kind"] or 0)
    else:
        stat = ActivityStat.objects.filter(unit_id=nomination.unit_id, year=year, item_key=0).first()
        if stat is not None:
            figures.activities, figures.households = stat.activities, stat.households
            figures.value = stat.cash_value + stat.in_kind_value
        figures.contributed = (Balance.objects.filter(unit_id=nomination.unit_id, campaign__start_date__year=year)
                               .aggregate(s=Sum("collected"))["s"] or 0)
    return figures


# -- completeness of many nominations at once (the lists: a fixed number of queries whatever the rows) ------------

def regime_among(regimes: list, day, submitted_on):
    """legal.governing's choice over regimes already loaded (kept in step with it; a test holds them equal)."""
    current = None
    for regime in regimes:  # ordered by valid_from
        if regime.valid_from <= day and (regime.valid_to is None or day <= regime.valid_to):
            current = regime
    if current is not None and current.keeps_pipeline and submitted_on is not None and \
            submitted_on < current.valid_from:
        before = [r for r in regimes if r.valid_from < current.valid_from]
        if before:
            return before[-1]
    return current


def completeness(nominations: list[Nomination]) -> None:
    """Set `missing` (labels of required parts without a file) and `regime` on each nomination, in four queries."""
    from .models import DossierRule, LegalRegime

    if not nominations:
        return
    regimes = list(LegalRegime.objects.order_by("valid_from"))
    rules = list(DossierRule.objects.filter(stage=DossierStage.SUBMIT).order_by("part", "id"))
    ids = [n.pk for n in nominations]
    parts: dict[int, set] = {}
    for nomination_id, part in DossierFile.objects.filter(nomination_id__in=ids).values_list("nomination_id",
                                                                                            "part").distinct():
        parts.setdefault(nomination_id, set()).add(part)
    people = {n.person_id for n in nominations if n.person_id}
    with_initiatives = set(Initiative.objects.filter(person_id__in=sorted(people))
                           .values_list("person_id", "year").distinct()) if people else set()
    for n in nominations:
        submitted = timezone.localdate(n.first_submitted_at) if n.first_submitted_at else None
        regime = regime_among(regimes, n.review_round.council_on, submitted)
        n.governing_regime = regime
        initiatives = n.recipient == RecipientKind.INDIVIDUAL and (n.person_id, n.review_round.year) in \
            with_initiatives
        required, seen = [], set()
        for rule in rules:
            if regime is None or rule.regime_id != regime.pk or rule.form_id not in (None, n.form_id):
                continue
            if rule.only_with_initiatives and not initiatives:
                continue
            if rule.part in seen:
                continue
            seen.add(rule.part)
            if rule.required:
                required.append(rule.part)
        have = parts.get(n.pk, set())
        n.missing = [str(DossierPart(p).label) for p in required if p not in have]


#: the states in which the Office holds a dossier it must handle in time
PROCESSING_STATES = (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED)


def processing_deadlines(nominations: list[Nomination], today=None) -> None:
    """Set `processing` (a core.workdays.Deadline) on each nomination the Office holds whose dossier is complete
    (after `completeness`): the governing regime's working days (`processing_days`) counted from the day the
    dossier became complete — its submission, or the last file uploaded after it. `complete_on` is that day.
    Nominations with parts missing get `processing = None`: the clock has not started."""
    from django.db.models import Max

    from thidua.core import workdays

    held = [n for n in nominations if n.status in PROCESSING_STATES and n.submitted_at is not None]
    for n in nominations:
        n.processing, n.complete_on = None, None
    complete = [n for n in held if not getattr(n, "missing", None) and getattr(n, "governing_regime", None)]
    if not complete:
        return
    last_upload = dict(DossierFile.objects.filter(nomination_id__in=[n.pk for n in complete])
                       .values_list("nomination_id").annotate(last=Max("uploaded_at")).values_list("nomination_id",
                                                                                                  "last"))
    calendar = workdays.Calendar()
    today = today or timezone.localdate()
    for n in complete:
        start = timezone.localdate(n.submitted_at)
        uploaded = last_upload.get(n.pk)
        if uploaded is not None and timezone.localdate(uploaded) > start:
            start = timezone.localdate(uploaded)
        n.complete_on = start
        n.processing = workdays.deadline(calendar, start, n.governing_regime.processing_days, today)
