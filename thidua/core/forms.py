from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import AuditAction


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"


class AuditFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (đối tượng, người thực hiện, ghi chú)", required=False)
    action = forms.ChoiceField(label="Hành động", required=False, choices=[("", "Tất cả"), *AuditAction.choices])
    target_type = forms.ChoiceField(
        label="Loại đối tượng",
        required=False,
        choices=[
            ("", "Tất cả"),
            ("org.orgunit", "Đơn vị"),
            ("org.person", "Cán bộ"),
            ("org.rolegrant", "Vai trò"),
            ("auth.user", "Tài khoản"),
            ("org.staffimport", "Nhập dữ liệu"),
        ],
    )
    agency = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)
