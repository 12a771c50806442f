"""Choices of the participation domain, with Vietnamese labels."""

from django.db import models


class Ethnicity(models.TextChoices):
    KINH = "kinh", "Kinh"
    TAY = "tay", "Tày"
    NUNG = "nung", "Nùng"
    MONG = "mong", "Mông"
    DAO = "dao", "Dao"
    SAN_CHAY = "san_chay", "Sán Chay"
    LO_LO = "lo_lo", "Lô Lô"
    HOA = "hoa", "Hoa"
    SAN_DIU = "san_diu", "Sán Dìu"
    OTHER = "khac", "Dân tộc khác"


class HouseholdCategory(models.TextChoices):
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    NEWLY_ESCAPED = "newly_escaped", "Hộ mới thoát nghèo"
    ESCAPED = "escaped", "Thoát nghèo"


#: categories under which a household still receives support
SUPPORTED_CATEGORIES = {HouseholdCategory.POOR, HouseholdCategory.NEAR_POOR, HouseholdCategory.NEWLY_ESCAPED}


class ActivityKind(models.TextChoices):
    PROPAGANDA = "propaganda", "Tuyên truyền"
    VISIT_GIFT = "visit_gift", "Thăm hỏi, tặng quà"
    LIVELIHOOD = "livelihood", "Hỗ trợ phát triển sản xuất, mô hình sinh kế"
    JOBS = "jobs", "Hỗ trợ việc làm"
    HOUSING = "housing", "Hỗ trợ nhà ở"
    STUDENTS = "students", "Hỗ trợ học sinh"
    INITIATIVE = "initiative", "Sáng kiến, cách làm hay"
    OTHER = "other", "Khác"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "Ảnh"
    PDF = "pdf", "Tệp PDF"
