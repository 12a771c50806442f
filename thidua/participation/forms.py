"""Forms of the participation pages: every input goes through one of these."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from thidua.core.db import MAX_ID, int_param
from thidua.core.forms import BoundedModelMultipleChoiceField, DayField, MoneyField
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc
from thidua.org.forms import DATE_FORMATS
from thidua.org.models import OrgUnit, Person

from . import evidence as files
from . import places, services
from .enums import ActivityKind, Ethnicity, HouseholdCategory, Relation
from .models import Household, Student

#: activity and classification dates: a recent example (the shared DATE_WIDGET's example is a birth date)
RECENT_DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 20/10/2025"),
                                                               "inputmode": "numeric"})
#: the same in the activity list's narrow filter fields, where the longer text is cut before the example
FILTER_DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("vd. 20/10/2025"),
                                                               "inputmode": "numeric"})

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

        def option(key, label):
            key = "" if key is None else str(key)
            selected = " selected" if key in chosen else ""
            parts.append(f'<option value="{escape(key)}"{selected}>{escape(label)}</option>')

        for key, label in self.choices:
            if isinstance(label, (list, tuple)):  # a group: (group label, [(key, label), …])
                parts.append(f'<optgroup label="{escape(key)}">')
                for inner_key, inner_label in label:
                    option(inner_key, inner_label)
                parts.append("</optgroup>")
            else:
                option(key, label)
        parts.append("</select>")
        return mark_safe("".join(parts))


def pick_label(obj) -> str:
    """"Name — village, commune": households (and students) of the same name told apart in every picker."""
    if isinstance(obj, Household):
        return f"{obj.head_name} — {obj.place}" if obj.place else obj.head_name
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

        ids = sorted({n for n in map(int_param, self.format_value(value)) if n is not None})
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


def _shorten(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"


def item_choice_label(item, width: int = 70) -> str:
    """A content item in a one-line list (filter select): the movement's period first, so that the same item text
    of two phases (2021–2025, 2026–2030) is told apart even when the text is cut."""
    return f"{services.movement_period(item.movement)} \u00b7 {item.label}) {_shorten(item.text, width)}"


def grouped_item_choices(items, width: int = 70) -> list:
    """Content items grouped by movement (optgroups), in the order given."""
    groups: list = []
    for item in items:
        movement = item.movement
        title = f"{_shorten(movement.name, 60)} ({services.movement_period(movement)})"
        if not groups or groups[-1][2] != movement.pk:
            groups.append((title, [], movement.pk))
        groups[-1][1].append((item.pk, item_choice_label(item, width)))
    return [(title, rows) for title, rows, _pk in groups]


class ContentItemCheckboxes(forms.CheckboxSelectMultiple):
    """The plan's content items as full-width checkboxes grouped by movement, each marked with its movement's
    period. Rendered here: the generic form template gives a multiple-choice widget the single checkbox's
    "form-check-input" class, which squeezed the whole list into a 1em column."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        final = self.build_attrs(self.attrs, attrs)
        base_id = final.get("id") or f"id_{name}"
        invalid = " is-invalid" if "is-invalid" in (final.get("class") or "") else ""
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f'<div class="content-items" id="{escape(base_id)}">']
        current = None
        index = 0
        for key, _label in self.choices:
            item = getattr(key, "instance", None)
            if item is None:
                continue
            movement = item.movement
            if movement.pk != current:
                if current is not None:
                    parts.append("</fieldset>")
                current = movement.pk
                status = "" if movement.status == "launched" else f", {movement.get_status_display().lower()}"
                parts.append(f'<fieldset class="content-items-group"><legend class="content-items-movement">'
                             f'{escape(movement.name)} <span class="text-muted">'
                             f'({escape(services.movement_period(movement))}{escape(status)})</span></legend>')
            pk = str(item.pk)
            box = f"{base_id}_{index}"
            index += 1
            checked = " checked" if pk in chosen else ""
            parts.append(
                f'<div class="form-check"><input class="form-check-input{invalid}" type="checkbox" '
                f'name="{escape(name)}" value="{escape(pk)}" id="{escape(box)}"{checked}>'
                f'<label class="form-check-label" for="{escape(box)}">'
                f'<span class="badge text-bg-light border me-1">{escape(services.movement_period(movement))}</span>'
                f'{escape(item.label)}) {escape(_shorten(item.text, 400))}</label></div>'
            )
        if current is not None:
            parts.append("</fieldset>")
        else:
            none_running = gettext("Chưa có phong trào nào đang phát động.")
            parts.append(f'<div class="form-text">{escape(none_running)}</div>')
        parts.append("</div>")
        return mark_safe("".join(parts))


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
    outside = gettext("Xã, phường không có trong danh sách của tỉnh %(province)s.") % {
        "province": places.province_name(province_code)}
    return forms.TypedChoiceField(
        label=_("Xã, phường"), coerce=int, required=required,
        choices=[("", _("— chọn xã, phường —"))] + places.commune_choices(province_code),
        error_messages={"invalid_choice": outside.replace("%", "%%"), "required": _("Hãy chọn xã, phường.")},
    )


DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/10/2023."),
               "required": _("Hãy nhập ngày.")}


class HouseholdForm(OneSubmissionMixin, forms.Form):
    head_name = forms.CharField(label=_("Họ tên chủ hộ"), max_length=150)
    members = forms.IntegerField(label=_("Số nhân khẩu"), min_value=1, max_value=50, error_messages={
        "min_value": _("Số nhân khẩu phải từ 1 người trở lên."),
        "max_value": _("Số nhân khẩu tối đa 50 người; hãy kiểm tra lại."),
        "invalid": _("Số nhân khẩu phải là một số nguyên, ví dụ 5."),
        "required": _("Hãy nhập số nhân khẩu."),
    })
    commune = forms.IntegerField(label=_("Xã, phường"))
    village = forms.CharField(label=_("Thôn, xóm"), max_length=150, required=False)
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=[("", "—")] + list(Ethnicity.choices), required=False,
                                  error_messages={"invalid_choice": _("Dân tộc đã chọn không có trong danh sách.")})
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
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int,
                                  error_messages={"invalid_choice": _("Hãy chọn năm trong danh sách.")})
    category = forms.ChoiceField(label=_("Phân loại"), choices=HouseholdCategory.choices, error_messages={
        "invalid_choice": _("Phân loại không hợp lệ: chọn hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo hoặc thoát nghèo.")})
    classified_by = forms.CharField(label=_("Cơ quan phân loại"), max_length=200,
                                    widget=forms.TextInput(attrs={"placeholder": _("vd. UBND xã Quảng Lâm")}))
    classified_on = DayField(label=_("Ngày phân loại"), widget=RECENT_DATE_WIDGET, input_formats=DATE_FORMATS,
                                    error_messages=DATE_ERRORS)
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


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150,
                                error_messages={"required": _("Hãy nhập họ và tên.")})
    relation = forms.ChoiceField(label=_("Quan hệ với chủ hộ"), choices=Relation.choices, error_messages={
        "required": _("Hãy chọn quan hệ với chủ hộ."),
        "invalid_choice": _("Quan hệ đã chọn không có trong danh sách.")})
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900, max_value=2100,
                                    error_messages={
        "invalid": _("Năm sinh phải là một số, ví dụ 2012."),
        "min_value": _("Năm sinh phải từ năm 1900 trở đi."),
        "max_value": _("Năm sinh không hợp lệ; hãy kiểm tra lại.")})
    note = forms.CharField(label=_("Ghi chú"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"placeholder": _("vd. học sinh, người khuyết tật")}))


class StudentForm(OneSubmissionMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    school = forms.CharField(label=_("Trường"), max_length=200)
    grade = forms.CharField(label=_("Lớp"), max_length=20)
    household = forms.ModelChoiceField(
        label=_("Thuộc hộ (nếu có)"), queryset=Household.objects.none(), required=False,
        error_messages={"invalid_choice": _("Hộ đã chọn không có trong danh sách hộ của cơ quan.")})
    note = forms.CharField(label=_("Hoàn cảnh, ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        if households is not None:
            self.fields["household"].queryset = households.order_by("head_fold", "commune_name", "village", "id")
        self.fields["household"].label_from_instance = pick_label

    def clean(self):
        data = super().clean()
        message = services.grade_error(data.get("school") or "", data["grade"]) if data.get("grade") else None
        if message:
            self.add_error("grade", message)
        return data


def _pick_errors(what: str) -> dict:
    return {"invalid_choice": what, "invalid_pk_value": what, "invalid_list": what}


class ActivityForm(OneSubmissionMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ActivityKind.choices,
                             error_messages={"invalid_choice": _("Hình thức đã chọn không có trong danh sách.")})
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    held_on = DayField(label=_("Ngày thực hiện"), widget=RECENT_DATE_WIDGET, input_formats=DATE_FORMATS,
                              error_messages=DATE_ERRORS)
    units = BoundedModelMultipleChoiceField(
        label=_("Đơn vị tổ chức"), queryset=OrgUnit.objects.none(),
        error_messages={**_pick_errors(_("Đơn vị đã chọn không thuộc phạm vi bạn được ghi.")),
                        "required": _("Chọn ít nhất một đơn vị tổ chức.")})
    people = BoundedModelMultipleChoiceField(
        label=_("Người tham gia"), queryset=Person.objects.none(), required=False,
        error_messages=_pick_errors(_("Người đã chọn không thuộc phạm vi bạn được ghi.")))
    households = BoundedModelMultipleChoiceField(
        label=_("Hộ được hỗ trợ"), queryset=Household.objects.none(), required=False,
        error_messages=_pick_errors(_("Hộ đã chọn không có trong danh sách hộ của cơ quan.")))
    students = BoundedModelMultipleChoiceField(
        label=_("Học sinh được hỗ trợ"), queryset=Student.objects.none(), required=False,
        error_messages=_pick_errors(_("Học sinh đã chọn không có trong danh sách học sinh của cơ quan.")))
    cash_value = MoneyField(label=_("Tiền mặt (đồng)"), allow_zero=True)
    in_kind_value = MoneyField(label=_("Hiện vật quy đổi (đồng)"), allow_zero=True)
    commune = forms.IntegerField(label=_("Xã, phường"), required=False)
    content_items = BoundedModelMultipleChoiceField(
        label=_("Nội dung phong trào"), queryset=None, required=False, widget=ContentItemCheckboxes,
        error_messages=_pick_errors(_("Nội dung đã chọn không thuộc phong trào đang phát động của cơ quan.")))
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = EvidenceField(
        label=_("Minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)"),
    )

    #: links a user may see only in part: an activity run jointly with other units keeps those units and their
    #: participants when a unit head, who is offered his own units and staff only, saves it
    SHARED_LINKS = ("units", "people")

    def __init__(self, *args, agency: OrgUnit, units, people, households, students, content_items,
                 activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.kept = {}
        if activity is not None and activity.pk:
            self.kept = {"units": list(activity.units.exclude(pk__in=units.values("pk")).order_by("path")),
                         "people": list(activity.people.exclude(pk__in=people.values("pk")).order_by("sort_key"))}
        self.fields["evidence"].help_text = gettext(
            "Chọn được nhiều tệp; tối đa %(mb)s MB mỗi tệp. Tệp được kiểm tra theo nội dung thật."
        ) % {"mb": files.MAX_MB}
        self.agency = agency
        self.fields["units"].queryset = units.order_by("path")
        self.fields["people"].queryset = people.order_by("sort_key", "id")
        self.fields["households"].queryset = households.order_by("head_fold", "id")
        self.fields["students"].queryset = students.order_by("name_key", "id")
        self.fields["content_items"].queryset = content_items
        self.fields["content_items"].label_from_instance = lambda item: item_choice_label(item, 140)
        self.fields["households"].label_from_instance = pick_label
        self.fields["commune"] = _commune_field(places.agency_province_code(agency), False)
        self.fields["units"].widget.attrs["size"] = 6
        for name, kind in (("people", "people"), ("households", "households"), ("students", "students")):
            widget = PickerWidget(kind, agency.pk)
            widget.choices = self.fields[name].choices
            self.fields[name].widget = widget
        self.order_fields(["kind", "title", "held_on", "units", "people", "households", "students", "cash_value",
                           "in_kind_value", "commune", "content_items", "description", "evidence"])
        if self.kept.get("units"):
            self.fields["units"].help_text = gettext("Cùng tổ chức với: %(units)s (được giữ nguyên khi lưu).") % {
                "units": ", ".join(u.name for u in self.kept["units"])}
        if self.kept.get("people"):
            self.fields["people"].help_text = ngettext(
                "Và %(n)d người tham gia của đơn vị khác (được giữ nguyên khi lưu).",
                "Và %(n)d người tham gia của các đơn vị khác (được giữ nguyên khi lưu).",
                len(self.kept["people"])) % {"n": len(self.kept["people"])}

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
        for name in self.SHARED_LINKS:  # what the user was not offered stays as it was
            chosen = {obj.pk for obj in links[name]}
            links[name] += [obj for obj in self.kept.get(name, []) if obj.pk not in chosen]
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
    household = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    date_from = DayField(label=_("Từ ngày"), required=False, widget=FILTER_DATE_WIDGET, input_formats=DATE_FORMATS)
    date_to = DayField(label=_("Đến ngày"), required=False, widget=FILTER_DATE_WIDGET, input_formats=DATE_FORMATS)

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
