"""The result is computed from the votes by the threshold of the form in the governing regime: NĐ 98/2023's
Chiến sĩ thi đua cơ sở needs 80% of ALL members (absent members' written votes count; recused members leave the
denominator); elsewhere a simple majority of those present."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards import council
from thidua.awards.enums import NominationStatus, VoteChoice, VoteMode
from thidua.awards.models import AgendaItem

from . import council_factories as f

pytestmark = pytest.mark.django_db

NĐ98_DAY = dt.date(2024, 12, 20)
NĐ152_DAY = dt.date(2026, 1, 25)


def vote_all(board, item, agree: int, *, absent=(), disagree_rest=True):
    """The first `agree` voters agree, the others disagree; absent members vote in writing (the secretary)."""
    item = AgendaItem.objects.get(pk=item.pk)
    recused = set(item.recusals.values_list("member__user_id", flat=True))
    voters = [u for u in board.members if u.pk not in recused]
    for i, user in enumerate(voters):
        choice = VoteChoice.AGREE if i < agree else (VoteChoice.DISAGREE if disagree_rest else VoteChoice.ABSTAIN)
        if user in absent:
            council.cast_vote(item, user, choice, actor=board.secretary, mode=VoteMode.WRITTEN)
        else:
            council.cast_vote(item, user, choice, actor=user)


def run(board, *, day, form, agree, absent=(), person=None, submitted_on=None):
    rnd = f.review_round(board.agency, year=day.year - 1 if day.month < 7 else day.year)
    nomination = f.accepted(rnd, person=person or board.world.people["canbo"], form=form,
                            submitted_on=submitted_on or day - dt.timedelta(days=20))
    session = f.session(board.agency, held_on=day, nominations=[nomination], actor=board.office)
    board.start(session, absent=absent)
    item = session.items.get()
    vote_all(board, item, agree, absent=absent)
    board.conclude(session)
    item.refresh_from_db()
    nomination.refresh_from_db()
    return item, nomination


def test_eight_of_ten_with_two_written_votes_passes_eighty_percent_of_all_members(board):
    absent = board.members[-3:-1]
    item, nomination = run(board, day=NĐ98_DAY, form="chien-si-thi-dua-co-so", agree=8, absent=absent)
    assert item.result == NominationStatus.AGREED_DECISION
    assert nomination.status == NominationStatus.AGREED_DECISION
    t = council.tally(item.ballots.get())
    assert (t.agree, t.disagree, t.members, t.present, t.written) == (8, 2, 10, 8, 2)


def test_seven_of_ten_fails_eighty_percent_of_all_members(board):
    absent = board.members[-3:-1]
    item, nomination = run(board, day=NĐ98_DAY, form="chien-si-thi-dua-co-so", agree=7, absent=absent)
    assert item.result == NominationStatus.NOT_AGREED
    assert nomination.status == NominationStatus.NOT_AGREED


def test_absent_members_who_did_not_vote_still_count_in_the_denominator_of_all(board):
    # 8 present all agree, the two absent send nothing: 8/10 = 80% passes; with 3 absent, 7/10 fails
    rnd = f.review_round(board.agency, year=2024)
    nomination = f.accepted(rnd, person=board.world.people["canbo"], form="chien-si-thi-dua-co-so")
    session = f.session(board.agency, held_on=NĐ98_DAY, nominations=[nomination], actor=board.office)
    board.start(session, absent=board.members[-4:-1])
    item = session.items.get()
    for user in board.members:
        if user not in board.members[-4:-1]:
            council.cast_vote(item, user, VoteChoice.AGREE, actor=user)
    board.conclude(session)
    item.refresh_from_db()
    assert item.result == NominationStatus.NOT_AGREED  # 7 of 10


def test_a_recused_member_leaves_the_denominator(board, world):
    # canbo's unit colleague sits on the Council: 9 members count, 8 agree = 88.9% ≥ 80%
    colleague = f.member(board.agency, world.transport)
    board.members.append(colleague)  # 11 members, 1 recused: 10 count
    item, nomination = run(board, day=NĐ98_DAY, form="chien-si-thi-dua-co-so", agree=8)
    t = council.tally(item.ballots.get())
    assert (t.members, t.recused, t.agree) == (10, 1, 8)
    assert item.result == NominationStatus.AGREED_DECISION
    assert "Cùng đơn vị" in item.recusals.get().reason


def test_a_simple_majority_of_those_present_where_no_ballot_is_required(board):
    # Giấy khen under NĐ 98: more than half of those present; 5 of 10 present is not more than half
    item, _n = run(board, day=NĐ98_DAY, form="giay-khen-giam-doc-so", agree=5)
    assert item.result == NominationStatus.NOT_AGREED


def test_written_votes_of_absent_members_do_not_count_among_those_present(board):
    # 8 present; the two absent members' written votes are the first two agreeing ones: 4 agree, 2 of them
    # written -> 2 of the 8 present agree
    absent = board.members[:2]
    item, _n = run(board, day=NĐ98_DAY, form="giay-khen-giam-doc-so", agree=6, absent=absent)
    t = council.tally(item.ballots.get())
    assert (t.agree, t.agree_present, t.present, t.written) == (6, 4, 8, 2)
    assert item.result == NominationStatus.NOT_AGREED  # 4/8 is not more than half


def test_five_of_eight_present_is_a_majority(board):
    absent = board.members[-3:-1]
    item, _n = run(board, day=NĐ98_DAY, form="giay-khen-giam-doc-so", agree=5, absent=absent)
    assert item.result == NominationStatus.AGREED_DECISION


def test_a_form_beyond_the_directors_authority_goes_to_the_province(board):
    item, nomination = run(board, day=NĐ98_DAY, form="bang-khen-chu-tich-ubnd-tinh", agree=6)
    assert item.result == NominationStatus.AGREED_PROVINCE


def test_under_nd_91_cstd_co_so_needs_only_a_majority_of_those_present(board):
    item, _n = run(board, day=dt.date(2023, 12, 20), form="chien-si-thi-dua-co-so", agree=6)
    assert item.result == NominationStatus.AGREED_DECISION  # 6/10 > 50%; under NĐ 98 it would fail


def test_under_nd_152_cstd_co_so_needs_eighty_percent_of_all(board):
    item, _n = run(board, day=NĐ152_DAY, form="chien-si-thi-dua-co-so", agree=7,
                   submitted_on=dt.date(2026, 1, 5))
    assert item.result == NominationStatus.NOT_AGREED
    item, _n = run(board, day=NĐ152_DAY, form="chien-si-thi-dua-co-so", agree=8,
                   submitted_on=dt.date(2026, 1, 5))
    assert item.result == NominationStatus.AGREED_DECISION


def test_a_dossier_submitted_before_nd_152_keeps_nd_98s_procedure(board):
    rnd = f.review_round(board.agency, year=2025)
    nomination = f.accepted(rnd, person=board.world.people["canbo"], form="chien-si-thi-dua-co-so",
                            submitted_on=dt.date(2025, 6, 20))
    session = f.session(board.agency, held_on=dt.date(2025, 7, 15), nominations=[nomination], actor=board.office)
    law = council.law_for(session.items.get())
    assert law.regime.code == "nd-98-2023"
    assert "20/06/2025" in law.reason
    assert law.of_all and law.percent == 80 and not law.strict
    board.start(session)
    session.refresh_from_db()
    assert session.regime.code == "nd-152-2025"  # the regime on the session's date


def test_the_threshold_arithmetic_on_the_tally_itself():
    law98 = council.ItemLaw(regime=None, reason="", rule=None)
    t = council.Tally(number=1, agree=5, disagree=5, abstain=0, voters=10, members=10, present=10, recused=0,
                      written=0, agree_present=5)
    assert not t.passes(law98)  # 50% is not more than half
    t.agree_present = 6
    assert t.passes(law98)
