"""The three legal regimes' starting figures (../shared/domain.md §6.5), seeded once by a data migration. From
then on they are data: the Office and the administrator read them, the administrator adds a new regime or a new
base salary from the UI, and a figure a signed document used is never changed in place.

Each figure is (value, unconfirmed): where the sources leave a figure unconfirmed it is seeded as stated and the
pages show "chưa xác nhận" beside it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

D = Decimal
U = True  # unconfirmed
C = False  # confirmed

LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"

REGIMES = [
    {
        "code": "nd-91-2017", "short_name": "NĐ 91/2017",
        "name": "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013) và Nghị định 91/2017/NĐ-CP",
        "valid_from": dt.date(2017, 10, 1), "valid_to": dt.date(2023, 12, 31),
        "money_articles": "Nghị định 91/2017/NĐ-CP, Điều 66, 68–73",
        "thematic_counts_for_merit": True,
        "thematic_report_template": "Mẫu số 07 (báo cáo thành tích thi đua theo đợt, chuyên đề)",
        "thematic_report_unconfirmed": False,
        "bases": [
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật "
            "Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một "
            "số điều của Luật Thi đua, khen thưởng;",
        ],
        # CSTĐ cơ sở, Cờ: no ballot figure in R1; CSTĐ tỉnh and above: secret ballot, ≥ 90% of all (Điều 45 kh. 8)
        "ballots": {"chien-si-thi-dua-cap-tinh": (D("90"), "all", C)},
        "cstd_quota": D("15"),
        "coefficients": {
            "bang-khen-chu-tich-ubnd-tinh": ((D("1.0"), C), (D("2.0"), C)),
            "huan-chuong-lao-dong-hang-ba": ((D("4.5"), U), (D("9.0"), U)),
        },
        "household": (None, U),
    },
    {
        "code": "nd-98-2023", "short_name": "NĐ 98/2023",
        "name": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP",
        "valid_from": dt.date(2024, 1, 1), "valid_to": dt.date(2025, 6, 30),
        "money_articles": "Nghị định 98/2023/NĐ-CP, Điều 54–59",
        "thematic_counts_for_merit": False,
        "thematic_report_template": "Mẫu số 08 (báo cáo thành tích thi đua theo chuyên đề)",
        "thematic_report_unconfirmed": True,
        "bases": [
            LAW_2022,
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một "
            "số điều của Luật Thi đua, khen thưởng;",
        ],
        # Điều 30 kh. 7: CSTĐ cơ sở and Cờ thi đua ≥ 80% of all members; CSTĐ tỉnh and above ≥ 90%
        "ballots": {"chien-si-thi-dua-co-so": (D("80"), "all", C), "co-thi-dua-ubnd-tinh": (D("80"), "all", C),
                    "chien-si-thi-dua-cap-tinh": (D("90"), "all", C)},
        "cstd_quota": None,
        "coefficients": {
            "giay-khen-giam-doc-so": ((D("0.3"), C), (D("0.6"), U)),
            "bang-khen-chu-tich-ubnd-tinh": ((D("1.5"), C), (D("3.0"), U)),
            "bang-khen-thu-tuong": ((D("3.5"), U), (D("7.0"), U)),
        },
        "household": (None, U),
    },
    {
        "code": "nd-152-2025", "short_name": "NĐ 152/2025",
        "name": "Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV (Luật Thi đua, khen thưởng số 06/2022/QH15)",
        "valid_from": dt.date(2025, 7, 1), "valid_to": None,
        "money_articles": "Nghị định 152/2025/NĐ-CP, Điều 49–54",
        "thematic_counts_for_merit": False,
        "keeps_pipeline": True,
        "transition_rule": "Hồ sơ đã trình trước ngày 01/07/2025 tiếp tục thực hiện theo thủ tục của Nghị định "
                           "98/2023/NĐ-CP (Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3)",
        "transition_unconfirmed": True,
        "thematic_report_template": "Mẫu báo cáo thành tích thi đua theo chuyên đề",
        "thematic_report_unconfirmed": True,
        "bases": [
            LAW_2022,
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng;",
            "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ hướng dẫn thi hành Nghị định số "
            "152/2025/NĐ-CP;",
        ],
        # NĐ 152 Điều 6 kh. 2 đ. c hands the procedure to the provinces: R2's figures, unconfirmed
        "ballots": {"chien-si-thi-dua-co-so": (D("80"), "all", U), "co-thi-dua-ubnd-tinh": (D("80"), "all", U),
                    "chien-si-thi-dua-cap-tinh": (D("90"), "all", U)},
        "cstd_quota": None,
        "coefficients": {},
        "household": (D("1.5"), C),
    },
]

#: form code → (individual coefficient, collective coefficient) common to the three regimes unless a regime says
#: otherwise in its "coefficients"
COMMON = {
    "lao-dong-tien-tien": ((D("0.3"), C), None),
    "chien-si-thi-dua-co-so": ((D("1.0"), C), None),
    "chien-si-thi-dua-cap-tinh": ((D("3.0"), C), None),
    "tap-the-lao-dong-tien-tien": (None, (D("0.8"), C)),
    "tap-the-lao-dong-xuat-sac": (None, (D("1.5"), C)),
    "co-thi-dua-ubnd-tinh": (None, (None, U)),
    "giay-khen-giam-doc-so": ((D("0.3"), C), (D("0.6"), C)),
    "bang-khen-chu-tich-ubnd-tinh": ((D("1.5"), C), (D("3.0"), C)),
    "bang-khen-thu-tuong": ((D("3.5"), C), (D("7.0"), C)),
    "huan-chuong-lao-dong-hang-ba": ((D("4.5"), C), (D("9.0"), C)),
}
#: forms a household may receive (NĐ 152: 1,5 × the individual amount)
HOUSEHOLD_FORMS = ["giay-khen-giam-doc-so", "bang-khen-chu-tich-ubnd-tinh", "bang-khen-thu-tuong"]
REPORT_TEMPLATES = {"individual": "Mẫu báo cáo thành tích cá nhân", "collective": "Mẫu báo cáo thành tích tập thể",
                    "household": "Mẫu báo cáo thành tích hộ gia đình"}

#: (part, stage, only_with_initiatives, form code or None)
DOSSIER = [
    ("submission", "submit", False, None),
    ("unit_minutes", "submit", False, None),
    ("report", "submit", False, None),
    ("list", "submit", False, None),
    ("initiative", "submit", True, "chien-si-thi-dua-co-so"),
    ("council_minutes", "propose", False, None),
]

#: lấy ý kiến nhân dân: the minimum working days, per form, in every regime (domain §6.3 gives "e.g. 10 working days
#: on the ministry's portal; TT 12/2019/TT-BNV" as an example, not a confirmed figure: seeded unconfirmed)
PUBLIC_COMMENT = {"huan-chuong-lao-dong-hang-ba": (10, U)}

BASE_SALARIES = [
    (1_490_000, dt.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]


def seed_law(apps=None) -> None:
    """Create the three regimes and the base salaries where missing (by code and date)."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Regime = apps.get_model("awards", "LegalRegime")  # noqa: N806
    Basis = apps.get_model("awards", "LegalBasis")  # noqa: N806
    Rule = apps.get_model("awards", "FormRule")  # noqa: N806
    Dossier = apps.get_model("awards", "DossierRule")  # noqa: N806
    Salary = apps.get_model("awards", "BaseSalary")  # noqa: N806
    RewardForm = apps.get_model("movements", "RewardForm")  # noqa: N806
    forms = {f.code: f for f in RewardForm.objects.all()}
    for spec in REGIMES:
        if Regime.objects.filter(code=spec["code"]).exists():
            continue
        regime = Regime.objects.create(
            code=spec["code"], name=spec["name"], short_name=spec["short_name"], valid_from=spec["valid_from"],
            valid_to=spec["valid_to"], money_articles=spec["money_articles"],
            thematic_counts_for_merit=spec["thematic_counts_for_merit"], keeps_pipeline=spec.get("keeps_pipeline", False),
            transition_rule=spec.get("transition_rule", ""),
            transition_unconfirmed=spec.get("transition_unconfirmed", False),
            thematic_report_template=spec["thematic_report_template"],
            thematic_report_unconfirmed=spec["thematic_report_unconfirmed"])
        for order, text in enumerate(spec["bases"]):
            Basis.objects.create(regime=regime, text=text, order=order * 10)
        for code, (indiv, coll) in COMMON.items():
            form = forms.get(code)
            if form is None:
                continue
            indiv, coll = spec["coefficients"].get(code, (indiv, coll))
            ballot = spec["ballots"].get(code)
            for recipient, figure in (("individual", indiv), ("collective", coll)):
                if figure is None:
                    continue
                value, unconfirmed = figure
                Rule.objects.create(
                    regime=regime, form=form, recipient=recipient, coefficient=value,
                    coefficient_unconfirmed=unconfirmed,
                    ballot_required=ballot is not None,
                    threshold_percent=ballot[0] if ballot else D("50"), threshold_strict=ballot is None,
                    threshold_of=ballot[1] if ballot else "present", threshold_unconfirmed=bool(ballot and ballot[2]),
                    report_template=REPORT_TEMPLATES[recipient], report_kind=recipient, report_unconfirmed=True,
                    quota_percent=spec["cstd_quota"] if code == "chien-si-thi-dua-co-so" else None,
                    legal_source=spec["money_articles"])
            if code in HOUSEHOLD_FORMS:
                multiplier, unconfirmed = spec["household"]
                Rule.objects.create(
                    regime=regime, form=form, recipient="household", coefficient=None,
                    household_multiplier=multiplier, coefficient_unconfirmed=unconfirmed,
                    threshold_percent=D("50"), threshold_strict=True, threshold_of="present",
                    report_template=REPORT_TEMPLATES["household"], report_kind="household", report_unconfirmed=True,
                    legal_source=spec["money_articles"])
        for part, stage, with_initiatives, code in DOSSIER:
            Dossier.objects.create(regime=regime, form=forms.get(code) if code else None, part=part, stage=stage,
                                   only_with_initiatives=with_initiatives)
    if any(f.name == "public_comment_days" for f in Rule._meta.get_fields()):  # from migration 0011 on
        seed_public_comment(apps)
    for amount, valid_from, basis in BASE_SALARIES:
        if not Salary.objects.filter(valid_from=valid_from).exists():
            Salary.objects.create(amount=amount, valid_from=valid_from, legal_basis=basis)


def seed_public_comment(apps=None) -> None:
    """Set the public-comment minimum (PUBLIC_COMMENT) on the seeded rules that have none yet."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Rule = apps.get_model("awards", "FormRule")  # noqa: N806
    for code, (days, unconfirmed) in PUBLIC_COMMENT.items():
        (Rule.objects.filter(form__code=code, public_comment_days__isnull=True)
         .update(public_comment_days=days, public_comment_unconfirmed=unconfirmed))
