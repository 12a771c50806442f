from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField, MoneyField
from thidua.core.money import group_digits, parse_money
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc
from thidua.participation.models import Activity

from .enums import Method

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


def date_widget():
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 20/10/2023"),
                                                     "inputmode": "numeric"})


def date_field(label: str, required: bool = True) -> forms.DateField:
    return DayField(label=label, required=required, widget=date_widget(), input_formats=DATE_FORMATS,
                           error_messages={"invalid": _("Ngày không hợp lệ; viết theo dạng ngày/tháng/năm, "
                                                        "ví dụ 20/10/2023."),
                                           "required": _("Hãy nhập ngày.")})


class CampaignForm(OneSubmissionMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Tên đợt vận động"), max_length=255,
                           widget=forms.TextInput(attrs={"placeholder": _("vd. Tháng cao điểm Vì người nghèo 2023")}))
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))
    movement = forms.ModelChoiceField(label=_("Thuộc phong trào"), queryset=None, required=False,
                                      empty_label=_("— không —"))
    fund_holder = forms.CharField(label=_("Nơi tiếp nhận quỹ"), max_length=255, required=False,
                                  help_text=_("Ví dụ: Ủy ban MTTQ Việt Nam tỉnh Cao Bằng"))

    def __init__(self, *args, agencies, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["movement"].queryset = movements
        if agencies.count() == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies.first()

    def clean_name(self):
        return nfc(self.cleaned_data["name"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", gettext("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        return data


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.unit.name}"


class ContributionForm(OneSubmissionMixin, forms.Form):
    person = PersonChoice(label=_("Cá nhân ủng hộ"), queryset=None, required=False, empty_label=_("— chọn người —"),
                          error_messages={"invalid_choice": _("Người đã chọn không thuộc phạm vi bạn được ghi.")})
    unit = forms.ModelChoiceField(label=_("hoặc đơn vị (tập thể) ủng hộ"), queryset=None, required=False,
                                  empty_label=_("— chọn đơn vị —"),
                                  error_messages={"invalid_choice": _("Đơn vị đã chọn không thuộc phạm vi bạn "
                                                                      "được ghi.")})
    amount = MoneyField(label=_("Số tiền"))
    entry_date = date_field(_("Ngày nộp"))
    method = forms.ChoiceField(label=_("Hình thức"), choices=Method.choices, initial=Method.CASH)
    description = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("person") is None) == (data.get("unit") is None):
            raise ValidationError(gettext("Hãy chọn một cá nhân hoặc một đơn vị ủng hộ (chỉ một)."))
        return data


class BulkForm(OneSubmissionMixin, forms.Form):
    """The unit's list: one amount per active staff member; blank or 0 means the person is not in this entry."""

    entry_date = date_field(_("Ngày nộp"))
    method = forms.ChoiceField(label=_("Hình thức"), choices=Method.choices, initial=Method.PAYROLL)

    def __init__(self, *args, people, default_amount: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"amount_{person.pk}"] = forms.CharField(
                label=person.full_name, required=False, max_length=40,
                initial=group_digits(default_amount) if default_amount else "",
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "form-control form-control-sm",
                                              "aria-label": person.full_name}))

    def rows(self):
        """(person, bound field, balance) for the template."""
        return [(p, self[f"amount_{p.pk}"]) for p in self.people]

    def clean(self):
        data = super().clean()
        chosen = []
        for person in self.people:
            name = f"amount_{person.pk}"
            raw = (data.get(name) or "").strip()
            if raw in ("", "0"):
                continue
            try:
                chosen.append((person, parse_money(raw, field=gettext("Dòng %(name)s") % {"name": person.full_name})))
            except ValidationError as exc:
                self.add_error(name, exc)
        if not chosen and not self.errors:
            raise ValidationError(gettext("Chưa có ai trong danh sách có số tiền: hãy nhập số tiền cho ít nhất một người."))
        data["rows"] = chosen
        return data


def activity_label(held_on, title: str) -> str:
    """How a support activity is named in the spending form, the ledger and its export: "20/10/2023 – title"."""
    return f"{held_on:%d/%m/%Y} – {title}"


class ActivityChoice(forms.ModelChoiceField):
    """An activity of the campaign's agency by its id (an older one than the select offers is still accepted);
    another agency's is "not found", so that its title never shows."""

    def label_from_instance(self, obj):
        return activity_label(obj.held_on, obj.title)


class OutflowForm(OneSubmissionMixin, forms.Form):
    amount = MoneyField(label=_("Số tiền"))
    entry_date = date_field(_("Ngày"))
    activity = ActivityChoice(label=_("Hoạt động hỗ trợ được chi"), queryset=Activity.objects.none(),
                              required=False, empty_label=_("— không gắn hoạt động —"),
                              help_text=_("Hoạt động hỗ trợ người nghèo của cơ quan mà khoản chi này chi cho "
                                          "(tùy chọn)."),
                              error_messages={"invalid_choice": _("Không tìm thấy hoạt động đã chọn; hãy chọn "
                                                                  "lại trong danh sách.")})
    description = forms.CharField(label=_("Nội dung"), max_length=500)

    field_order = ["amount", "entry_date", "activity", "description"]

    def __init__(self, *args, kind: str, agency_id: int | None = None, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        if kind == "handover":
            del self.fields["activity"]
            self.fields["description"].label = gettext("Nơi nhận, chứng từ")
            self.fields["description"].help_text = gettext("Ví dụ: Bàn giao Ủy ban MTTQ tỉnh Cao Bằng, phiếu thu số 12")
        else:
            self.fields["description"].label = gettext("Hoạt động chi")
            self.fields["description"].help_text = gettext("Ví dụ: Tặng quà 20 hộ nghèo xã Quang Trung")
            field = self.fields["activity"]
            field.queryset = Activity.objects.filter(agency_id=agency_id)
            # the select lists the given activities only (a page of recent ones), not every activity
            field.widget.choices = [("", field.empty_label)] + [
                (a.pk, activity_label(a.held_on, a.title)) for a in activities]


class ReversalForm(OneSubmissionMixin, forms.Form):
    amount = MoneyField(label=_("Số tiền điều chỉnh"), required=False,
                        help_text=_("Để trống để điều chỉnh toàn bộ số còn lại của bút toán."))
    entry_date = date_field(_("Ngày điều chỉnh"), required=False)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Hãy ghi lý do điều chỉnh.")})

    def clean_reason(self):
        reason = nfc(self.cleaned_data["reason"])
        if not reason:
            raise ValidationError(gettext("Hãy ghi lý do điều chỉnh."))
        return reason


class MoveForm(forms.Form):
    """The confirmation step of closing or reopening the books: reopening needs a written reason."""

    to = forms.ChoiceField(choices=[("open", "open"), ("closed", "closed")], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, to: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if to == "open":
            self.fields["reason"].label = gettext("Lý do mở lại sổ")
            self.fields["reason"].help_text = gettext("Bắt buộc; được ghi vào nhật ký cùng tên người mở lại.")
        else:
            self.fields["reason"].label = gettext("Ghi chú (tùy chọn)")

    def clean(self):
        data = super().clean()
        data["reason"] = nfc(data.get("reason") or "")
        if data.get("to") == "open" and not data["reason"]:
            self.add_error("reason", gettext("Hãy ghi lý do mở lại sổ."))
        return data
