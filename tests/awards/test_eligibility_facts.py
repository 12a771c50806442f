"""The eligibility Candidate built from the database (`eligibility.facts`): what each field reads, and the verdict
the rules then give for real cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.awards.eligibility import ELIGIBLE, NOT_ELIGIBLE, Members, PastAward, evaluate
from thidua.awards.eligibility.facts import candidate_for, candidates_for
from thidua.awards.models import Discipline, Inquiry, Rating

from ..factories import make_review_round
from .eligibility_helpers import rule
from .factories import make_nomination, register
from .history_helpers import award

pytestmark = pytest.mark.django_db
CONFIRMED = timezone.make_aware(dt.datetime(2026, 1, 15, 9, 0))


def rate(grades: dict[int, str], *, person=None, unit=None, confirmed=True) -> None:
    for year, grade in grades.items():
        Rating.objects.create(person=person, unit=unit, year=year, grade=grade,
                              confirmed_at=CONFIRMED if confirmed else None)


def five_good_years(person, last: int = 2025) -> None:
    rate({year: "excellent" if year % 2 else "good" for year in range(last - 4, last + 1)}, person=person)


@pytest.fixture
def round_2025(world):
    return make_review_round(world.agency, year=2025, forms=("bang-khen-thu-tuong", "lao-dong-tien-tien"))


@pytest.fixture
def prime_minister(world, round_2025):
    """Nguyễn Văn An proposed for the Prime Minister's Bằng khen: a provincial Bằng khen 2020, Chiến sĩ thi đua cơ
    sở 2021, 2023, 2024, five good years."""
    canbo = world.people["canbo"]
    award(person=canbo, form="bang-khen-chu-tich-ubnd-tinh", year=2020)
    for year in (2021, 2023, 2024):
        award(person=canbo, form="chien-si-thi-dua-co-so", year=year)
    five_good_years(canbo)
    return make_nomination(round_2025, person=canbo, form_code="bang-khen-thu-tuong")


def test_a_person_s_candidate_reads_the_round_the_history_and_the_confirmed_ratings(prime_minister):
    c = candidate_for(prime_minister)

    assert (c.id, c.form, c.recipient, c.year, c.kind) == (str(prime_minister.pk), "bang-khen-thu-tuong",
                                                           "individual", 2025, "merit")
    assert c.decision_date == dt.date(2025, 12, 28)  # the round's planned Council day
    assert c.ratings == {2021: "excellent", 2022: "good", 2023: "excellent", 2024: "good", 2025: "excellent"}
    assert c.awards == [PastAward("bang-khen-chu-tich-ubnd-tinh", 2020), PastAward("chien-si-thi-dua-co-so", 2021),
                        PastAward("chien-si-thi-dua-co-so", 2023), PastAward("chien-si-thi-dua-co-so", 2024)]
    assert (c.discipline, c.initiatives, c.under_investigation, c.members) == ([], [], False, None)
    assert c.registered is None  # no registration recorded for the movement and year


def test_three_base_titles_in_five_years_make_the_chain(prime_minister):
    result = evaluate(candidate_for(prime_minister))

    assert result.verdict == ELIGIBLE
    chain = rule(result, "3 lần Chiến sĩ thi đua cơ sở")
    assert chain.result == "met"
    assert "Chiến sĩ thi đua cơ sở 2021, 2023, 2024: 3 lần, cần 3" in chain.detail


def test_one_revoked_title_breaks_the_chain(prime_minister, world):
    world.people["canbo"].awards.filter(year=2023).update(revoked_on=dt.date(2025, 6, 1),
                                                          revoked_reason="Khai man thành tích")

    c = candidate_for(prime_minister)
    result = evaluate(c)

    assert PastAward("chien-si-thi-dua-co-so", 2023, "merit", True) in c.awards
    assert result.verdict == NOT_ELIGIBLE
    chain = rule(result, "3 lần Chiến sĩ thi đua cơ sở")
    assert chain.result == "not-met" and "không tính 2023: đã bị thu hồi" in chain.detail


def test_the_award_made_for_the_nomination_itself_is_no_past_award(prime_minister, world):
    award(person=world.people["canbo"], form="bang-khen-thu-tuong", year=2025, nomination=prime_minister)

    assert all(a.form != "bang-khen-thu-tuong" for a in candidate_for(prime_minister).awards)


def test_an_open_inquiry_on_the_decision_day_blocks(prime_minister, world):
    Inquiry.objects.create(person=world.people["canbo"], kind="complaint", start_date=dt.date(2025, 10, 1))
    Inquiry.objects.create(person=world.people["canbo"], kind="investigation", start_date=dt.date(2023, 1, 1),
                           end_date=dt.date(2023, 6, 1))

    c = candidate_for(prime_minister)

    assert c.under_investigation is True
    assert evaluate(c).verdict == NOT_ELIGIBLE


def test_a_discipline_overlapping_the_year_blocks_a_title(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    rate({2025: "good"}, person=canbo)
    Discipline.objects.create(person=canbo, form="reprimand", decision_number="12/QĐ-SGTVT",
                              decision_date=dt.date(2024, 9, 1), start_date=dt.date(2024, 9, 1),
                              end_date=dt.date(2025, 2, 28))
    nomination = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien")

    c = candidate_for(nomination)
    result = evaluate(c)

    assert c.registered is True and c.kind == "merit"
    assert [(p.level, p.start, p.end) for p in c.discipline] == [("reprimand", dt.date(2024, 9, 1),
                                                                  dt.date(2025, 2, 28))]
    assert result.verdict == NOT_ELIGIBLE
    assert rule(result, "kỷ luật").result == "not-met"


def test_an_unconfirmed_rating_is_unknown(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    rate({2025: "excellent"}, person=canbo, confirmed=False)
    nomination = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien")

    c = candidate_for(nomination)
    result = evaluate(c)

    assert c.ratings == {}
    assert result.verdict == "unknown"
    assert rule(result, "tốt nhiệm vụ").result == "unknown"


def test_registration_of_the_unit_without_the_person_is_not_registered(world, round_2025):
    canbo, canbo2 = world.people["canbo"], world.people["canbo2"]
    register(canbo2, round_2025.movement, 2025)  # the unit's registration, approved, without Nguyễn Văn An
    nomination = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien")

    assert candidate_for(nomination).registered is False


def test_a_registration_not_yet_approved_tells_nothing(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025, status="submitted")
    nomination = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien")

    assert candidate_for(nomination).registered is None


def test_a_decision_s_date_picks_the_regime_day(world, prime_minister):
    from thidua.awards.models import Decision, DecisionLine

    decision = Decision.objects.create(agency=world.agency, review_round=prime_minister.review_round, year=2026,
                                       number=7, issued_on=dt.date(2026, 1, 10))
    DecisionLine.objects.create(decision=decision, nomination=prime_minister, form=prime_minister.form,
                                recipient="individual", person=prime_minister.person, name="Nguyễn Văn An")

    assert candidate_for(prime_minister).decision_date == dt.date(2026, 1, 10)


# -- a collective ----------------------------------------------------------------------------------------------------

@pytest.fixture
def transport_2024(world):
    """Phòng Quản lý vận tải (with its Tổ sát hạch) in 2024: four people, each rated and confirmed; three
    Lao động tiên tiến, one Chiến sĩ thi đua cơ sở; the unit excellent."""
    people = [world.people[k] for k in ("truongphong", "canbo", "canbo2", "team")]
    for person in people:
        rate({2024: "good"}, person=person)
    for person in people[:3]:
        award(person=person, form="lao-dong-tien-tien", year=2024)
    award(person=people[0], form="chien-si-thi-dua-co-so", year=2024)
    rate({2024: "excellent"}, unit=world.transport)
    rnd = make_review_round(world.agency, year=2024, forms=("tap-the-lao-dong-xuat-sac",))
    register(people[0], rnd.movement, 2024)
    return make_nomination(rnd, unit=world.transport, form_code="tap-the-lao-dong-xuat-sac")


def test_a_collective_s_members_are_counted_from_its_staff_in_the_year(transport_2024, world):
    Discipline.objects.create(person=world.people["team"], form="warning", decision_number="3/QĐ-SGTVT",
                              decision_date=dt.date(2024, 3, 1), start_date=dt.date(2024, 3, 1),
                              end_date=dt.date(2025, 3, 1))

    c = candidate_for(transport_2024)

    assert (c.recipient, c.ratings, c.registered, c.discipline) == ("collective", {2024: "excellent"}, True, [])
    assert c.members == Members(total=4, completed=4, lao_dong_tien_tien=3, chien_si_thi_dua_co_so=1,
                                disciplined=1)
    result = evaluate(c)
    assert result.verdict == NOT_ELIGIBLE  # 3/4 LĐTT is over 70%, but a member was warned
    assert rule(result, "bị kỷ luật từ cảnh cáo").result == "not-met"
    assert rule(result, "70%").result == "met"


def test_a_member_without_a_confirmed_rating_leaves_completed_unknown(transport_2024, world):
    Rating.objects.filter(person=world.people["team"]).update(confirmed_at=None)

    assert candidate_for(transport_2024).members.completed is None


def test_an_undecided_title_nomination_of_a_member_leaves_the_count_unknown(transport_2024, world):
    make_nomination(transport_2024.review_round, person=world.people["team"], form_code="lao-dong-tien-tien")

    members = candidate_for(transport_2024).members
    assert members.lao_dong_tien_tien is None and members.chien_si_thi_dua_co_so == 1


def test_a_member_who_left_before_the_year_is_not_counted(transport_2024, world):
    from thidua.org import services

    services.move_person(world.people["canbo2"], world.planning, actor=None, on=dt.date(2023, 6, 1))

    members = candidate_for(transport_2024).members
    assert members.total == 3 and members.lao_dong_tien_tien == 2


# -- many at once ----------------------------------------------------------------------------------------------------

#: the nominations; their decision days (agenda, decision lines); registrations (entries, units'); the members'
#: units, assignments and unrecorded people; ratings; awards; members' title nominations; initiatives; discipline;
#: inquiries
QUERIES = 15


def test_one_nomination_reads_no_more_than_a_list(transport_2024):
    with CaptureQueriesContext(connection) as queries:
        candidate_for(transport_2024)
    assert len(queries) <= QUERIES


def test_candidates_for_a_list_reads_a_fixed_number_of_queries(world, round_2025, transport_2024,
                                                               django_assert_max_num_queries, make_people):
    people = make_people(world.transport, 7)
    for person in people:
        five_good_years(person)
        award(person=person, form="chien-si-thi-dua-co-so", year=2023)
    nominations = [make_nomination(round_2025, person=p, form_code="bang-khen-thu-tuong") for p in people]
    nominations += [make_nomination(round_2025, unit=world.planning, form_code="tap-the-lao-dong-tien-tien"),
                    make_nomination(round_2025, person=world.people["planning"], form_code="lao-dong-tien-tien"),
                    transport_2024]

    with django_assert_max_num_queries(QUERIES):
        result = candidates_for(nominations)

    assert len(result) == 10
    assert result[transport_2024.pk].members.total == 4  # the seven entered today were not there in 2024
    assert result[nominations[0].pk].awards == [PastAward("chien-si-thi-dua-co-so", 2023)]


def test_an_approved_entry_counts_though_a_later_unit_s_registration_waits(world, round_2025):
    from thidua.org import services

    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    services.move_person(canbo, world.planning, actor=None, on=dt.date(2025, 6, 1))
    canbo.refresh_from_db()
    register(canbo, round_2025.movement, 2025, status="submitted")
    nomination = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien")

    assert candidate_for(nomination).registered is True
