"""Public comment (lấy ý kiến nhân dân, issue 11 §4), the pages: the Office opens a window from the proposal's page
and triages the comments; anyone, without an account, reads the open windows and comments on a window's nominees.
The public pages show the nominee's name, unit or commune, form and a short achievement — nothing private — and are
kept out of search engines (`noindex`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.access import PUBLIC, access
from thidua.core.db import int_param
from thidua.core.forms import apply_validation_error
from thidua.core.middleware import client_ip
from thidua.core.money import group_digits
from thidua.org.rules import is_admin, is_secretariat

from .. import public_comment, scoping
from ..enums import CommentTriage, CommentWindowStatus, RecipientKind
from ..models import CommentWindow, Proposal
from ..roles import is_office

office = is_admin | is_secretariat
#: the words of a nominee's achievement shown on the public page
SUMMARY_WORDS = 60


class OpenWindowForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("Số ngày làm việc lấy ý kiến"), min_value=1, max_value=60,
                              error_messages={"required": gettext_lazy("Hãy nhập số ngày làm việc lấy ý kiến."),
                                              "invalid": gettext_lazy("Số ngày phải là số nguyên."),
                                              "min_value": gettext_lazy("Số ngày phải là số nguyên dương."),
                                              "max_value": gettext_lazy("Thời gian lấy ý kiến dài nhất 60 ngày làm "
                                                                        "việc.")})


def proposal_card(request, proposal: Proposal, form: OpenWindowForm | None = None) -> dict:
    """What the proposal's page shows of public comment: what the law asks, the latest window (its state, its
    last day, its comments) and, for the Office while the proposal is still here, the form opening one."""
    need = public_comment.requirement(proposal)
    window = public_comment.latest_window(proposal)
    if need is None and window is None:
        return {}
    if window is not None and window.status == CommentWindowStatus.OPEN and not public_comment.is_open(window):
        public_comment.close_due()
        window.refresh_from_db()
    can_open = (need is not None and is_office(request.user, proposal.agency_id)
                and proposal.status in public_comment.OPENABLE_STATES
                and (window is None or window.status == CommentWindowStatus.CLOSED))
    if can_open and form is None:
        form = OpenWindowForm(initial={"days": need.minimum})
    return {"comment": {
        "need": need, "window": window, "form": form if can_open else None,
        "count": window.comments.count() if window is not None else 0,
        "office": is_office(request.user, proposal.agency_id),
    }}


@access(office)
@require_POST
def window_open(request, proposal_id: int):
    """The Office opens a window on its proposal: refused beside the field below the regime's minimum."""
    from .forwarding import proposal_page

    p = scoping.proposal_for(request.user, proposal_id)
    if not is_office(request.user, p.agency_id):
        raise Http404
    form = OpenWindowForm(request.POST)
    if form.is_valid():
        try:
            window = public_comment.open_window(p, days=form.cleaned_data["days"], actor=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã mở lấy ý kiến nhân dân %(days)s ngày làm việc, đến hết ngày %(day)s.")
                             % {"days": window.days, "day": window.closes_on.strftime("%d/%m/%Y")})
            return redirect("awards:proposal", p.pk)
    return proposal_page(request, p, comment_form=form)


@access(office)
def window_triage(request, window_id: int):
    """The Office's page of one window: each comment with its marking and note (public_comment.triage)."""
    window = scoping.comment_window_for(request.user, window_id)
    if window.status == CommentWindowStatus.OPEN and not public_comment.is_open(window):
        public_comment.close_due()
        window.refresh_from_db()
    errors, posted = {}, {}
    if request.method == "POST":
        comment = window.comments.filter(pk=int_param(request.POST.get("comment"))).first()
        if comment is None:
            raise Http404
        state, note = request.POST.get("triage", ""), request.POST.get("note", "")
        try:
            public_comment.triage(comment, state, note=note, actor=request.user)
        except ValidationError as exc:
            found = dict(exc.message_dict) if hasattr(exc, "error_dict") else {}
            found["general"] = [] if found else exc.messages
            errors[comment.pk] = found
            posted[comment.pk] = {"triage": state, "note": note}
        else:
            messages.success(request, _("Đã ghi kết quả xem xét ý kiến #%(n)s.") % {"n": comment.pk})
            return redirect(f"{request.path}#y-kien-{comment.pk}")
    comments = list(window.comments.select_related("nominee__person", "nominee__unit", "nominee__household",
                                                   "nominee__form", "triaged_by").order_by("submitted_at", "id"))
    for c in comments:
        c.errors = errors.get(c.pk, {})
        c.shown = posted.get(c.pk, {"triage": c.triage, "note": c.triage_note})
    counts = dict(window.comments.values_list("triage").annotate(n=Count("id")).values_list("triage", "n"))
    return render(request, "awards/comments/triage.html", {
        "w": window, "p": window.proposal, "comments": comments, "states": CommentTriage.choices,
        "counts": [(label, counts.get(value, 0)) for value, label in CommentTriage.choices],
        "is_open": public_comment.is_open(window),
    })


# -- the public side --------------------------------------------------------------------------------------------------

def _public_nominee(nomination) -> dict:
    """What the public page shows of a nominee: name, unit or commune, form, a short achievement. Nothing else."""
    if nomination.recipient == RecipientKind.HOUSEHOLD:
        where = nomination.household.commune_name if nomination.household_id else ""
    elif nomination.recipient == RecipientKind.COLLECTIVE:
        where = nomination.agency.name
    else:
        where = nomination.unit.name
    return {"id": nomination.pk, "name": nomination.nominee_name, "kind": nomination.get_recipient_display(),
            "where": where, "form": nomination.form.name,
            "summary": Truncator(" ".join((nomination.achievement or "").split())).words(SUMMARY_WORDS)}


def _window_nominees(window: CommentWindow) -> list[dict]:
    rows = (window.nominations.filter(proposal_items__proposal_id=window.proposal_id)
            .select_related("person", "unit", "household", "form", "agency").order_by("proposal_items__order", "id"))
    return [_public_nominee(n) for n in rows]


@access(PUBLIC)
def public_windows(request):
    """The windows open today, soonest to close first."""
    rows = list(public_comment.open_windows().annotate(n=Count("nominations", distinct=True)))
    return render(request, "awards/comments/public_list.html", {"rows": rows})


@access(PUBLIC)
def public_window(request, window_id: int):
    """A window's public page and its comment form; a closed window says so and takes no comment."""
    number = int_param(window_id)
    public_comment.close_due()
    window = (CommentWindow.objects.select_related("proposal", "proposal__agency").filter(pk=number).first()
              if number is not None else None)
    if window is None or window.opened_on > timezone.localdate():
        raise Http404
    nominees = _window_nominees(window)
    is_open = public_comment.is_open(window)
    values, errors, refusal = {}, {}, ""
    if request.method == "POST" and is_open:
        values = {"nominee": request.POST.get("nominee", ""), "name": request.POST.get("name", "")[:500],
                  "text": request.POST.get("text", "")[:20000]}
        try:
            public_comment.submit_comment(window, nominee_id=values["nominee"], name=values["name"],
                                          text=values["text"], token=request.POST.get("token", ""),
                                          honeypot=request.POST.get("website", ""), ip=client_ip(request))
        except public_comment.Refused as exc:
            refusal = " ".join(exc.messages)
        except ValidationError as exc:
            errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
        else:
            messages.success(request, _("Cảm ơn bạn đã góp ý. Ý kiến đã được gửi đến Văn phòng %(agency)s.")
                             % {"agency": window.proposal.agency.name})
            return redirect("awards:public_window", window.pk)
        is_open = public_comment.is_open(window)
    elif request.method == "POST":
        refusal = _("Đợt lấy ý kiến đã kết thúc: không nhận thêm ý kiến.")
    return render(request, "awards/comments/public_window.html", {
        "w": window, "agency": window.proposal.agency, "nominees": nominees, "is_open": is_open,
        "token": public_comment.make_token(window) if is_open else "", "values": values, "errors": errors,
        "refusal": refusal, "max_text": group_digits(public_comment.MAX_TEXT),
        "max_name": public_comment.MAX_NAME,
    })


urlpatterns = [
    path("de-nghi-cap-tren/<int:proposal_id>/lay-y-kien/", window_open, name="comment_window_open"),
    path("lay-y-kien/<int:window_id>/", window_triage, name="comment_triage"),
    path("lay-y-kien-nhan-dan/", public_windows, name="public_windows"),
    path("lay-y-kien-nhan-dan/<int:window_id>/", public_window, name="public_window"),
]
