"""Building candidates for the eligibility tests: a clean record (registered, no inquiry) under a regime chosen by
its decision date."""

from __future__ import annotations

import datetime as dt

from thidua.awards.eligibility import Candidate, PastAward, evaluate

#: a decision date inside each regime (seed.REGIMES): R1 until 31/12/2023, R2 until 30/06/2025, R3 after
R1, R2, R3 = dt.date(2023, 11, 20), dt.date(2024, 11, 20), dt.date(2025, 11, 20)
REGIME_DAYS = {"nd-91-2017": R1, "nd-98-2023": R2, "nd-152-2025": R3}


def candidate(form: str, *, recipient: str = "individual", day: dt.date = R3, year: int | None = None,
              **fields) -> Candidate:
    fields.setdefault("registered", True)
    fields.setdefault("under_investigation", False)
    fields.setdefault("kind", "merit")
    return Candidate(id="t", form=form, recipient=recipient, year=year or day.year, decision_date=day, **fields)


def good_years(first: int, last: int, grade: str = "good") -> dict[int, str]:
    return dict.fromkeys(range(first, last + 1), grade)


def titles(form: str, *years: int, revoked: tuple = ()) -> list[PastAward]:
    return [PastAward(form, y, "merit", y in revoked) for y in years]


def rule(result, words: str):
    """The one rule whose name holds `words` (in any case)."""
    found = [r for r in result.rules if words.lower() in r.rule.lower()]
    assert len(found) == 1, [r.rule for r in result.rules]
    return found[0]


def check(c: Candidate, words: str):
    result = evaluate(c)
    return result, rule(result, words)
