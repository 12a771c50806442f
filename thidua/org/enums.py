from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    AGENCY = "agency", _("Sở, ban, ngành")
    LOCAL_GOV = "local_gov", _("UBND cấp huyện, xã")
    LEADERSHIP = "leadership", _("Lãnh đạo cơ quan")
    DIVISION = "division", _("Phòng, ban chuyên môn")
    AFFILIATE = "affiliate", _("Đơn vị trực thuộc")
    UNION = "union", _("Công đoàn cơ sở")
    YOUTH = "youth", _("Đoàn Thanh niên")
    PARTY = "party", _("Đảng ủy, chi bộ")
    COUNCIL = "council", _("Hội đồng Thi đua - Khen thưởng")


AGENCY_KINDS = {UnitKind.AGENCY, UnitKind.LOCAL_GOV}
UNION_KINDS = {UnitKind.UNION, UnitKind.YOUTH}
#: which kinds may sit under which; the form refuses other placements.
ALLOWED_PARENT_KINDS = {
    UnitKind.PROVINCE: set(),
    UnitKind.AGENCY: {UnitKind.PROVINCE},
    UnitKind.LOCAL_GOV: {UnitKind.PROVINCE, UnitKind.LOCAL_GOV},
}


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class EmploymentType(models.TextChoices):
    CAN_BO = "can_bo", _("Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    NGUOI_LAO_DONG = "nguoi_lao_dong", _("Người lao động")


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    SECRETARIAT = "secretariat", _("Văn phòng / cán bộ TĐKT")
    COUNCIL_CHAIR = "council_chair", _("Chủ tịch Hội đồng TĐKT")
    COUNCIL_VICE_CHAIR = "council_vice_chair", _("Phó Chủ tịch Hội đồng TĐKT")
    COUNCIL_MEMBER = "council_member", _("Ủy viên Hội đồng TĐKT")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký Hội đồng TĐKT")
    DIRECTOR = "director", _("Giám đốc (người ký)")
    DEPUTY_DIRECTOR = "deputy_director", _("Phó Giám đốc (ký KT. Giám đốc)")
    UNIT_HEAD = "unit_head", _("Trưởng phòng, ban, đơn vị")
    STAFF = "staff", _("Cán bộ, công chức, viên chức")
    UNION_OFFICER = "union_officer", _("Cán bộ Công đoàn, Đoàn Thanh niên")
    PROVINCIAL_REVIEWER = "provincial_reviewer", _("Cán bộ thẩm định cấp tỉnh")


COUNCIL_ROLES = {Role.COUNCIL_CHAIR, Role.COUNCIL_VICE_CHAIR, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY}
LEADER_ROLES = {Role.DIRECTOR, Role.DEPUTY_DIRECTOR}
#: roles whose holders read the whole agency's staff list
AGENCY_READER_ROLES = {Role.SECRETARIAT, Role.UNION_OFFICER} | COUNCIL_ROLES | LEADER_ROLES
#: roles a secretariat may grant inside its agency (admin and provincial roles are granted by an administrator)
SECRETARIAT_GRANTABLE = set(Role) - {Role.ADMIN, Role.PROVINCIAL_REVIEWER}
