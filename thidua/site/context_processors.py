from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.core.text import user_display_name
from thidua.org.enums import COUNCIL_ROLES, LEADER_ROLES, Role
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
        if not (scope.is_admin or scope.roles):  # the others find it in the "Khen thưởng" menu
            nav.append(("awards:my_awards", _("Khen thưởng của tôi")))
    if scope.own_person_id and not (scope.is_admin or scope.roles):
        nav.append(("registrations:index", _("Đăng ký thi đua")))
    if scope.has(Role.SECRETARIAT):
        nav.append(("audit_log", _("Nhật ký")))
    return {"nav": nav, "awards_nav": awards_nav(scope), "scope": scope, "display_name": user_display_name(user)}


def awards_nav(scope) -> list[tuple[str, str]]:
    """The "Khen thưởng" menu: the commendation pages each role works in."""
    if not (scope.is_admin or scope.roles):
        return []
    office = scope.has(Role.SECRETARIAT)
    items = [("awards:rounds", _("Đợt xét"))]
    if office:
        items.append(("awards:inbox", _("Hộp hồ sơ")))
    if office or scope.has(*COUNCIL_ROLES, *LEADER_ROLES):
        items.append(("awards:sessions", _("Phiên họp Hội đồng")))
    if office or scope.has(*LEADER_ROLES):
        items.append(("awards:decisions", _("Quyết định khen thưởng")))
    if office or scope.has(Role.UNIT_HEAD):
        items.append(("awards:ratings", _("Xếp loại")))
    if office:
        items.append(("awards:law", _("Chế độ pháp lý")))
        items.append(("awards:proposals", _("Đề nghị cấp trên")))
        items.append(("awards:bonus_lookup", _("Tra cứu mức tiền thưởng")))
        items.append(("awards:signing", _("Chứng thư số")))
    if scope.has(Role.PROVINCIAL_REVIEWER):
        items.append(("awards:province_inbox", _("Hồ sơ đề nghị của các cơ quan")))
    if scope.is_admin or scope.secretariat_agency_ids or scope.read_agency_ids or scope.unit_paths \
            or scope.province_paths:
        items.append(("awards:history", _("Lịch sử khen thưởng")))
    if scope.own_person_id:
        items.append(("awards:my_awards", _("Khen thưởng của tôi")))
    return items
