"""The law as dated data (issue 9 §1): the regimes page, read by the Office (secretariat) of any agency and the
administrator; the administrator's forms to add a regime (copying an existing one's figures), edit the figures of
a regime nothing has used yet, and append a base salary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.access import access
from thidua.core.db import int_param
from thidua.core.forms import apply_validation_error
from thidua.core.money import group_digits
from thidua.core.submission import single_submission
from thidua.org.rules import is_admin, is_secretariat

from .. import law_changes, legal
from ..enums import DossierStage, RecipientKind
from ..law_forms import PART_FORMS, BaseSalaryForm, NewRegimeForm, RegimeForm
from ..models import BaseSalary, DossierRule, FormRule, LegalRegime

reads_law = is_admin | is_secretariat
changes_law = is_admin

RECIPIENT_ORDER = {RecipientKind.INDIVIDUAL: 0, RecipientKind.COLLECTIVE: 1, RecipientKind.HOUSEHOLD: 2}


def _number(value) -> str:
    return legal.percent_label(value)


def _coefficient(value) -> str:
    """1.00 → "1,0", 0.30 → "0,3", 1.25 → "1,25": a coefficient as the decrees write it."""
    text = legal.percent_label(value)
    return text if "," in text else f"{text},0"


def _rule_row(rule: FormRule) -> dict:
    if rule.coefficient is not None:
        money = _coefficient(rule.coefficient)
    elif rule.household_multiplier is not None:
        money = _("%(times)s × mức cá nhân") % {"times": _coefficient(rule.household_multiplier)}
    else:
        money = _("chưa có")
    return {
        "rule": rule, "money": money, "threshold": legal.threshold_label(rule),
        "quota": _("≤ %(percent)s%% số đạt Lao động tiên tiến") % {"percent": _number(rule.quota_percent)}
        if rule.quota_percent is not None else "",
    }


def _regime_view(regime: LegalRegime, *, today, used: set[int]) -> dict:
    rules = sorted(regime.form_rules.all(), key=lambda r: (r.form.sort_order, r.form.name,
                                                           RECIPIENT_ORDER.get(r.recipient, 9)))
    dossier = list(regime.dossier_rules.all())
    stages = [{"label": label, "rules": [d for d in dossier if d.stage == value]}
              for value, label in DossierStage.choices]
    return {
        "regime": regime, "period": law_changes.period_label(regime), "current": regime.covers(today),
        "in_use": regime.pk in used, "bases": list(regime.bases.all()), "rules": [_rule_row(r) for r in rules],
        "stages": [s for s in stages if s["rules"]], "rounding_step": group_digits(regime.rounding_step),
    }


@access(reads_law)
def law(request):
    today = timezone.localdate()
    regimes = (LegalRegime.objects.order_by("valid_from")
               .prefetch_related("bases",
                                 Prefetch("form_rules", queryset=FormRule.objects.select_related("form")),
                                 Prefetch("dossier_rules", queryset=DossierRule.objects.select_related("form")
                                          .order_by("stage", "part", "id"))))
    used = legal.used_regime_ids()
    salaries = list(BaseSalary.objects.order_by("valid_from"))
    current_salary = next((s for s in reversed(salaries) if s.valid_from <= today), None)
    return render(request, "awards/law.html", {
        "regimes": [_regime_view(r, today=today, used=used) for r in regimes],
        "salaries": [{"salary": s, "amount": group_digits(s.amount), "current": s is current_salary}
                     for s in salaries],
        "today": today, "can_change": changes_law.test(request.user),
    })


def _form_page(request, form, title: str, *, regime: LegalRegime | None = None, note: str = ""):
    return render(request, "awards/law_form.html", {"form": form, "title": title, "regime": regime, "note": note})


def _back(regime: LegalRegime | None = None):
    url = reverse("awards:law")
    return redirect(f"{url}#che-do-{regime.pk}" if regime is not None else url)


#: a regime's own transition rule is not carried into the next one's form
TRANSITION_FIELDS = ("keeps_pipeline", "transition_rule", "transition_unconfirmed")


@access(changes_law)
@single_submission
def regime_add(request):
    initial = {}
    source_id = int_param(request.GET.get("from"))
    source = LegalRegime.objects.filter(pk=source_id).first() if source_id else None
    source = source or LegalRegime.objects.order_by("-valid_from").first()
    if source is not None:
        initial = {name: getattr(source, name) for name in law_changes.REGIME_FIELDS
                   if name not in ("name", "short_name", "valid_from", "valid_to", "note", *TRANSITION_FIELDS)}
        initial["copy_from"] = source.pk
    form = NewRegimeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        copy_from = data.pop("copy_from")
        try:
            regime = law_changes.add_regime(actor=request.user, copy_from=copy_from, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã thêm chế độ %(regime)s với các số liệu sao chép từ %(source)s: hãy sửa "
                                        "những số liệu khác.") % {"regime": regime.short_name,
                                                                 "source": copy_from.short_name})
            return _back(regime)
    return _form_page(request, form, _("Thêm chế độ pháp lý"), note=_(
        "Chế độ mới bắt đầu bằng bản sao các căn cứ, quy định về hình thức khen thưởng và thành phần hồ sơ của chế "
        "độ được chọn; sau đó sửa những gì văn bản mới thay đổi. Ngày có hiệu lực của chế độ mới đóng chế độ đang "
        "áp dụng không thời hạn vào ngày hôm trước."))


def _editable(request, regime: LegalRegime):
    """None when the regime's figures may be changed, else the redirect with the refusal."""
    if legal.in_use(regime):
        messages.error(request, law_changes.in_use_message(regime))
        return _back(regime)
    return None


@access(changes_law)
def regime_edit(request, regime_id: int):
    regime = get_object_or_404(LegalRegime, pk=regime_id)
    refused = _editable(request, regime)
    if refused:
        return refused
    form = RegimeForm(request.POST or None, instance=LegalRegime.objects.get(pk=regime.pk))
    if request.method == "POST" and form.is_valid():
        try:
            law_changes.update_regime(regime, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu chế độ %(regime)s.") % {"regime": form.cleaned_data["short_name"]})
            return _back(regime)
    return _form_page(request, form, _("Sửa chế độ %(regime)s") % {"regime": regime.short_name}, regime=regime)


def _part_form(request, kind: str, regime: LegalRegime, instance):
    form_class, label = PART_FORMS[kind]
    refused = _editable(request, regime)
    if refused:
        return refused
    # the form fills its own copy, so that the service sees (and audits) the values before the change
    copy = type(instance).objects.get(pk=instance.pk) if instance.pk else type(instance)(regime=regime)
    form = form_class(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            law_changes.save_part(regime, instance, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu %(part)s của chế độ %(regime)s.") % {
                "part": label, "regime": regime.short_name})
            return _back(regime)
    title = (_("Sửa %(part)s") if instance.pk else _("Thêm %(part)s")) % {"part": label}
    return _form_page(request, form, f"{title} — {regime.short_name}", regime=regime)


def part_add(kind: str):
    @access(changes_law)
    @single_submission
    def view(request, regime_id: int):
        regime = get_object_or_404(LegalRegime, pk=regime_id)
        return _part_form(request, kind, regime, law_changes.PARTS[kind](regime=regime))

    return view


def part_edit(kind: str):
    @access(changes_law)
    def view(request, **kwargs):
        instance = get_object_or_404(law_changes.PARTS[kind].objects.select_related("regime"),
                                     pk=kwargs[f"{kind}_id"])
        return _part_form(request, kind, instance.regime, instance)

    return view


def part_delete(kind: str):
    @access(changes_law)
    @require_POST
    def view(request, **kwargs):
        instance = get_object_or_404(law_changes.PARTS[kind].objects.select_related("regime"),
                                     pk=kwargs[f"{kind}_id"])
        try:
            law_changes.delete_part(instance, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã xóa %(part)s.") % {"part": PART_FORMS[kind][1]})
        return _back(instance.regime)

    return view


@access(changes_law)
@single_submission
def salary_add(request):
    form = BaseSalaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            salary = law_changes.add_base_salary(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã thêm mức lương cơ sở %(amount)s đồng từ ngày %(day)s.") % {
                "amount": group_digits(salary.amount), "day": salary.valid_from.strftime("%d/%m/%Y")})
            return redirect(reverse("awards:law") + "#luong-co-so")
    return _form_page(request, form, _("Thêm mức lương cơ sở"), note=_(
        "Các mức lương cơ sở chỉ được thêm tiếp theo, không sửa, không xóa: mức áp dụng cho một khoản tiền thưởng "
        "là mức có hiệu lực vào ngày ký quyết định."))


#: URL slugs of the rows of a regime's figures
PART_SLUGS = {"basis": "can-cu", "rule": "hinh-thuc", "dossier": "ho-so"}

urlpatterns = [
    path("che-do-phap-ly/", law, name="law"),
    path("che-do-phap-ly/them/", regime_add, name="law_regime_add"),
    path("che-do-phap-ly/<int:regime_id>/sua/", regime_edit, name="law_regime_edit"),
    path("che-do-phap-ly/luong-co-so/them/", salary_add, name="law_salary_add"),
]
for _kind, _slug in PART_SLUGS.items():
    urlpatterns += [
        path(f"che-do-phap-ly/<int:regime_id>/{_slug}/them/", part_add(_kind), name=f"law_{_kind}_add"),
        path(f"che-do-phap-ly/{_slug}/<int:{_kind}_id>/sua/", part_edit(_kind), name=f"law_{_kind}_edit"),
        path(f"che-do-phap-ly/{_slug}/<int:{_kind}_id>/xoa/", part_delete(_kind), name=f"law_{_kind}_delete"),
    ]
