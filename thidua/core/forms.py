from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .db import int_param
from .models import AuditAction
from .money import group_digits, parse_money


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses, before any query, an id outside the database's range
    (Django's `pk__in` would pass 10**20 to the database and fail with a server error)."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if pk not in (None, "") and int_param(pk) is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (đối tượng, người thực hiện, ghi chú)"), required=False)
    action = forms.ChoiceField(label=_("Hành động"), required=False, choices=[("", _("Tất cả")), *AuditAction.choices])
    target_type = forms.ChoiceField(
        label=_("Loại đối tượng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("org.orgunit", _("Đơn vị")),
            ("org.person", pgettext_lazy("staff list", "Cán bộ")),
            ("org.rolegrant", _("Vai trò")),
            ("auth.user", _("Tài khoản")),
            ("org.staffimport", _("Nhập dữ liệu")),
        ],
    )
    agency = forms.TypedChoiceField(label=_("Cơ quan"), required=False, coerce=int, empty_value=None)


def apply_validation_error(form, exc) -> None:
    """Show a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class MoneyField(forms.CharField):
    """An amount in đồng as officials write it: "1.000.000", "1 000 000", "1.000.000 đ", "1000000" (core.money);
    cleans to an int. `allow_zero`: 0 is an amount and an empty box means 0 (an activity's values); otherwise
    an empty optional box is None."""

    def __init__(self, *args, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        if allow_zero:
            kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("error_messages", {"required": _("Hãy nhập số tiền.")})
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("placeholder", _("vd. 1.000.000"))

    def prepare_value(self, value):
        return group_digits(value) if isinstance(value, int) else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return 0 if self.allow_zero else None
        return parse_money(value, field=str(self.label or _("Số tiền")), allow_zero=self.allow_zero)
