"""Certificates (issue 10 §4): one award's certificate as a signed PDF, the printing of a whole decision as a
background job, and the public verification page the certificates' QR codes lead to."""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core import exports
from thidua.core.access import PUBLIC, SIGNED_IN, access
from thidua.core.db import int_param
from thidua.core.models import Job, JobStatus

from .. import certificates
from ..enums import DecisionStatus
from ..models import Award
from ..roles import is_office
from ..scoping import award_for, decision_for


def _back(request) -> str:
    """Where a refused download sends the user back to: the page he came from when it is one of this site's,
    never another site's address a forged Referer names."""
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.headers.get("Referer") or ""
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return reverse("home")


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@access(SIGNED_IN)
def certificate_pdf(request, award_id: int):
    """One award's certificate (signed PDF), for whoever may read the award (award_for: the agency's Office and
    readers — leaders, the Council, the union —, the awardee himself, his unit's head). A certificate shows only
    what the public honour roll shows (name, unit, form, decision), nothing private."""
    award = award_for(request.user, award_id)
    try:
        data = certificates.certificate_pdf(award)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_back(request))
    return _pdf_response(data, certificates.filename_of(award))


@rules.predicate
def may_print(user) -> bool:
    """Only an Office (or an administrator) prints a whole decision; the decision itself is scoped in the view."""
    from thidua.org.scoping import get_scope

    scope = get_scope(user)
    return scope.is_admin or bool(scope.secretariat_agency_ids)


def _office_decision(request, decision_id: int):
    decision = decision_for(request.user, decision_id)
    if not is_office(request.user, decision.agency_id):
        raise Http404
    return decision


def _print_job(request, decision) -> Job | None:
    """The print job named by ?viec=: one of this user's prints of this decision (else 404)."""
    job_id = int_param(request.GET.get("viec"))
    if job_id is None:
        return None
    job = Job.objects.filter(pk=job_id, kind=certificates.PRINT_KIND, created_by=request.user).first()
    if job is None or job.params.get("decision_id") != decision.pk:
        raise Http404
    return job


@access(may_print)
@require_http_methods(["GET", "POST"])
def decision_certificates(request, signed_decision_id: int):
    """Print every certificate of a signed or published decision: POST starts the job, then this page (?viec=)
    shows its progress (polled with HTMX) and the download when done."""
    decision = _office_decision(request, signed_decision_id)
    printable = decision.status in certificates.PRINTABLE
    if request.method == "POST":
        try:
            job = certificates.start_print(decision, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("awards:decision_certificates", signed_decision_id=decision.pk)
        return redirect(f"{reverse('awards:decision_certificates', args=[decision.pk])}?viec={job.pk}")
    job = _print_job(request, decision)
    context = {"decision": decision, "job": job, "printable": printable,
               "count": decision.awards.filter(revoked_on__isnull=True).count(),
               "decision_url": _url_or_none("awards:decision", decision.pk)}
    if job is not None and request.headers.get("HX-Request"):
        return render(request, "awards/certificates/_print_progress.html", context)
    return render(request, "awards/certificates/print.html", context)


@access(may_print)
def decision_certificates_file(request, signed_decision_id: int):
    decision = _office_decision(request, signed_decision_id)
    job = _print_job(request, decision)
    if job is None:
        return redirect("awards:decision_certificates", signed_decision_id=decision.pk)
    if job.status != JobStatus.DONE:
        return redirect(f"{reverse('awards:decision_certificates', args=[decision.pk])}?viec={job.pk}")
    file = exports.export_file(job.result.get("path", ""))
    if file is None:
        messages.info(request, _("Tệp giấy khen này đã được xóa sau %(hours)s giờ; hãy in lại.")
                      % {"hours": settings.EXPORT_RETENTION_HOURS})
        return redirect("awards:decision_certificates", signed_decision_id=decision.pk)
    return FileResponse(open(file, "rb"), as_attachment=True,  # noqa: SIM115 (FileResponse closes it)
                        filename=job.result.get("filename") or file.name, content_type="application/pdf")


def _url_or_none(name: str, *args) -> str | None:
    """The URL of a page another area provides, or None while that area is not part of this build."""
    try:
        return reverse(f"{name}", args=args)
    except NoReverseMatch:
        return None


@access(PUBLIC)
def verify(request, award_token: str):
    """The public verification page of a certificate's QR code: what was awarded, by which decision, and whether
    it still stands. An unknown or tampered token gets the same plain "not found" page, whatever it is."""
    award = (Award.objects.select_related("form", "household", "decision", "decision__agency", "higher_decision")
             .filter(token=award_token).first()) if len(award_token) <= 40 else None
    decision = award.decision if award is not None else None
    if award is None or (award.decision_id and decision.status not in certificates.PRINTABLE):
        return render(request, "awards/certificates/verify_missing.html", status=404)
    published_pdf = None
    if decision is not None and decision.status == DecisionStatus.PUBLISHED and decision.published_pdf:
        published_pdf = _url_or_none("awards:decision_published_pdf", decision.pk)
    if award.higher_decision_id:
        authority = award.authority or award.higher_decision.authority
    else:
        authority = award.authority or (f"Giám đốc {decision.agency.name}" if decision else "")
    unit = award.unit_name
    if award.recipient == "household" and award.household_id:
        unit = award.household.commune_name
    return render(request, "awards/certificates/verify.html", {
        "award": award, "decision": decision, "authority": authority, "unit": unit,
        "published_pdf": published_pdf, "verify_file_url": _url_or_none("awards:verify_file"),
    })


urlpatterns = [
    path("giay-khen/<int:award_id>/pdf/", certificate_pdf, name="certificate_pdf"),
    path("quyet-dinh/<int:signed_decision_id>/in-giay-khen/", decision_certificates, name="decision_certificates"),
    path("quyet-dinh/<int:signed_decision_id>/in-giay-khen/tai/", decision_certificates_file,
         name="decision_certificates_file"),
    path("xac-minh/<str:award_token>/", verify, name="verify"),
]
