"""An award's own page (from the history), the Office's form recording the decision that revokes it (issue 11
§5), and the list of revocations with the money to recover."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.access import SIGNED_IN, access
from thidua.core.db import page_param
from thidua.core.forms import DayField, MoneyField, apply_validation_error
from thidua.core.money import group_digits
from thidua.org.forms import DATE_FORMATS
from thidua.org.rules import is_admin, is_secretariat
from thidua.org.scoping import get_scope

from .. import revocation, scoping
from ..enums import RevocationReason
from ..models import Revocation

records_revocations = is_admin | is_secretariat
PAGE_SIZE = 50


def _required(text: str) -> dict:
    return {"required": text}


class RevocationForm(forms.Form):
    decision_number = forms.CharField(label=gettext_lazy("Số quyết định thu hồi"), max_length=60,
                                      help_text=gettext_lazy("Ví dụ: 45/QĐ-SGTVT"),
                                      error_messages=_required(gettext_lazy("Hãy ghi số quyết định thu hồi.")))
    decision_date = DayField(
        label=gettext_lazy("Ngày quyết định thu hồi"), input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": gettext_lazy("ngày/tháng/năm"),
                                                          "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 20/11/2026."),
                        "required": gettext_lazy("Hãy ghi ngày quyết định thu hồi.")})
    authority = forms.CharField(label=gettext_lazy("Cấp quyết định thu hồi"), max_length=200, error_messages=_required(
        gettext_lazy("Hãy ghi cấp quyết định thu hồi (ví dụ: Giám đốc Sở Giao thông vận tải).")))
    reason = forms.ChoiceField(label=gettext_lazy("Căn cứ thu hồi (Luật Thi đua, khen thưởng 2022, chương VII)"),
                               choices=[("", gettext_lazy("— chọn —"))] + list(RevocationReason.choices),
                               error_messages=_required(gettext_lazy("Hãy chọn căn cứ thu hồi.")))
    details = forms.CharField(label=gettext_lazy("Nội dung vi phạm"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000, error_messages=_required(
                                  gettext_lazy("Hãy ghi nội dung vi phạm dẫn đến việc thu hồi.")))
    amount_to_recover = MoneyField(label=gettext_lazy("Tiền thưởng phải thu hồi (đồng)"), allow_zero=True)
    items_to_recover = forms.CharField(label=gettext_lazy("Hiện vật phải thu hồi"), max_length=300, required=False,
                                       help_text=gettext_lazy("Ví dụ: Giấy khen, Huy hiệu"))


def _award_of_office(request, award_id: int):
    """The award, for the Office of its agency (or the administrator); 404 for anyone else."""
    award = scoping.award_for(request.user, award_id)
    scope = get_scope(request.user)
    if not (scope.is_admin or award.agency_id in scope.secretariat_agency_ids):
        raise Http404
    return award


def _may_revoke(user, award) -> bool:
    scope = get_scope(user)
    return scope.is_admin or award.agency_id in scope.secretariat_agency_ids


@access(SIGNED_IN)
def award(request, award_id: int):
    found = scoping.award_for(request.user, award_id)
    revoked = Revocation.objects.filter(award=found).select_related("created_by").first()
    return render(request, "awards/revocations/award.html", {
        "award": found, "revocation": revoked, "amount": group_digits(found.amount) if found.amount else "",
        "recover": group_digits(revoked.amount_to_recover) if revoked else "",
        "may_revoke": found.stands and _may_revoke(request.user, found),
        "verify_url": reverse("awards:verify", args=[found.token]),
    })


@access(records_revocations)
def revoke(request, award_id: int):
    found = _award_of_office(request, award_id)
    if not found.stands:
        messages.error(request, revocation.already_revoked(found))
        return redirect("awards:award", award_id=found.pk)
    initial = {"amount_to_recover": found.amount or 0, "authority": _("Giám đốc %(agency)s") % {
        "agency": found.agency.name}}
    form = RevocationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") != "1":  # shown once more, to be confirmed
            return render(request, "awards/revocations/revoke.html", {
                "award": found, "form": form, "confirming": True,
                "recover": group_digits(data["amount_to_recover"] or 0),
                "reason": dict(RevocationReason.choices).get(data["reason"], "")})
        try:
            done = revocation.revoke(found, actor=request.user, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã ghi Quyết định thu hồi số %(number)s: khen thưởng không còn giá trị; "
                                        "tiền thưởng phải thu hồi %(amount)s đồng.") % {
                "number": done.decision_number, "amount": group_digits(done.amount_to_recover)})
            return redirect("awards:award", award_id=found.pk)
    return render(request, "awards/revocations/revoke.html", {"award": found, "form": form, "confirming": False})


@access(records_revocations)
def revocations(request):
    scope = get_scope(request.user)
    qs = Revocation.objects.select_related("award", "award__form")
    if not scope.is_admin:
        qs = qs.filter(agency_id__in=sorted(scope.secretariat_agency_ids))
    total = qs.aggregate(total=Sum("amount_to_recover"))["total"] or 0
    number = page_param(request.GET.get("page"))
    rows = list(qs[(number - 1) * PAGE_SIZE: number * PAGE_SIZE + 1])
    for row in rows:
        row.recover = group_digits(row.amount_to_recover)
    return render(request, "awards/revocations/list.html", {
        "rows": rows[:PAGE_SIZE], "has_next": len(rows) > PAGE_SIZE, "page": number,
        "total": group_digits(total), "count": qs.count(),
    })


urlpatterns = [
    path("lich-su/khen-thuong/<int:award_id>/", award, name="award"),
    path("lich-su/khen-thuong/<int:award_id>/thu-hoi/", revoke, name="award_revoke"),
    path("thu-hoi/", revocations, name="revocations"),
]
