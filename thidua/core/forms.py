from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AuditAction


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
