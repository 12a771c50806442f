"""The forms of the signing pages: the agency's PKCS#12 file, a file (or its hash) to check, the bonus lookup."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField
from thidua.core.submission import OneSubmissionMixin
from thidua.movements.models import RewardForm
from thidua.org.forms import DATE_FORMATS

from .council_forms import DATE_WIDGET, BoundedModelChoiceField
from .enums import RecipientKind

#: a PKCS#12 file holds a key and a few certificates: a few kilobytes; anything far larger is not one
PKCS12_MAX_BYTES = 256 * 1024
#: a signed decision of 500 awardees or a certificate is well under this
PDF_MAX_BYTES = 30 * 1024 * 1024

HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


class IdentityForm(OneSubmissionMixin, forms.Form):
    pkcs12 = forms.FileField(label=_("Tệp chứng thư số (.p12, .pfx)"), error_messages={
        "required": _("Hãy chọn tệp PKCS#12 (.p12 hoặc .pfx)."), "empty": _("Tệp đã chọn không có nội dung.")})
    passphrase = forms.CharField(label=_("Mật khẩu của tệp"), required=False, max_length=200, strip=False,
                                 widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                                 help_text=_("Mật khẩu chỉ dùng để mở tệp khi ký; không hiển thị và không ghi vào "
                                             "nhật ký."))

    def clean_pkcs12(self):
        upload = self.cleaned_data["pkcs12"]
        if upload.size > PKCS12_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn để là tệp PKCS#12 (tối đa %(kb)s KB).") % {
                "kb": PKCS12_MAX_BYTES // 1024})
        return upload


class VerifyFileForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra"), required=False)
    sha256 = forms.CharField(label=_("Hoặc mã băm SHA-256 của tệp"), required=False, max_length=200,
                             help_text=_("64 ký tự 0–9, a–f."))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > PDF_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa %(size)s).") % {"size": _mb(PDF_MAX_BYTES)})
        return upload

    def clean_sha256(self):
        value = "".join((self.cleaned_data.get("sha256") or "").split())
        if value and not HEX64.match(value):
            raise forms.ValidationError(_("Mã băm SHA-256 gồm đúng 64 ký tự 0–9, a–f."))
        return value.lower()

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("sha256"):
            raise forms.ValidationError(_("Hãy chọn một tệp PDF hoặc dán mã băm SHA-256 của tệp."))
        return data


class FormChoice(BoundedModelChoiceField):
    default_error_messages = {"invalid_choice": _("Hình thức khen thưởng đã chọn không có trong danh mục.")}

    def label_from_instance(self, obj):
        return obj.name


class BonusLookupForm(forms.Form):
    form = FormChoice(label=_("Hình thức, danh hiệu"), queryset=RewardForm.objects.none(),
                      empty_label=_("— chọn hình thức —"),
                      error_messages={"required": _("Hãy chọn hình thức khen thưởng.")})
    recipient = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices,
                                  error_messages={"invalid_choice": _("Đối tượng không hợp lệ.")})
    day = DayField(label=_("Ngày quyết định"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                          error_messages={"required": _("Hãy nhập ngày quyết định."),
                                          "invalid": _("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 15/12/2025.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = RewardForm.objects.order_by("sort_order", "name")
        self.fields["day"].initial = timezone.localdate()
