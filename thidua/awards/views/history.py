"""The award history's pages (issue 10 §6): the search of the Office (and of the agency's readers, a unit head his
units'), its export, a staff member's own awards and their download, a unit's and a household's awards, and the
import of past awards (template, upload, preview with the row errors, confirm: all rows or none)."""

from __future__ import annotations

from html import escape

import rules
from django import forms
from django.db.models import Min
from django.forms.utils import flatatt
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from thidua.core import importflow
from thidua.core.access import SIGNED_IN, access
from thidua.core.db import int_param, page_param
from thidua.movements.models import RewardForm
from thidua.org.enums import AGENCY_KINDS, Role
from thidua.org.forms import ImportForm
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope
from thidua.participation.models import Household

from .. import award_import, history, scoping
from ..enums import AwardKind, AwardLevel, RecipientKind
from ..models import Award, AwardImport

#: units offered in the filter (an administrator's list: the agencies)
UNIT_CHOICES = 500


@rules.predicate
def reads_awards(user) -> bool:
    """Reads award lists: the Office, the agency's leaders, Council and union officer, a unit head (his units'), the
    provincial reviewer. A staff member reads his own (my_awards)."""
    scope = get_scope(user)
    return scope.is_admin or bool(scope.secretariat_agency_ids or scope.read_agency_ids or scope.unit_paths
                                  or scope.province_paths)


@rules.predicate
def imports_awards(user) -> bool:
    return get_scope(user).has(Role.SECRETARIAT)


class PlainSelect(forms.Select):
    """A select written at once: Django renders every option through a template of its own, and the filter's years,
    forms and units are hundreds of options on every page of the history (issue 10 speed). The values and labels
    are plain text (escaped here), never markup."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for v, label in self.choices:
            v = "" if v is None else str(v)
            options.append(f'<option value="{escape(v)}"{" selected" if v in selected else ""}>'
                           f'{escape(str(label))}</option>')
        return mark_safe(f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>'
                         f'{"".join(options)}</select>')


class HistoryFilter(forms.Form):
    q = forms.CharField(label=_("Tìm (tên, hình thức, số quyết định)"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None, widget=PlainSelect)
    form = forms.TypedChoiceField(label=_("Hình thức"), required=False, coerce=int, empty_value=None,
                                  widget=PlainSelect)
    level = forms.ChoiceField(label=_("Cấp khen"), required=False, widget=PlainSelect,
                              choices=[("", _("— tất cả —"))] + list(AwardLevel.choices))
    kind = forms.ChoiceField(label=_("Loại"), required=False, widget=PlainSelect,
                             choices=[("", _("— tất cả —"))] + list(AwardKind.choices))
    recipient = forms.ChoiceField(label=_("Đối tượng"), required=False, widget=PlainSelect,
                                  choices=[("", _("— tất cả —"))] + list(RecipientKind.choices))
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None, widget=PlainSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        # the years the records hold, not 1945 onwards: the earliest year of any record (an index's end, one read)
        first = Award.objects.aggregate(first=Min("year"))["first"] or this_year
        self.fields["year"].choices = [("", _("— tất cả —"))] + [(y, y) for y in range(this_year, min(first, this_year) - 1, -1)]
        self.fields["form"].choices = [("", _("— tất cả —"))] + list(
            RewardForm.objects.order_by("sort_order", "name").values_list("id", "name"))
        self.units = {u.pk: u for u in _filter_units(user)}
        self.fields["unit"].choices = [("", _("— tất cả —"))] + [(u.pk, u.name) for u in self.units.values()]

    def clean_unit(self):
        unit_id = self.cleaned_data["unit"]
        return self.units.get(unit_id) if unit_id is not None else None


def _filter_units(user):
    scope = get_scope(user)
    if scope.is_admin:
        qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS)
    else:
        agencies = scope.secretariat_agency_ids | scope.read_agency_ids
        qs = OrgUnit.objects.of_agencies(agencies)
        heads = scope.head_unit_ids()
        if heads:
            qs = qs | OrgUnit.objects.filter(pk__in=heads)
    return qs.only("id", "name", "path").order_by("path")[:UNIT_CHOICES]


def _filtered(request):
    filters = HistoryFilter(request.GET or None, user=request.user)
    qs = history.rows(scoping.visible_awards(request.user))
    if not filters.is_bound:
        return history.narrowed(request.user, qs), filters
    qs = history.filtered(qs, filters.cleaned_data, request.user) if filters.is_valid() else qs.none()
    return qs, filters


def _page(request, qs) -> dict:
    number = page_param(request.GET.get("page"))
    rows, has_next = history.page(qs, number)
    params = request.GET.copy()
    params.pop("page", None)
    start = (number - 1) * history.PAGE_SIZE
    return {"rows": history.row_values(rows, start), "page": number, "has_next": has_next, "start": start,
            "query_string": params.urlencode()}


def _xlsx(awards, title: str, filename: str) -> HttpResponse:
    response = HttpResponse(history.xlsx(awards, title), content_type=importflow.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(reads_awards)
def history_search(request):
    qs, filters = _filtered(request)
    return render(request, "awards/history/search.html", {
        **_page(request, qs), "filters": filters, "imports": imports_awards.test(request.user)})


@access(reads_awards)
def history_export(request):
    qs, _filters = _filtered(request)
    return _xlsx(qs[:history.EXPORT_LIMIT].iterator(chunk_size=2000), gettext("Lịch sử khen thưởng"),
                 "lich-su-khen-thuong.xlsx")


@access(SIGNED_IN)
def my_awards(request):
    scope = get_scope(request.user)
    qs = history.of_own(request.user, scope.own_person_id)
    return render(request, "awards/history/mine.html", {**_page(request, qs), "has_person": bool(scope.own_person_id)})


@access(SIGNED_IN)
def my_awards_export(request):
    scope = get_scope(request.user)  # an account without a person record gets an empty list
    awards = list(history.of_own(request.user, scope.own_person_id)[:history.EXPORT_LIMIT])
    name = awards[0].name if awards else ""
    return _xlsx(awards, gettext("Khen thưởng của %(name)s") % {"name": name} if name else
                 gettext("Khen thưởng của tôi"), "khen-thuong-cua-toi.xlsx")


@access(reads_awards)
def unit_awards(request, unit_id: int):
    unit = get_object_or_404(OrgUnit.objects.select_related("agency"), pk=unit_id)
    scope = get_scope(request.user)
    if not (history._reads_whole(scope, unit.home_agency_id) or scope.heads(unit)):
        raise Http404
    qs = history.of_unit(request.user, unit)
    if request.GET.get("format") == "xlsx":
        return _xlsx(qs[:history.EXPORT_LIMIT].iterator(chunk_size=2000),
                     gettext("Khen thưởng: %(name)s") % {"name": unit.name}, f"khen-thuong-don-vi-{unit.pk}.xlsx")
    return render(request, "awards/history/owner.html", {
        **_page(request, qs), "title": unit.name, "owner_url": ("org:unit", unit.pk),
        "lead": gettext("Khen thưởng của tập thể và của cán bộ khi công tác tại đơn vị.")})


@access(reads_awards)
def household_awards(request, household_id: int):
    household = get_object_or_404(Household, pk=household_id)
    if not history._reads_whole(get_scope(request.user), household.agency_id):
        raise Http404
    qs = history.of_household(request.user, household)
    return render(request, "awards/history/owner.html", {
        **_page(request, qs), "title": household.head_name, "owner_url": ("participation:household", household.pk),
        "lead": gettext("Khen thưởng của hộ gia đình.")})


# -- the import of past awards ----------------------------------------------------------------------------------

def _agencies(user):
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.filter(kind__in=AGENCY_KINDS).order_by("path")
    return OrgUnit.objects.filter(pk__in=sorted(scope.secretariat_agency_ids)).order_by("path")


def _batches(user):
    scope = get_scope(user)
    qs = AwardImport.objects.all()
    return qs if scope.is_admin else qs.filter(agency_id__in=sorted(scope.secretariat_agency_ids))


def _visible(request, award_import_id: int) -> AwardImport:
    batch = (_batches(request.user).select_related("agency", "check_job", "apply_job").defer("content")
             .filter(pk=award_import_id).first())
    if batch is None:
        raise Http404
    return batch


@access(imports_awards)
def award_import_start(request):
    agencies = _agencies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    batch = importflow.upload(request, form, award_import.FLOW)
    if batch is not None:
        return redirect("awards:award_import", award_import_id=batch.pk)
    recent = _batches(request.user).select_related("agency", "created_by").defer("content")[:10]
    return render(request, "awards/history/import_start.html", {
        "form": form, "recent": recent, "columns": award_import.COLUMNS, "agencies": list(agencies[:2])})


@access(imports_awards)
def award_import_template(request):
    agencies = _agencies(request.user)
    agency_id = int_param(request.GET.get("agency"))
    agency = agencies.filter(pk=agency_id).first() if agency_id is not None else None
    return importflow.xlsx_download(award_import.template_workbook(agency or agencies.first()),
                                    "mau-nhap-lich-su-khen-thuong.xlsx")


@access(imports_awards)
def award_import_detail(request, award_import_id: int):
    return importflow.detail_page(request, _visible(request, award_import_id), "awards/history/import_detail.html")


@access(imports_awards)
@require_POST
def award_import_confirm(request, award_import_id: int):
    batch = _visible(request, award_import_id)
    return importflow.confirm_and_redirect(request, award_import.FLOW, batch, "awards:award_import",
                                           award_import_id=batch.pk)


@access(imports_awards)
@require_POST
def award_import_cancel(request, award_import_id: int):
    return importflow.cancel_and_redirect(request, award_import.FLOW, _visible(request, award_import_id),
                                          "awards:award_import_start")


urlpatterns = [
    path("lich-su/", history_search, name="history"),
    path("lich-su/xuat.xlsx", history_export, name="history_export"),
    path("lich-su/cua-toi/", my_awards, name="my_awards"),
    path("lich-su/cua-toi/xuat.xlsx", my_awards_export, name="my_awards_export"),
    path("lich-su/don-vi/<int:unit_id>/", unit_awards, name="unit_awards"),
    path("lich-su/ho-gia-dinh/<int:household_id>/", household_awards, name="household_awards"),
    path("lich-su/nhap/", award_import_start, name="award_import_start"),
    path("lich-su/nhap/mau.xlsx", award_import_template, name="award_import_template"),
    path("lich-su/nhap/<int:award_import_id>/", award_import_detail, name="award_import"),
    path("lich-su/nhap/<int:award_import_id>/ghi/", award_import_confirm, name="award_import_confirm"),
    path("lich-su/nhap/<int:award_import_id>/huy/", award_import_cancel, name="award_import_cancel"),
]
