from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.core.text import user_display_name
from thidua.org.enums import Role
from thidua.org.scoping import get_scope


def shell(request):
    """Navigation by role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    scope = get_scope(user)
    nav = []  # the brand links home
    if scope.is_admin or scope.roles:
        nav.append(("movements:list", _("Phong trào")))
        nav.append(("registrations:index", _("Đăng ký thi đua")))
        nav.append(("participation:dashboard", _("Bảng điều khiển")))
        nav.append(("participation:activities", _("Hoạt động")))
        from thidua.participation.rules import reads_beneficiaries

        if reads_beneficiaries.test(user):
            nav.append(("participation:households", _("Hộ nghèo")))
        nav.append(("fund:list", _("Quỹ Vì người nghèo")))
    if scope.is_admin or scope.tree_paths or scope.people_paths:
        nav.append(("org:tree", _("Tổ chức")))
    if scope.is_admin or scope.people_paths:
        nav.append(("org:people", pgettext("staff list", "Cán bộ")))
    elif scope.own_person_id:
        nav.append(("org:me", _("Hồ sơ của tôi")))
    if scope.own_person_id and not (scope.is_admin or scope.roles):
        nav.append(("registrations:index", _("Đăng ký thi đua")))
    if scope.has(Role.SECRETARIAT):
        nav.append(("audit_log", _("Nhật ký")))
    return {"nav": nav, "scope": scope, "display_name": user_display_name(user)}
