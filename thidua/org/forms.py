from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc

from .enums import EmploymentType, Gender, Role, UnitKind
from .models import OrgUnit, Person
from .phones import normalise_phone
from .services import birth_date_error

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 20/10/1985"), "inputmode": "numeric"})
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class ConfirmationMixin:
    """A box "yes, I mean it" that appears only after the service warned (a duplicate person, a second unit of one
    name under one parent): hidden and unticked until `ask_confirmation()`."""

    confirm_field = "confirm"

    def ask_confirmation(self) -> None:
        field = self.fields[self.confirm_field]
        field.widget = forms.CheckboxInput(attrs={"class": "form-check-input"})


class UnitChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Đơn vị đã chọn không tồn tại, đã ngừng hoạt động hoặc nằm ngoài phạm vi bạn được quản lý."),
    }

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u2003" * max(0, obj.depth - 1) + obj.name


class UnitForm(ConfirmationMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=60, required=False)
    code = forms.CharField(label=_("Mã"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=UnitKind.choices)
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=OrgUnit.objects.none(), required=False)
    sort_order = forms.IntegerField(label=_("Thứ tự hiển thị"), initial=0, required=False, min_value=-1_000_000,
                                    max_value=1_000_000, error_messages={
        "min_value": _("Thứ tự hiển thị phải từ -1.000.000 đến 1.000.000."),
        "max_value": _("Thứ tự hiển thị phải từ -1.000.000 đến 1.000.000.")})
    confirm = forms.BooleanField(label=_("Tôi đã kiểm tra: đây là một đơn vị khác, cùng tên"), required=False,
                                 widget=forms.HiddenInput)

    def __init__(self, *args, parents=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else OrgUnit.objects.none()
        if editing:
            del self.fields["parent"]
            del self.fields["kind"]

    def clean_name(self):
        name = nfc(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(gettext("Tên đơn vị không được để trống."))
        return name


class MoveUnitForm(forms.Form):
    parent = UnitChoiceField(label=_("Chuyển về đơn vị cấp trên"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, parents=None, unit: OrgUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        field = self.fields["parent"]
        field.queryset = parents if parents is not None else OrgUnit.objects.none()
        if unit is not None:  # the unit itself and its subtree are not offered
            field.widget.choices = [
                (value, label) for value, label in field.choices
                if not value or not getattr(value, "instance", None) or not value.instance.path.startswith(unit.path)
            ]

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if self.unit is not None and parent.path.startswith(self.unit.path):
            raise forms.ValidationError(
                gettext("Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.")
            )
        return parent


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PersonForm(ConfirmationMixin, OneSubmissionMixin, forms.ModelForm):
    birth_date = DayField(label=_("Ngày sinh"), required=True, widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    confirm = forms.BooleanField(label=_("Tôi đã kiểm tra: đây là một người khác, cùng họ tên và ngày sinh"),
                                 required=False, widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_date", "unit", "position", "rank", "employment_type", "phone", "email"]

    def __init__(self, *args, units=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"] = UnitChoiceField(
                label=_("Đơn vị"), queryset=units if units is not None else OrgUnit.objects.none()
            )
        self.fields["gender"].choices = [("", _("— chọn —")), *Gender.choices]
        self.fields["employment_type"].choices = [("", _("— chọn —")), *EmploymentType.choices]

    def clean_full_name(self):
        name = nfc(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(gettext("Họ và tên không được để trống."))
        return name

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if self.instance.pk and value == self.instance.birth_date:
            return value  # an old record is not refused for a date nobody changed
        message = birth_date_error(value, timezone.localdate())
        if message:
            raise forms.ValidationError(message)
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        if self.instance.pk and value == self.instance.phone:
            return value
        try:
            return normalise_phone(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class MovePersonForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị mới"), queryset=OrgUnit.objects.none())
    on = DayField(label=_("Từ ngày"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    position = forms.CharField(label=_("Chức vụ ở đơn vị mới"), max_length=150, required=False)
    note = forms.CharField(label=_("Ghi chú (số quyết định điều động...)"), max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["on"].initial = timezone.localdate()


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Loại cán bộ"), required=False, choices=[("", _("Tất cả")), *EmploymentType.choices])
    inactive = forms.BooleanField(label=_("Gồm cả người đã nghỉ"), required=False)

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả đơn vị")), *unit_choices]


class AccountForm(forms.Form):
    """The Office creates an account with a first password: the same rules as the change form
    (AUTH_PASSWORD_VALIDATORS, judged against the person's name), and the user must change it at first login."""

    username = forms.RegexField(
        label=_("Tên đăng nhập"), max_length=150, regex=r"^[a-zA-Z0-9_.-]+$",
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -")},
    )
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Nhập lại mật khẩu ban đầu"), widget=forms.PasswordInput, strip=False,
                                help_text=_("Người dùng phải đổi mật khẩu này ở lần đăng nhập đầu tiên."))

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(gettext("Tên đăng nhập đã được dùng."))
        return username

    def clean(self):
        data = super().clean()
        password, password2 = data.get("password"), data.get("password2")
        if password and password2 and password != password2:
            self.add_error("password2", gettext("Hai mật khẩu không khớp nhau."))
        elif password:
            person = self.person
            user = get_user_model()(
                username=data.get("username") or "", email=person.email if person else "",
                last_name=" ".join(person.full_name.split(" ")[:-1]) if person else "",
                first_name=person.given_name if person else "",
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = UnitChoiceField(label=_("Phạm vi (đơn vị)"), queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, units=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        if roles is not None:
            self.fields["role"].choices = [(v, label) for v, label in Role.choices if v in roles]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else OrgUnit.objects.none()
        if agencies is not None and len(agencies) == 1:
            self.fields["agency"].initial = agencies[0]
            self.fields["agency"].widget = forms.HiddenInput()

    def clean_file(self):
        from .importing import ImportFileError, check_size

        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if upload.size == 0:
            raise forms.ValidationError(gettext("Tệp rỗng: không có dữ liệu để nhập."))
        return upload
