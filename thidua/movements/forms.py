from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField, bound_integer
from thidua.core.money import decimal_label
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc
from thidua.org.forms import DATE_FORMATS, DATE_WIDGET, UnitChoiceField
from thidua.org.models import Person

from .models import (
    Criterion,
    Dissemination,
    Milestone,
    Movement,
    MovementRewardForm,
    PlanItem,
    PlanSection,
    Responsibility,
    Subject,
)

YEAR_ATTRS = {"min": 1945, "max": 2100}


class DecimalCommaField(forms.DecimalField):
    """A decimal as officials write it, with a comma or a point: "1,5" and "1.5" are both one and a half.
    (Django's localized parsing would read "1.5" as 15 in Vietnamese, the point being the thousands mark.)"""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("Hãy nhập một số, ví dụ 1 hoặc 1,5.")})
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
            if value.count(".") > 1:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):  # 1.50 is shown as "1,5", 10.00 as "10"
            return decimal_label(value)
        return value


class MovementForm(OneSubmissionMixin, forms.ModelForm):
    plan_issued_on = DayField(label=_("Ngày ban hành"), required=False, widget=DATE_WIDGET,
                                     input_formats=DATE_FORMATS)

    class Meta:
        model = Movement
        fields = [
            "code", "name", "slogan", "kind", "start_year", "end_year", "governing_body", "issuing_body",
            "plan_number", "plan_issued_on", "plan_place", "plan_title", "parent_plan", "plan_intro", "plan_closing",
            "signer_title",
            "signer_name", "recipients",
        ]
        widgets = {
            "plan_title": forms.Textarea(attrs={"rows": 2}),
            "plan_intro": forms.Textarea(attrs={"rows": 4}),
            "plan_closing": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
            "start_year": forms.NumberInput(attrs=YEAR_ATTRS),
            "end_year": forms.NumberInput(attrs=YEAR_ATTRS),
        }
        help_texts = {"code": _("Chữ không dấu, số và dấu gạch ngang, ví dụ: vi-nguoi-ngheo-2021-2025")}

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_year", "end_year"):
            bound_integer(self.fields[name], YEAR_ATTRS["min"], YEAR_ATTRS["max"])
        if editing:
            self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", gettext("Năm kết thúc (%(end)s) không được trước năm bắt đầu (%(start)s).") % {
                "end": end, "start": start})
        for field in ("name", "slogan", "plan_title", "signer_name"):
            if data.get(field):
                data[field] = nfc(data[field])
        return data


class CloneForm(forms.Form):
    code = forms.SlugField(label=_("Mã phong trào mới"), max_length=60)
    name = forms.CharField(label=_("Tên phong trào mới"), max_length=300)
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=1945, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=1945, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
            self.add_error("end_year", gettext("Năm kết thúc không được trước năm bắt đầu."))
        if data.get("code") and Movement.objects.filter(code=data["code"]).exists():
            self.add_error("code", gettext("Mã phong trào đã được dùng."))
        return data


class DisseminationForm(OneSubmissionMixin, forms.ModelForm):
    held_on = DayField(label=_("Ngày quán triệt"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)

    class Meta:
        model = Dissemination
        fields = ["unit", "method", "held_on", "reference", "people_reached", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)
        bound_integer(self.fields["people_reached"], 1, 100_000)
        one = units.first() if units is not None and units.count() == 1 else None
        if one is not None:
            self.fields["unit"].initial = one
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["people_reached"].required = False
        if one is not None:
            # a unit head names who attended: each person then counts once in the coverage, whatever the sessions
            self.fields["people"] = forms.ModelMultipleChoiceField(
                label=_("Những người đã được quán triệt"), required=False, widget=forms.CheckboxSelectMultiple,
                queryset=Person.objects.filter(unit=one, is_active=True).order_by("sort_key", "id"),
                help_text=_("Chọn từng người để mỗi người chỉ được tính một lần dù dự nhiều buổi; nếu chọn, "
                            "không cần nhập số người."),
                error_messages={"invalid_choice": _("Người đã chọn không phải cán bộ đang công tác của đơn vị.")})
            self.order_fields(["unit", "method", "held_on", "reference", "people", "people_reached", "note"])

    def clean(self):
        data = super().clean()
        if not data.get("people") and data.get("people_reached") is None and not self.has_error("people_reached"):
            self.add_error("people_reached", gettext("Hãy nhập số người được quán triệt (hoặc chọn những người "
                                                     "đã được quán triệt)."))
        return data


class MovementDocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản"), max_length=300)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    issued_on = DayField(label=_("Ngày ban hành"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    file = forms.FileField(label=_("Tệp (PDF, DOCX)"))
    is_public = forms.BooleanField(label=_("Công khai trên trang phong trào"), required=False, initial=True)

    MAX_BYTES = 20 * 1024 * 1024
    ALLOWED = {".pdf": b"%PDF", ".docx": b"PK\x03\x04", ".doc": b"\xd0\xcf\x11\xe0"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        ext = next((e for e in self.ALLOWED if name.endswith(e)), None)
        if ext is None:
            raise forms.ValidationError(gettext("Chỉ nhận tệp PDF, DOCX hoặc DOC."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(gettext("Tệp quá lớn (%(size)s MB); giới hạn là 20 MB.") % {
                "size": number_format(round(upload.size / 1048576, 1), 1)})
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(self.ALLOWED[ext]):
            raise forms.ValidationError(gettext("Nội dung tệp không khớp với đuôi tệp (tệp bị đổi tên?)."))
        return upload


def _part_form(model, fields, widgets=None, labels=None):
    meta = type("Meta", (), {"model": model, "fields": fields, "widgets": widgets or {}, "labels": labels or {}})
    return type(f"{model.__name__}Form", (forms.ModelForm,), {"Meta": meta})


TEXT = forms.Textarea(attrs={"rows": 6})
#: kind → (model, form class, name; translatable, lower case, fits “Đã lưu …”, “Thêm …”)
PARTS = {
    "section": (PlanSection, _part_form(PlanSection, ["kind", "number", "heading", "text", "order"], {"text": TEXT}),
                _("mục của kế hoạch")),
    "item": (PlanItem, _part_form(PlanItem, ["kind", "label", "text", "order"], {"text": TEXT}),
             _("nội dung thi đua, giải pháp")),
    "subject": (Subject, _part_form(Subject, ["kind", "text", "order"]), _("đối tượng khen thưởng")),
    "criterion": (Criterion, _part_form(Criterion, ["target", "text", "max_score", "weight", "order"],
                                        {"text": forms.Textarea(attrs={"rows": 3})}), _("tiêu chí")),
    "reward": (MovementRewardForm, _part_form(MovementRewardForm, ["form", "timing", "authority", "quota", "order"]),
               _("hình thức khen thưởng")),
    "milestone": (Milestone, _part_form(Milestone, ["text", "when_text", "responsible", "done_on", "order"],
                                        {"done_on": DATE_WIDGET}), _("mốc thời gian")),
    "responsibility": (Responsibility, _part_form(Responsibility, ["who", "duties", "order"], {"duties": TEXT}),
                       _("trách nhiệm thực hiện")),
}
bound_integer(PARTS["criterion"][1].base_fields["max_score"], 1, 1000)
PARTS["criterion"][1].base_fields["weight"] = DecimalCommaField(
    label=_("Trọng số"), required=False, max_digits=5, decimal_places=2, min_value=Decimal("0.01"),
    max_value=Decimal("100"), help_text=_("Ví dụ: 1 hoặc 1,5"))
for _model, _form, _label in PARTS.values():
    if "order" in _form.base_fields:  # the parts' "order" had no Vietnamese label ("Order") and no sensible limit
        _form.base_fields["order"].label = _("Thứ tự")
        bound_integer(_form.base_fields["order"], 0, 999)
    if "done_on" in _form.base_fields:
        _form.base_fields["done_on"].input_formats = DATE_FORMATS


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("Văn bản kế hoạch (DOCX, PDF có lớp chữ, hoặc văn bản .txt)"), required=False)
    text = forms.CharField(label=_("…hoặc dán nội dung văn bản"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"] = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=agencies,
                                                       initial=agencies.first() if agencies is not None else None)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(gettext("Hãy chọn tệp văn bản hoặc dán nội dung kế hoạch."))
        return data


class PlanReviewForm(MovementForm):
    """The proposal under review: the movement's fields plus its parts as editable text."""

    sections = forms.CharField(label=_("Các mục (mỗi mục bắt đầu bằng một dòng “## Tiêu đề”)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 14}))
    content_items = forms.CharField(label=_("Nội dung thi đua (cách nhau một dòng trống)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 8}))
    solutions = forms.CharField(label=_("Giải pháp thực hiện (cách nhau một dòng trống)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 8}))
    subjects = forms.CharField(label=_("Đối tượng (mỗi dòng một đối tượng, bắt đầu bằng Tập thể: / Cá nhân: / Hộ gia đình:)"),
                               required=False, widget=forms.Textarea(attrs={"rows": 3}))
    criteria_collective = forms.CharField(label=_("Tiêu chí đối với tập thể (cách nhau một dòng trống)"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 6}))
    criteria_individual = forms.CharField(label=_("Tiêu chí đối với cá nhân (cách nhau một dòng trống)"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 4}))
    reward_forms = forms.CharField(label=_("Hình thức khen thưởng (mỗi dòng: tên | hằng năm, sơ kết, tổng kết)"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 5}))
    milestones = forms.CharField(label=_("Tiến độ (mỗi dòng: thời gian | nội dung)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 5}))
    responsibilities = forms.CharField(label=_("Tổ chức thực hiện (mỗi đơn vị bắt đầu bằng “## Tên đơn vị”)"),
                                       required=False, widget=forms.Textarea(attrs={"rows": 10}))

    def clean_code(self):
        code = self.cleaned_data["code"]
        if Movement.objects.filter(code=code).exists():
            raise forms.ValidationError(gettext("Mã phong trào đã được dùng."))
        return code
