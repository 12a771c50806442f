"""Nominations and their dossiers (issue 9 §6, §7, §9): making and editing a nomination in a round, its page
(recipient, form, achievement, the dossier's checklist, where it stands and who holds it, its history, the
moves the user may make), the dossier's files, a round's nominations and the Office's inbox."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from thidua.core import uploads
from thidua.core.access import SIGNED_IN, access
from thidua.core.db import int_param, page_param
from thidua.core.forms import apply_validation_error
from thidua.core.money import group_digits
from thidua.core.submission import OneSubmissionMixin, single_submission
from thidua.core.text import fold, search_pattern, user_display_name
from thidua.movements.models import RewardForm
from thidua.org.models import OrgUnit, Person
from thidua.org.rules import is_admin, is_secretariat, is_unit_head
from thidua.org.scoping import get_scope
from thidua.participation.models import Household

from .. import dossier, dossier_docs, eligibility_panel, nominating, outcome, scoping, services
from ..checks import duplicate_of, may_edit
from ..enums import (
    NOMINATION_FINAL_STATES,
    NOMINATION_FLOW,
    STEPS,
    UNIT_STATES,
    DossierPart,
    NominationStatus,
    RecipientKind,
)
from ..models import DossierFile, Nomination, NominationStep, RoundForm

nominators = is_admin | is_secretariat | is_unit_head
office = is_admin | is_secretariat
PAGE_SIZE = 50
#: the longest reason a move takes (a return's reason is kept in the history, the notice and the e-mail)
REASON_MAX = 2000


# -- making and editing ------------------------------------------------------------------------------------------

#: the fields of a nomination's recipient, and the kinds each is for
RECIPIENT_FIELDS = (("person", (RecipientKind.INDIVIDUAL,)),
                    ("unit", (RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD)),
                    ("household", (RecipientKind.HOUSEHOLD,)))


class NominationForm(forms.Form):
    recipient = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices,
                                  error_messages={"required": _("Hãy chọn đối tượng được đề nghị."),
                                                  "invalid_choice": _("Đối tượng đã chọn không hợp lệ.")})
    form = forms.ModelChoiceField(label=_("Hình thức, danh hiệu đề nghị"), queryset=RewardForm.objects.all(),
                                  error_messages={"required": _("Hãy chọn hình thức, danh hiệu đề nghị."),
                                                  "invalid_choice": _("Hình thức đã chọn không có trong danh mục.")})
    person = forms.ModelChoiceField(label=_("Cá nhân (khi đề nghị cho cá nhân)"), required=False,
                                    queryset=Person.objects.none(),
                                    error_messages={"invalid_choice": _("Cá nhân đã chọn không thuộc cơ quan.")})
    unit = forms.ModelChoiceField(label=_("Đơn vị (tập thể được đề nghị, hoặc đơn vị đề nghị cho hộ gia đình)"),
                                  required=False, queryset=OrgUnit.objects.none(),
                                  error_messages={"invalid_choice": _("Đơn vị đã chọn không thuộc cơ quan.")})
    household = forms.ModelChoiceField(label=_("Hộ gia đình (khi đề nghị cho hộ)"), required=False,
                                       queryset=Household.objects.none(),
                                       error_messages={"invalid_choice": _("Hộ đã chọn không do cơ quan theo dõi.")})
    achievement = forms.CharField(label=_("Thành tích (có số liệu cụ thể)"), max_length=20_000,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  error_messages={"required": _("Hãy ghi thành tích đạt được, có số liệu cụ thể."),
                                                  "max_length": _("Thành tích dài quá 20.000 ký tự.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_000_000_000,
                                 error_messages={"invalid": _("Trang đã cũ; hãy tải lại."),
                                                 "min_value": _("Trang đã cũ; hãy tải lại."),
                                                 "max_value": _("Trang đã cũ; hãy tải lại.")})

    def __init__(self, *args, review_round, user, **kwargs):
        super().__init__(*args, **kwargs)
        agency_id = review_round.movement.agency_id
        agency_units = OrgUnit.objects.of_agencies([agency_id])
        # what may be posted: anything of the agency, so that the service names why a choice is refused; what is
        # offered: the people and units the user nominates for, the forms of the round
        self.fields["person"].queryset = Person.objects.filter(unit__in=agency_units)
        self.fields["unit"].queryset = agency_units
        self.fields["household"].queryset = Household.objects.filter(agency_id=agency_id)
        self.fields["person"].widget.choices = [("", "—")] + [
            (p.pk, f"{p.full_name} — {p.unit.name}")
            for p in scoping.nominable_people(user).filter(unit__in=agency_units).select_related("unit")
            .order_by("sort_key", "id")]
        self.fields["unit"].widget.choices = [("", "—")] + [
            (u.pk, u.name) for u in scoping.nominating_units(user).filter(pk__in=agency_units.values("id"))
            .order_by("path")]
        self.fields["household"].widget.choices = [("", "—")] + [
            (h.pk, f"{h} — {h.place}") for h in Household.objects.filter(agency_id=agency_id).order_by("head_fold")]
        # only the fields of the chosen recipient kind are shown: rendered hidden by the server for the kind posted
        # (or asked for with ?kind=, or the initial one), switched by static/thidua/app.js when the choice changes;
        # the service keeps the one that fits the kind
        self.fields["recipient"].widget.attrs["data-recipient-select"] = ""
        kind = self.current_kind()
        for name, kinds in RECIPIENT_FIELDS:
            self.fields[name].widget.attrs["data-recipient-show"] = " ".join(kinds)
            self.fields[name].hidden_for_kind = kind not in kinds
        self.fields["form"].widget.choices = [("", "—")] + [
            (rf.form_id, rf.form.name) for rf in RoundForm.objects.filter(review_round=review_round)
            .select_related("form")]

    def current_kind(self) -> str:
        """The recipient kind the form is for: posted, else initial (the page's ?kind=), else an individual."""
        value = self.data.get("recipient") if self.is_bound else self.initial.get("recipient")
        return value if value in RecipientKind.values else RecipientKind.INDIVIDUAL

    def data_for_service(self) -> nominating.NominationData:
        d = self.cleaned_data
        return nominating.NominationData(recipient=d["recipient"], form=d["form"], achievement=d["achievement"],
                                         person=d.get("person"), unit=d.get("unit"), household=d.get("household"))


def _duplicate(user, review_round, form, exclude_id=None):
    """The first nomination a refused one would duplicate, when the user may open it (linked beside the message)."""
    if not form.is_bound or not hasattr(form, "cleaned_data") or form.cleaned_data.get("form") is None:
        return None
    d = form.cleaned_data
    existing = duplicate_of(review_round, recipient=d.get("recipient"), unit=d.get("unit"), person=d.get("person"),
                            household=d.get("household"), form=d["form"], exclude_id=exclude_id)
    if existing is None or not scoping.visible_nominations(user).filter(pk=existing.pk).exists():
        return None
    return existing


def _kind_param(request) -> str:
    """The ?kind= of the new nomination page (the way to narrow the form without a script)."""
    kind = request.GET.get("kind", "")
    return kind if kind in RecipientKind.values else RecipientKind.INDIVIDUAL


class NewNominationForm(OneSubmissionMixin, NominationForm):
    """The new nomination's form carries a one-time token: a double click or two parallel sends create one."""


@access(nominators)
@single_submission
def nomination_new(request, round_id: int):
    review_round = scoping.round_for(request.user, round_id)
    form = NewNominationForm(request.POST or None, review_round=review_round, user=request.user,
                          initial={"recipient": _kind_param(request)})
    if request.method == "POST" and form.is_valid():
        try:
            nomination = nominating.create_nomination(review_round, form.data_for_service(), actor=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, gettext("Đã tạo đề nghị khen thưởng (đơn vị đang soạn)."))
            return redirect("awards:nomination", nomination_id=nomination.pk)
    return render(request, "awards/nomination_form.html", {
        "form": form, "review_round": review_round, "duplicate": _duplicate(request.user, review_round, form),
        "kinds": RecipientKind.choices, "kind": form.current_kind()})


@access(nominators)
def nomination_edit(request, nomination_id: int):
    nomination = scoping.nomination_for(request.user, nomination_id)
    if not may_edit(request.user, nomination):
        raise PermissionDenied
    initial = {"recipient": nomination.recipient, "form": nomination.form_id, "person": nomination.person_id,
               "unit": nomination.unit_id, "household": nomination.household_id,
               "achievement": nomination.achievement, "version": nomination.version}
    form = NominationForm(request.POST or None, review_round=nomination.review_round, user=request.user,
                          initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            nominating.edit_nomination(nomination, form.data_for_service(), actor=request.user,
                                       version=version if version is not None else -1)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, gettext("Đã lưu đề nghị."))
            return redirect("awards:nomination", nomination_id=nomination.pk)
    return render(request, "awards/nomination_form.html", {
        "form": form, "review_round": nomination.review_round, "nomination": nomination,
        "duplicate": _duplicate(request.user, nomination.review_round, form, exclude_id=nomination.pk)})


# -- the nomination's page ---------------------------------------------------------------------------------------

FINAL_HOLDERS = {NominationStatus.AGREED_DECISION: _("Giám đốc"), NominationStatus.AGREED_PROVINCE: _("cấp tỉnh"),
                 NominationStatus.NOT_AGREED: _("Hội đồng TĐKT")}


def stepper(nomination: Nomination, user=None) -> list[dict]:
    """The path's steps in order, each done, current or to come, with who holds the nomination there; then the
    Council's result (the final state, once there is one) and, given the user, what became of it after (the
    decision or the proposal, awarded or not: awards.outcome), with a link to the document he may read."""
    status = nomination.status
    position = {NominationStatus.RETURNED: 0}
    for i, (state, _holder) in enumerate(STEPS):
        position[state] = i
    current = position.get(status, len(STEPS))
    steps = []
    for i, (state, holder) in enumerate(STEPS):
        label = NOMINATION_FLOW.label(status if (i == 0 and status == NominationStatus.RETURNED) else state)
        steps.append({"label": label, "holder": holder, "state": "done" if i < current else
                      "current" if i == current else "todo"})
    if status in NOMINATION_FINAL_STATES:
        after = outcome.after_council(user, nomination) if user is not None else []
        steps.append({"label": NOMINATION_FLOW.label(status), "holder": FINAL_HOLDERS.get(status, ""),
                      "state": "done" if after else "current", "final": status == NominationStatus.NOT_AGREED})
        steps.extend({"label": s.label, "holder": s.holder, "state": s.state, "url": s.url, "final": s.final}
                     for s in after)
    else:
        steps.append({"label": gettext("Kết quả của Hội đồng"), "holder": _("Giám đốc / cấp tỉnh"), "state": "todo"})
    return steps


def holder(steps: list[dict]) -> str:
    """Who holds the nomination at its current step ("" once its path has ended)."""
    for step in steps:
        if step["state"] == "current":
            return "" if step.get("final") else str(step["holder"])
    return ""


class UploadForm(forms.Form):
    part = forms.ChoiceField(label=_("Thành phần hồ sơ"), choices=DossierPart.choices,
                             widget=forms.Select(attrs={"class": "form-select"}),
                             error_messages={"required": _("Hãy chọn thành phần hồ sơ."),
                                             "invalid_choice": _("Thành phần hồ sơ không hợp lệ.")})
    file = forms.FileField(label=_("Tệp (PDF, DOCX hoặc ảnh)"), widget=forms.FileInput(attrs={"class": "form-control"}),
                           error_messages={"required": _("Hãy chọn tệp để tải lên."),
                                           "empty": _("Tệp đã chọn rỗng."),
                                           "invalid": _("Không đọc được tệp đã gửi.")})


@access(SIGNED_IN)
def nomination(request, nomination_id: int):
    return _nomination_page(request, scoping.nomination_for(request.user, nomination_id))


def _nomination_page(request, n: Nomination, *, justification: str = "", justification_error: str = "",
                     justification_to: str = "", status: int = 200):
    governing = dossier.governing_for(n)
    files = list(n.files.select_related("uploaded_by").order_by("-uploaded_at", "-id"))
    steps = list(NominationStep.objects.filter(nomination=n).select_related("actor", "actor__person"))
    for step in steps:
        step.actor_name = user_display_name(step.actor)  # "Nguyễn Văn Hưng", never Django's "first last"
    editable = may_edit(request.user, n)
    own = (n.recipient == RecipientKind.INDIVIDUAL and n.person_id is not None
           and n.person_id == get_scope(request.user).own_person_id)
    template, regime = dossier_docs.report_template(n)
    eligibility = eligibility_panel.panel_for(n)
    path = stepper(n, request.user)
    transitions = NOMINATION_FLOW.buttons(n, request.user)
    # a move past a not-met rule is made from the eligibility card, with its justification
    justified = ([e for e in transitions if (str(e.source), str(e.target)) in services.JUSTIFIED_EDGES]
                 if eligibility is not None and eligibility.needs_justification else [])
    return render(request, "awards/nomination.html", {
        "n": n, "governing": governing, "checklist": dossier.checklist(n, governing=governing, files=files),
        "steps": path, "history": steps, "holder": holder(path), "editable": editable,
        "transitions": [e for e in transitions if e not in justified], "justified_moves": justified,
        "eligibility": eligibility, "justification": justification, "justification_error": justification_error,
        "justification_to": justification_to, "justification_max": services.JUSTIFICATION_MAX,
        "upload_form": UploadForm() if editable else None,
        "generated_parts": [(p, DossierPart(p).label) for p in dossier_docs.GENERATED_PARTS],
        "report_template": template, "max_mb": dossier._mb(dossier.max_bytes()),
        "can_list": nominators.test(request.user), "self_assessment_own": own, "self_assessment_open": own and n.status in UNIT_STATES,
    }, status=status)


@access(nominators)
@require_POST
def nomination_move(request, nomination_id: int):
    n = scoping.nomination_for(request.user, nomination_id)
    reason = request.POST.get("reason", "")
    justification = request.POST.get("justification", "")
    to_state = request.POST.get("to", "")
    try:
        if len(reason.strip()) > REASON_MAX:
            raise ValidationError(gettext("Lý do dài quá %(n)s ký tự (đang có %(count)s): hãy ghi ngắn gọn.") % {
                "n": group_digits(REASON_MAX), "count": group_digits(len(reason.strip()))})
        n = services.move_nomination(n, to_state, actor=request.user, reason=reason, justification=justification)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "justification" in exc.error_dict:
            # shown beside the justification box, with what was written; nothing changed
            return _nomination_page(request, n, justification=justification, justification_to=to_state,
                                    justification_error=" ".join(exc.message_dict["justification"]), status=400)
        for message in exc.messages:
            messages.error(request, message)
    else:
        done = {edge.target: edge.done for edge in NOMINATION_FLOW.edges.values() if edge.done}
        messages.success(request, str(done.get(n.status) or gettext("Đã cập nhật trạng thái đề nghị.")))
    return redirect("awards:nomination", nomination_id=n.pk)


def _editable(request, nomination_id: int) -> Nomination:
    n = scoping.nomination_for(request.user, nomination_id)
    if not may_edit(request.user, n):
        raise PermissionDenied
    return n


@access(nominators)
@require_POST
@csrf_exempt  # checked inside, once the size limit's upload handler is in place (core/uploads.py)
def dossier_upload(request, nomination_id: int):
    """A file over the limit is refused before it is stored: by the declared size without reading the body, or
    while it is read (the handler stops it at the limit)."""
    n = _editable(request, nomination_id)
    limit = dossier.max_bytes()
    if uploads.declared_too_large(request, limit):
        messages.error(request, dossier.too_big_message())
        return redirect("awards:nomination", nomination_id=n.pk)
    request.upload_handlers.insert(0, uploads.LimitedUploadHandler(request, limit))
    return _dossier_upload(request, n)


@csrf_protect
def _dossier_upload(request, n: Nomination):
    form = UploadForm(request.POST, request.FILES)
    too_large = getattr(request, "upload_too_large", None)
    if too_large is not None:
        messages.error(request, dossier.too_big_message(too_large))
    elif form.is_valid():
        try:
            checked = dossier.check_file(form.cleaned_data["file"])
            with transaction.atomic():
                # the unit may have sent it while the file was being read: kept only while it is with the unit
                n = Nomination.objects.select_for_update(of=("self",)).select_related("unit").get(pk=n.pk)
                if not may_edit(request.user, n):
                    raise ValidationError(gettext("Đề nghị đang ở bước “%(state)s”: không thêm tệp hồ sơ được "
                                                  "nữa.") % {"state": n.get_status_display()})
                dossier.add_file(n, form.cleaned_data["part"], checked, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, gettext("Đã tải lên tệp hồ sơ."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("awards:nomination", nomination_id=n.pk)


@access(nominators)
@require_POST
def dossier_generate(request, nomination_id: int, part: str):
    n = _editable(request, nomination_id)
    if part not in dossier_docs.GENERATED_PARTS:
        raise Http404
    try:
        dossier_docs.generate(n, part, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("Đã tạo “%(part)s” (DOCX): tải về, sửa trong Word rồi tải lên lại.") % {
            "part": DossierPart(part).label})
    return redirect("awards:nomination", nomination_id=n.pk)


@access(SIGNED_IN)
def dossier_file(request, nomination_id: int, file_id: int):
    n = scoping.nomination_for(request.user, nomination_id)
    row = DossierFile.objects.filter(nomination=n, pk=file_id).first()
    if row is None:
        raise Http404
    try:
        handle = row.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=row.filename, content_type=row.content_type)


# -- lists -------------------------------------------------------------------------------------------------------

def _search(qs, query: str):
    if not fold(query):
        return qs
    pattern = search_pattern(query)
    return qs.filter(Q(person__name_key__contains=pattern) | Q(household__head_key__contains=pattern)
                     | Q(recipient=RecipientKind.COLLECTIVE, unit__name_key__contains=fold(query)))


class ListFilter(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("— tất cả —"))] + list(NominationStatus.choices))
    form = forms.TypedChoiceField(label=_("Hình thức"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, review_round, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", _("— tất cả —"))] + [
            (rf.form_id, rf.form.name) for rf in RoundForm.objects.filter(review_round=review_round)
            .select_related("form")]
        units = scoping.nominating_units(user).filter(
            pk__in=OrgUnit.objects.of_agencies([review_round.movement.agency_id]).values("id")).order_by("path")
        self.fields["unit"].choices = [("", _("— tất cả —"))] + [(u.pk, u.name) for u in units]


def _rows_of(request, qs):
    page = page_param(request.GET.get("page"))
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start:start + PAGE_SIZE + 1])
    params = request.GET.copy()
    params.pop("page", None)
    has_next, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    awarded = outcome.awarded_labels(rows)
    for n in rows:
        n.outcome_label = awarded.get(n.pk, "")
    return {"rows": rows, "page": page, "has_next": has_next, "start": start,
            "query_string": params.urlencode()}


def round_nomination_rows(request, review_round):
    """The round's nominations the user sees (scoping.visible_nominations), filtered; and the filter form."""
    qs = scoping.visible_nominations(request.user).filter(review_round=review_round)
    scope = get_scope(request.user)
    if not scope.is_admin and review_round.movement.agency_id not in scope.secretariat_agency_ids:
        # a unit head's list is his units' nominations (not the ones he is the nominee of elsewhere)
        qs = qs.filter(unit__in=scoping.nominating_units(request.user))
    filters = ListFilter(request.GET or None, review_round=review_round, user=request.user)
    if filters.is_valid():
        d = filters.cleaned_data
        qs = _search(qs, d["q"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["form"]:
            qs = qs.filter(form_id=d["form"])
        if d["unit"]:
            unit = OrgUnit.objects.filter(pk=d["unit"]).first()
            qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    return qs.select_related("review_round", "unit", "person", "household", "form"), filters


@access(nominators)
def round_nominations(request, round_id: int):
    review_round = scoping.round_for(request.user, round_id)
    qs, filters = round_nomination_rows(request, review_round)
    qs = qs.order_by("unit__path", "form__sort_order", "id")
    if request.GET.get("format") == "xlsx":
        return _xlsx(review_round, list(qs[:10_000]))
    context = _rows_of(request, qs)
    dossier.completeness(context["rows"])
    round_form_ids = set(RoundForm.objects.filter(review_round=review_round).values_list("id", flat=True))
    return render(request, "awards/round_nominations.html", {
        **context, "review_round": review_round, "filters": filters, "may_add": bool(round_form_ids),
    })


def _xlsx(review_round, rows) -> HttpResponse:
    from openpyxl import Workbook

    from thidua.core import xlsx

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="De nghi")
    sheet.append(xlsx.row(sheet, [gettext("Đề nghị khen thưởng: %(r)s") % {"r": review_round.name}]))
    sheet.append(xlsx.row(sheet, [gettext("STT"), gettext("Đối tượng"), gettext("Tên"), gettext("Đơn vị"),
                                  gettext("Hình thức"), gettext("Trạng thái"), gettext("Ưu tiên nữ")]))
    for i, n in enumerate(rows, start=1):
        sheet.append(xlsx.row(sheet, [i, n.get_recipient_display(), n.nominee_name, n.unit.name, n.form.name,
                                      n.get_status_display(), gettext("Có") if n.women_first else ""]))
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="de-nghi-dot-{review_round.pk}.xlsx"'
    return response


@access(office)
def inbox(request):
    """The Office's inbox: the submitted and accepted nominations of its agencies, oldest first, with what their
    dossiers lack and the rounds' deadlines."""
    scope = get_scope(request.user)
    qs = scoping.visible_nominations(request.user).filter(
        status__in=[NominationStatus.SUBMITTED, NominationStatus.ACCEPTED])
    if not scope.is_admin:
        qs = qs.filter(agency_id__in=sorted(scope.secretariat_agency_ids))
    status = request.GET.get("status")
    if status in (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED):
        qs = qs.filter(status=status)
    round_id = int_param(request.GET.get("round"))
    if round_id:
        qs = qs.filter(review_round_id=round_id)
    qs = qs.select_related("review_round", "unit", "person", "household", "form").order_by("submitted_at", "id")
    context = _rows_of(request, qs)
    dossier.completeness(context["rows"])
    today = timezone.localdate()
    dossier.processing_deadlines(context["rows"], today)
    for n in context["rows"]:  # the Office's own deadline, passed with the dossier still unchecked
        n.check_overdue = (n.status == NominationStatus.SUBMITTED and n.review_round.check_by is not None
                           and n.review_round.check_by < today)
    return render(request, "awards/inbox.html", {**context, "status": status, "show_processing": True})


urlpatterns = [
    path("dot-xet/<int:round_id>/de-nghi/", round_nominations, name="round_nominations"),
    path("dot-xet/<int:round_id>/de-nghi/moi/", nomination_new, name="nomination_new"),
    path("de-nghi/<int:nomination_id>/", nomination, name="nomination"),
    path("de-nghi/<int:nomination_id>/sua/", nomination_edit, name="nomination_edit"),
    path("de-nghi/<int:nomination_id>/chuyen/", nomination_move, name="nomination_move"),
    path("de-nghi/<int:nomination_id>/ho-so/tai-len/", dossier_upload, name="dossier_upload"),
    path("de-nghi/<int:nomination_id>/ho-so/tao/<slug:part>/", dossier_generate, name="dossier_generate"),
    path("de-nghi/<int:nomination_id>/ho-so/<int:file_id>/", dossier_file, name="dossier_file"),
    path("ho-so-cho-kiem-tra/", inbox, name="inbox"),
]
