from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from thidua.core.access import SIGNED_IN, access
from thidua.core.db import year_param
from thidua.core.forms import apply_validation_error
from thidua.movements.enums import MovementStatus
from thidua.movements.models import RewardForm
from thidua.movements.scoping import visible_movements
from thidua.org.models import OrgUnit
from thidua.org.rules import is_admin, is_secretariat, is_unit_head
from thidua.org.scoping import get_scope

from . import scoping, services
from .enums import EDITABLE, REGISTRATION_FLOW, RegistrationStatus
from .models import Registration, RegistrationEntry

registers = is_admin | is_secretariat | is_unit_head


class RegistrationForm(forms.Form):
    # any title is accepted here, so that a personal one is refused by the service with a message (not dropped);
    # the select offers the collective ones
    title = forms.ModelChoiceField(label=_("Danh hiệu tập thể đăng ký"), required=False, empty_label=_("— không —"),
                                   queryset=RewardForm.objects.filter(is_title=True),
                                   error_messages={"invalid_choice": _("Danh hiệu đã chọn không có trong danh mục; "
                                                                       "hãy chọn lại.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["title"]
        field.widget.choices = [("", field.empty_label)] + [
            (t.pk, t.name) for t in RewardForm.objects.filter(is_title=True, for_collective=True)]
    commitments = forms.CharField(label=_("Cam kết, chỉ tiêu của tập thể"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4, "placeholder":
                                                               _("Ví dụ: tất cả cán bộ ủng hộ 01 ngày lương; hỗ trợ 02 hộ nghèo")}))


def _year(request, movement) -> int:
    value = year_param(request.GET.get("year") or request.POST.get("year"))
    if value is not None:
        return value
    today = timezone.localdate().year
    return min(max(today, movement.start_year), movement.end_year)


INDEX_MOVEMENTS = 30


@access(SIGNED_IN)
def index(request):
    """The menu's "Đăng ký thi đua": for those who register, each running movement with where its units stand this
    year; for everyone, what he himself was registered for."""
    user = request.user
    movements = []
    if registers.test(user):
        running = list(visible_movements(user).filter(status=MovementStatus.LAUNCHED).select_related("agency")
                       .order_by("-start_year", "name")[:INDEX_MOVEMENTS])
        for movement in running:
            movement.year = min(max(timezone.localdate().year, movement.start_year), movement.end_year)
        units_of = services.overviews([(m, m.year) for m in running])
        for movement in running:
            units = units_of[movement.pk]
            if not scoping.is_secretariat_for(user, movement):
                units = [u for u in units if scoping.heads_unit(user, u)]
            if not units:
                continue
            movement.units = len(units)
            movement.counts = [(status, sum(1 for u in units if u.registration and u.registration.status == status))
                               for status in RegistrationStatus]
            movement.missing = sum(1 for u in units if u.registration is None)
            movements.append(movement)
    person_id = get_scope(user).own_person_id
    mine = []
    if person_id:
        mine = list(RegistrationEntry.objects.filter(person_id=person_id)
                    .select_related("registration__movement", "registration__unit", "title")
                    .order_by("-registration__year", "-registration_id")[:50])
    return render(request, "registrations/index.html", {"movements": movements, "mine": mine})


@access(registers)
def overview(request, pk: int):
    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    year = _year(request, movement)
    units = services.overview(movement, year)
    secretariat = scoping.is_secretariat_for(request.user, movement)
    for unit in units:
        unit.can_edit = secretariat or scoping.heads_unit(request.user, unit)
    if not secretariat:
        units = [u for u in units if u.can_edit]
    return render(request, "registrations/overview.html", {
        "m": movement, "year": year, "years": range(movement.start_year, movement.end_year + 1), "units": units,
        "open": movement.status == MovementStatus.LAUNCHED, "secretariat": secretariat,
    })


@access(registers)
@require_POST
def start(request, pk: int, unit_id: int):
    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    unit = get_object_or_404(OrgUnit.objects.within_agency(movement.agency), pk=unit_id)
    if not (scoping.is_secretariat_for(request.user, movement) or scoping.heads_unit(request.user, unit)):
        raise PermissionDenied
    try:
        registration = services.start(movement, _year(request, movement), unit, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrations:overview", pk=movement.pk)
    return redirect("registrations:edit", registration_id=registration.pk)


def _visible_registration(request, registration_id: int) -> Registration:
    registration = scoping.registration_for(request.user, registration_id)
    if not scoping.may_edit(request.user, registration):
        raise PermissionDenied
    return registration


@access(registers)
def edit(request, registration_id: int):
    registration = _visible_registration(request, registration_id)
    staff = list(services.unit_staff(registration.unit))
    entries = {e.person_id: e for e in registration.entries.select_related("title")}
    titles = list(RewardForm.objects.filter(is_title=True, for_individual=True))
    editable = registration.status in EDITABLE and registration.movement.status != MovementStatus.CLOSED
    form = RegistrationForm(request.POST or None, initial={"title": registration.title,
                                                           "commitments": registration.commitments})
    if request.method == "POST" and editable and form.is_valid():
        try:
            inputs = [
                services.EntryInput(
                    person=p, registered=request.POST.get(f"reg-{p.pk}") == "on",
                    title=services.title_of(request.POST.get(f"title-{p.pk}", ""), person=p),
                    commitments=request.POST.get(f"commit-{p.pk}", "")[:2000],
                )
                for p in staff
            ]
            services.save(registration, actor=request.user, title=form.cleaned_data["title"],
                          commitments=form.cleaned_data["commitments"], entries=inputs)
            if request.POST.get("action") == "submit":
                services.move(registration, RegistrationStatus.SUBMITTED, actor=request.user)
                messages.success(request, gettext("Đã gửi bản đăng ký để Văn phòng duyệt."))
            else:
                messages.success(request, gettext("Đã lưu bản đăng ký (chưa gửi)."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("registrations:edit", registration_id=registration.pk)
    for person in staff:
        person.entry = entries.get(person.pk)
    return render(request, "registrations/edit.html", {
        "r": registration, "form": form, "staff": staff, "titles": titles, "editable": editable,
        "secretariat": scoping.is_secretariat_for(request.user, registration.movement),
        # the table's buttons but the send, which the form's "save and send" button takes
        "transitions": [edge for edge in REGISTRATION_FLOW.buttons(registration, request.user)
                        if edge.target != RegistrationStatus.SUBMITTED],
    })


@access(registers)
@require_POST
def transition(request, registration_id: int):
    registration = _visible_registration(request, registration_id)
    try:
        registration = services.move(registration, request.POST.get("to", ""), actor=request.user,
                                     reason=request.POST.get("reason", ""))
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        done = {edge.target: edge.done for edge in REGISTRATION_FLOW.edges.values()}
        messages.success(request, done.get(registration.status) or gettext("Đã cập nhật trạng thái bản đăng ký."))
    return redirect("registrations:edit", registration_id=registration.pk)
