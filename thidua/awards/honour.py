"""The public honour roll (bảng vàng khen thưởng, issue 10 §7): per movement and year, the collectives,
individuals and households awarded by published decisions (and by recorded higher decisions) that still stand.

Read by anyone. Built on `scoping.public_awards()` only, and on `values()` rows of the few fields that may be
shown — the name, the position and unit at the time, the commune of a household, the form, the decision — so that
no person or household object (with its birth date, phone, e-mail, address) ever reaches a template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.movements.models import Movement
from thidua.movements.scoping import public_movements

from .enums import RecipientKind
from .models import Award, HonourRollCount
from .scoping import public_awards

#: the roll's sections, in the order they are printed
SECTIONS = [
    (RecipientKind.COLLECTIVE, "tap-the", _("Tập thể")),
    (RecipientKind.INDIVIDUAL, "ca-nhan", _("Cá nhân")),
    (RecipientKind.HOUSEHOLD, "ho-gia-dinh", _("Hộ gia đình")),
]
SLUGS = {slug: kind for kind, slug, _label in SECTIONS}
#: the only fields a row of the roll carries
ROW_FIELDS = ("recipient", "name", "position", "unit_name", "household__commune_name", "form__name", "level",
              "decision_number", "decision_date", "decision_id", "decision__published_pdf", "authority",
              "higher_decision__authority", "decision__review_round__name", "higher_decision__proposal__review_round__name")


def _public() -> Q:
    """Awards of public movements only (a draft movement has no public page)."""
    return Q(movement__in=public_movements())


def name_q(query: str | None) -> Q | None:
    """Awards whose name, form, decision number or unit has a word starting with the query, accent-insensitively
    (the award's `search_key` is the folded text, `core.text.fold`)."""
    folded = fold(query)
    if not folded:
        return None
    return Q(search_key__startswith=folded) | Q(search_key__contains=f" {folded}")


@dataclass
class RollEntry:
    """One movement's year on the index: how many awards of each section."""

    movement_id: int
    movement_name: str
    agency_id: int
    agency_name: str
    year: int
    counts: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def section_counts(self) -> list[tuple[str, int]]:
        """The sections that have awards: (label, count)."""
        return [(label, self.counts[kind]) for kind, _slug, label in SECTIONS if self.counts.get(kind)]

    def counts_text(self) -> str:
        """"Tập thể: 1; Cá nhân: 2" (written here rather than by a loop of the index's template, which lists every
        roll of the province)."""
        return "; ".join(f"{label}: {n}" for label, n in self.section_counts())

    def url(self) -> str:
        return reverse("awards:honour_roll", args=[self.movement_id, self.year])


# -- the kept counts (HonourRollCount) ------------------------------------------------------------------------------

@transaction.atomic
def refresh_roll(movement_id: int, year: int) -> None:
    """Recompute the index's counts of a movement's year from the awards that stand (`scoping.public_awards`): the
    one writer of `HonourRollCount`. Called, in the same transaction, by whatever changes the roll — a decision
    published (or no longer), a higher decision recorded, an import, a revocation, the synthetic data. The movement's
    row is locked first, so that two refreshes of one roll run one after the other."""
    Movement.objects.select_for_update().filter(pk=movement_id).values_list("pk", flat=True).first()
    HonourRollCount.objects.filter(movement_id=movement_id, year=year).delete()
    counts = (public_awards().filter(movement_id=movement_id, year=year).order_by().values("recipient")
              .annotate(n=Count("id")).values_list("recipient", "n"))
    HonourRollCount.objects.bulk_create([HonourRollCount(movement_id=movement_id, year=year, recipient=recipient,
                                                         count=n) for recipient, n in counts if n])


def rolls_of(awards: QuerySet[Award]) -> list[tuple[int, int]]:
    """The (movement, year) rolls that `awards` belong to."""
    return sorted(awards.filter(movement__isnull=False).order_by().values_list("movement_id", "year").distinct())


def refresh_rolls(rolls: Iterable[tuple[int, int]]) -> None:
    """`refresh_roll` for each (movement, year), e.g. `rolls_of(decision.awards.all())`."""
    for movement_id, year in sorted(set(rolls)):
        refresh_roll(movement_id, year)


def index_entries() -> list[RollEntry]:
    """Every (public movement, year) with published awards, newest year first: one query on the kept counts."""
    rows = (HonourRollCount.objects.filter(_public()).order_by()
            .values_list("movement_id", "movement__name", "movement__agency_id", "movement__agency__name", "year",
                         "recipient", "count"))
    entries: dict[tuple[int, int], RollEntry] = {}
    for movement_id, name, agency_id, agency_name, year, recipient, n in rows:
        entry = entries.get((movement_id, year))
        if entry is None:
            entry = entries[(movement_id, year)] = RollEntry(movement_id, name, agency_id, agency_name, year)
        entry.counts[recipient] = n
    return sorted(entries.values(), key=lambda e: (-e.year, e.agency_name, e.movement_name, e.movement_id))


def roll_movement(movement_id: int, year: int) -> Movement | None:
    """The public movement whose roll of `year` may be shown: the year lies in its period (or in the year after,
    when its tổng kết decisions come), or has published awards. None otherwise (the page answers 404)."""
    movement = public_movements().select_related("agency").filter(pk=movement_id).first()
    if movement is None:
        return None
    if movement.start_year <= year <= movement.end_year + 1:
        return movement
    return movement if HonourRollCount.objects.filter(movement=movement, year=year).exists() else None


def roll_awards(movement: Movement, year: int, query: str | None = None):
    qs = public_awards().filter(movement=movement, year=year)
    q = name_q(query)
    return qs.filter(q) if q is not None else qs


def section_counts(movement: Movement, year: int, query: str | None = None) -> dict[str, int]:
    """How many awards of each kind the roll shows: the kept counts, or with a query those that match."""
    if not fold(query):
        return dict(HonourRollCount.objects.filter(movement=movement, year=year).values_list("recipient", "count"))
    rows = roll_awards(movement, year, query).order_by().values("recipient").annotate(n=Count("id"))
    return {row["recipient"]: row["n"] for row in rows}


def _pdf_url(decision_id: int) -> str:
    """The published PDF of an agency's decision (the decisions' page: guarded while it is merged in)."""
    try:
        return reverse("awards:decision_published_pdf", args=[decision_id])
    except NoReverseMatch:
        return ""


def section_rows(movement: Movement, year: int, recipient: str, *, offset: int, limit: int,
                 query: str | None = None) -> list[dict]:
    """One page of a section, by form (the catalogue's order) then name: plain dicts of the shown fields."""
    qs = (roll_awards(movement, year, query).filter(recipient=recipient)
          .order_by("form__sort_order", "form__name", "search_key", "id").values(*ROW_FIELDS))
    rows = []
    label = gettext("Số %(number)s ngày %(on)s")
    for row in qs[offset:offset + limit]:
        row["decision"] = label % {"number": row["decision_number"], "on": row["decision_date"].strftime("%d/%m/%Y")}
        published = bool(row.pop("decision__published_pdf")) and row["decision_id"] is not None
        row["pdf_url"] = _pdf_url(row["decision_id"]) if published else ""
        row["commune"] = row.pop("household__commune_name") or ""
        row["authority"] = row["authority"] or row.pop("higher_decision__authority") or ""
        row.pop("higher_decision__authority", None)
        # what the award is for (the yearly round, the sơ kết / tổng kết): two awards of a person in one year differ
        own, higher = row.pop("decision__review_round__name"), row.pop("higher_decision__proposal__review_round__name")
        row["round"] = own or higher or ""
        row.pop("decision_id")
        rows.append(row)
    return rows


def years_of(movement: Movement) -> list[int]:
    """The years of the movement that have a roll (for the year links of its page)."""
    return sorted(set(HonourRollCount.objects.filter(movement=movement).values_list("year", flat=True)), reverse=True)
