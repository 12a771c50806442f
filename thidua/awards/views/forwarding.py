"""Forwarding to the province and further up (issue 10 §3): the agency Office's proposals (tờ trình đề nghị cấp trên),
a new one from a round's nominations agreed for provincial or central forms, a proposal's page with its items,
dossiers and state, its transitions, recording the higher decision, the ZIP for a province outside the system, and
the provincial reviewer's inbox across his province's agencies."""

from __future__ import annotations

import datetime as dt
import tempfile

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.access import access
from thidua.core.db import int_param
from thidua.core.forms import DayField, apply_validation_error
from thidua.core.models import AuditEvent
from thidua.core.submission import OneSubmissionMixin, single_submission
from thidua.movements.models import RewardForm
from thidua.org.enums import AGENCY_READER_ROLES, Role
from thidua.org.rules import is_admin, is_secretariat
from thidua.org.scoping import get_scope

from .. import forwarding, proposal_docs, register, scoping, services
from ..enums import PROPOSAL_FLOW, NominationStatus, ProposalStatus
from ..models import Proposal
from ..places import place_of
from ..roles import is_office, records_higher_decision, reviewer_of_proposal, reviewer_or_office_of_proposal
from ..scans import SCAN_MAX_BYTES, check_scan
from . import comments as comment_views
from .lists import DOCX_TYPE, XLSX_TYPE

INBOX_STATES = (ProposalStatus.SENT, ProposalStatus.ACCEPTED, ProposalStatus.FORWARDED)


@rules.predicate
def is_provincial_reviewer(user) -> bool:
    return get_scope(user).has(Role.PROVINCIAL_REVIEWER)


@rules.predicate
def reads_proposals(user) -> bool:
    """The agency's Office, leaders, Council and union officers, and the provincial reviewer (a unit head does not
    work with proposals upward)."""
    return get_scope(user).has(*AGENCY_READER_ROLES, Role.PROVINCIAL_REVIEWER)


office = is_admin | is_secretariat
works_proposals = is_admin | is_secretariat | is_provincial_reviewer


def _date_field(label) -> forms.DateField:
    return DayField(label=label, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                    widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": gettext_lazy("ngày/tháng/năm")}),
                    error_messages={"invalid": gettext_lazy("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 20/11/2026.")})


class ProposalForm(OneSubmissionMixin, forms.Form):
    number = forms.IntegerField(label=gettext_lazy("Số tờ trình"), min_value=1,
                                error_messages={"required": gettext_lazy("Hãy nhập số tờ trình."),
                                                "invalid": gettext_lazy("Số tờ trình phải là số nguyên dương.")})
    issued_on = _date_field(gettext_lazy("Ngày tờ trình"))
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=400, required=False)


class RecordForm(OneSubmissionMixin, forms.Form):
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=60,
                             help_text=gettext_lazy("Ví dụ: 1234/QĐ-UBND"))
    issued_on = _date_field(gettext_lazy("Ngày quyết định"))
    authority = forms.CharField(label=gettext_lazy("Cấp quyết định"), max_length=200,
                                help_text=gettext_lazy("Ví dụ: Chủ tịch UBND tỉnh Cao Bằng"))
    form = forms.ModelChoiceField(label=gettext_lazy("Hình thức khen thưởng"), queryset=RewardForm.objects.none(),
                                  empty_label=None)
    scan = forms.FileField(label=gettext_lazy("Bản quét quyết định (PDF, JPG, PNG; không bắt buộc)"), required=False,
                           error_messages={"invalid": gettext_lazy("Tệp bản quét không đọc được: hãy chọn lại tệp."),
                                           "empty": gettext_lazy("Tệp bản quét rỗng: hãy chọn lại tệp.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = RewardForm.objects.filter(level__in=forwarding.UPWARD_LEVELS)

    def clean_scan(self):
        """A real PDF, JPG or PNG of at most 20 MB (scans.check_scan: by its content, not its name), said beside the
        field; record_decision checks it again."""
        scan = self.cleaned_data.get("scan")
        if not scan:
            return None
        check_scan(scan, max_bytes=SCAN_MAX_BYTES)
        scan.seek(0)
        return scan


def _today() -> dt.date:
    return timezone.localdate()


@access(reads_proposals)
def proposals(request):
    """The proposals the user reads (the Office: its agency's, drafts included), newest first."""
    qs = scoping.visible_proposals(request.user).annotate(n_items=Count("items"))
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        qs = qs.filter(status=status)
    rows = list(qs.order_by("-issued_on", "-id")[:200])
    scope = get_scope(request.user)
    rounds = []
    if scope.is_admin or scope.secretariat_agency_ids:  # the Office: its rounds with nominations waiting to go up
        waiting = Q(nominations__status=NominationStatus.AGREED_PROVINCE,
                    nominations__form__level__in=forwarding.UPWARD_LEVELS, nominations__proposal_items__isnull=True)
        qs_rounds = scoping.visible_rounds(request.user)
        if not scope.is_admin:
            qs_rounds = qs_rounds.filter(movement__agency_id__in=sorted(scope.secretariat_agency_ids))
        rounds = list(qs_rounds.annotate(n_up=Count("nominations", filter=waiting)).filter(n_up__gt=0)
                      .order_by("-year", "-id"))
    return render(request, "awards/forwarding/proposals.html", {
        "rows": rows, "status": status, "states": ProposalStatus.choices, "rounds": rounds})


@access(office)
@single_submission
def proposal_new(request, round_id: int):
    review_round = scoping.round_for(request.user, round_id)
    agency = review_round.movement.agency
    if not is_office(request.user, agency.pk):
        raise PermissionDenied
    eligible = list(forwarding.eligible_nominations(review_round))
    day = _today()
    form = ProposalForm(request.POST or None, initial={
        "number": register.next_number(agency.pk, day.year, forwarding.DOC_TYPE), "issued_on": day})
    chosen = set(request.POST.getlist("nomination")) if request.method == "POST" else {str(n.pk) for n in eligible}
    if request.method == "POST" and form.is_valid():
        ids = [int(i) for i in request.POST.getlist("nomination") if i.isdigit()]
        try:
            proposal = forwarding.create_proposal(review_round, ids, issued_on=form.cleaned_data["issued_on"],
                                                  number=form.cleaned_data["number"], actor=request.user,
                                                  title=form.cleaned_data["title"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lập tờ trình số %(number)s (dự thảo). Kiểm tra rồi gửi cấp trên.") % {
                "number": proposal.number_label})
            return redirect("awards:proposal", proposal.pk)
    return render(request, "awards/forwarding/proposal_new.html", {
        "r": review_round, "form": form, "eligible": eligible, "chosen": chosen})


def _history(proposal: Proposal):
    return (AuditEvent.objects.filter(target_type=proposal._meta.label_lower, target_id=str(proposal.pk))
            .order_by("at", "id"))


@access(reads_proposals)
def proposal_scan(request, proposal_id: int, higher_id: int):
    """The scan of a higher-level decision recorded on the proposal, for whoever sees the proposal."""
    p = scoping.proposal_for(request.user, proposal_id)
    number = int_param(higher_id)
    higher = p.decisions.filter(pk=number).first() if number is not None else None
    if higher is None or not higher.scan:
        raise Http404
    return FileResponse(higher.scan.open("rb"), as_attachment=True, filename=higher.scan.name.rsplit("/", 1)[-1])


@access(reads_proposals)
def proposal(request, proposal_id: int):
    return proposal_page(request, scoping.proposal_for(request.user, proposal_id))


def proposal_page(request, p: Proposal, *, comment_form=None):
    """The proposal's page (also drawn again, with its errors, by the public-comment form it holds)."""
    items = list(p.items.select_related("nomination__form", "nomination__person", "nomination__unit",
                                        "nomination__household", "higher_decision").order_by("order", "id"))
    for item in items:
        item.files = proposal_docs.latest_files(item.nomination)
    buttons = [e for e in PROPOSAL_FLOW.buttons(p, request.user) if e.target != ProposalStatus.DECIDED]
    recordable = (p.status in forwarding.RECORDABLE_STATES and records_higher_decision(request.user, p)
                  and any(i.awarded is None for i in items))
    return render(request, "awards/forwarding/proposal.html", {
        "p": p, "items": items, "buttons": buttons, "recordable": recordable,
        "office": is_office(request.user, p.agency_id), "reviewer": reviewer_of_proposal(request.user, p),
        "editable": p.status in forwarding.EDITABLE_STATES and is_office(request.user, p.agency_id),
        "decisions": list(p.decisions.select_related("form").order_by("issued_on", "id")),
        "history": _history(p), "steps": [(v, label, v == p.status) for v, label in ProposalStatus.choices],
        **comment_views.proposal_card(request, p, comment_form),
    })


@access(works_proposals)
@require_POST
def proposal_move(request, proposal_id: int):
    p = scoping.proposal_for(request.user, proposal_id)
    to_state = request.POST.get("to", "")
    if to_state == ProposalStatus.DECIDED:
        messages.error(request, _("Hãy ghi nhận quyết định khen thưởng (số, ngày, người được khen) để kết thúc."))
        return redirect("awards:proposal", p.pk)
    before = p.status
    try:
        services.move_proposal(p, to_state, actor=request.user, reason=request.POST.get("reason", "")[:2000])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = {e.target: e.done for e in PROPOSAL_FLOW.edges.values() if e.source == before}
        messages.success(request, done.get(to_state) or _("Đã chuyển trạng thái."))
    return redirect("awards:proposal", p.pk)


@access(office)
@require_POST
def proposal_item_remove(request, proposal_id: int, item_id: int):
    p = scoping.proposal_for(request.user, proposal_id)
    try:
        forwarding.remove_item(p, item_id, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã bớt đề nghị khỏi tờ trình; đề nghị có thể đưa vào tờ trình khác."))
    return redirect("awards:proposal", p.pk)


@access(works_proposals)
@single_submission
def proposal_record(request, proposal_id: int):
    p = scoping.proposal_for(request.user, proposal_id)
    if not reviewer_or_office_of_proposal(request.user, p):
        raise PermissionDenied
    if p.status in forwarding.RECORDABLE_STATES and not records_higher_decision(request.user, p):
        messages.error(request, _("Tờ trình số %(number)s đang được cấp tỉnh thẩm định trong hệ thống: quyết định "
                                  "của tỉnh do cán bộ thẩm định cấp tỉnh ghi nhận.") % {"number": p.number_label})
        return redirect("awards:proposal", p.pk)
    undecided = list(forwarding.undecided_items(p).order_by("order", "id"))
    first_form = undecided[0].nomination.form_id if undecided else None
    form = RecordForm(request.POST or None, request.FILES or None, initial={
        "issued_on": _today(), "form": first_form,
        "authority": (f"Chủ tịch UBND tỉnh {place_of(p.agency)}".strip() if p.status != ProposalStatus.FORWARDED
                      else "")})
    chosen = set(request.POST.getlist("awarded"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forwarding.record_decision(p, number=data["number"], issued_on=data["issued_on"],
                                       authority=data["authority"], form=data["form"],
                                       awarded_ids=[i for i in request.POST.getlist("awarded") if i.isdigit()],
                                       actor=request.user, scan=data.get("scan"))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận quyết định khen thưởng; danh sách được khen đã vào lịch sử "
                                        "khen thưởng."))
            return redirect("awards:proposal", p.pk)
    return render(request, "awards/forwarding/proposal_record.html", {
        "p": p, "form": form, "undecided": undecided, "chosen": chosen,
        "open": p.status in forwarding.RECORDABLE_STATES})


@access(reads_proposals)
def proposal_zip(request, proposal_id: int):
    """The whole proposal as one ZIP (for a province that does not use this system), or its tờ trình / danh sách
    alone (`?file=docx|pdf|xlsx`)."""
    p = scoping.proposal_for(request.user, proposal_id)
    which = request.GET.get("file", "")
    stem = f"to-trinh-{p.number}-{p.year}"
    if which in ("docx", "pdf", "xlsx"):
        if which == "docx":
            response = HttpResponse(proposal_docs.submission_docx(p), content_type=DOCX_TYPE)
        elif which == "pdf":
            response = HttpResponse(proposal_docs.submission_pdf(p), content_type="application/pdf")
        else:
            response = HttpResponse(proposal_docs.list_xlsx(p), content_type=XLSX_TYPE)
            stem = f"danh-sach-{stem}"
        response["Content-Disposition"] = f'attachment; filename="{stem}.{which}"'
        return response
    spool = tempfile.TemporaryFile()
    proposal_docs.write_zip(p, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=proposal_docs.zip_name(p), content_type="application/zip")


@access(is_provincial_reviewer)
def province_inbox(request):
    """The provincial reviewer's inbox: the proposals his province's agencies sent (sent, accepted, forwarded to the
    centre), oldest first, with how many of each state."""
    visible = scoping.visible_proposals(request.user).filter(status__in=INBOX_STATES)
    scope = get_scope(request.user)
    if not scope.is_admin:
        visible = visible.filter(agency_id__in=sorted(scope.reviewed_agency_ids()))
    counts = dict(visible.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    status = request.GET.get("status", "")
    qs = visible.filter(status=status) if status in INBOX_STATES else visible
    agency_id = int_param(request.GET.get("agency"))
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    rows = list(qs.annotate(n_items=Count("items")).order_by("sent_at", "id")[:300])
    return render(request, "awards/forwarding/province_inbox.html", {
        "rows": rows, "status": status,
        "tabs": [(s, ProposalStatus(s).label, counts.get(s, 0)) for s in INBOX_STATES],
        "total": sum(counts.values())})


urlpatterns = [
    path("de-nghi-cap-tren/", proposals, name="proposals"),
    path("dot-xet/<int:round_id>/de-nghi-cap-tren/moi/", proposal_new, name="proposal_new"),
    path("de-nghi-cap-tren/<int:proposal_id>/", proposal, name="proposal"),
    path("de-nghi-cap-tren/<int:proposal_id>/chuyen/", proposal_move, name="proposal_move"),
    path("de-nghi-cap-tren/<int:proposal_id>/bot/<int:item_id>/", proposal_item_remove, name="proposal_item_remove"),
    path("de-nghi-cap-tren/<int:proposal_id>/quyet-dinh/", proposal_record, name="proposal_record"),
    path("de-nghi-cap-tren/<int:proposal_id>/tai-ve/", proposal_zip, name="proposal_zip"),
    path("de-nghi-cap-tren/<int:proposal_id>/quyet-dinh/<int:higher_id>/ban-quet/", proposal_scan,
         name="proposal_scan"),
    path("tham-dinh-cap-tinh/", province_inbox, name="province_inbox"),
]
