"""What the rules read about one candidate: a plain dataclass, built from a `thidua eligibility` file
(`jsonfile.read`) or, later, from the database (award history, ratings, discipline, inquiries, initiatives,
registrations). Values are the project's enum values (`Grade`, `AwardKind`, `RecipientKind`, `DisciplineForm`,
`RecognitionLevel`), forms are catalogue codes.

None means "not known" (a rule that needs it answers unknown and names it); an empty list is a known "none"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PastAward:
    form: str  # catalogue code
    year: int
    kind: str = "merit"  # AwardKind; titles are always merit
    revoked: bool = False


@dataclass(frozen=True)
class InitiativeRecord:
    """A recognised initiative or accepted research topic, with its level of recognition."""

    year: int
    level: str  # RecognitionLevel


@dataclass(frozen=True)
class DisciplinePeriod:
    level: str  # DisciplineForm
    start: dt.date
    end: dt.date | None = None  # None: still running

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True)
class Members:
    """A collective's members in the year: how many, how many completed their tasks, reached Lao động tiên tiến,
    Chiến sĩ thi đua cơ sở, and were disciplined at "cảnh cáo" or above. None: not given."""

    total: int | None = None
    completed: int | None = None
    lao_dong_tien_tien: int | None = None
    chien_si_thi_dua_co_so: int | None = None
    disciplined: int | None = None


@dataclass
class Candidate:
    id: str
    form: str  # catalogue code of the proposed form or title
    recipient: str  # RecipientKind
    year: int  # the year the achievement is for
    decision_date: dt.date  # picks the regime
    kind: str | None = None  # AwardKind of the proposal (forms; titles ignore it)
    registered: bool | None = None  # registered for the movement and year (titles)
    ratings: dict[int, str] = field(default_factory=dict)  # year → Grade; a year absent is unknown
    awards: list[PastAward] = field(default_factory=list)
    initiatives: list[InitiativeRecord] = field(default_factory=list)
    discipline: list[DisciplinePeriod] = field(default_factory=list)
    #: under investigation, inspection or examination, or with an unresolved complaint or denunciation (an open
    #: inquiry of either kind, `InquiryKind`)
    under_investigation: bool | None = None
    members: Members | None = None  # collectives only
