"""Discipline, inquiries and initiatives: the Office records and edits them (from the person's page); the list shows
the Office its agency's and a unit head his people's."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.access import access
from thidua.core.db import int_param, page_param, year_param
from thidua.core.submission import single_submission

from ... import inputs, scoping
from ...forms_inputs import FORMS
from ...models import Discipline, Initiative, Inquiry
from .rules import reads_inputs, records_inputs

PAGE_SIZE = 50

#: per kind: its model, the fields its form edits, and its names on the pages
KINDS = {
    "discipline": (Discipline, inputs.DISCIPLINE_FIELDS, gettext_lazy("Kỷ luật"), gettext_lazy("Ghi nhận kỷ luật")),
    "inquiry": (Inquiry, inputs.INQUIRY_FIELDS, gettext_lazy("Điều tra, khiếu nại"),
                gettext_lazy("Ghi nhận thời gian bị điều tra, khiếu nại")),
    "initiative": (Initiative, inputs.INITIATIVE_FIELDS, gettext_lazy("Sáng kiến, đề tài"),
                   gettext_lazy("Ghi nhận sáng kiến, đề tài")),
}


@access(reads_inputs)
def records(request):
    kind = request.GET.get("loai") if request.GET.get("loai") in KINDS else "discipline"
    model = KINDS[kind][0]
    qs = scoping.visible_person_records(request.user, model).select_related("person__unit")
    year = year_param(request.GET.get("year"))
    if year is not None:
        qs = qs.filter(year=year) if kind == "initiative" else qs.filter(inputs._overlapping(year))
    page = page_param(request.GET.get("page"))
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start:start + PAGE_SIZE + 1])
    return render(request, "awards/records.html", {
        "kind": kind, "kinds": [(k, v[2]) for k, v in KINDS.items()], "rows": rows[:PAGE_SIZE], "page": page,
        "has_next": len(rows) > PAGE_SIZE, "year": year, "can_record": records_inputs.test(request.user),
    })


def _edit(request, kind: str, person, record):
    model, fields, _title, heading = KINDS[kind]
    form = FORMS[kind](request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        if record.pk is None:
            record = form.save(commit=False)
            record.person = person
            inputs.record_input(record, fields, actor=request.user)
            messages.success(request, _("Đã ghi nhận cho %(name)s.") % {"name": person.full_name})
        else:
            fresh = model.objects.get(pk=record.pk)
            inputs.change_input(fresh, form.cleaned_data, fields, actor=request.user)
            messages.success(request, _("Đã lưu thay đổi."))
        return redirect("org:person", person_id=person.pk)
    return render(request, "awards/record_form.html", {"form": form, "person": person, "heading": heading,
                                                       "editing": record.pk is not None})


def _person(request, person_id: int):
    if int_param(person_id) is None:  # out of a database id's range: no such person
        raise Http404
    return get_object_or_404(scoping.recorded_people(request.user).select_related("unit"), pk=person_id)


def _record(request, model, record_id: int):
    """A record of a person the user records for; 404 for one hidden from him (or no such id)."""
    record = (model.objects.filter(person__in=scoping.recorded_people(request.user))
              .select_related("person__unit").filter(pk=record_id).first() if int_param(record_id) is not None
              else None)
    if record is None:
        raise Http404
    return record


def _new_view(kind):
    @access(records_inputs)
    @single_submission
    def view(request, person_id: int):
        return _edit(request, kind, _person(request, person_id), KINDS[kind][0]())

    view.__name__ = f"{kind}_new"
    return view


def _edit_view(kind):
    @access(records_inputs)
    def view(request, **kwargs):
        record = _record(request, KINDS[kind][0], kwargs[f"{kind}_id"])
        return _edit(request, kind, record.person, record)

    view.__name__ = f"{kind}_edit"
    return view


discipline_new, inquiry_new, initiative_new = (_new_view(k) for k in ("discipline", "inquiry", "initiative"))
discipline_edit, inquiry_edit, initiative_edit = (_edit_view(k) for k in ("discipline", "inquiry", "initiative"))
