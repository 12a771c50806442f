"""Eligibility with its legal trace (issue 11 §1, §3): does this candidate meet the standard for this form?

Rule by rule, each answering met / not-met / unknown (the data is missing, and the detail says which field) /
judge (only the Council can weigh it), with its legal basis (article, clause, document of the regime in force on
the decision's date; "chưa xác nhận" where the sources leave it unconfirmed) and the facts it used, in Vietnamese.

- `candidate`: the input, a plain dataclass (`Candidate` and its parts) — built from a `thidua eligibility` file by
  `jsonfile.read`, and designed so that a later function can build it from the database (the award history with
  its kinds and revocations, the ratings, discipline, inquiries, initiatives, registrations).
- `law`: the rules as data, keyed by regime code (validity dates from `awards.seed.REGIMES`): per form and
  recipient kind, the blocking rules (registration for titles; no discipline from the achievement's year to the
  decision; no investigation or unresolved complaint; one achievement, one award) and the routes — the
  alternative sets of criteria, each for the kinds of proposal it fits (công trạng: the merit chains; chuyên đề;
  đột xuất). Figures and citations live there, never in the functions.
- `checks`: the small pure functions, one per criterion. Thematic and sudden awards are no link in a merit chain
  where the regime says so (`thematic_counts_for_merit` of seed.REGIMES: R2, R3); a revoked award counts for
  nothing.
- `engine.evaluate(candidate) -> Result(verdict, rules)`, issue 11 §3 word for word: eligible when no blocking rule
  is unmet and one route fitting the proposed kind that the data can decide is fully met (with the rules every
  route shares); not-eligible when a blocking rule is unmet or every such route is unmet; unknown otherwise. A
  judged rule never decides; a blocking rule left unknown shows as unknown without stopping "eligible".
- `forms`: the reward-form catalogue as code data (`movements.catalog.DEFAULT_FORMS`, which also seeds the
  database) — nothing here queries the database.
- `jsonfile`, `report`: the command's file format, --json output and readable report.

Not here yet (issue 11 §2, §4–§6): where the rules show in the nomination pages, public comment, revocation,
processing deadlines."""

from .candidate import Candidate, DisciplinePeriod, InitiativeRecord, Members, PastAward
from .engine import ELIGIBLE, NOT_ELIGIBLE, NoRules, Result, RuleResult, evaluate

__all__ = ["Candidate", "DisciplinePeriod", "InitiativeRecord", "Members", "PastAward", "Result", "RuleResult",
           "evaluate", "NoRules", "ELIGIBLE", "NOT_ELIGIBLE"]
