"""The whole demo as `thidua demo` loads it (households included): every past round of plan 2679 gets its
published decision; a nomination the regime of the decision's date gives no bonus figure for (a household under
the older regimes, whose multiple is not set) is left waiting, not the whole decision."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_every_past_round_of_plan_2679_has_a_published_decision(django_capture_on_commit_callbacks):
    from thidua.awards import decisions
    from thidua.awards.bonus import bonus_for
    from thidua.awards.demo import PAST_ROUNDS
    from thidua.awards.demo.rounds import ROUNDS
    from thidua.awards.enums import DecisionStatus, RecipientKind
    from thidua.awards.models import Decision, ReviewRound
    from thidua.movements.demo import CODE
    from thidua.site.demo import load_all

    with django_capture_on_commit_callbacks(execute=True):
        load_all(out=lambda *a: None)
    published = 0
    for key in PAST_ROUNDS:
        kind, year = ROUNDS[key][0], ROUNDS[key][1]
        review_round = ReviewRound.objects.get(movement__code=CODE, kind=kind, year=year)
        decision = Decision.objects.filter(review_round=review_round, status=DecisionStatus.PUBLISHED).first()
        assert decision is not None, key
        published += 1
        for waiting in decisions.eligible_nominations(review_round):  # what is left: no figure for it that day
            assert waiting.recipient == RecipientKind.HOUSEHOLD, (key, waiting)
            with pytest.raises(Exception, match="chưa có mức tiền thưởng"):
                bonus_for(waiting.form, waiting.recipient, decision.issued_on)
    assert published == len(PAST_ROUNDS)
