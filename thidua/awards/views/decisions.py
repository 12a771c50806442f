"""Quyết định khen thưởng pages (issue 10 §1): the list, "Lập quyết định" from a round's agreed nominations, the
decision's page with its lines, bonuses, regime and căn cứ, editing a draft, the transitions (the Director or a
deputy signs himself, or the Office records a signature made on paper, with the signed scan), the DOCX and PDF,
and the published, digitally signed PDF (public once published)."""

from __future__ import annotations

import rules
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.access import PUBLIC, access
from thidua.core.db import page_param, year_param
from thidua.core.forms import BoundedModelMultipleChoiceField, DayField, apply_validation_error
from thidua.core.submission import OneSubmissionMixin, single_submission
from thidua.core.text import nfc
from thidua.org.enums import LEADER_ROLES, Role
from thidua.org.forms import DATE_FORMATS
from thidua.org.models import Person
from thidua.org.rules import has_any_role, is_admin, is_secretariat
from thidua.org.scoping import get_scope

from .. import decision_docs, decisions, legal, scoping, services
from ..bonus import coefficient_label, money
from ..enums import DECISION_FLOW, DECISION_LOCKED_STATES, DecisionStatus, RecipientKind, SignerRole, SignMode
from ..models import Decision, DecisionLine, Nomination
from ..roles import is_office
from ..scans import SCAN_MAX_BYTES, check_scan, scan_content

PAGE = 30
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@rules.predicate
def holds_leader(user) -> bool:
    return get_scope(user).has(*LEADER_ROLES)


runs_decisions = is_admin | is_secretariat
signs_decisions = is_admin | is_secretariat | holds_leader

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": gettext_lazy("ngày/tháng/năm"),
                                                       "inputmode": "numeric"})


def _date_field(label):
    return DayField(label=label, widget=DATE_WIDGET, input_formats=DATE_FORMATS, error_messages={
        "required": gettext_lazy("Hãy nhập ngày quyết định (ngày/tháng/năm)."),
        "invalid": gettext_lazy("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 20/12/2025.")})


class NewDecisionForm(OneSubmissionMixin, forms.Form):
    number = forms.IntegerField(label=gettext_lazy("Số quyết định"), min_value=1, max_value=999_999, error_messages={
        "required": gettext_lazy("Hãy nhập số quyết định."),
        "invalid": gettext_lazy("Số quyết định là một số nguyên, ví dụ 123."),
        "min_value": gettext_lazy("Số quyết định từ 1 trở lên.")})
    issued_on = _date_field(gettext_lazy("Ngày quyết định"))
    nominations = BoundedModelMultipleChoiceField(
        label=gettext_lazy("Đề nghị đưa vào quyết định"), queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages={
            "required": gettext_lazy("Hãy chọn ít nhất một đề nghị Hội đồng đã thống nhất."),
            "invalid_choice": gettext_lazy("Đề nghị %(value)s không còn đưa vào quyết định được: hãy tải lại trang."),
            "invalid_pk_value": gettext_lazy("Đề nghị không hợp lệ: hãy tải lại trang.")})

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations


class EditDecisionForm(forms.Form):
    issued_on = _date_field(gettext_lazy("Ngày quyết định"))
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=400, error_messages={
        "required": gettext_lazy("Hãy nhập trích yếu (Về việc …).")})
    money_source = forms.CharField(label=gettext_lazy("Nguồn tiền thưởng"), widget=forms.Textarea(attrs={"rows": 2}),
                                   required=False)
    execution_clause = forms.CharField(label=gettext_lazy("Điều khoản thi hành"),
                                       widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recipients_text = forms.CharField(label=gettext_lazy("Nơi nhận (mỗi dòng một nơi)"),
                                      widget=forms.Textarea(attrs={"rows": 4}), required=False)
    signer_role = forms.ChoiceField(label=gettext_lazy("Thẩm quyền ký"), choices=SignerRole.choices)
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=200, required=False)
    remove = BoundedModelMultipleChoiceField(label=gettext_lazy("Bỏ khỏi quyết định"), required=False,
                                            queryset=DecisionLine.objects.none(),
                                            widget=forms.CheckboxSelectMultiple, error_messages={
                                                "invalid_pk_value": gettext_lazy(
                                                    "Dòng quyết định không hợp lệ: hãy tải lại trang.")})
    add = BoundedModelMultipleChoiceField(label=gettext_lazy("Thêm đề nghị"), required=False,
                                         queryset=Nomination.objects.none(), widget=forms.CheckboxSelectMultiple,
                                         error_messages={"invalid_choice": gettext_lazy(
                                             "Đề nghị %(value)s không còn đưa vào quyết định được: hãy tải lại "
                                             "trang."), "invalid_pk_value": gettext_lazy(
                                             "Đề nghị không hợp lệ: hãy tải lại trang.")})

    def __init__(self, *args, decision, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].queryset = decision.lines.order_by("order", "id")
        self.fields["remove"].label_from_instance = lambda ln: f"{ln.name} — {ln.form.name}"
        self.fields["add"].queryset = eligible
        self.fields["add"].label_from_instance = lambda n: f"{n.nominee_name} — {n.form.name}"


class SignForm(forms.Form):
    """Signing a draft, offering `user` only what he may do (`decisions.sign_modes`): the Director or a deputy
    signs himself (mode "self": the signer is taken from his own grant and name), the Office records a signature
    made on paper (mode "paper": one of the agency's leaders; typed when the agency's leaders are not in the
    system); a leader who is also the Office chooses between the two."""

    mode = forms.ChoiceField(label=gettext_lazy("Cách ký"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                             error_messages={
                                 "required": gettext_lazy("Hãy chọn bạn tự ký hay ghi nhận chữ ký trên giấy."),
                                 "invalid_choice": gettext_lazy("Bạn không được ký quyết định theo cách này.")})
    signer = forms.ChoiceField(label=gettext_lazy("Lãnh đạo đã ký trên giấy"), required=False, error_messages={
        "invalid_choice": gettext_lazy("Người đã chọn không phải lãnh đạo của cơ quan trong hệ thống: hãy tải lại "
                                       "trang.")})
    signer_role = forms.ChoiceField(label=gettext_lazy("Thẩm quyền ký"), choices=SignerRole.choices, required=False,
                                    error_messages={"invalid_choice": gettext_lazy(
                                        "Hãy chọn Giám đốc ký hoặc Phó Giám đốc ký thay.")})
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=200, required=False)
    scan = forms.FileField(label=gettext_lazy("Bản quét quyết định đã ký (PDF, JPG, PNG; không bắt buộc)"),
                           required=False)

    def __init__(self, *args, user, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.modes = decisions.sign_modes(user, decision.agency_id)
        mode = self.fields["mode"]
        mode.choices = [(m, SignMode(m).label) for m in self.modes]
        if len(self.modes) == 1:  # nothing to choose: the one mode he has, whatever is posted for it
            mode.widget = forms.HiddenInput()
            mode.initial = self.modes[0]
            mode.required = False
        #: what signing himself records ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC — Lương Văn Hải"), for the page
        self.own_signature = _own_signature(user, decision) if SignMode.SELF in self.modes else ""
        self.leaders: dict[str, tuple[str, object]] = {}
        if SignMode.PAPER not in self.modes:
            for name in ("signer", "signer_role", "signer_name"):
                del self.fields[name]
            return
        for role, person in decisions.paper_signers(decision.agency_id):
            self.leaders[f"{role}:{person.pk}"] = (role, person)
        if self.leaders:
            del self.fields["signer_role"], self.fields["signer_name"]
            self.fields["signer"].choices = [("", _("— chọn người đã ký —"))] + [
                (key, f"{person.full_name} — {SignerRole(role).label}") for key, (role, person) in self.leaders.items()]
            chosen = next((key for key, (role, person) in self.leaders.items()
                           if role == decision.signer_role and person.full_name == decision.signer_name), "")
            self.fields["signer"].initial = chosen
        else:
            del self.fields["signer"]
            self.fields["signer_role"].initial = decision.signer_role or SignerRole.DIRECTOR
            self.fields["signer_name"].initial = decision.signer_name

    @property
    def paper_fields(self):
        return [self[name] for name in ("signer", "signer_role", "signer_name") if name in self.fields]

    def clean_mode(self):
        mode = self.cleaned_data.get("mode")
        if not mode and len(self.modes) == 1:
            return self.modes[0]
        return mode

    def clean_scan(self):
        """The checked scan (scans.check_scan: a real PDF or photo by its content, within 20 MB), or None."""
        scan: UploadedFile | None = self.cleaned_data.get("scan")
        if not scan:
            return None
        return check_scan(scan, max_bytes=SCAN_MAX_BYTES)

    def clean(self):
        data = super().clean()
        if data.get("mode") != SignMode.PAPER:
            return data
        if "signer" in self.fields:
            key = data.get("signer")
            if not key:
                if "signer" not in self.errors:
                    self.add_error("signer", _("Hãy chọn lãnh đạo đã ký quyết định trên giấy."))
                return data
            role, person = self.leaders[key]
            data["signer_role"], data["signer_name"] = role, person.full_name
            return data
        if not nfc(data.get("signer_name") or "").strip():
            self.add_error("signer_name", _("Hãy ghi họ tên người ký quyết định."))
        if not data.get("signer_role") and "signer_role" not in self.errors:
            self.add_error("signer_role", _("Hãy chọn Giám đốc ký hoặc Phó Giám đốc ký thay."))
        return data

    def show_error(self, exc: ValidationError) -> None:
        """A service's refusal beside its field; the signer's name and role beside the leader's choice."""
        if hasattr(exc, "error_dict") and "signer" in self.fields:
            moved = {}
            for key, errors in exc.error_dict.items():
                moved.setdefault("signer" if key in ("signer_name", "signer_role") else key, []).extend(errors)
            exc = ValidationError(moved)
        if hasattr(exc, "error_dict") and "mode" in exc.error_dict and isinstance(self.fields["mode"].widget,
                                                                                  forms.HiddenInput):
            exc = ValidationError({("__all__" if k == "mode" else k): v for k, v in exc.error_dict.items()})
        apply_validation_error(self, exc)


def _own_signature(user, decision: Decision) -> str:
    """What a leader signing himself is recorded as: his title from his grant and his name."""
    scope = get_scope(user)
    director = any(g.role == Role.DIRECTOR and g.unit_id == decision.agency_id for g in scope.grants)
    person = Person.objects.filter(user=user).first()
    name = person.full_name if person is not None else (user.get_full_name() or user.get_username())
    probe = Decision(agency=decision.agency, signer_role=SignerRole.DIRECTOR if director else SignerRole.DEPUTY)
    return f"{decision_docs.signer_title(probe).replace(chr(10), ' / ')} — {name}"


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# -- the list -----------------------------------------------------------------------------------------------------

@access(has_any_role)
def decision_list(request):
    qs = scoping.visible_decisions(request.user)
    status = request.GET.get("status", "")
    year = year_param(request.GET.get("year"))
    if status in DecisionStatus.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    page = page_param(request.GET.get("page"))
    rows = list(qs.annotate(n_lines=Count("lines")).select_related("review_round__movement")
                .order_by("-issued_on", "-number", "-id")[(page - 1) * PAGE: page * PAGE + 1])
    for d in rows:
        d.total_label = money(d.total_amount)
    scope = get_scope(request.user)
    waiting = []
    if scope.is_admin or scope.has(*LEADER_ROLES) or scope.secretariat_agency_ids:
        waiting = [d for d in rows if d.status == DecisionStatus.DRAFT]
    return render(request, "awards/decisions/list.html", {
        "decisions": rows[:PAGE], "has_next": len(rows) > PAGE, "page": page, "status": status, "year": year or "",
        "statuses": DecisionStatus.choices, "waiting": waiting,
        "query_string": "&".join(f"{k}={v}" for k, v in (("status", status), ("year", year or "")) if v),
    })


# -- a new decision from a round ---------------------------------------------------------------------------------------

@access(runs_decisions)
@single_submission
def decision_new(request, round_id: int):
    review_round = scoping.round_for(request.user, round_id)
    agency_id = review_round.movement.agency_id
    if not is_office(request.user, agency_id):
        raise PermissionDenied
    eligible = decisions.eligible_nominations(review_round)
    today = timezone.localdate()
    form = NewDecisionForm(request.POST or None, nominations=eligible, initial={
        "number": decisions.suggested_number(agency_id, today), "issued_on": today,
        "nominations": list(eligible.values_list("pk", flat=True))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decisions.draft_decision(review_round, list(data["nominations"]), issued_on=data["issued_on"],
                                                number=data["number"], actor=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lập dự thảo Quyết định số %(number)s; trình Giám đốc ký.") % {
                "number": decision.number_label})
            return redirect("awards:decision", decision.pk)
    nominations = list(eligible)
    return render(request, "awards/decisions/new.html", {
        "r": review_round, "form": form, "nominations": nominations,
        "chosen": {str(v) for v in (form["nominations"].value() or [])},
        "vote_day": decisions.council_vote_day(nominations),
    })


# -- a decision ------------------------------------------------------------------------------------------------------

@access(has_any_role)
def decision_detail(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    return _detail(request, decision)


def _explain_household_coefficients(lines, regime) -> None:
    """A household's coefficient is a multiple of the individual one ("1,5 × mức cá nhân, hệ số 0,3"): said beside
    it, as the bonus lookup says it (the multiple of the decision's regime)."""
    multiples: dict[int, object] = {}
    for line in lines:
        line.coefficient_note = ""
        if line.recipient != RecipientKind.HOUSEHOLD or line.coefficient is None or regime is None:
            continue
        if line.form_id not in multiples:
            rule = legal.form_rule(regime, line.form_id, RecipientKind.HOUSEHOLD)
            multiples[line.form_id] = rule.household_multiplier if rule and rule.coefficient is None else None
        times = multiples[line.form_id]
        if times:
            line.coefficient_note = _("%(times)s × mức cá nhân, hệ số %(single)s") % {
                "times": coefficient_label(times), "single": coefficient_label(line.coefficient / times)}


def _detail(request, decision: Decision, sign_form: SignForm | None = None, status: int = 200):
    """The decision's page; `sign_form`: the signing form as posted, with its refusals beside its fields."""
    lines = list(decision.lines.select_related("form").order_by("order", "id"))
    for line in lines:
        line.amount_label = money(line.amount)
    office = is_office(request.user, decision.agency_id)
    buttons = DECISION_FLOW.buttons(decision, request.user)
    sign_edge = next((e for e in buttons if e.target == DecisionStatus.SIGNED), None)
    regime = decision_docs.regime_of(decision)
    salary = decision_docs.base_salary_of(decision)
    _explain_household_coefficients(lines, regime)
    if sign_edge:
        sign_form = sign_form or SignForm(user=request.user, decision=decision)
    # the leaders the signing form has read already (the Office's paper signature), not read twice
    leaders = list(sign_form.leaders.values()) if sign_form is not None and sign_form.leaders else None
    self_awarded = (decisions.signers_awarded(decision, lines, leaders)
                    if decision.status != DecisionStatus.CANCELLED else [])
    cancelled = None
    if decision.status == DecisionStatus.CANCELLED:  # who cancelled it and when: the audit row of that change
        from thidua.core.models import AuditEvent

        cancelled = (AuditEvent.objects.filter(target_type="awards.decision", target_id=str(decision.pk),
                                               changes__has_key="status").select_related("actor")
                     .order_by("-at", "-id").first())
    return render(request, "awards/decisions/detail.html", {
        "d": decision, "lines": lines, "office": office, "cancelled": cancelled, "self_awarded": self_awarded,
        "can_edit": office and decision.status == DecisionStatus.DRAFT,
        "buttons": [e for e in buttons if e.target != DecisionStatus.SIGNED], "sign_edge": sign_edge,
        "sign_form": sign_form if sign_edge else None,
        "regime": regime, "salary": salary, "salary_label": money(salary.amount) if salary else "", "bases": decision_docs.bases(decision),
        "total": money(decision.total_amount), "recipients": decision_docs.recipient_list(decision.recipients_text), "locked": decision.status in DECISION_LOCKED_STATES,
        "signer_title": decision_docs.signer_title(decision).replace("\n", " / "),
        "steps": [(v, label, v == decision.status) for v, label in DecisionStatus.choices
                  if v != DecisionStatus.CANCELLED],
    }, status=status)


@access(runs_decisions)
def decision_edit(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    if not is_office(request.user, decision.agency_id):
        raise PermissionDenied
    if decision.status in DECISION_LOCKED_STATES:
        messages.error(request, _("Quyết định số %(number)s %(state)s: không sửa, thêm, bớt được nữa.") % {
            "number": decision.number_label, "state": decision.get_status_display().lower()})
        return redirect("awards:decision", decision.pk)
    eligible = (decisions.eligible_nominations(decision.review_round) if decision.review_round_id
                else Nomination.objects.none())
    form = EditDecisionForm(request.POST or None, decision=decision, eligible=eligible, initial={
        name: getattr(decision, name) for name in ("issued_on", "title", "money_source", "execution_clause",
                                                   "recipients_text", "signer_role", "signer_name")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        add, remove = list(data.pop("add")), [ln.pk for ln in data.pop("remove")]
        try:
            decisions.update_draft(decision, actor=request.user, add=add, remove=remove, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo quyết định; tiền thưởng được tính theo ngày quyết định."))
            return redirect("awards:decision", decision.pk)
    return render(request, "awards/decisions/edit.html", {"d": decision, "form": form})


@access(signs_decisions)
@require_POST
def decision_move(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    to_state = request.POST.get("to", "")
    if to_state == DecisionStatus.SIGNED:
        refused = _sign(request, decision)
        if refused is not None:  # the page again, the refusals beside their fields, nothing changed
            return _detail(request, Decision.objects.get(pk=decision.pk), sign_form=refused)
    else:
        try:
            services.move_decision(decision, to_state, actor=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("awards:decision", decision.pk)
    done = {e.target: e.done for e in DECISION_FLOW.edges.values() if e.source == decision.status}
    messages.success(request, done.get(to_state) or _("Đã chuyển trạng thái."))
    return redirect("awards:decision", decision.pk)


def _sign(request, decision: Decision) -> SignForm | None:
    """The signer and the scan are set on the draft, then it is signed — all or nothing. The form with its
    refusals when it is refused, else None."""
    form = SignForm(request.POST, request.FILES, user=request.user, decision=decision)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        DECISION_FLOW.edge(decision.status, DecisionStatus.SIGNED, actor=request.user, obj=decision)
        with transaction.atomic():
            if data["mode"] == SignMode.PAPER:
                decisions.update_draft(decision, actor=request.user, signer_role=data["signer_role"],
                                       signer_name=data["signer_name"])
            if data["scan"] is not None:
                fresh = Decision.objects.get(pk=decision.pk)
                content = scan_content(data["scan"], f"quyet-dinh-{fresh.number}-{fresh.year}-ban-quet")
                fresh.signed_scan.save(content.name, content, save=False)
                Decision.objects.filter(pk=fresh.pk).update(signed_scan=fresh.signed_scan.name)
            services.move_decision(decision, DecisionStatus.SIGNED, actor=request.user,
                                   signs_himself=data["mode"] == SignMode.SELF)
    except ValidationError as exc:
        form.show_error(exc)
        return form
    return None


# -- files --------------------------------------------------------------------------------------------------------

def _stem(decision: Decision) -> str:
    return f"quyet-dinh-{decision.number}-{decision.year}"


@access(has_any_role)
def decision_docx(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    response = HttpResponse(decision_docs.decision_docx(decision), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_stem(decision)}.docx"'
    return response


@access(has_any_role)
def decision_pdf(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    response = HttpResponse(decision_docs.decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_stem(decision)}.pdf"'
    return response


@access(has_any_role)
def decision_scan(request, decision_id: int):
    decision = scoping.decision_for(request.user, decision_id)
    if not decision.signed_scan:
        raise Http404
    return FileResponse(decision.signed_scan.open("rb"), as_attachment=True,
                        filename=decision.signed_scan.name.rsplit("/", 1)[-1])


@access(PUBLIC)
def decision_published_pdf(request, decision_id: int):
    """The published decision's digitally signed PDF: anyone's once published (the honour roll links it); before
    that, a signed-in user who sees the decision is sent to its page."""
    published = Decision.objects.filter(pk=decision_id, status=DecisionStatus.PUBLISHED).first()
    if published is not None and published.published_pdf:
        return FileResponse(published.published_pdf.open("rb"), content_type="application/pdf",
                            filename=f"{_stem(published)}.pdf")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    decision = scoping.decision_for(request.user, decision_id)
    messages.info(request, _("Quyết định chưa được công bố: chưa có bản PDF ký số."))
    return redirect("awards:decision", decision.pk)


urlpatterns = [
    path("quyet-dinh/", decision_list, name="decisions"),
    path("dot-xet/<int:round_id>/quyet-dinh/lap/", decision_new, name="decision_new"),
    path("quyet-dinh/<int:decision_id>/", decision_detail, name="decision"),
    path("quyet-dinh/<int:decision_id>/sua/", decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:decision_id>/trang-thai/", decision_move, name="decision_move"),
    path("quyet-dinh/<int:decision_id>/quyet-dinh.docx", decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:decision_id>/quyet-dinh.pdf", decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:decision_id>/ban-quet/", decision_scan, name="decision_scan"),
    path("quyet-dinh/<int:decision_id>/cong-bo.pdf", decision_published_pdf, name="decision_published_pdf"),
]
