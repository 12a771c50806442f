"""The Council's pages: its sessions, a session's agenda with the tallies of every ballot, the members present and
absent, recusals, the secretary's paper and written votes, a member's own ballot page and the minutes (DOCX)."""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.access import access
from thidua.core.db import int_param, page_param
from thidua.core.submission import single_submission
from thidua.org.enums import Role, UnitKind
from thidua.org.models import OrgUnit
from thidua.org.rules import has_any_role, is_admin, is_secretariat
from thidua.org.scoping import get_scope

from .. import council, council_minutes, eligibility_panel, scoping, services
from ..council_forms import (
    AgendaForm,
    ItemForm,
    PresenceForm,
    RecordVoteForm,
    RevoteForm,
    SessionForm,
    VoteForm,
)
from ..enums import SESSION_FLOW, NominationStatus, SessionStatus, VoteChoice, VoteMode
from ..models import Ballot, CouncilSession
from ..roles import is_council_secretary, is_office

PAGE = 30


@rules.predicate
def holds_council_secretary(user) -> bool:
    return get_scope(user).has(Role.COUNCIL_SECRETARY)


runs_sessions = is_admin | is_secretariat
records_ballots = is_admin | is_secretariat | holds_council_secretary


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# -- the list and a new session ---------------------------------------------------------------------------------------

@access(has_any_role)
def session_list(request):
    qs = scoping.visible_sessions(request.user).annotate(item_count=Count("items", distinct=True))
    status = request.GET.get("status", "")
    if status in SessionStatus.values:
        qs = qs.filter(status=status)
    page = page_param(request.GET.get("page"))
    rows = list(qs.order_by("-held_on", "-id")[(page - 1) * PAGE: page * PAGE + 1])
    scope = get_scope(request.user)
    return render(request, "awards/council/list.html", {
        "sessions": rows[:PAGE], "has_next": len(rows) > PAGE, "page": page, "status": status,
        "statuses": SessionStatus.choices,
        "can_create": scope.is_admin or bool(scope.secretariat_agency_ids),
        "to_vote": council.items_to_vote(request.user),
    })


def _office_agencies(user):
    scope = get_scope(user)
    qs = OrgUnit.objects.filter(kind__in=[UnitKind.AGENCY, UnitKind.LOCAL_GOV]).order_by("path")
    return qs if scope.is_admin else qs.filter(pk__in=sorted(scope.secretariat_agency_ids))


@access(runs_sessions)
@single_submission
def session_new(request):
    agencies = _office_agencies(request.user)
    form = SessionForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = council.create_session(data["agency"], actor=request.user, name=data["name"],
                                             held_on=data["held_on"], place=data["place"], note=data["note"])
        except ValidationError as exc:
            from thidua.core.forms import apply_validation_error

            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã tạo phiên họp; hãy đưa các đề nghị vào chương trình."))
            return _back_to_page(request, "awards:session", session.pk)
    return render(request, "awards/council/new.html", {"form": form})


@access(runs_sessions)
def session_edit(request, session_id: int):
    session = scoping.session_for(request.user, session_id)
    if not is_office(request.user, session.agency_id):
        raise Http404
    if session.status != SessionStatus.DRAFT:
        messages.error(request, _("Phiên họp đã bắt đầu biểu quyết: không thay đổi chương trình, thành viên được "
                                  "nữa."))
        return _back_to_page(request, "awards:session", session.pk)
    agencies = OrgUnit.objects.filter(pk=session.agency_id)
    form = SessionForm(request.POST or None, agencies=agencies, initial={
        "name": session.name, "held_on": session.held_on, "place": session.place, "note": session.note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council.update_session(session, actor=request.user, name=data["name"], held_on=data["held_on"],
                                   place=data["place"], note=data["note"])
        except ValidationError as exc:
            from thidua.core.forms import apply_validation_error

            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu phiên họp; thành viên theo phân công vai trò của ngày họp."))
            return _back_to_page(request, "awards:session", session.pk)
    return render(request, "awards/council/new.html", {"form": form, "s": session})


# -- a session ---------------------------------------------------------------------------------------------------------

#: nominations offered at once for the agenda (the next ones show once these are added)
CANDIDATES = 200
#: agenda items per page (a tổng kết session may decide thousands of nominations)
AGENDA_PAGE = 50


def _loaded(session: CouncilSession, page: int | None = None):
    """The session's members and items (one page of `AGENDA_PAGE` when `page` is given) with their ballots, votes,
    recusals and the law of each, in a fixed number of queries whatever the agenda's length."""
    members = sorted(session.members.select_related("user", "user__person"),
                     key=lambda m: (council.ROLE_ORDER.index(m.role) if m.role in council.ROLE_ORDER else 9, m.pk))
    session._prefetched_objects_cache = {"members": members}
    items = session.items.select_related(
        "nomination", "nomination__form", "nomination__unit", "nomination__person", "nomination__person__unit",
        "nomination__review_round").prefetch_related("ballots__votes", "recusals").order_by("order", "id")
    if page is not None:
        items = items[(page - 1) * AGENDA_PAGE: page * AGENDA_PAGE]
    items = list(items)
    for number, item in enumerate(items, start=1 + ((page - 1) * AGENDA_PAGE if page else 0)):
        item.number = number
    laws = council.laws_for(session, items)
    panels = eligibility_panel.panels_for([item.nomination for item in items], justifications=True)
    by_member = {m.pk: m for m in members}
    for item in items:
        item.session = session
        item.law = laws[item.pk]
        item.eligibility = panels.get(item.nomination_id)
        item.recused_members = [(by_member.get(r.member_id), r.reason) for r in item.recusals.all()]
        item.recused_ids = {r.member_id for r in item.recusals.all()}
        item.rows = []
        for ballot in item.ballots.all():
            t = council.tally(ballot)
            voted = {v.member_id for v in ballot.votes.all()}
            item.rows.append({
                "ballot": ballot, "tally": t, "passes": t.passes(item.law), "share": t.share(item.law),
                "base": t.base(item.law), "counted": t.counted_agree(item.law),
                "voted": [by_member[i] for i in voted if i in by_member],
                "missing": [m for m in members if m.pk not in voted and m.pk not in item.recused_ids],
            })
        item.current = item.rows[-1] if item.rows else None
        item.result_label = NominationStatus(item.result).label if item.result else ""
    return members, items


def _mark_open_tallies(user, session: CouncilSession, members, items):
    """Sets `show_open` on each item: an open ballot's running tally is for those who run or record the vote, or a
    member once he voted (never for one who has still to vote, nor for a reader); returns the user's member row."""
    office = is_office(user, session.agency_id)
    secretary = is_council_secretary(user, session.agency_id)
    me = next((m for m in members if m.user_id == user.pk), None)
    for item in items:
        voted = me is not None and item.current is not None and me in item.current["voted"]
        item.show_open = office or secretary or voted or session.status == SessionStatus.CONCLUDED
    return me


def _agenda_pages(request, session: CouncilSession) -> dict:
    """The page of the agenda asked for (`?page=`), the agenda's length and, once results exist, how many of each."""
    total = session.items.count()
    last = max(1, -(-total // AGENDA_PAGE))
    page = min(page_param(request.GET.get("page")), last)
    results = [(NominationStatus(row["result"]).label, row["result"], row["n"])
               for row in session.items.exclude(result="").values("result").annotate(n=Count("id")).order_by("result")]
    return {"page": page, "last_page": last, "total": total, "results": results,
            "first_number": (page - 1) * AGENDA_PAGE + 1, "paged": total > AGENDA_PAGE}


@access(has_any_role)
def session_detail(request, session_id: int):
    session = scoping.session_for(request.user, session_id)
    paging = _agenda_pages(request, session)
    members, items = _loaded(session, paging["page"])
    office = is_office(request.user, session.agency_id)
    secretary = is_council_secretary(request.user, session.agency_id)
    draft = session.status == SessionStatus.DRAFT
    me = _mark_open_tallies(request.user, session, members, items)
    candidates, more_candidates = [], 0
    if office and draft:
        waiting = (scoping.visible_nominations(request.user)
                   .filter(agency_id=session.agency_id, status=NominationStatus.ACCEPTED)
                   .order_by("review_round__year", "review_round_id", "form__sort_order", "id"))
        candidates = list(waiting[:CANDIDATES + 1])
        if len(candidates) > CANDIDATES:
            candidates = candidates[:CANDIDATES]
            more_candidates = waiting.count() - CANDIDATES
    return render(request, "awards/council/detail.html", {
        "s": session, "members": members, "items": items,
        "present": [m for m in members if m.present], "absent": [m for m in members if not m.present],
        "can_run": office, "can_edit": office and draft, "can_record": secretary and session.status ==
        SessionStatus.VOTING, "can_revote": office and session.status == SessionStatus.VOTING,
        "candidates": candidates, "more_candidates": more_candidates,
        "buttons": SESSION_FLOW.buttons(session, request.user) if office else [],
        "is_member": me is not None,
        "vote_modes": [(VoteMode.PAPER, VoteMode.PAPER.label), (VoteMode.WRITTEN, VoteMode.WRITTEN.label)],
        "choices": VoteChoice.choices,
        "absent_members": [m for m in members if not m.present],
        "present_members": [m for m in members if m.present],
        **paging,
    })


def _run(request, session_id: int) -> CouncilSession:
    return scoping.session_for(request.user, session_id)


@access(runs_sessions)
@require_POST
def session_agenda_add(request, session_id: int):
    session = _run(request, session_id)
    nominations = scoping.visible_nominations(request.user).filter(agency_id=session.agency_id,
                                                                    status=NominationStatus.ACCEPTED)
    form = AgendaForm(request.POST, nominations=nominations)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back_to_page(request, "awards:session", session.pk)
    added = 0
    try:
        for nomination in form.cleaned_data["nominations"]:
            council.add_to_agenda(session, nomination, actor=request.user)
            added += 1
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    if added:
        messages.success(request, _("Đã đưa %(n)s đề nghị vào chương trình phiên họp.") % {"n": added})
    return _back_to_page(request, "awards:session", session.pk)


@access(runs_sessions)
@require_POST
def session_agenda_remove(request, session_id: int):
    session = _run(request, session_id)
    form = ItemForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            council.remove_from_agenda(form.cleaned_data["item"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Đã rút đề nghị khỏi chương trình; đề nghị trở lại chờ Hội đồng."))
    return _back_to_page(request, "awards:session", session.pk)


@access(runs_sessions)
@require_POST
def session_presence(request, session_id: int):
    session = _run(request, session_id)
    form = PresenceForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            member = council.set_presence(form.cleaned_data["member"], form.cleaned_data["present"],
                                          actor=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, (_("Đã ghi %(name)s có mặt.") if member.present
                                       else _("Đã ghi %(name)s vắng mặt.")) % {"name": council.member_name(member.user)})
    return _back_to_page(request, "awards:session", session.pk)


@access(runs_sessions)
@require_POST
def session_move(request, session_id: int):
    session = _run(request, session_id)
    to_state = request.POST.get("to", "")
    try:
        services.move_session(session, to_state, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        done = {edge.target: edge.done for edge in SESSION_FLOW.edges.values()}
        messages.success(request, done.get(to_state) or _("Đã chuyển trạng thái."))
    return _back_to_page(request, "awards:session", session.pk)


@access(runs_sessions)
@require_POST
def session_revote(request, session_id: int):
    session = _run(request, session_id)
    form = RevoteForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            ballot = council.revote(form.cleaned_data["item"], actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Đã mở biểu quyết lại lần %(n)s; các lần trước được giữ nguyên.") % {
                "n": ballot.number})
    return _back_to_page(request, "awards:session", session.pk)


@access(records_ballots)
@require_POST
def session_record(request, session_id: int):
    session = _run(request, session_id)
    form = RecordVoteForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        data = form.cleaned_data
        try:
            council.cast_vote(data["item"], data["member"].user, data["choice"], actor=request.user,
                              mode=data["mode"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Đã ghi nhận phiếu của %(name)s.") % {
                "name": council.member_name(data["member"].user)})
    return _back_to_page(request, "awards:session", session.pk)


# -- a member's own ballot page ---------------------------------------------------------------------------------------

@access(has_any_role)
def session_vote(request, session_id: int):
    session = scoping.session_for(request.user, session_id)
    paging = _agenda_pages(request, session)
    members, items = _loaded(session, paging["page"])
    me = next((m for m in members if m.user_id == request.user.pk), None)
    if me is None:
        messages.info(request, _("Bạn không phải thành viên Hội đồng của phiên họp này."))
        return _back_to_page(request, "awards:session", session.pk)
    item_errors = {}  # a refused vote: its reason shown beside the item voted on (and the page shown again)
    if request.method == "POST":
        form = VoteForm(request.POST, session=session)
        error = None
        if not form.is_valid():
            error = _form_errors(form)
        else:
            data = form.cleaned_data
            ballot = Ballot.objects.filter(item=data["item"], pk=data["ballot"]).first()
            try:
                if ballot is None:
                    raise ValidationError(_("Lần biểu quyết không hợp lệ: hãy tải lại trang."))
                council.cast_vote(data["item"], request.user, data["choice"], actor=request.user, ballot=ballot)
            except ValidationError as exc:
                error = _errors(exc)
            else:
                messages.success(request, _("Đã ghi nhận ý kiến của bạn về đề nghị: %(item)s.") % {
                    "item": data["item"].nomination})
        item_id = int_param(request.POST.get("item"))
        if error is None or item_id is None or not any(i.pk == item_id for i in items):
            if error is not None:
                messages.error(request, error)
            return _back_to_page(request, "awards:session_vote", session.pk)
        item_errors[item_id] = error
        session = scoping.session_for(request.user, session_id)
        members, items = _loaded(session, paging["page"])  # as they are now
        me = next((m for m in members if m.user_id == request.user.pk), me)
    for item in items:
        item.vote_error = item_errors.get(item.pk, "")
        item.recused_reason = next((reason for m, reason in item.recused_members if m and m.pk == me.pk), "")
        item.my_rows = []
        for row in item.rows:
            mine = next((v for v in row["ballot"].votes.all() if v.member_id == me.pk), None)
            item.my_rows.append({**row, "mine": mine})
        current = item.my_rows[-1] if item.my_rows else None
        item.can_vote = (session.status == SessionStatus.VOTING and me.present and not item.recused_reason
                         and current is not None and current["ballot"].closed_at is None and current["mine"] is None)
    return render(request, "awards/council/vote.html", {
        "s": session, "me": me, "items": items, "choices": VoteChoice.choices,
        "pending": sum(1 for i in council.items_to_vote(request.user) if i.session_id == session.pk),
        **paging,
    })


def _back_to_page(request, name: str, session_id: int):
    """Back to the agenda page the vote was cast from (the form carries it)."""
    page = page_param(request.POST.get("page"))
    url = reverse(name, args=[session_id])
    return redirect(f"{url}?page={page}" if page > 1 else url)


# -- the minutes ------------------------------------------------------------------------------------------------------

@access(has_any_role)
def session_minutes(request, session_id: int):
    session = scoping.session_for(request.user, session_id)
    members, items = _loaded(session)
    _mark_open_tallies(request.user, session, members, items)
    for item in items:
        if not item.show_open:  # the minutes tell no more than the page: no running tally of an open ballot
            item.rows = [row for row in item.rows if row["ballot"].closed_at is not None]
    with translation.override(settings.LANGUAGE_CODE):  # a Vietnamese document whatever the UI language
        data = council_minutes.build(session, members, items)
    response = HttpResponse(data, content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hop-hoi-dong-{session.pk}.docx"'
    return response


urlpatterns = [
    path("hoi-dong/", session_list, name="sessions"),
    path("hoi-dong/moi/", session_new, name="session_new"),
    path("hoi-dong/<int:session_id>/", session_detail, name="session"),
    path("hoi-dong/<int:session_id>/sua/", session_edit, name="session_edit"),
    path("hoi-dong/<int:session_id>/bieu-quyet/", session_vote, name="session_vote"),
    path("hoi-dong/<int:session_id>/bien-ban.docx", session_minutes, name="session_minutes"),
    path("hoi-dong/<int:session_id>/chuong-trinh/them/", session_agenda_add, name="session_agenda_add"),
    path("hoi-dong/<int:session_id>/chuong-trinh/rut/", session_agenda_remove, name="session_agenda_remove"),
    path("hoi-dong/<int:session_id>/thanh-vien/", session_presence, name="session_presence"),
    path("hoi-dong/<int:session_id>/chuyen-trang-thai/", session_move, name="session_move"),
    path("hoi-dong/<int:session_id>/bieu-quyet-lai/", session_revote, name="session_revote"),
    path("hoi-dong/<int:session_id>/ghi-phieu/", session_record, name="session_record"),
]
