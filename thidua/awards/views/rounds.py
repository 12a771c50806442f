"""Review rounds' pages (issue 9 §2): the list, a round's page with its forms, quotas, state and history, creating a
round from a movement and editing it while it is a draft or receives dossiers, and its transitions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.access import access
from thidua.core.db import int_param, page_param, year_param
from thidua.core.forms import apply_validation_error
from thidua.core.models import AuditEvent
from thidua.core.submission import single_submission
from thidua.movements import scoping as movement_scoping
from thidua.movements.enums import MovementStatus
from thidua.movements.models import Movement
from thidua.movements.rules import manages_movements, reads_movements
from thidua.org.enums import Role
from thidua.org.scoping import get_scope

from .. import decisions as decision_service
from .. import rounds as round_service
from .. import scoping, services
from ..enums import ROUND_FLOW, RoundKind, RoundStatus
from ..models import Nomination, ReviewRound
from ..roles import is_office
from ..round_forms import NewReviewRoundForm, ReviewRoundForm
from .lists import reads_award_lists
from .nominations import nominators

PAGE = 30


@access(reads_movements)
def round_list(request):
    """The rounds the user sees, newest first, filtered by movement, year and state."""
    visible = scoping.visible_rounds(request.user)
    qs = visible
    movement_id = int_param(request.GET.get("movement"))
    year = year_param(request.GET.get("year"))
    status = request.GET.get("status", "")
    if movement_id:
        qs = qs.filter(movement_id=movement_id)
    if year:
        qs = qs.filter(year=year)
    if status in RoundStatus.values:
        qs = qs.filter(status=status)
    page = page_param(request.GET.get("page"))
    rows = list(qs.annotate(n_forms=Count("forms")).order_by("-year", "-submit_by", "-id")
                [(page - 1) * PAGE: page * PAGE + 1])
    movements = list(Movement.objects.filter(pk__in=visible.values("movement_id")).order_by("-start_year", "name")
                     .values_list("id", "name"))
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    creatable = []
    if manages_movements.test(request.user):
        creatable = list(movement_scoping.visible_movements(request.user)
                         .filter(agency__in=movement_scoping.managed_agencies(request.user))
                         .exclude(status=MovementStatus.DRAFT).order_by("-start_year", "-id")[:20])
    query = {"movement": movement_id or "", "year": year or "", "status": status}
    return render(request, "awards/round_list.html", {
        "rounds": rows[:PAGE], "has_next": len(rows) > PAGE, "page": page, "movements": movements, "years": years,
        "statuses": RoundStatus.choices, "query": query, "creatable": creatable,
        "query_string": "&".join(f"{k}={v}" for k, v in query.items() if v),
    })


def _history(review_round: ReviewRound):
    return list(AuditEvent.objects.filter(target_type="awards.reviewround", target_id=str(review_round.pk))
                .order_by("-id")[:50])


def work_units(user, review_round: ReviewRound) -> list:
    """The units whose review meetings and evaluation the user opens from a round's page: a unit head's own units,
    the Office's units that propose in the round; only units of the round's agency he proposes for."""
    agency_id = review_round.movement.agency_id
    if is_office(user, agency_id):
        ids = Nomination.objects.filter(review_round=review_round).values("unit_id")
    else:
        ids = [g.unit_id for g in get_scope(user).grants if g.role == Role.UNIT_HEAD]
    units = scoping.nominating_units(user).filter(pk__in=ids).order_by("sort_order", "name_key")
    return [u for u in units if u.home_agency_id == agency_id]


@access(reads_movements)
def round_detail(request, round_id: int):
    review_round = scoping.round_for(request.user, round_id)
    office = is_office(request.user, review_round.movement.agency_id)
    forms = list(review_round.forms.select_related("form").prefetch_related("unit_quotas__unit"))
    use = round_service.quota_use(review_round)
    for rf in forms:
        rf.used = use.get(rf.pk, 0)
        rf.left = None if rf.quota is None else max(0, rf.quota - rf.used)
        rf.units = sorted(rf.unit_quotas.all(), key=lambda q: (q.unit.sort_order, q.unit.name_key))
    return render(request, "awards/round_detail.html", {
        "r": review_round, "forms": forms, "office": office,
        "can_edit": office and review_round.status in round_service.EDITABLE_STATES,
        "buttons": ROUND_FLOW.buttons(review_round, request.user),
        "history": _history(review_round) if office else [],
        "steps": [(value, label, value == review_round.status) for value, label in RoundStatus.choices],
        "can_nominate": nominators.test(request.user), "reads_lists": reads_award_lists.test(request.user),
        "work_units": work_units(request.user, review_round),
        "round_decisions": list(scoping.visible_decisions(request.user).filter(review_round=review_round)
                                .order_by("issued_on", "number")),
        "can_decide": office and decision_service.eligible_nominations(review_round).exists(),
    })


def _kind_param(value) -> str:
    return value if value in RoundKind.values else RoundKind.YEARLY


@access(manages_movements)
@single_submission
def round_new(request, movement_id: int):
    movement = get_object_or_404(movement_scoping.visible_movements(request.user), pk=movement_id)
    if not is_office(request.user, movement.agency_id):
        raise PermissionDenied
    if movement.status == MovementStatus.DRAFT:
        messages.error(request, _("Phong trào chưa được phát động: chưa tạo được đợt xét khen thưởng."))
        return redirect("movements:detail", pk=movement.pk)
    kind = _kind_param(request.POST.get("kind") if request.method == "POST" else request.GET.get("kind"))
    offers = round_service.offered_forms(movement, kind)
    units = list(round_service.quota_units(movement.agency))
    form = NewReviewRoundForm(request.POST or None, offers=offers, units=units, kind=kind,
                              initial={"year": min(max(movement.start_year, _this_year()), movement.end_year)})
    if request.method == "POST" and form.is_valid():
        try:
            review_round = round_service.create_round(movement, actor=request.user, kind=kind,
                                                      forms=form.choices(), **form.values())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã tạo đợt xét (dự thảo). Kiểm tra hình thức, chỉ tiêu rồi mở đợt xét."))
            return redirect("awards:round", review_round.pk)
    return render(request, "awards/round_form.html", {
        "form": form, "movement": movement, "kind": kind, "kinds": RoundKind.choices, "creating": True,
        "title": _("Tạo đợt xét khen thưởng"),
    })


def _this_year() -> int:
    return timezone.localdate().year


def _office_round(request, round_id: int) -> ReviewRound:
    review_round = scoping.round_for(request.user, round_id)
    if not is_office(request.user, review_round.movement.agency_id):
        raise PermissionDenied
    return review_round


@access(manages_movements)
def round_edit(request, round_id: int):
    review_round = _office_round(request, round_id)
    if review_round.status not in round_service.EDITABLE_STATES:
        messages.error(request, _("Đợt xét đã đóng nhận hồ sơ: không sửa được hạn, hình thức, chỉ tiêu nữa."))
        return redirect("awards:round", review_round.pk)
    movement = review_round.movement
    offers = round_service.offered_forms(movement, review_round.kind)
    current = {rf.form_id: rf for rf in review_round.forms.prefetch_related("unit_quotas")}
    # a form in play that the plan no longer offers stays listed, so that it can be kept or taken out
    offered = {o.form.pk for o in offers}
    for rf in review_round.forms.select_related("form"):
        if rf.form_id not in offered:
            offers.append(round_service.Offer(rf.form, rf.form.authority, rf.within_authority, from_plan=False))
    units = list(round_service.quota_units(movement.agency))
    initial = {name: getattr(review_round, name) for name in ("year", "name", "submit_by", "check_by", "council_on",
                                                               "remind_days", "note")}
    form = ReviewRoundForm(request.POST or None, offers=offers, units=units, current=current, kind=review_round.kind,
                           initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_service.save_round(review_round, actor=request.user, forms=form.choices(), **form.values())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu đợt xét."))
            return redirect("awards:round", review_round.pk)
    return render(request, "awards/round_form.html", {
        "form": form, "movement": movement, "kind": review_round.kind, "r": review_round, "creating": False,
        "title": _("Sửa: %(name)s") % {"name": review_round.name},
    })


@access(manages_movements)
@require_POST
def round_move(request, round_id: int):
    review_round = _office_round(request, round_id)
    to_state = request.POST.get("to", "")
    try:
        services.move_round(review_round, to_state, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = {edge.target: edge.done for edge in ROUND_FLOW.edges.values() if edge.source == review_round.status}
        messages.success(request, done.get(to_state) or _("Đã chuyển trạng thái."))
    return redirect("awards:round", review_round.pk)


urlpatterns = [
    path("dot-xet/", round_list, name="rounds"),
    path("dot-xet/<int:round_id>/", round_detail, name="round"),
    path("dot-xet/<int:round_id>/sua/", round_edit, name="round_edit"),
    path("dot-xet/<int:round_id>/trang-thai/", round_move, name="round_move"),
    path("phong-trao/<int:movement_id>/dot-xet/tao-moi/", round_new, name="round_new"),
]
