"""Choices of the participation domain, with Vietnamese labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ethnicity(models.TextChoices):
    KINH = "kinh", _("Kinh")
    TAY = "tay", _("Tày")
    NUNG = "nung", _("Nùng")
    MONG = "mong", _("Mông")
    DAO = "dao", _("Dao")
    SAN_CHAY = "san_chay", _("Sán Chay")
    LO_LO = "lo_lo", _("Lô Lô")
    HOA = "hoa", _("Hoa")
    SAN_DIU = "san_diu", _("Sán Dìu")
    OTHER = "khac", _("Dân tộc khác")


class HouseholdCategory(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    NEWLY_ESCAPED = "newly_escaped", _("Hộ mới thoát nghèo")
    ESCAPED = "escaped", _("Thoát nghèo")


#: categories under which a household still receives support
SUPPORTED_CATEGORIES = {HouseholdCategory.POOR, HouseholdCategory.NEAR_POOR, HouseholdCategory.NEWLY_ESCAPED}


class ActivityKind(models.TextChoices):
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    VISIT_GIFT = "visit_gift", _("Thăm hỏi, tặng quà")
    LIVELIHOOD = "livelihood", _("Hỗ trợ phát triển sản xuất, mô hình sinh kế")
    JOBS = "jobs", _("Hỗ trợ việc làm")
    HOUSING = "housing", _("Hỗ trợ nhà ở")
    STUDENTS = "students", _("Hỗ trợ học sinh")
    INITIATIVE = "initiative", _("Sáng kiến, cách làm hay")
    OTHER = "other", _("Khác")


class Relation(models.TextChoices):
    """A member's relation to the head of household, as the commune's household lists write it."""

    SPOUSE = "spouse", _("Vợ/chồng")
    CHILD = "child", _("Con")
    PARENT = "parent", _("Bố/mẹ")
    GRANDPARENT = "grandparent", _("Ông/bà")
    GRANDCHILD = "grandchild", _("Cháu")
    SIBLING = "sibling", _("Anh/chị/em")
    IN_LAW = "in_law", _("Con dâu/con rể")
    OTHER = "other", _("Khác")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    PDF = "pdf", _("Tệp PDF")
