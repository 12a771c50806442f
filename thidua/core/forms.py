import calendar
import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .db import int_param
from .models import AuditAction
from .money import group_digits, parse_money
from .text import fold


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


class VietnameseSetPasswordForm(SetPasswordForm):
    """Setting a new password (reset link) in plain Vietnamese; the rules are AUTH_PASSWORD_VALIDATORS'."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": _("Hai mật khẩu mới không khớp nhau.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.fields["new_password2"].help_text = ""


class VietnamesePasswordChangeForm(VietnameseSetPasswordForm, PasswordChangeForm):
    error_messages = {**VietnameseSetPasswordForm.error_messages,
                      "password_incorrect": _("Mật khẩu hiện tại không đúng: hãy nhập lại.")}
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")

    def clean(self):
        data = super().clean()
        new = data.get("new_password1")
        if new and self.user.check_password(new):  # the Office's first password would stay known
            self.add_error("new_password1", _("Mật khẩu mới phải khác mật khẩu hiện tại."))
        return data


def audited_types() -> list[tuple[str, str]]:
    """Every kind of object the audit log records, by its Vietnamese name: the accounts, and each model that says
    which agency its rows belong to (`audit_agency_id`, read by audit.record) — so a new domain's objects appear
    in the filter without a list kept here. Read from the app registry: core imports no domain."""
    from django.apps import apps

    types = {"auth.user": str(_("Tài khoản"))}
    for model in apps.get_models():
        if model._meta.app_label != "auth" and hasattr(model, "audit_agency_id"):
            name = str(model._meta.verbose_name)
            types[model._meta.label_lower] = name[:1].upper() + name[1:]
    return sorted(types.items(), key=lambda item: fold(item[1]))
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
    q = forms.CharField(label=_("Tìm (hành động, đối tượng, người thực hiện, ghi chú)"), required=False,
                        max_length=200)
    action = forms.ChoiceField(label=_("Hành động"), required=False, choices=[("", _("Tất cả")), *AuditAction.choices])
    target_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    agency = forms.TypedChoiceField(label=_("Cơ quan"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [("", _("Tất cả")), *audited_types()]


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


_DAY = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")


def impossible_day(value: str) -> str | None:
    """The message for a day written in the right shape that does not exist ("31/02/2026", "12/13/2026"), or None.
    A wrong shape is the field's own "invalid" message."""
    found = _DAY.fullmatch(str(value or ""))
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    if not 1 <= month <= 12:
        return str(_("Ngày %(value)s không có thật: không có tháng %(month)s.") % {"value": value.strip(),
                                                                                     "month": month})
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return str(_("Ngày %(value)s không có thật: tháng %(month)s năm %(year)s có %(last)s ngày.") % {
            "value": value.strip(), "month": month, "year": year, "last": last})
    return None


class DayField(forms.DateField):
    """A day as officials write it (dd/mm/yyyy). A day in the right shape that does not exist (31/02) is told so,
    rather than "wrong format"."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:
            message = impossible_day(value) if isinstance(value, str) else None
            if message is not None and getattr(exc, "code", None) == "invalid":
                raise ValidationError(message, code="impossible") from exc
            raise


def bound_integer(field: forms.Field, low: int, high: int) -> forms.Field:
    """Give a number field the limits its meaning has (an order 0–999, a year 1945–2100), so that a user never
    meets the database's own limit (9223372036854775807 on SQLite) in a message; the browser gets min/max too."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    field.min_value, field.max_value = low, high
    field.validators = [v for v in field.validators if not isinstance(v, (MinValueValidator, MaxValueValidator))]
    field.validators += [MinValueValidator(low), MaxValueValidator(high)]
    field.widget.attrs.update(min=low, max=high)
    return field
