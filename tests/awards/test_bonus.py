"""Bonus arithmetic against the seeded dated law (awards/seed.py): coefficient × the base salary in force on the
decision's date, rounded as the regime says, at both sides of every change date of the regimes (31/12/2023 |
01/01/2024, 30/06/2025 | 01/07/2025) and of the base salaries (01/07/2019, 01/07/2023, 01/07/2024); a
household's multiple under NĐ 152; several titles of one period pay only the highest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import bonus
from thidua.awards.enums import RecipientKind
from thidua.awards.models import LegalRegime, Rounding
from thidua.movements.models import RewardForm

pytestmark = pytest.mark.django_db

IND, C, H = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD
D = dt.date
ND91, ND98, ND152 = "NĐ 91/2017", "NĐ 98/2023", "NĐ 152/2025"
S1, S2, S3 = 1_490_000, 1_800_000, 2_340_000


def _bonus(code: str, recipient: str, day: dt.date) -> bonus.Bonus:
    return bonus.bonus_for(RewardForm.objects.get(code=code), recipient, day)


#: (form, recipient, day, regime, base salary, coefficient, amount in đồng)
CASES = [
    # the first base salary's first day (NĐ 38/2019), under NĐ 91: 0,3 × 1.490.000 = 447.000 → 450.000
    ("lao-dong-tien-tien", IND, D(2019, 7, 1), ND91, S1, "0.3", 450_000),
    ("chien-si-thi-dua-co-so", IND, D(2019, 7, 1), ND91, S1, "1.0", 1_490_000),
    ("tap-the-lao-dong-tien-tien", C, D(2019, 7, 1), ND91, S1, "0.8", 1_200_000),  # 1.192.000
    ("giay-khen-giam-doc-so", C, D(2019, 7, 1), ND91, S1, "0.6", 900_000),  # 894.000
    # 30/06/2023 | 01/07/2023: the base salary changes (NĐ 24/2023), the regime does not
    ("lao-dong-tien-tien", IND, D(2023, 6, 30), ND91, S1, "0.3", 450_000),
    ("lao-dong-tien-tien", IND, D(2023, 7, 1), ND91, S2, "0.3", 540_000),
    ("tap-the-lao-dong-xuat-sac", C, D(2023, 6, 30), ND91, S1, "1.5", 2_240_000),  # 2.235.000
    ("tap-the-lao-dong-xuat-sac", C, D(2023, 7, 1), ND91, S2, "1.5", 2_700_000),
    # 31/12/2023 | 01/01/2024: NĐ 91 → NĐ 98, the same base salary; Bằng khen of the province's Chairman 1,0 → 1,5
    ("bang-khen-chu-tich-ubnd-tinh", IND, D(2023, 12, 31), ND91, S2, "1.0", 1_800_000),
    ("bang-khen-chu-tich-ubnd-tinh", IND, D(2024, 1, 1), ND98, S2, "1.5", 2_700_000),
    ("bang-khen-chu-tich-ubnd-tinh", C, D(2023, 12, 31), ND91, S2, "2.0", 3_600_000),
    ("bang-khen-chu-tich-ubnd-tinh", C, D(2024, 1, 1), ND98, S2, "3.0", 5_400_000),
    ("giay-khen-giam-doc-so", IND, D(2023, 12, 31), ND91, S2, "0.3", 540_000),
    ("giay-khen-giam-doc-so", IND, D(2024, 1, 1), ND98, S2, "0.3", 540_000),
    ("chien-si-thi-dua-cap-tinh", IND, D(2024, 1, 1), ND98, S2, "3.0", 5_400_000),
    # 30/06/2024 | 01/07/2024: the base salary changes (NĐ 73/2024) under NĐ 98
    ("lao-dong-tien-tien", IND, D(2024, 6, 30), ND98, S2, "0.3", 540_000),
    ("lao-dong-tien-tien", IND, D(2024, 7, 1), ND98, S3, "0.3", 710_000),  # 702.000
    ("giay-khen-giam-doc-so", C, D(2024, 6, 30), ND98, S2, "0.6", 1_080_000),
    ("giay-khen-giam-doc-so", C, D(2024, 7, 1), ND98, S3, "0.6", 1_410_000),  # 1.404.000
    ("tap-the-lao-dong-tien-tien", C, D(2024, 7, 1), ND98, S3, "0.8", 1_880_000),  # 1.872.000
    # 30/06/2025 | 01/07/2025: NĐ 98 → NĐ 152, the same base salary
    ("chien-si-thi-dua-co-so", IND, D(2025, 6, 30), ND98, S3, "1.0", 2_340_000),
    ("chien-si-thi-dua-co-so", IND, D(2025, 7, 1), ND152, S3, "1.0", 2_340_000),
    ("bang-khen-thu-tuong", IND, D(2025, 6, 30), ND98, S3, "3.5", 8_190_000),
    ("bang-khen-thu-tuong", C, D(2025, 7, 1), ND152, S3, "7.0", 16_380_000),
    ("huan-chuong-lao-dong-hang-ba", IND, D(2025, 7, 1), ND152, S3, "4.5", 10_530_000),
    ("tap-the-lao-dong-xuat-sac", C, D(2025, 7, 1), ND152, S3, "1.5", 3_510_000),
    # NĐ 152: a household gets 1,5 × the individual amount (710.000 × 1,5 = 1.065.000 → 1.070.000)
    ("giay-khen-giam-doc-so", H, D(2025, 7, 1), ND152, S3, "0.45", 1_070_000),
    ("bang-khen-chu-tich-ubnd-tinh", H, D(2025, 12, 15), ND152, S3, "2.25", 5_270_000),  # 3.510.000 × 1,5
]


@pytest.mark.parametrize("code, recipient, day, regime, salary, coefficient, amount", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]:%d%m%Y}" for c in CASES])
def test_the_bonus_is_the_coefficient_times_the_base_salary_of_the_day_rounded_up(
        code, recipient, day, regime, salary, coefficient, amount):
    found = _bonus(code, recipient, day)
    assert (found.amount, found.regime.short_name, found.base_salary.amount) == (amount, regime, salary)
    assert found.coefficient == Decimal(coefficient)
    assert found.basis == found.regime.money_articles and found.basis


def test_the_base_salary_carries_its_legal_basis_and_start_date():
    assert _bonus("lao-dong-tien-tien", IND, D(2019, 7, 1)).base_salary.legal_basis == "Nghị định 38/2019/NĐ-CP"
    salary = _bonus("lao-dong-tien-tien", IND, D(2023, 7, 1)).base_salary
    assert (salary.legal_basis, salary.valid_from) == ("Nghị định 24/2023/NĐ-CP", D(2023, 7, 1))
    salary = _bonus("lao-dong-tien-tien", IND, D(2024, 7, 1)).base_salary
    assert (salary.legal_basis, salary.valid_from) == ("Nghị định 73/2024/NĐ-CP", D(2024, 7, 1))
    assert _bonus("lao-dong-tien-tien", IND, D(2025, 7, 1)).basis == "Nghị định 152/2025/NĐ-CP, Điều 49–54"


def test_a_day_before_the_first_base_salary_or_the_first_regime_has_no_bonus():
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở áp dụng ngày 30/06/2019"):
        _bonus("lao-dong-tien-tien", IND, D(2019, 6, 30))
    with pytest.raises(ValidationError, match="Chưa có chế độ pháp lý nào có hiệu lực ngày 30/09/2017"):
        _bonus("lao-dong-tien-tien", IND, D(2017, 9, 30))


def _nearest(short_name: str) -> None:
    LegalRegime.objects.filter(short_name=short_name).update(rounding=Rounding.NEAREST)


@pytest.mark.parametrize("code, recipient, day, regime, up, nearest", [
    ("lao-dong-tien-tien", IND, D(2024, 7, 1), ND98, 710_000, 700_000),  # 702.000
    ("giay-khen-giam-doc-so", C, D(2024, 7, 1), ND98, 1_410_000, 1_400_000),  # 1.404.000
    ("giay-khen-giam-doc-so", C, D(2023, 6, 30), ND91, 900_000, 890_000),  # 894.000
    ("lao-dong-tien-tien", IND, D(2019, 7, 1), ND91, 450_000, 450_000),  # 447.000: nearest is up too
    ("tap-the-lao-dong-xuat-sac", C, D(2023, 6, 30), ND91, 2_240_000, 2_240_000),  # 2.235.000: half goes up
    ("giay-khen-giam-doc-so", H, D(2025, 7, 1), ND152, 1_070_000, 1_050_000),  # 700.000 × 1,5
])
def test_a_regime_set_to_round_to_the_nearest_rounds_to_the_nearest(code, recipient, day, regime, up, nearest):
    assert _bonus(code, recipient, day).amount == up
    _nearest(regime)
    assert _bonus(code, recipient, day).amount == nearest


def test_the_rounding_of_one_regime_does_not_touch_another():
    _nearest(ND98)
    assert _bonus("lao-dong-tien-tien", IND, D(2025, 7, 1)).amount == 710_000  # NĐ 152: still up
    assert _bonus("lao-dong-tien-tien", IND, D(2025, 6, 30)).amount == 700_000


def test_a_household_under_nd152_gets_one_and_a_half_times_the_individual_amount():
    household = _bonus("giay-khen-giam-doc-so", H, D(2025, 7, 1))
    individual = _bonus("giay-khen-giam-doc-so", IND, D(2025, 7, 1))
    assert household.multiplier == Decimal("1.5")
    assert (individual.amount, household.amount) == (710_000, 1_070_000)
    assert bonus.money(household.amount) == "1.070.000 đồng"


@pytest.mark.parametrize("day, regime", [(D(2025, 6, 30), ND98), (D(2023, 12, 31), ND91)])
def test_a_household_multiple_not_yet_entered_is_said(day, regime):
    """NĐ 91 and NĐ 98 have no confirmed household multiple (seeded unset, "chưa xác nhận")."""
    with pytest.raises(ValidationError) as error:
        _bonus("giay-khen-giam-doc-so", H, day)
    [message] = error.value.messages
    assert message == (f"{LegalRegime.objects.get(short_name=regime)} chưa có mức tiền thưởng cho hộ gia đình nhận "
                       "“Giấy khen của Giám đốc Sở”: Văn phòng cần nhập bội số trong Chế độ pháp lý.")


def test_a_form_a_kind_of_recipient_does_not_receive_is_said():
    with pytest.raises(ValidationError, match="“Lao động tiên tiến” không dành cho tập thể"):
        _bonus("lao-dong-tien-tien", C, D(2025, 7, 1))
    with pytest.raises(ValidationError, match="không dành cho hộ gia đình"):
        _bonus("chien-si-thi-dua-co-so", H, D(2025, 7, 1))


def test_a_coefficient_not_set_is_said():
    with pytest.raises(ValidationError, match="chưa có hệ số tiền thưởng của “Cờ thi đua"):
        _bonus("co-thi-dua-ubnd-tinh", C, D(2025, 7, 1))


# -- several titles of one period pay only the highest ---------------------------------------------------------------

DECIDED = D(2025, 12, 15)


def _line(key, code: str, year: int = 2025, day: dt.date = DECIDED) -> bonus.Payable:
    form = RewardForm.objects.get(code=code)
    return bonus.Payable(key=key, year=year, is_title=form.is_title, amount=_bonus(code, IND, day).amount)


def test_lao_dong_tien_tien_and_chien_si_thi_dua_of_one_year_pay_only_the_chien_si():
    ldtt, cstd = _line("an", "lao-dong-tien-tien"), _line("an", "chien-si-thi-dua-co-so")
    bonus.apply_highest_title([ldtt, cstd])
    assert (cstd.paid, cstd.amount) == (True, 2_340_000)
    assert not ldtt.paid and ldtt.note == "Chỉ chi tiền thưởng của danh hiệu cao nhất trong cùng thời gian."
    assert sum(line.amount for line in (ldtt, cstd) if line.paid) == 2_340_000


def test_a_title_and_a_form_are_both_paid_and_other_people_or_years_are_apart():
    cstd, giay_khen = _line("an", "chien-si-thi-dua-co-so"), _line("an", "giay-khen-giam-doc-so")
    other_person, other_year = _line("lan", "lao-dong-tien-tien"), _line("an", "lao-dong-tien-tien", year=2024)
    lines = bonus.apply_highest_title([cstd, giay_khen, other_person, other_year])
    assert all(line.paid for line in lines)
    assert sum(line.amount for line in lines) == 2_340_000 + 710_000 + 710_000 + 710_000


def test_a_title_already_paid_by_an_earlier_decision_is_not_paid_twice():
    cstd = _line("an", "chien-si-thi-dua-co-so")
    bonus.apply_highest_title([cstd], already_paid={("an", 2025): 710_000})
    assert cstd.paid and cstd.amount == 1_630_000 and "710.000 đồng" in cstd.note
    ldtt = _line("an", "lao-dong-tien-tien")
    bonus.apply_highest_title([ldtt], already_paid={("an", 2025): 2_340_000})
    assert not ldtt.paid
