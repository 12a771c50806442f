"""The yearly titles' eligibility (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, the collectives' titles) and the
rules that span forms (registration, discipline, investigation, one achievement one award), under each regime.
No database: the rules are data and pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.eligibility import DisciplinePeriod, InitiativeRecord, Members, evaluate

from .eligibility_helpers import R1, R2, R3, REGIME_DAYS, candidate, check, rule, titles

ALL = pytest.mark.parametrize("day", [R1, R2, R3], ids=["R1", "R2", "R3"])


@ALL
@pytest.mark.parametrize("grade, result, verdict", [
    ("excellent", "met", "eligible"), ("good", "met", "eligible"), ("done", "not-met", "not-eligible"),
    ("failed", "not-met", "not-eligible")])
def test_lao_dong_tien_tien_needs_good_or_better_in_the_year(day, grade, result, verdict):
    outcome, r = check(candidate("lao-dong-tien-tien", day=day, ratings={day.year: grade}), "hoàn thành tốt")
    assert (r.result, outcome.verdict) == (result, verdict)


@ALL
def test_a_year_without_a_rating_is_unknown_and_names_the_field(day):
    outcome, r = check(candidate("lao-dong-tien-tien", day=day), "hoàn thành tốt")
    assert r.result == "unknown" and f"ratings.{day.year}" in r.detail
    assert outcome.verdict == "unknown"


@ALL
def test_a_title_needs_registration(day):
    # issue 11 §3: only an unmet blocking rule blocks; one left unknown shows as unknown, the verdict stands
    for registered, result, verdict in ((False, "not-met", "not-eligible"), (None, "unknown", "eligible")):
        c = candidate("lao-dong-tien-tien", day=day, registered=registered, ratings={day.year: "good"})
        outcome, r = check(c, "Đăng ký thi đua")
        assert (r.result, outcome.verdict) == (result, verdict)
    assert "registered" in check(candidate("lao-dong-tien-tien", day=day, registered=None), "Đăng ký")[1].detail


def test_a_form_has_no_registration_rule():
    result = evaluate(candidate("giay-khen-giam-doc-so", registered=False, ratings={2025: "good"}))
    assert not [r for r in result.rules if "Đăng ký" in r.rule] and result.verdict == "eligible"


@ALL
def test_discipline_overlapping_the_year_blocks_and_one_before_it_does_not(day):
    y = day.year
    inside = DisciplinePeriod("warning", dt.date(y - 1, 6, 1), dt.date(y, 2, 28))
    c = candidate("lao-dong-tien-tien", day=day, ratings={y: "good"}, discipline=[inside])
    outcome, r = check(c, "kỷ luật")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    assert f"kỷ luật cảnh cáo từ 01/06/{y - 1} đến 28/02/{y}" in r.detail

    before = DisciplinePeriod("reprimand", dt.date(y - 2, 1, 1), dt.date(y - 1, 12, 31))
    outcome, r = check(candidate("lao-dong-tien-tien", day=day, ratings={y: "good"}, discipline=[before]), "kỷ luật")
    assert r.result == "met" and outcome.verdict == "eligible" and "Không trùng" in r.detail


def test_discipline_still_running_on_the_decision_date_blocks_a_form():
    running = DisciplinePeriod("reprimand", dt.date(2025, 10, 1), None)
    outcome, r = check(candidate("giay-khen-giam-doc-so", ratings={2025: "good"}, discipline=[running]), "kỷ luật")
    assert r.result == "not-met" and "đến nay" in r.detail and outcome.verdict == "not-eligible"
    later = DisciplinePeriod("reprimand", dt.date(2025, 12, 1), None)
    assert check(candidate("giay-khen-giam-doc-so", ratings={2025: "good"}, discipline=[later]),
                 "kỷ luật")[1].result == "met"


@ALL
@pytest.mark.parametrize("value, result, verdict", [
    (True, "not-met", "not-eligible"), (False, "met", "eligible"), (None, "unknown", "eligible")])
def test_investigation_or_unresolved_complaint_blocks(day, value, result, verdict):
    c = candidate("lao-dong-tien-tien", day=day, ratings={day.year: "good"}, under_investigation=value)
    outcome, r = check(c, "điều tra")
    assert (r.result, outcome.verdict) == (result, verdict)


@ALL
def test_the_same_title_twice_for_one_year_is_refused_unless_revoked(day):
    y = day.year
    c = candidate("lao-dong-tien-tien", day=day, ratings={y: "good"}, awards=titles("lao-dong-tien-tien", y))
    outcome, r = check(c, "một lần")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"
    c.awards = titles("lao-dong-tien-tien", y, revoked=(y,))
    assert check(c, "một lần")[1].result == "met"


# -- Chiến sĩ thi đua cơ sở ------------------------------------------------------------------------------------------

@ALL
def test_chien_si_by_excellent_completion(day):
    outcome = evaluate(candidate("chien-si-thi-dua-co-so", day=day, ratings={day.year: "excellent"}))
    assert outcome.verdict == "eligible"
    assert rule(outcome, "Theo mức hoàn thành nhiệm vụ: Hoàn thành xuất sắc").result == "met"


@ALL
@pytest.mark.parametrize("before, n, result, verdict", [(0, 1, "met", "eligible"), (1, 0, "not-met", "not-eligible")],
                         ids=["in the year", "a year before"])
def test_chien_si_by_an_initiative_at_base_level_in_the_year(day, before, n, result, verdict):
    c = candidate("chien-si-thi-dua-co-so", day=day, ratings={day.year: "good"},
                  initiatives=[InitiativeRecord(day.year - before, "base")])
    outcome = evaluate(c)
    r = rule(outcome, "Theo sáng kiến, đề tài: Sáng kiến")
    assert (r.result, outcome.verdict) == (result, verdict)
    assert r.detail == f"Sáng kiến, đề tài từ cấp cơ sở trở lên {day.year}: {n}, cần 1."


@ALL
def test_chien_si_needs_lao_dong_tien_tien(day):
    c = candidate("chien-si-thi-dua-co-so", day=day, ratings={day.year: "done"},
                  initiatives=[InitiativeRecord(day.year, "province")])
    assert evaluate(c).verdict == "not-eligible"
    c.ratings = {}
    outcome = evaluate(c)
    assert outcome.verdict == "unknown"
    assert rule(outcome, "Đạt danh hiệu Lao động").result == "unknown"
    c.awards = titles("lao-dong-tien-tien", day.year)
    assert evaluate(c).verdict == "eligible"
    c.awards = titles("lao-dong-tien-tien", day.year, revoked=(day.year,))
    assert rule(evaluate(c), "Đạt danh hiệu Lao động").result == "not-met"


def test_the_r1_quota_of_chien_si_is_left_to_the_office():
    rules = evaluate(candidate("chien-si-thi-dua-co-so", day=R1, ratings={2023: "excellent"})).rules
    quota = [r for r in rules if "15%" in r.rule]
    assert len(quota) == 1 and quota[0].result == "judge" and "Điều 9 khoản 3" in quota[0].basis
    for day in (R2, R3):
        assert not [r for r in evaluate(candidate("chien-si-thi-dua-co-so", day=day)).rules if "15%" in r.rule]


# -- collectives -----------------------------------------------------------------------------------------------------

def _collective(form, day, members, grade="excellent"):
    return candidate(form, recipient="collective", day=day, ratings={day.year: grade}, members=members)


@ALL
@pytest.mark.parametrize("ldtt, result", [(14, "met"), (13, "not-met")])
def test_tap_the_tien_tien_needs_70_percent_lao_dong_tien_tien(day, ldtt, result):
    members = Members(total=20, completed=20, lao_dong_tien_tien=ldtt, disciplined=0)
    outcome, r = check(_collective("tap-the-lao-dong-tien-tien", day, members, "good"), "70%")
    assert r.result == result and f"{ldtt}/20" in r.detail
    assert outcome.verdict == ("eligible" if result == "met" else "not-eligible")


@ALL
def test_tap_the_tien_tien_with_a_disciplined_member_is_not_eligible(day):
    members = Members(total=20, lao_dong_tien_tien=18, disciplined=1)
    outcome, r = check(_collective("tap-the-lao-dong-tien-tien", day, members, "good"), "kỷ luật từ cảnh cáo")
    assert r.result == "not-met" and outcome.verdict == "not-eligible"


@ALL
def test_member_figures_missing_are_unknown_and_named(day):
    outcome, r = check(_collective("tap-the-lao-dong-tien-tien", day, None, "good"), "70%")
    assert r.result == "unknown" and "members.total" in r.detail and outcome.verdict == "unknown"
    outcome, r = check(_collective("tap-the-lao-dong-tien-tien", day, Members(total=20, lao_dong_tien_tien=15), "good"),
                       "kỷ luật từ cảnh cáo")
    assert r.result == "unknown" and "members.disciplined" in r.detail


@ALL
@pytest.mark.parametrize("members, words, verdict", [
    (Members(20, 20, 15, 1, 0), None, "eligible"),
    (Members(20, 19, 15, 1, 0), "100%", "not-eligible"),
    (Members(20, 20, 15, 0, 0), "Chiến sĩ thi đua cơ sở", "not-eligible"),
    (Members(20, 20, 13, 1, 0), "70%", "not-eligible"),
    (Members(20, 20, 15, 1, 2), "kỷ luật từ cảnh cáo", "not-eligible"),
])
def test_tap_the_xuat_sac_member_figures(day, members, words, verdict):
    outcome = evaluate(_collective("tap-the-lao-dong-xuat-sac", day, members))
    assert outcome.verdict == verdict
    if words:
        assert rule(outcome, words).result == "not-met"


@ALL
def test_tap_the_xuat_sac_needs_excellent_completion(day):
    outcome = evaluate(_collective("tap-the-lao-dong-xuat-sac", day, Members(20, 20, 15, 1, 0), "good"))
    assert outcome.verdict == "not-eligible" and rule(outcome, "xuất sắc nhiệm vụ trong năm").result == "not-met"


# -- the legal basis -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, code, document", [
    (dt.date(2023, 12, 31), "NĐ 91/2017", "Luật Thi đua, Khen thưởng năm 2003"),
    (dt.date(2024, 1, 1), "NĐ 98/2023", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
    (dt.date(2025, 6, 30), "NĐ 98/2023", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
    (dt.date(2025, 7, 1), "NĐ 152/2025", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
])
def test_the_basis_names_the_regime_in_force_on_the_decision_date(day, code, document):
    outcome = evaluate(candidate("lao-dong-tien-tien", day=day, year=2023, ratings={2023: "good"}))
    assert outcome.regime.short_name == code
    basis = rule(outcome, "hoàn thành tốt").basis
    assert document in basis and f"chế độ {code}" in basis and "Điều 24" in basis


def test_the_spanning_rules_cite_the_decree_in_force():
    assert "Nghị định 98/2023/NĐ-CP, Điều 4" in check(candidate("lao-dong-tien-tien", day=R2), "điều tra")[1].basis
    r3 = check(candidate("lao-dong-tien-tien", day=R3), "điều tra")[1].basis
    assert "Nghị định 152/2025/NĐ-CP, Điều 4" in r3 and "chưa xác nhận" not in r3
    assert "có hiệu lực từ 01/01/2024 đến 30/06/2025" in check(candidate("lao-dong-tien-tien", day=R2), "tra")[1].basis


def test_an_article_the_sources_leave_unconfirmed_says_so():
    assert "(chưa xác nhận)" in check(candidate("lao-dong-tien-tien", day=R3), "hoàn thành tốt")[1].basis


def test_every_regime_of_the_seed_has_rules_for_every_title():
    from thidua.awards.eligibility import law

    assert {r.code for r in law.REGIMES} == set(REGIME_DAYS) == set(law.LAW)
    for table in law.LAW.values():
        assert {("lao-dong-tien-tien", "individual"), ("chien-si-thi-dua-co-so", "individual"),
                ("tap-the-lao-dong-tien-tien", "collective"), ("tap-the-lao-dong-xuat-sac", "collective")} <= set(table)
