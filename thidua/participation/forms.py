"""Forms of the participation pages: every input goes through one of these."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.money import group_digits, parse_money
from thidua.core.text import nfc
from thidua.org.forms import DATE_FORMATS, DATE_WIDGET
from thidua.org.models import OrgUnit, Person

from . import evidence as files
from . import places
from .enums import ActivityKind, Ethnicity, HouseholdCategory
from .models import Household, Student


class MoneyField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _("vd. 1.000.000")}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return group_digits(value) if isinstance(value, int) else value

    def to_python(self, value):
        return parse_money(super().to_python(value), field=str(self.label or "Số tiền"), allow_zero=True)


class FastSelect(forms.Select):
    """A single select rendered in Python: the filter lists of a province (hundreds of units and content items)
    cost ~0.2 ms per option through the widget templates, which grew the activity list with the data."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f"<select{flatatt(final)}>"]
        for key, label in self.choices:
            key = "" if key is None else str(key)
            selected = " selected" if key in chosen else ""
            parts.append(f'<option value="{escape(key)}"{selected}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))


def pick_label(obj) -> str:
    if isinstance(obj, Household):
        return f"{obj.head_name} — {obj.place}"
    if isinstance(obj, Student):
        return f"{obj.full_name} — {obj.school}"
    return str(obj)


class PickerWidget(forms.SelectMultiple):
    """Search-as-you-type instead of a list of every household, person or student of the agency: the chosen
    ones are checked checkboxes (unchecking removes one), a search box asks participation:pick for matching
    names (HTMX) and a click on a result adds its checkbox. Only the chosen objects are read to render it."""

    def __init__(self, kind: str, agency_id: int | None = None, attrs=None):
        super().__init__(attrs)
        self.kind, self.agency_id = kind, agency_id

    def render(self, name, value, attrs=None, renderer=None):
        from django.urls import reverse
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        ids = sorted({int(v) for v in self.format_value(value) if str(v).isdigit()})
        chosen = list(self.choices.queryset.filter(pk__in=ids)) if ids else []
        box = f"pick-{name}"
        parts = [f'<div class="picker" data-picker="{escape(name)}"><div class="picker-chosen mb-1" id="{box}-chosen">']
        for obj in chosen:
            parts.append(f'<label class="form-check"><input class="form-check-input" type="checkbox" name="{escape(name)}" '
                         f'value="{obj.pk}" checked> {escape(pick_label(obj))}</label>')
        url = reverse("participation:pick")
        placeholder = escape(gettext("Gõ tên để tìm, vd. nong van"))
        parts.append(
            f'</div><input class="form-control" type="search" id="id_{escape(name)}" name="q" autocomplete="off" '
            f'placeholder="{placeholder}" form="" hx-get="{url}" '
            f'hx-vals=\'{{"kind": "{self.kind}", "agency": "{self.agency_id or ""}", "field": "{escape(name)}"}}\' '
            f'hx-trigger="input changed delay:250ms, search" hx-target="#{box}-results">'
            f'<div class="list-group mt-1" id="{box}-results"></div></div>'
        )
        return mark_safe("".join(parts))

    def value_from_datadict(self, data, files, name):
        return [v for v in data.getlist(name) if v] if hasattr(data, "getlist") else data.get(name)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files; each checked by content (see evidence.check_upload). Cleans to a list of CheckedFile."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if not uploads and self.required:
            raise ValidationError(gettext("Cần ít nhất một tệp minh chứng."))
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(files.check_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


def _commune_field(province_code: int, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Xã, phường"), coerce=int, required=required,
        choices=[("", _("— chọn xã, phường —"))] + places.commune_choices(province_code),
    )


class HouseholdForm(forms.Form):
    head_name = forms.CharField(label=_("Họ tên chủ hộ"), max_length=150)
    members = forms.IntegerField(label=_("Số nhân khẩu"), min_value=1, max_value=50)
    commune = forms.IntegerField(label=_("Xã, phường"))
    village = forms.CharField(label=_("Thôn, xóm"), max_length=150, required=False)
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=[("", "—")] + list(Ethnicity.choices), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, province_code: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.province_code = province_code
        self.fields["commune"] = _commune_field(province_code, True)
        self.order_fields(["head_name", "members", "commune", "village", "ethnicity", "note"])

    def clean_head_name(self):
        return nfc(self.cleaned_data["head_name"])

    def household_data(self) -> dict:
        data = dict(self.cleaned_data)
        commune = places.commune(data.pop("commune"))
        data.update(province_code=commune.province_code, commune_code=commune.code, commune_name=commune.name)
        data["village"] = nfc(data["village"])
        return data

    @staticmethod
    def initial_for(household: Household) -> dict:
        return {"head_name": household.head_name, "members": household.members, "commune": household.commune_code,
                "village": household.village, "ethnicity": household.ethnicity, "note": household.note}


def year_choices() -> list[tuple[int, int]]:
    this = timezone.localdate().year
    return [(y, y) for y in range(this, 2014, -1)]


class StatusForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    category = forms.ChoiceField(label=_("Phân loại"), choices=HouseholdCategory.choices)
    classified_by = forms.CharField(label=_("Cơ quan phân loại"), max_length=200,
                                    widget=forms.TextInput(attrs={"placeholder": _("vd. UBND xã Quảng Lâm")}))
    classified_on = forms.DateField(label=_("Ngày phân loại"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    decision = forms.CharField(label=_("Số quyết định, văn bản"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()

    def clean(self):
        data = super().clean()
        for key in ("classified_by", "decision"):
            if key in data:
                data[key] = nfc(data[key])
        return data


class StudentForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    school = forms.CharField(label=_("Trường"), max_length=200)
    grade = forms.CharField(label=_("Lớp"), max_length=20)
    household = forms.ModelChoiceField(label=_("Thuộc hộ (nếu có)"), queryset=Household.objects.none(), required=False)
    note = forms.CharField(label=_("Hoàn cảnh, ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        if households is not None:
            self.fields["household"].queryset = households.order_by("head_fold", "id")


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    held_on = forms.DateField(label=_("Ngày thực hiện"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    units = forms.ModelMultipleChoiceField(label=_("Đơn vị tổ chức"), queryset=OrgUnit.objects.none())
    people = forms.ModelMultipleChoiceField(label=_("Người tham gia"), queryset=Person.objects.none(), required=False)
    households = forms.ModelMultipleChoiceField(label=_("Hộ được hỗ trợ"), queryset=Household.objects.none(),
                                                required=False)
    students = forms.ModelMultipleChoiceField(label=_("Học sinh được hỗ trợ"), queryset=Student.objects.none(),
                                              required=False)
    cash_value = MoneyField(label=_("Tiền mặt (đồng)"))
    in_kind_value = MoneyField(label=_("Hiện vật quy đổi (đồng)"))
    commune = forms.IntegerField(label=_("Xã, phường"), required=False)
    content_items = forms.ModelMultipleChoiceField(label=_("Nội dung phong trào"), queryset=None, required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = EvidenceField(
        label=_("Minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)"),
    )

    def __init__(self, *args, agency: OrgUnit, units, people, households, students, content_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = gettext(
            "Chọn được nhiều tệp; tối đa %(mb)s MB mỗi tệp. Tệp được kiểm tra theo nội dung thật."
        ) % {"mb": files.MAX_MB}
        self.agency = agency
        self.fields["units"].queryset = units.order_by("path")
        self.fields["people"].queryset = people.order_by("sort_key", "id")
        self.fields["households"].queryset = households.order_by("head_fold", "id")
        self.fields["students"].queryset = students.order_by("name_key", "id")
        self.fields["content_items"].queryset = content_items
        self.fields["content_items"].label_from_instance = lambda item: f"{item.label}) {item.text[:140]}"
        self.fields["households"].label_from_instance = lambda h: f"{h.head_name} — {h.place}"
        self.fields["commune"] = _commune_field(places.agency_province_code(agency), False)
        self.fields["units"].widget.attrs["size"] = 6
        for name, kind in (("people", "people"), ("households", "households"), ("students", "students")):
            widget = PickerWidget(kind, agency.pk)
            widget.choices = self.fields[name].choices
            self.fields[name].widget = widget
        self.order_fields(["kind", "title", "held_on", "units", "people", "households", "students", "cash_value",
                           "in_kind_value", "commune", "content_items", "description", "evidence"])

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError(gettext("Ngày thực hiện không được ở tương lai."))
        if held_on.year < 2000:
            raise ValidationError(gettext("Ngày thực hiện không hợp lệ."))
        return held_on

    def clean_title(self):
        return nfc(self.cleaned_data["title"])

    def activity_data(self) -> tuple[dict, dict, list]:
        data = self.cleaned_data
        commune = places.commune(data.get("commune"))
        fields = {
            "kind": data["kind"], "title": data["title"], "held_on": data["held_on"],
            "cash_value": data["cash_value"], "in_kind_value": data["in_kind_value"],
            "commune_code": commune.code if commune else None, "commune_name": commune.name if commune else "",
            "description": (data.get("description") or "").strip(),
        }
        links = {name: list(data[name]) for name in ("units", "people", "households", "students", "content_items")}
        return fields, links, data.get("evidence") or []


class EvidenceForm(forms.Form):
    evidence = EvidenceField(label=_("Thêm minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = gettext("Tối đa %(mb)s MB mỗi tệp.") % {"mb": files.MAX_MB}


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoạt động"), required=False)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=[("", _("Tất cả"))] + list(ActivityKind.choices), required=False)
    unit = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int, required=False, empty_value=None,
                                  widget=FastSelect)
    commune = forms.TypedChoiceField(label=_("Xã, phường"), coerce=int, required=False, empty_value=None,
                                     widget=FastSelect)
    item = forms.TypedChoiceField(label=_("Nội dung phong trào"), coerce=int, required=False, empty_value=None,
                                  widget=FastSelect)
    household = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS)

    def __init__(self, *args, units=(), communes=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả"))] + list(units)
        self.fields["commune"].choices = [("", _("Tất cả"))] + list(communes)
        self.fields["item"].choices = [("", _("Tất cả"))] + list(items)
        self.fields["year"].choices = [("", _("Tất cả"))] + year_choices()


class HouseholdFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên chủ hộ"), required=False)
    commune = forms.TypedChoiceField(label=_("Xã, phường"), coerce=int, required=False, empty_value=None,
                                     widget=FastSelect)
    category = forms.ChoiceField(label=_("Phân loại"), choices=[("", _("Tất cả"))] + list(HouseholdCategory.choices),
                                 required=False)
    year = forms.TypedChoiceField(label=_("Năm phân loại"), coerce=int, required=False, empty_value=None)
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=[("", _("Tất cả"))] + list(Ethnicity.choices),
                                  required=False)

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", _("Tất cả"))] + list(communes)
        self.fields["year"].choices = [("", _("Mới nhất"))] + year_choices()
