"""Evaluation against the plan's criteria, the nominee's self-assessment and the unit's review meeting (họp bình
xét) with its minutes (issue 9 §4, §5)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from thidua.core import audit
from thidua.core.access import SIGNED_IN, access
from thidua.core.forms import BoundedModelMultipleChoiceField, DayField, apply_validation_error, bound_integer
from thidua.core.submission import OneSubmissionMixin, single_submission
from thidua.movements.enums import CriterionTarget
from thidua.org.forms import DATE_FORMATS, DATE_WIDGET
from thidua.org.models import OrgUnit
from thidua.org.rules import is_admin, is_secretariat, is_unit_head
from thidua.org.scoping import get_scope

from .. import evaluation as evaluation_service
from .. import meetings as meeting_service
from ..enums import UNIT_STATES, DossierPart, RecipientKind, RoundStatus
from ..evidence import period_label, round_period, suggest_for_person, suggest_for_unit
from ..models import DossierFile, Evaluation, MeetingVote, Nomination, ReviewMeeting, ReviewRound
from ..scoping import nominating_units, nomination_for, round_for, visible_rounds

#: who evaluates and holds review meetings: a unit head, the Office, the administrator
unit_or_office = is_admin | is_secretariat | is_unit_head


def _round_and_unit(request, round_id: int, unit_id: int) -> tuple[ReviewRound, OrgUnit]:
    """The round (visible to the user) and a unit he proposes for, of the round's agency; 404 otherwise."""
    review_round = round_for(request.user, round_id)
    unit = nominating_units(request.user).filter(pk=unit_id).select_related("agency", "parent").first()
    if unit is None or unit.home_agency_id != review_round.movement.agency_id:
        raise Http404
    return review_round, unit


def _meeting_for(request, meeting_id: int) -> ReviewMeeting:
    meeting = (ReviewMeeting.objects.filter(pk=meeting_id, unit__in=nominating_units(request.user),
                                            review_round__in=visible_rounds(request.user))
               .select_related("review_round__movement__agency", "unit__agency", "unit__parent", "chair",
                               "secretary").first())
    if meeting is None:
        raise Http404
    return meeting


# -- evaluation ------------------------------------------------------------------------------------------------------

MET_CHOICES = [("", _("— chưa đánh giá —")), ("yes", _("Đạt")), ("no", _("Không đạt"))]


class EvaluationForm(forms.Form):
    """One group of fields per criterion row: the unit's collective criteria ("u-<criterion>-…") and each
    nominee's individual criteria ("n<nomination>-<criterion>-…")."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for key in dict.fromkeys(row["group"] for row in rows):
            self.fields[f"suggest-{key}"] = forms.BooleanField(
                label=_("Ghi các số liệu hệ thống đã có vào ô minh chứng còn trống"), required=False)
        for row in rows:
            prefix = row["prefix"]
            criterion = row["criterion"]
            if criterion.max_score is not None:
                score = bound_integer(forms.IntegerField(
                    label=_("Điểm"), required=False,
                    error_messages={"invalid": _("Điểm phải là một số nguyên.")}), 0, 1000)
                self.fields[f"{prefix}score"] = score
            else:
                self.fields[f"{prefix}met"] = forms.ChoiceField(
                    label=_("Kết quả"), required=False, choices=MET_CHOICES,
                    error_messages={"invalid_choice": _("Hãy chọn đạt hoặc không đạt.")})
            self.fields[f"{prefix}note"] = forms.CharField(
                label=_("Nhận xét"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{prefix}evidence"] = forms.CharField(
                label=_("Minh chứng"), required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{prefix}file"] = forms.FileField(
                label=_("Tệp minh chứng (PDF, ảnh)"), required=False,
                error_messages={"invalid": _("Tệp tải lên không đọc được."),
                                "empty": _("Tệp tải lên rỗng.")})

    def field(self, row, name):
        key = f"{row['prefix']}{name}"
        return self[key] if key in self.fields else None

    def inputs(self, suggested: dict[str, str]) -> list[evaluation_service.Row]:
        """The rows to save; an empty evidence box takes the system's figures when its section asks for them."""
        data = self.cleaned_data
        out = []
        for row in self.rows:
            prefix = row["prefix"]
            met = data.get(f"{prefix}met") or ""
            evidence = data.get(f"{prefix}evidence", "")
            if not evidence.strip() and data.get(f"suggest-{row['group']}"):
                evidence = suggested.get(row["group"], "")
            out.append(evaluation_service.Row(
                criterion=row["criterion"], nomination=row["nomination"], score=data.get(f"{prefix}score"),
                met={"yes": True, "no": False}.get(met), note=data.get(f"{prefix}note", ""),
                evidence=evidence, upload=data.get(f"{prefix}file")))
        return out


def _evaluation_rows(review_round, unit) -> tuple[list[dict], list[dict]]:
    collective = evaluation_service.criteria(review_round, CriterionTarget.COLLECTIVE)
    individual = evaluation_service.criteria(review_round, CriterionTarget.INDIVIDUAL)
    saved = {(e.criterion_id, e.nomination_id): e for e in
             Evaluation.objects.filter(review_round=review_round, unit=unit).select_related("criterion")}
    unit_open = evaluation_service.unit_open(review_round, unit)
    unit_rows = [{"prefix": f"u-{c.pk}-", "group": "u", "criterion": c, "nomination": None,
                  "saved": saved.get((c.pk, None)), "open": unit_open} for c in collective]
    people = []
    for nomination in evaluation_service.nominees(review_round, unit):
        rows = [{"prefix": f"n{nomination.pk}-{c.pk}-", "group": f"n{nomination.pk}", "criterion": c,
                 "nomination": nomination,
                 "saved": saved.get((c.pk, nomination.pk)), "open": evaluation_service.nomination_open(nomination)}
                for c in individual]
        people.append({"nomination": nomination, "rows": rows})
    return unit_rows, people


def _lines_text(lines) -> str:
    return "\n".join(str(line) for line in lines)


def _initial(rows) -> dict:
    initial = {}
    for row in rows:
        saved = row["saved"]
        if saved is None:
            continue
        prefix = row["prefix"]
        initial[f"{prefix}score"] = saved.score
        initial[f"{prefix}met"] = {True: "yes", False: "no"}.get(saved.met, "")
        initial[f"{prefix}note"] = saved.note
        initial[f"{prefix}evidence"] = saved.evidence
    return initial


@access(unit_or_office)
def evaluation(request, round_id: int, unit_id: int):
    review_round, unit = _round_and_unit(request, round_id, unit_id)
    unit_rows, people = _evaluation_rows(review_round, unit)
    editable_rows = [r for r in unit_rows if r["open"]] + [r for p in people for r in p["rows"] if r["open"]]
    closed = evaluation_service.round_open_problem(review_round)
    form = EvaluationForm(request.POST or None, request.FILES or None, rows=editable_rows,
                          initial=_initial(editable_rows))
    start, end = round_period(review_round)
    unit_evidence = suggest_for_unit(unit, review_round.movement, start, end)
    for person in people:
        person["evidence"] = suggest_for_person(person["nomination"].person, review_round.movement, start, end)
    suggested = {"u": _lines_text(unit_evidence)}
    suggested.update({f"n{p['nomination'].pk}": _lines_text(p["evidence"]) for p in people})
    if request.method == "POST":
        if closed:
            messages.error(request, closed)
        elif form.is_valid():
            try:
                changed = evaluation_service.save(review_round, unit, form.inputs(suggested), actor=request.user)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, gettext("Đã lưu kết quả chấm điểm (%(n)s tiêu chí thay đổi).") % {
                    "n": changed})
                return redirect("awards:evaluation", round_id=review_round.pk, unit_id=unit.pk)
    editable_prefixes = {r["prefix"] for r in editable_rows}
    for row in unit_rows + [r for p in people for r in p["rows"]]:
        row["editable"] = row["prefix"] in editable_prefixes and not closed
        for name in ("score", "met", "note", "evidence", "file"):
            row[name] = form.field(row, name) if row["prefix"] in editable_prefixes else None
    for person in people:
        person["suggest"] = form[f"suggest-n{person['nomination'].pk}"] if f"suggest-n{person['nomination'].pk}" \
            in form.fields else None
        person["total"] = evaluation_service.total([r["saved"] for r in person["rows"] if r["saved"]])
    return render(request, "awards/evaluation.html", {
        "round": review_round, "unit": unit, "form": form, "unit_rows": unit_rows, "people": people,
        "unit_evidence": unit_evidence, "unit_suggest": form["suggest-u"] if "suggest-u" in form.fields else None,
        "unit_total": evaluation_service.total([r["saved"] for r in unit_rows if r["saved"]]),
        "period": period_label(start, end), "closed": closed,
    })


# -- self-assessment -------------------------------------------------------------------------------------------------

class SelfAssessmentForm(forms.Form):
    self_assessment = forms.CharField(
        label=_("Tự nhận xét, đánh giá"), max_length=8000, widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Hãy viết bản tự nhận xét, đánh giá."),
                        "max_length": _("Bản tự nhận xét dài quá %(limit_value)s ký tự.")})
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**9,
                                 error_messages={"required": _("Thiếu phiên bản của đề nghị; hãy tải lại trang."),
                                                 "invalid": _("Phiên bản của đề nghị không hợp lệ; hãy tải lại "
                                                              "trang.")})


@access(SIGNED_IN)
def self_assessment(request, nomination_id: int):
    """The nominee writes his self-assessment for his own nomination while it is with the unit; whoever sees the
    nomination reads it."""
    nomination = nomination_for(request.user, nomination_id)
    mine = (nomination.recipient == RecipientKind.INDIVIDUAL and nomination.person_id is not None
            and nomination.person_id == get_scope(request.user).own_person_id)
    editable = mine and nomination.status in UNIT_STATES
    form = SelfAssessmentForm(request.POST or None, initial={"self_assessment": nomination.self_assessment,
                                                             "version": nomination.version})
    if request.method == "POST":
        if not mine:
            raise PermissionDenied
        if not editable:
            messages.error(request, gettext("Đề nghị đã được gửi đi: không sửa bản tự nhận xét được nữa."))
        elif form.is_valid():
            with transaction.atomic():
                current = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
                if current.version != form.cleaned_data["version"]:
                    form.add_error(None, gettext("Đề nghị vừa được người khác thay đổi; hãy tải lại trang, xem "
                                                 "bản mới rồi sửa lại. Nội dung của bạn chưa được lưu."))
                elif current.status not in UNIT_STATES:
                    form.add_error(None, gettext("Đề nghị đã được gửi đi: không sửa bản tự nhận xét được nữa."))
                else:
                    before = audit.snapshot(current, ["self_assessment"])
                    current.self_assessment = form.cleaned_data["self_assessment"]
                    current.version += 1
                    current.save(update_fields=["self_assessment", "version", "updated_at"])
                    audit.changed(current, before, actor=request.user, note=gettext("Tự nhận xét, đánh giá"))
                    messages.success(request, gettext("Đã lưu bản tự nhận xét, đánh giá."))
                    return redirect("awards:self_assessment", nomination_id=nomination.pk)
    return render(request, "awards/self_assessment.html", {"nomination": nomination, "form": form,
                                                            "editable": editable, "mine": mine})


# -- review meetings -------------------------------------------------------------------------------------------------

class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.position}" if obj.position else obj.full_name


class PeopleChoice(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.position}" if obj.position else obj.full_name


NOT_OF_UNIT = _("Người được chọn không thuộc danh sách cán bộ của đơn vị.")


class MeetingForm(forms.Form):
    held_on = DayField(label=_("Ngày họp"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                              error_messages={"required": _("Hãy nhập ngày họp."),
                                              "invalid": _("Ngày họp không hợp lệ: hãy nhập ngày/tháng/năm.")})
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False,
                            error_messages={"max_length": _("Địa điểm dài quá %(limit_value)s ký tự.")})
    chair = PersonChoice(label=_("Chủ trì"), queryset=None,
                         error_messages={"required": _("Hãy chọn người chủ trì."), "invalid_choice": NOT_OF_UNIT})
    secretary = PersonChoice(label=_("Thư ký"), queryset=None,
                             error_messages={"required": _("Hãy chọn thư ký cuộc họp."),
                                             "invalid_choice": NOT_OF_UNIT})
    attendees = PeopleChoice(label=_("Người dự họp"), queryset=None, widget=forms.CheckboxSelectMultiple,
                             error_messages={"required": _("Hãy chọn những người dự họp."),
                                             "invalid_choice": NOT_OF_UNIT,
                                             "invalid_pk_value": NOT_OF_UNIT})
    absentees = PeopleChoice(label=_("Người vắng mặt"), queryset=None, required=False,
                             widget=forms.CheckboxSelectMultiple,
                             error_messages={"invalid_choice": NOT_OF_UNIT, "invalid_pk_value": NOT_OF_UNIT})
    note = forms.CharField(label=_("Ý kiến tại cuộc họp"), required=False, max_length=8000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"max_length": _("Phần ý kiến dài quá %(limit_value)s ký tự.")})

    def __init__(self, *args, people, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary", "attendees", "absentees"):
            self.fields[name].queryset = people
        self.nominations = nominations
        for nomination in nominations:
            for choice, label in (("agree", _("Đồng ý")), ("disagree", _("Không đồng ý")),
                                  ("abstain", _("Không biểu quyết"))):
                self.fields[f"{choice}-{nomination.pk}"] = bound_integer(forms.IntegerField(
                    label=label, required=False, initial=0,
                    error_messages={"invalid": _("Số phiếu phải là một số nguyên.")}), 0, 10_000)

    def vote_fields(self):
        return [(n, [self[f"{c}-{n.pk}"] for c in ("agree", "disagree", "abstain")]) for n in self.nominations]

    def tallies(self) -> list[meeting_service.Tally]:
        data = self.cleaned_data
        return [meeting_service.Tally(n, data.get(f"agree-{n.pk}") or 0, data.get(f"disagree-{n.pk}") or 0,
                                      data.get(f"abstain-{n.pk}") or 0) for n in self.nominations]


class NewMeetingForm(OneSubmissionMixin, MeetingForm):
    pass


def _save(request, form, review_round, unit, meeting=None):
    data = form.cleaned_data
    try:
        return meeting_service.save_meeting(
            review_round, unit, actor=request.user, held_on=data["held_on"], chair=data["chair"],
            secretary=data["secretary"], attendees=list(data["attendees"]), absentees=list(data["absentees"]),
            tallies=form.tallies(), place=data["place"], note=data["note"], meeting=meeting)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for key, errors in exc.error_dict.items():
                if key.startswith("votes-"):
                    for error in errors:
                        form.add_error(f"agree-{key.removeprefix('votes-')}", error)
            exc = ValidationError({k: v for k, v in exc.error_dict.items() if not k.startswith("votes-")}) \
                if any(not k.startswith("votes-") for k in exc.error_dict) else None
        if exc is not None:
            apply_validation_error(form, exc)
        return None


@access(unit_or_office)
def meetings(request, round_id: int, unit_id: int):
    """The unit's review meetings in the round, newest first, each with its nominees' results."""
    review_round, unit = _round_and_unit(request, round_id, unit_id)
    rows = list(ReviewMeeting.objects.filter(review_round=review_round, unit=unit)
                .select_related("chair", "secretary").order_by("-held_on", "-id"))
    present = {m.pk: m.n for m in ReviewMeeting.objects.filter(pk__in=[r.pk for r in rows])
               .annotate(n=Count("attendees")).only("id")}
    votes = (MeetingVote.objects.filter(meeting__in=[r.pk for r in rows])
             .select_related("nomination__person", "nomination__household", "nomination__unit"))
    by_meeting: dict[int, list] = {}
    for vote in votes:
        vote.passed = meeting_service.passes(vote, present.get(vote.meeting_id, 0))
        by_meeting.setdefault(vote.meeting_id, []).append(vote)
    for row in rows:
        row.present = present.get(row.pk, 0)
        row.vote_list = by_meeting.get(row.pk, [])
    return render(request, "awards/meetings.html", {
        "round": review_round, "unit": unit, "meetings": rows,
        "proposed": meeting_service.proposed(review_round, unit),
        "can_hold": review_round.status == RoundStatus.OPEN,
    })


@access(unit_or_office)
@single_submission
def meeting_new(request, round_id: int, unit_id: int):
    review_round, unit = _round_and_unit(request, round_id, unit_id)
    nominations = meeting_service.proposed(review_round, unit)
    people = meeting_service.candidates(review_round, unit).order_by("sort_key", "id")
    form = NewMeetingForm(request.POST or None, people=people, nominations=nominations,
                          initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        meeting = _save(request, form, review_round, unit)
        if meeting is not None:
            messages.success(request, gettext("Đã ghi cuộc họp bình xét và kết quả biểu quyết."))
            return redirect("awards:meeting", meeting_id=meeting.pk)
    return render(request, "awards/meeting_form.html", {"round": review_round, "unit": unit, "form": form,
                                                         "meeting": None,
                                                         "closed": review_round.status != RoundStatus.OPEN})


@access(unit_or_office)
def meeting_edit(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    review_round, unit = meeting.review_round, meeting.unit
    problem = meeting_service.editable_problem(meeting)
    if problem:
        messages.error(request, problem)
        return redirect("awards:meeting", meeting_id=meeting.pk)
    nominations = meeting_service.proposed(review_round, unit)
    votes = {v.nomination_id: v for v in meeting.votes.all()}
    initial = {"held_on": meeting.held_on, "place": meeting.place, "chair": meeting.chair_id,
               "secretary": meeting.secretary_id, "attendees": list(meeting.attendees.values_list("id", flat=True)),
               "absentees": list(meeting.absentees.values_list("id", flat=True)), "note": meeting.note}
    for nomination in nominations:
        vote = votes.get(nomination.pk)
        if vote is not None:
            initial.update({f"agree-{nomination.pk}": vote.agree, f"disagree-{nomination.pk}": vote.disagree,
                            f"abstain-{nomination.pk}": vote.abstain})
    people = meeting_service.candidates(review_round, unit).order_by("sort_key", "id")
    form = MeetingForm(request.POST or None, people=people, nominations=nominations, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, review_round, unit, meeting=meeting) is not None:
            messages.success(request, gettext("Đã cập nhật cuộc họp bình xét."))
            return redirect("awards:meeting", meeting_id=meeting.pk)
    return render(request, "awards/meeting_form.html", {"round": review_round, "unit": unit, "form": form,
                                                         "meeting": meeting, "closed": False})


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Biên bản đã ký (bản quét PDF hoặc ảnh)"),
                           error_messages={"required": _("Hãy chọn tệp biên bản đã ký."),
                                           "invalid": _("Tệp tải lên không đọc được."),
                                           "empty": _("Tệp tải lên rỗng.")})


@access(unit_or_office)
def meeting(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    attached = (DossierFile.objects.filter(nomination__meeting_votes__meeting=meeting, part=DossierPart.UNIT_MINUTES)
                .count())
    return render(request, "awards/meeting.html", {
        "meeting": meeting, "round": meeting.review_round, "unit": meeting.unit,
        "results": meeting_service.results(meeting),
        "attendees": sorted(meeting.attendees.all(), key=lambda p: p.sort_key),
        "absentees": sorted(meeting.absentees.all(), key=lambda p: p.sort_key),
        "problem": meeting_service.editable_problem(meeting), "scan_form": ScanForm(), "attached": attached,
    })


@access(unit_or_office)
def meeting_minutes(request, meeting_id: int, fmt: str):
    """The minutes, built from the meeting as it is now: DOCX, or PDF (LibreOffice's conversion of the DOCX)."""
    from thidua.documents import libreoffice

    from ..minutes import minutes_docx

    meeting = _meeting_for(request, meeting_id)
    if fmt not in ("docx", "pdf"):
        raise Http404
    data = minutes_docx(meeting)
    if fmt == "pdf":
        try:
            data = libreoffice.docx_to_pdf(data)
        except libreoffice.ConversionError:
            messages.error(request, gettext("Không chuyển được biên bản sang PDF trên máy chủ (thiếu LibreOffice); "
                                            "hãy tải bản DOCX."))
            return redirect("awards:meeting", meeting_id=meeting.pk)
        content_type = "application/pdf"
    else:
        content_type = meeting_service.DOCX_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{meeting_service.minutes_filename(meeting, fmt)}"'
    return response


@access(unit_or_office)
@require_POST
def meeting_attach(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    if not meeting_service.may_hold(request.user, meeting.review_round, meeting.unit):
        raise PermissionDenied
    made = meeting_service.attach_minutes(meeting, actor=request.user)
    if made:
        messages.success(request, gettext("Đã lập biên bản và đưa vào hồ sơ của %(n)s đề nghị.") % {"n": len(made)})
    else:
        messages.error(request, gettext("Không còn đề nghị nào của cuộc họp ở đơn vị để đưa biên bản vào hồ sơ."))
    return redirect("awards:meeting", meeting_id=meeting.pk)


@access(unit_or_office)
@require_POST
def meeting_scan(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            meeting_service.upload_scan(meeting, form.cleaned_data["scan"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("Đã tải lên biên bản đã ký và đưa vào hồ sơ đề nghị."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("awards:meeting", meeting_id=meeting.pk)


@access(unit_or_office)
def meeting_scan_file(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    if not meeting.signed_scan:
        raise Http404
    extension = meeting.signed_scan.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(meeting.signed_scan.open("rb"),
                            content_type=meeting_service.scan_content_type(extension))
    response["Content-Disposition"] = (
        f'inline; filename="{meeting_service.minutes_filename(meeting, extension).replace("bien-ban", "bien-ban-da-ky")}"')
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("danh-gia/<int:round_id>/<int:unit_id>/", evaluation, name="evaluation"),
    path("de-nghi/<int:nomination_id>/tu-nhan-xet/", self_assessment, name="self_assessment"),
    path("binh-xet/<int:round_id>/<int:unit_id>/", meetings, name="meetings"),
    path("binh-xet/<int:round_id>/<int:unit_id>/them/", meeting_new, name="meeting_new"),
    path("hop-binh-xet/<int:meeting_id>/", meeting, name="meeting"),
    path("hop-binh-xet/<int:meeting_id>/sua/", meeting_edit, name="meeting_edit"),
    path("hop-binh-xet/<int:meeting_id>/bien-ban.<str:fmt>", meeting_minutes, name="meeting_minutes"),
    path("hop-binh-xet/<int:meeting_id>/dua-vao-ho-so/", meeting_attach, name="meeting_attach"),
    path("hop-binh-xet/<int:meeting_id>/ban-quet/", meeting_scan, name="meeting_scan"),
    path("hop-binh-xet/<int:meeting_id>/ban-quet/tep/", meeting_scan_file, name="meeting_scan_file"),
]
