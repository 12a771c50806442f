"""The forms of the discipline, inquiry and initiative records (the Office records and edits them)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField, bound_integer
from thidua.core.text import nfc
from thidua.org.forms import DATE_FORMATS

from .enums import DisciplineForm, InitiativeKind, InquiryKind, RecognitionLevel
from .models import Discipline, Initiative, Inquiry

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 20/10/2024"),
                                                        "inputmode": "numeric"})
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/10/2024."),
               "required": _("Hãy nhập ngày.")}
CHOICE_ERRORS = {"invalid_choice": _("Lựa chọn không có trong danh sách."), "required": _("Hãy chọn một mục.")}


def _date(label, required=True):
    return DayField(label=label, required=required, widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                           error_messages=DATE_ERRORS)


def _text(label, max_length, required=True):
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages={
        "required": _("Hãy nhập nội dung này."),
        "max_length": _("Dài quá %(limit_value)d ký tự.")})


class _Periodic(forms.ModelForm):
    """A record with a period [start_date, end_date]; the end, when given, is not before the start."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        today = timezone.localdate()
        for name in ("decision_date",):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Ngày quyết định ở tương lai."))
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = nfc(value.strip())
        return data


class DisciplineForm_(_Periodic):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices, error_messages=CHOICE_ERRORS)
    decision_number = _text(_("Số quyết định"), 60)
    decision_date = _date(_("Ngày quyết định"))
    start_date = _date(_("Thời hạn từ ngày"))
    end_date = _date(_("Đến ngày (bỏ trống nếu không có thời hạn)"), required=False)
    reason = _text(_("Lý do"), 400, required=False)

    class Meta:
        model = Discipline
        fields = ["form", "decision_number", "decision_date", "start_date", "end_date", "reason"]


class InquiryForm(_Periodic):
    kind = forms.ChoiceField(label=_("Loại"), choices=InquiryKind.choices, error_messages=CHOICE_ERRORS)
    start_date = _date(_("Từ ngày"))
    end_date = _date(_("Đến ngày (đã kết luận; bỏ trống khi chưa giải quyết xong)"), required=False)
    note = _text(_("Ghi chú"), 400, required=False)

    class Meta:
        model = Inquiry
        fields = ["kind", "start_date", "end_date", "note"]


class InitiativeForm(_Periodic):
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices, error_messages=CHOICE_ERRORS)
    title = _text(_("Tên sáng kiến, đề tài"), 400)
    year = bound_integer(forms.IntegerField(label=_("Năm"), error_messages={
        "required": _("Hãy nhập năm."), "invalid": _("Năm phải là một số, ví dụ 2024."),
        "min_value": _("Năm phải từ 2000 đến 2100."), "max_value": _("Năm phải từ 2000 đến 2100.")}), 2000, 2100)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=RecognitionLevel.choices, error_messages=CHOICE_ERRORS)
    decision_number = _text(_("Số quyết định công nhận"), 60)
    decision_date = _date(_("Ngày quyết định"))

    class Meta:
        model = Initiative
        fields = ["kind", "title", "year", "level", "decision_number", "decision_date"]

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("decision_date") and data["decision_date"].year < data["year"]:
            self.add_error("decision_date", _("Quyết định công nhận không thể trước năm của sáng kiến."))
        return data


#: per kind of record: its form, its model's name on the pages
FORMS = {"discipline": DisciplineForm_, "inquiry": InquiryForm, "initiative": InitiativeForm}
