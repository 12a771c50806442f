"""The seeded regimes hold domain.md §6.5's figures, with the unconfirmed ones flagged."""

from decimal import Decimal

import pytest

from thidua.awards import legal
from thidua.awards.models import DossierRule, FormRule
from thidua.movements.models import RewardForm

from .law_helpers import regime

pytestmark = pytest.mark.django_db


def rule(code: str, form: str, recipient: str = "individual") -> FormRule:
    return legal.form_rule(regime(code), RewardForm.objects.get(code=form).pk, recipient)


def test_the_three_regimes_and_their_validity():
    assert [(r.valid_from.isoformat(), r.valid_to and r.valid_to.isoformat())
            for r in map(regime, ["nd-91-2017", "nd-98-2023", "nd-152-2025"])] == [
        ("2017-10-01", "2023-12-31"), ("2024-01-01", "2025-06-30"), ("2025-07-01", None)]


def test_the_provincial_certificate_coefficient_rose_from_nd_91_to_nd_98():
    assert rule("nd-91-2017", "bang-khen-chu-tich-ubnd-tinh").coefficient == Decimal("1.0")
    assert rule("nd-91-2017", "bang-khen-chu-tich-ubnd-tinh", "collective").coefficient == Decimal("2.0")
    nd98 = rule("nd-98-2023", "bang-khen-chu-tich-ubnd-tinh")
    assert nd98.coefficient == Decimal("1.5") and not nd98.coefficient_unconfirmed
    assert rule("nd-98-2023", "bang-khen-chu-tich-ubnd-tinh", "collective").coefficient_unconfirmed


def test_nd_98_requires_a_ballot_of_80_percent_of_all_members_for_the_base_emulation_fighter():
    cstd = rule("nd-98-2023", "chien-si-thi-dua-co-so")
    assert cstd.ballot_required
    assert (cstd.threshold_percent, cstd.threshold_strict, cstd.threshold_of) == (Decimal("80"), False, "all")
    assert not cstd.threshold_unconfirmed
    assert legal.threshold_label(cstd) == "≥ 80% tổng số thành viên Hội đồng"
    assert rule("nd-98-2023", "chien-si-thi-dua-cap-tinh").threshold_percent == Decimal("90")


def test_nd_152s_ballot_figures_are_seeded_as_nd_98s_and_unconfirmed():
    for form in ("chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh"):
        figure = rule("nd-152-2025", form)
        assert figure.ballot_required and figure.threshold_unconfirmed
    assert rule("nd-152-2025", "co-thi-dua-ubnd-tinh", "collective").threshold_unconfirmed


def test_a_form_without_a_ballot_is_decided_by_a_majority_of_those_present():
    giay_khen = rule("nd-98-2023", "giay-khen-giam-doc-so")
    assert not giay_khen.ballot_required
    assert legal.threshold_label(giay_khen) == "quá bán số thành viên có mặt"


def test_nd_152_pays_a_household_one_and_a_half_times_the_individual_amount():
    household = rule("nd-152-2025", "bang-khen-chu-tich-ubnd-tinh", "household")
    assert household.coefficient is None
    assert household.household_multiplier == Decimal("1.5") and not household.coefficient_unconfirmed
    assert rule("nd-98-2023", "bang-khen-chu-tich-ubnd-tinh", "household").coefficient_unconfirmed


def test_nd_91_caps_the_base_emulation_fighter_at_15_percent_and_the_later_regimes_do_not():
    assert rule("nd-91-2017", "chien-si-thi-dua-co-so").quota_percent == Decimal("15")
    assert rule("nd-98-2023", "chien-si-thi-dua-co-so").quota_percent is None


def test_the_transition_rule_and_the_unconfirmed_thematic_templates():
    nd152 = regime("nd-152-2025")
    assert nd152.keeps_pipeline and nd152.transition_unconfirmed
    assert "Điều 60 khoản 3" in nd152.transition_rule
    assert regime("nd-91-2017").thematic_report_template.startswith("Mẫu số 07")
    assert not regime("nd-91-2017").thematic_report_unconfirmed
    assert regime("nd-98-2023").thematic_report_unconfirmed


def test_every_regime_asks_for_the_councils_minutes_before_proposing_upward():
    for code in ("nd-91-2017", "nd-98-2023", "nd-152-2025"):
        assert DossierRule.objects.filter(regime=regime(code), part="council_minutes", stage="propose").exists()
