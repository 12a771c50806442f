"""The ratings import: template, upload, preview with the row errors, confirm (all rows or none), cancel."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.core import importflow
from thidua.core.access import access
from thidua.core.db import int_param
from thidua.org.forms import ImportForm
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from ... import rating_import
from ...models import RatingImport
from ...ratings import grid_units
from .rules import rates


def _agencies(user):
    """The agencies whose ratings the user imports: those of the units he rates."""
    return OrgUnit.objects.filter(pk__in={u.home_agency_id for u in grid_units(user)}).order_by("path")


def _batches(user):
    """The Office sees its agencies' imports, a unit head his own."""
    scope = get_scope(user)
    qs = RatingImport.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(agency_id__in=sorted(scope.secretariat_agency_ids)) | qs.filter(created_by=user)


def _visible(request, rating_import_id: int) -> RatingImport:
    batch = (_batches(request.user).select_related("agency", "check_job", "apply_job").defer("content")
             .filter(pk=rating_import_id).first())
    if batch is None:
        raise Http404
    return batch


@access(rates)
def ratings_import(request):
    agencies = _agencies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    batch = importflow.upload(request, form, rating_import.FLOW)
    if batch is not None:
        return redirect("awards:rating_import", rating_import_id=batch.pk)
    recent = _batches(request.user).select_related("agency", "created_by").defer("content")[:10]
    return render(request, "awards/rating_import_start.html", {
        "form": form, "recent": recent, "columns": rating_import.COLUMNS, "agencies": list(agencies[:2])})


@access(rates)
def ratings_import_template(request):
    agencies = _agencies(request.user)
    agency_id = int_param(request.GET.get("agency"))
    agency = agencies.filter(pk=agency_id).first() if agency_id is not None else None
    return importflow.xlsx_download(rating_import.template_workbook(agency or agencies.first()),
                                    "mau-nhap-xep-loai.xlsx")


@access(rates)
def rating_import_detail(request, rating_import_id: int):
    return importflow.detail_page(request, _visible(request, rating_import_id), "awards/rating_import_detail.html")


@access(rates)
@require_POST
def rating_import_confirm(request, rating_import_id: int):
    batch = _visible(request, rating_import_id)
    return importflow.confirm_and_redirect(request, rating_import.FLOW, batch, "awards:rating_import",
                                           rating_import_id=batch.pk)


@access(rates)
@require_POST
def rating_import_cancel(request, rating_import_id: int):
    return importflow.cancel_and_redirect(request, rating_import.FLOW, _visible(request, rating_import_id),
                                          "awards:ratings_import")
