"""The administrator's forms over the law as data: a regime, a row of its figures, a base salary."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField, MoneyField, bound_integer
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc
from thidua.movements.forms import DecimalCommaField
from thidua.movements.models import RewardForm
from thidua.org.forms import DATE_FORMATS, DATE_WIDGET

from .models import BaseSalary, DossierRule, FormRule, LegalBasis, LegalRegime

REPORT_KINDS = [("", "—"), ("individual", _("cá nhân")), ("collective", _("tập thể")),
                ("household", _("hộ gia đình")), ("thematic", _("thi đua theo chuyên đề"))]


def _date(label, *, required=True, help_text=""):
    return DayField(label=label, required=required, widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                           help_text=help_text, error_messages={"invalid": _("Hãy nhập ngày dạng ngày/tháng/năm, "
                                                                             "ví dụ 01/07/2025.")})


def _percent(label, *, required=True, help_text=""):
    return DecimalCommaField(label=label, required=required, max_digits=5, decimal_places=2, min_value=Decimal("0"),
                             max_value=Decimal("100"), help_text=help_text)


class RegimeChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("Chế độ pháp lý đã chọn không tồn tại.")}

    def label_from_instance(self, obj: LegalRegime) -> str:
        return obj.short_name


class NfcMixin:
    """Text fields stored in NFC, stripped."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = nfc(value).strip()
        return data


class RegimeForm(NfcMixin, forms.ModelForm):
    valid_from = _date(_("Có hiệu lực từ ngày"))
    valid_to = _date(_("Hết hiệu lực ngày"), required=False,
                     help_text=_("Để trống khi chưa có văn bản thay thế."))

    class Meta:
        model = LegalRegime
        fields = ["name", "short_name", "valid_from", "valid_to", "money_articles", "keeps_pipeline",
                  "transition_rule", "transition_unconfirmed", "rounding", "rounding_step", "thematic_counts_for_merit",
                  "thematic_report_template", "thematic_report_unconfirmed", "processing_days", "note"]
        labels = {"keeps_pipeline": _("Hồ sơ đã gửi trước ngày có hiệu lực giữ chế độ trước (quy định chuyển tiếp)")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rounding_step"] = bound_integer(forms.IntegerField(
            label=_("Làm tròn đến (đồng)"), initial=10_000,
            error_messages={"invalid": _("Hãy nhập số đồng nguyên, ví dụ 10000."),
                            "required": _("Hãy nhập bước làm tròn, ví dụ 10000.")}), 1, 1_000_000)
        self.fields["rounding_step"].widget.attrs["inputmode"] = "numeric"
        self.fields["processing_days"] = bound_integer(forms.IntegerField(
            label=_("Thời hạn xử lý hồ sơ (ngày làm việc)"), initial=20,
            help_text=_("Tính từ ngày nhận đủ hồ sơ hợp lệ; ngày nghỉ lễ, Tết không tính."),
            error_messages={"invalid": _("Hãy nhập số ngày làm việc, ví dụ 20."),
                            "required": _("Hãy nhập số ngày làm việc, ví dụ 20.")}), 1, 365)
        self.fields["processing_days"].widget.attrs["inputmode"] = "numeric"
        self.fields["rounding"].error_messages["invalid_choice"] = _("Cách làm tròn đã chọn không có.")


class NewRegimeForm(OneSubmissionMixin, RegimeForm):
    copy_from = RegimeChoiceField(label=_("Sao chép các căn cứ, quy định về hình thức và thành phần hồ sơ từ chế độ"),
                                  queryset=LegalRegime.objects.order_by("-valid_from"), empty_label=None)

    field_order = ["copy_from"]


class BasisForm(NfcMixin, forms.ModelForm):
    class Meta:
        model = LegalBasis
        fields = ["text", "for_decision", "for_submission", "order"]
        labels = {"order": _("Thứ tự")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"] = bound_integer(forms.IntegerField(
            label=_("Thứ tự"), initial=0, error_messages={"invalid": _("Thứ tự là một số nguyên, ví dụ 10."),
                                                          "required": _("Hãy nhập thứ tự, ví dụ 10.")}), 0, 999)
        self.fields["order"].widget.attrs["inputmode"] = "numeric"


class FormRuleForm(NfcMixin, forms.ModelForm):
    coefficient = DecimalCommaField(label=_("Hệ số tiền thưởng (× mức lương cơ sở)"), required=False, max_digits=5,
                                    decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100"),
                                    help_text=_("Ví dụ 1,5. Để trống khi tính theo bội số mức cá nhân."))
    household_multiplier = DecimalCommaField(label=_("Bội số so với mức tiền thưởng cá nhân"), required=False,
                                             max_digits=4, decimal_places=2, min_value=Decimal("0"),
                                             max_value=Decimal("10"), help_text=_("Hộ gia đình, ví dụ 1,5."))
    threshold_percent = _percent(_("Tỷ lệ đồng ý tối thiểu (%)"), help_text=_("Ví dụ 80 hoặc 50 (quá bán)."))
    quota_percent = _percent(_("Giới hạn tỷ lệ so với số đạt Lao động tiên tiến (%)"), required=False)
    report_kind = forms.ChoiceField(label=_("Loại mẫu báo cáo"), choices=REPORT_KINDS, required=False,
                                    error_messages={"invalid_choice": _("Loại mẫu báo cáo đã chọn không có.")})

    class Meta:
        model = FormRule
        fields = ["form", "recipient", "coefficient", "coefficient_unconfirmed", "household_multiplier",
                  "ballot_required", "threshold_percent", "threshold_strict", "threshold_of", "threshold_unconfirmed",
                  "report_template", "report_kind", "report_unconfirmed", "quota_percent", "legal_source",
                  "public_comment_days", "public_comment_unconfirmed"]
        labels = {"threshold_strict": _("Phải vượt quá tỷ lệ (bỏ chọn: đạt từ tỷ lệ trở lên)")}
        help_texts = {"report_template": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = RewardForm.objects.order_by("sort_order", "name")
        self.fields["form"].error_messages["invalid_choice"] = _("Hình thức đã chọn không có trong danh mục.")
        for name in ("recipient", "threshold_of"):
            self.fields[name].error_messages["invalid_choice"] = _("Lựa chọn không có trong danh sách.")
        if self.instance.pk:  # the form and the recipient say which rule it is
            for name in ("form", "recipient"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("recipient") == "household":
            if data.get("coefficient") is None and data.get("household_multiplier") is None:
                self.add_error("household_multiplier", _("Hộ gia đình: hãy nhập hệ số hoặc bội số so với mức cá "
                                                         "nhân."))
        elif data.get("household_multiplier") is not None:
            self.add_error("household_multiplier", _("Bội số chỉ dùng cho hộ gia đình."))
        return data


class DossierRuleForm(NfcMixin, forms.ModelForm):
    class Meta:
        model = DossierRule
        fields = ["part", "stage", "form", "required", "only_with_initiatives", "note"]
        labels = {"form": _("Chỉ cho hình thức (để trống: mọi hình thức)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = RewardForm.objects.order_by("sort_order", "name")
        self.fields["form"].empty_label = _("— mọi hình thức —")
        self.fields["form"].error_messages["invalid_choice"] = _("Hình thức đã chọn không có trong danh mục.")
        for name in ("part", "stage"):
            self.fields[name].error_messages["invalid_choice"] = _("Lựa chọn không có trong danh sách.")


class BaseSalaryForm(OneSubmissionMixin, NfcMixin, forms.ModelForm):
    amount = MoneyField(label=_("Mức lương cơ sở (đồng/tháng)"))
    valid_from = _date(_("Áp dụng từ ngày"))

    class Meta:
        model = BaseSalary
        fields = ["amount", "valid_from", "legal_basis"]
        labels = {"legal_basis": _("Văn bản quy định")}
        help_texts = {"legal_basis": _("Ví dụ: Nghị định 73/2024/NĐ-CP")}

    def validate_unique(self):  # the service says why a day already taken is refused (append-only)
        pass


#: the rows of a regime's figures: model form and the name a page gives them
PART_FORMS = {
    "basis": (BasisForm, _("căn cứ pháp lý")),
    "rule": (FormRuleForm, _("quy định về hình thức khen thưởng")),
    "dossier": (DossierRuleForm, _("thành phần hồ sơ")),
}
