"""Signed PDFs (issue 10 §5) and the bonus lookup (§2): the agency's certificate (the administrator installs a
PKCS#12 file, the Office reads it), the public check of a file a visitor holds (is it one the agency signed, and
is its embedded signature intact), and the Office's "Tra cứu mức tiền thưởng" page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.access import PUBLIC, access
from thidua.core.db import int_param
from thidua.core.forms import apply_validation_error
from thidua.core.submission import single_submission
from thidua.org.enums import UnitKind
from thidua.org.models import OrgUnit
from thidua.org.rules import is_admin, is_secretariat
from thidua.org.scoping import get_scope

from .. import bonus as bonus_rules
from .. import signing
from ..signing_forms import PDF_MAX_BYTES, BonusLookupForm, IdentityForm, VerifyFileForm

reads_identity = is_admin | is_secretariat
looks_up_bonus = is_admin | is_secretariat

#: how long before its end a certificate is said to expire soon
EXPIRY_WARNING_DAYS = 30


# -- the agency's certificate ------------------------------------------------------------------------------------------

def _agencies(user):
    scope = get_scope(user)
    qs = OrgUnit.objects.filter(kind__in=[UnitKind.AGENCY, UnitKind.LOCAL_GOV], is_active=True).order_by("path")
    return qs if scope.is_admin else qs.filter(pk__in=sorted(scope.secretariat_agency_ids))


def _identity_row(identity, now) -> dict:
    return {"identity": identity, "expired": signing.expired(identity, now=now),
            "expires_soon": signing.expires_soon(identity, days=EXPIRY_WARNING_DAYS, now=now)}


@access(reads_identity)
@single_submission
def identity_page(request):
    agencies = list(_agencies(request.user))
    wanted = int_param(request.GET.get("agency") or request.POST.get("agency"))
    agency = next((a for a in agencies if a.pk == wanted), agencies[0] if agencies else None)
    can_install = get_scope(request.user).is_admin
    form = IdentityForm(request.POST or None, request.FILES or None) if can_install else None
    if request.method == "POST":
        if not can_install or agency is None:
            messages.error(request, _("Chỉ quản trị hệ thống được cài chứng thư số của cơ quan."))
            return redirect(_page_url(agency))
        if form.is_valid():
            try:
                identity = signing.install_identity(agency, form.cleaned_data["pkcs12"].read(),
                                                    form.cleaned_data["passphrase"], actor=request.user)
            except ValidationError as exc:
                form.add_error("pkcs12", exc)
            else:
                messages.success(request, _("Đã cài chứng thư số “%(subject)s” cho %(agency)s; các tệp PDF từ nay "
                                            "được ký bằng chứng thư này.") % {"subject": identity.subject,
                                                                             "agency": agency.name})
                return redirect(_page_url(agency))
    now = timezone.now()
    rows = []
    if agency is not None:
        identities = (signing.SigningIdentity.objects.filter(agency=agency).annotate(file_count=Count("files"))
                      .select_related("created_by").order_by("-is_active", "-created_at"))
        rows = [_identity_row(i, now) for i in identities]
    active = next((r for r in rows if r["identity"].is_active), None)
    return render(request, "awards/signing/identity.html", {
        "agencies": agencies, "agency": agency, "active": active,
        "previous": [r for r in rows if r is not active], "form": form, "can_install": can_install,
        "warning_days": EXPIRY_WARNING_DAYS,
    }, status=400 if request.method == "POST" else 200)


def _page_url(agency) -> str:
    url = reverse("awards:signing")
    return f"{url}?agency={agency.pk}" if agency is not None else url


# -- checking a file ---------------------------------------------------------------------------------------------------

def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y")


def _verify_url(award) -> str:
    """The certificates engineer's public verification page of an award, when it is there."""
    try:
        return reverse("awards:verify", args=[award.token])
    except NoReverseMatch:
        return ""


def describe(record) -> dict:
    """What the answer page says of a file the agency signed: only what the file itself shows (who, which form,
    which decision) — never a birth date, an id or a contact."""
    agency = record.identity.agency.name
    day = _day(record.signed_at)
    award, decision = record.award, record.decision
    if award is not None:
        what = _("%(form)s của %(name)s theo Quyết định số %(number)s ngày %(date)s") % {
            "form": award.form.name, "name": award.name, "number": award.decision_number,
            "date": award.decision_date.strftime("%d/%m/%Y")}
    elif decision is not None:
        what = _("Quyết định số %(number)s ngày %(date)s%(title)s") % {
            "number": decision.number_label, "date": decision.issued_on.strftime("%d/%m/%Y"),
            "title": f" {decision.title}" if decision.title else ""}
    else:
        what = record.filename
    return {"text": _("Tệp này do %(agency)s ký số ngày %(day)s: %(what)s.") % {
        "agency": agency, "day": day, "what": what},
        "verify_url": _verify_url(award) if award is not None else "",
        "revoked": award is not None and not award.stands}


@access(PUBLIC)
def verify_file(request):
    form = VerifyFileForm(request.POST or None, request.FILES or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        answer = _answer(form)
        if answer is None:
            form.add_error("file", _("Tệp đã chọn không phải tệp PDF hoặc bị hỏng, không đọc được."))
    return render(request, "awards/signing/verify_file.html", {
        "form": form, "answer": answer, "max_mb": PDF_MAX_BYTES // (1024 * 1024)})


def _answer(form) -> dict | None:
    upload = form.cleaned_data.get("file")
    signatures = None
    if upload:
        data = upload.read()
        try:
            signatures = signing.check_signatures(data)
        except signing.NotPdf:
            return None
        record = signing.signed_file(data)
    else:
        record = signing.signed_file_by_hash(form.cleaned_data["sha256"])
    if record is not None:
        record = (signing.SignedFile.objects.select_related("identity__agency", "award__form", "decision__agency")
                  .get(pk=record.pk))
    return {"known": describe(record) if record is not None else None, "signatures": signatures,
            "uploaded": bool(upload)}


# -- the bonus lookup ----------------------------------------------------------------------------------------------

@access(looks_up_bonus)
def bonus_lookup(request):
    form = BonusLookupForm(request.GET if "form" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            found = bonus_rules.bonus_for(data["form"], data["recipient"], data["day"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            result = {"bonus": found, "amount": bonus_rules.money(found.amount),
                      "coefficient": bonus_rules.coefficient_label(found.coefficient),
                      "salary": bonus_rules.money(found.base_salary.amount),
                      "multiplier": bonus_rules.coefficient_label(found.multiplier) if found.multiplier is not None else "",
                      "single": bonus_rules.coefficient_label(found.coefficient / found.multiplier) if found.multiplier else "",
                      "unconfirmed": found.rule.coefficient_unconfirmed}
    return render(request, "awards/signing/bonus_lookup.html", {"form": form, "result": result})


urlpatterns = [
    path("chung-thu-so/", identity_page, name="signing"),
    path("kiem-tra-tep/", verify_file, name="verify_file"),
    path("tra-cuu-tien-thuong/", bonus_lookup, name="bonus_lookup"),
]
