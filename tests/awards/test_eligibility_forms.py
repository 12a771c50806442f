"""The reward forms' eligibility: Giấy khen, the provincial Chairman's and the Prime Minister's Bằng khen,
Huân chương Lao động hạng Ba — the merit chains of consecutive years (broken by a weaker year, left unknown by a
missing one), earlier awards that count or not (thematic under R2/R3 versus R1, revoked), one achievement one
award, the judged routes; and the verdict logic itself."""

from __future__ import annotations

import pytest

from thidua.awards.eligibility import InitiativeRecord, PastAward, evaluate
from thidua.awards.eligibility.engine import RuleResult, verdict

from .eligibility_helpers import R1, R2, R3, candidate, check, good_years, rule, titles

R23 = pytest.mark.parametrize("day", [R2, R3], ids=["R2", "R3"])
CSTD, BK_TINH, BK_TTG = "chien-si-thi-dua-co-so", "bang-khen-chu-tich-ubnd-tinh", "bang-khen-thu-tuong"
HCLD3 = "huan-chuong-lao-dong-hang-ba"


# -- Giấy khen -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", [R1, R2, R3], ids=["R1", "R2", "R3"])
@pytest.mark.parametrize("recipient", ["individual", "collective"])
def test_giay_khen_on_merit_needs_good_completion_and_leaves_the_achievement_to_the_council(day, recipient):
    c = candidate("giay-khen-giam-doc-so", recipient=recipient, day=day, ratings={day.year: "good"})
    outcome = evaluate(c)
    assert outcome.verdict == "eligible"
    assert rule(outcome, "bình xét trong phong trào").result == "judge"
    c.ratings = {day.year: "done"}
    assert evaluate(c).verdict == "not-eligible"
    c.ratings = {}
    assert evaluate(c).verdict == "unknown"


def test_a_route_only_people_can_weigh_never_decides():
    sudden = evaluate(candidate("giay-khen-giam-doc-so", kind="sudden"))
    assert [r.result for r in sudden.rules if not r.blocking] == ["judge"] and sudden.verdict == "unknown"
    household = evaluate(candidate("giay-khen-giam-doc-so", recipient="household"))
    assert household.verdict == "unknown"
    blocked = evaluate(candidate("giay-khen-giam-doc-so", kind="sudden", under_investigation=True))
    assert blocked.verdict == "not-eligible"


# -- Bằng khen của Chủ tịch UBND tỉnh --------------------------------------------------------------------------------

@R23
def test_bang_khen_tinh_by_two_consecutive_chien_si(day):
    y = day.year
    outcome, r = check(candidate(BK_TINH, day=day, awards=titles(CSTD, y - 1, y)), "2 lần liên tục")
    assert r.result == "met" and outcome.verdict == "eligible"
    assert r.detail == f"Chiến sĩ thi đua cơ sở {y - 1}, {y}: 2 lần, cần 2 (xét {y - 1}–{y})."


@R23
def test_bang_khen_tinh_chain_broken_by_a_gap_and_no_other_route(day):
    y = day.year
    c = candidate(BK_TINH, day=day, awards=titles(CSTD, y - 2, y), ratings={y - 1: "good", y: "excellent"})
    outcome = evaluate(c)
    assert rule(outcome, "2 lần liên tục").result == "not-met"
    assert rule(outcome, "2 năm liên tục hoàn thành xuất sắc nhiệm vụ, 2 sáng kiến: 2 năm").result == "not-met"
    assert outcome.verdict == "not-eligible"


@R23
def test_bang_khen_tinh_chain_with_a_revoked_title_counts_for_nothing(day):
    y = day.year
    outcome, r = check(candidate(BK_TINH, day=day, awards=titles(CSTD, y - 1, y, revoked=(y - 1,))), "2 lần liên tục")
    assert r.result == "not-met" and f"không tính {y - 1}: đã bị thu hồi" in r.detail


@pytest.mark.parametrize("day", [R1, R2, R3], ids=["R1", "R2", "R3"])
def test_bang_khen_tinh_by_two_excellent_years_with_two_initiatives(day):
    y = day.year
    c = candidate(BK_TINH, day=day, ratings=good_years(y - 1, y, "excellent"),
                  initiatives=[InitiativeRecord(y - 1, "base"), InitiativeRecord(y, "province")])
    assert evaluate(c).verdict == "eligible"
    c.initiatives = c.initiatives[:1]
    outcome = evaluate(c)
    assert rule(outcome, "2 sáng kiến: 2 sáng kiến").result == "not-met"
    c.ratings = {y: "excellent"}
    assert rule(evaluate(c), "2 sáng kiến: 2 năm").result == "unknown"


def test_bang_khen_tinh_under_r1_has_no_chien_si_route_and_is_unconfirmed():
    outcome = evaluate(candidate(BK_TINH, day=R1, awards=titles(CSTD, 2022, 2023)))
    assert not [r for r in outcome.rules if "2 lần liên tục" in r.rule]
    assert outcome.verdict == "not-eligible"
    assert all("chưa xác nhận" in r.basis for r in outcome.rules if not r.blocking)


@R23
def test_one_achievement_one_award_a_chain_already_rewarded(day):
    y = day.year
    c = candidate(BK_TINH, day=day, awards=[*titles(CSTD, y - 1, y), PastAward(BK_TINH, y - 1, "merit")])
    outcome, r = check(c, "một lần")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    assert f"năm {y - 1} đã khen thành tích các năm đến {y - 1}" in r.detail
    c.awards = [*titles(CSTD, y - 1, y), PastAward(BK_TINH, y - 1, "thematic")]
    assert check(c, "một lần")[1].result == "met"
    c.awards = [*titles(CSTD, y - 1, y), PastAward(BK_TINH, y, "merit")]
    assert check(c, "một lần")[1].result == "not-met"


@pytest.mark.parametrize("day", [R1, R2, R3], ids=["R1", "R2", "R3"])
def test_bang_khen_tinh_for_a_collective_two_excellent_years_or_the_title(day):
    y = day.year
    c = candidate(BK_TINH, recipient="collective", day=day, ratings={y: "excellent"},
                  awards=titles("tap-the-lao-dong-xuat-sac", y - 1))
    assert evaluate(c).verdict == "eligible"
    c.ratings = {y: "good"}
    assert evaluate(c).verdict == "not-eligible"
    c.ratings, c.awards = {y: "excellent"}, []
    outcome, r = check(c, "Tập thể lao động xuất sắc")
    assert r.result == "unknown" and f"Thiếu xếp loại năm {y - 1}" in r.detail and outcome.verdict == "unknown"


# -- Bằng khen của Thủ tướng Chính phủ ------------------------------------------------------------------------------

def _pm(day, **fields):
    y = day.year
    fields.setdefault("ratings", good_years(y - 4, y))
    fields.setdefault("awards", [PastAward(BK_TINH, y - 5, "merit"), *titles(CSTD, y - 4, y - 2, y - 1)])
    return candidate(BK_TTG, day=day, **fields)


@R23
def test_prime_minister_bang_khen_full_chain(day):
    y = day.year
    outcome = evaluate(_pm(day))
    assert outcome.verdict == "eligible"
    assert rule(outcome, "3 lần").detail == f"Chiến sĩ thi đua cơ sở {y - 4}, {y - 2}, {y - 1}: 3 lần, cần 3 " \
                                            f"(xét {y - 4}–{y})."


@R23
def test_prime_minister_chain_broken_by_a_weaker_year(day):
    y = day.year
    ratings = good_years(y - 4, y) | {y - 2: "done"}
    outcome, r = check(_pm(day, ratings=ratings), "5 năm liên tục")
    assert r.result == "not-met" and f"năm {y - 2} không đạt" in r.detail and outcome.verdict == "not-eligible"


@R23
def test_prime_minister_chain_with_a_missing_year_is_unknown(day):
    y = day.year
    ratings = good_years(y - 4, y)
    del ratings[y - 3]
    outcome, r = check(_pm(day, ratings=ratings), "5 năm liên tục")
    assert r.result == "unknown" and f"Thiếu xếp loại năm {y - 3}" in r.detail and outcome.verdict == "unknown"
    ratings[y - 1] = "failed"
    assert check(_pm(day, ratings=ratings), "5 năm liên tục")[1].result == "not-met"


@R23
def test_a_thematic_provincial_bang_khen_is_no_link_in_the_chain_under_r2_r3(day):
    y = day.year
    outcome, r = check(_pm(day, awards=[PastAward(BK_TINH, y - 5, "thematic"), *titles(CSTD, y - 4, y - 2, y - 1)]),
                       "Đã được tặng Bằng khen")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    assert f"{y - 5} (khen theo chuyên đề): không làm căn cứ khen công trạng (Nghị định" in r.detail
    sudden = _pm(day, awards=[PastAward(BK_TINH, y - 5, "sudden"), *titles(CSTD, y - 4, y - 2, y - 1)])
    assert check(sudden, "Đã được tặng Bằng khen")[1].result == "not-met"


def test_a_thematic_provincial_bang_khen_counts_under_r1():
    c = candidate(BK_TTG, day=R1, ratings=good_years(2019, 2023, "excellent"),
                  awards=[PastAward(BK_TINH, 2018, "thematic")],
                  initiatives=[InitiativeRecord(y, "base") for y in range(2019, 2024)])
    outcome, r = check(c, "Đã được tặng Bằng khen")
    assert r.result == "met" and outcome.verdict == "eligible"
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh 2018 (khen theo chuyên đề)" in r.detail


def test_r1_prime_minister_needs_five_excellent_years_after_the_earlier_bang_khen():
    c = candidate(BK_TTG, day=R1, ratings=good_years(2019, 2023, "excellent"),
                  awards=[PastAward(BK_TINH, 2020, "merit")],
                  initiatives=[InitiativeRecord(y, "base") for y in range(2019, 2024)])
    outcome, r = check(c, "Đã được tặng Bằng khen")
    assert r.result == "not-met" and "sau năm 2018" in r.detail
    c.awards, c.ratings[2021] = [PastAward(BK_TINH, 2017, "merit")], "good"
    assert rule(evaluate(c), "5 năm liên tục").result == "not-met"
    del c.ratings[2021]
    assert rule(evaluate(c), "5 năm liên tục").result == "unknown"
    c.ratings[2021] = "excellent"
    assert evaluate(c).verdict == "eligible"
    c.awards.append(PastAward(BK_TTG, 2020, "merit"))
    outcome, r = check(c, "một lần")
    assert r.result == "not-met" and outcome.verdict == "not-eligible" and "Nghị định 91/2017/NĐ-CP" in r.basis


@R23
def test_a_revoked_earlier_bang_khen_counts_for_nothing(day):
    y = day.year
    awards = [PastAward(BK_TINH, y - 5, "merit", revoked=True), *titles(CSTD, y - 4, y - 2, y - 1)]
    outcome, r = check(_pm(day, awards=awards), "Đã được tặng Bằng khen")
    assert r.result == "not-met" and "đã bị thu hồi" in r.detail


@R23
def test_prime_minister_with_two_chien_si_only_is_not_eligible(day):
    y = day.year
    awards = [PastAward(BK_TINH, y - 5, "merit"), *titles(CSTD, y - 4, y - 2, y - 1, revoked=(y - 2,))]
    outcome, r = check(_pm(day, awards=awards), "3 lần")
    assert r.result == "not-met" and "2 lần, cần 3" in r.detail and outcome.verdict == "not-eligible"


@R23
def test_a_thematic_proposal_is_not_checked_against_the_merit_chain(day):
    outcome = evaluate(_pm(day, kind="thematic", ratings={}, awards=[]))
    assert outcome.verdict == "unknown"
    assert [r.result for r in outcome.rules if not r.blocking] == ["judge"]


# -- Huân chương Lao động hạng Ba ----------------------------------------------------------------------------------

def _order(day, **fields):
    y = day.year
    fields.setdefault("ratings", good_years(y - 4, y) | {y - 1: "excellent"})
    fields.setdefault("awards", [PastAward(BK_TTG, y - 5, "merit"), *titles(CSTD, y - 3, y - 2, y)])
    return candidate(HCLD3, day=day, **fields)


@R23
def test_huan_chuong_after_the_prime_minister_bang_khen(day):
    assert evaluate(_order(day)).verdict == "eligible"


@R23
def test_huan_chuong_needs_one_excellent_year(day):
    y = day.year
    outcome, r = check(_order(day, ratings=good_years(y - 4, y)), "Ít nhất 1 năm")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    ratings = good_years(y - 4, y)
    del ratings[y]
    assert check(_order(day, ratings=ratings), "Ít nhất 1 năm")[1].result == "unknown"


@R23
def test_huan_chuong_years_must_follow_the_prime_minister_bang_khen(day):
    y = day.year
    awards = [PastAward(BK_TTG, y - 3, "merit"), *titles(CSTD, y - 3, y - 2, y)]
    outcome, r = check(_order(day, awards=awards), "Thủ tướng")
    assert r.result == "not-met" and f"sau năm {y - 5}" in r.detail and outcome.verdict == "not-eligible"


@R23
def test_huan_chuong_movement_route_is_judged(day):
    outcome = evaluate(_order(day, kind="thematic"))
    assert rule(outcome, "5 năm trở lên do bộ, tỉnh").result == "judge" and outcome.verdict == "unknown"
    assert "Điều 44 khoản 2" in rule(outcome, "5 năm trở lên do bộ, tỉnh").basis


def test_huan_chuong_under_r1_needs_initiatives_of_provincial_reach():
    c = candidate(HCLD3, day=R1, ratings=good_years(2019, 2023, "excellent"),
                  awards=[PastAward(BK_TTG, 2018, "merit")],
                  initiatives=[InitiativeRecord(2020, "province"), InitiativeRecord(2022, "base")])
    outcome, r = check(c, "cấp tỉnh")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    c.initiatives.append(InitiativeRecord(2023, "national"))
    assert evaluate(c).verdict == "eligible"


# -- the verdict -----------------------------------------------------------------------------------------------------

def _r(result, blocking=False):
    return RuleResult("r", result, "", "", blocking)


@pytest.mark.parametrize("blocking, routes, expected", [
    ([_r("met", True)], [[_r("met")], [_r("not-met")]], "eligible"),
    ([_r("met", True)], [[_r("met"), _r("judge")]], "eligible"),
    ([_r("unknown", True)], [[_r("met")]], "eligible"),
    ([_r("unknown", True)], [[_r("not-met")]], "not-eligible"),
    ([_r("not-met", True)], [[_r("met")]], "not-eligible"),
    ([_r("met", True)], [[_r("unknown")], [_r("not-met")]], "unknown"),
    ([_r("met", True)], [[_r("judge")]], "unknown"),
    ([_r("met", True)], [[_r("judge")], [_r("not-met")]], "not-eligible"),
    ([_r("met", True)], [[_r("met"), _r("unknown")]], "unknown"),
])
def test_the_verdict(blocking, routes, expected):
    assert verdict(blocking, routes) == expected


def test_whether_thematic_awards_count_is_the_regimes_data_from_the_seed():
    import dataclasses

    from thidua.awards import seed
    from thidua.awards.eligibility import law

    assert [r.thematic_counts_for_merit for r in law.REGIMES] == [
        spec["thematic_counts_for_merit"] for spec in seed.REGIMES] == [True, False, False]
    y = R3.year
    c = _pm(R3, awards=[PastAward(BK_TINH, y - 5, "thematic"), *titles(CSTD, y - 4, y - 2, y - 1)])
    assert evaluate(c).verdict == "not-eligible"
    counting = dataclasses.replace(law.regime_on(R3), thematic_counts_for_merit=True)
    assert evaluate(c, counting).verdict == "eligible"


def test_a_form_without_rules_is_refused_by_name():
    from thidua.awards.eligibility import NoRules

    with pytest.raises(NoRules, match="Cờ thi đua của Ủy ban nhân dân tỉnh"):
        evaluate(candidate("co-thi-dua-ubnd-tinh", recipient="collective"))
    with pytest.raises(NoRules, match="“khong-co”"):
        evaluate(candidate("khong-co"))
