"""The reward-form catalogue as code data (`movements.catalog.DEFAULT_FORMS`, the same list that seeds the
database): the eligibility rules find a form by code or name without a query."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.core.text import fold
from thidua.movements.catalog import DEFAULT_FORMS, AmbiguousForm, pick_form

from ..enums import RecipientKind


@dataclass(frozen=True)
class CatalogForm:
    code: str
    name: str
    is_title: bool
    recipients: frozenset[str]

    @property
    def name_key(self) -> str:
        return fold(self.name)


CATALOG = [
    CatalogForm(code, name, is_title, frozenset(kind for kind, on in (
        (RecipientKind.INDIVIDUAL, indiv), (RecipientKind.COLLECTIVE, coll), (RecipientKind.HOUSEHOLD, house)) if on))
    for code, name, is_title, _authority, coll, indiv, house in DEFAULT_FORMS
]
BY_CODE = {form.code: form for form in CATALOG}


def find(text: str) -> CatalogForm | None:
    """The catalogue form `text` names (code, or name accent-insensitively); None when none does. AmbiguousForm
    (from the catalogue) when the words name several."""
    return pick_form(text, CATALOG)


__all__ = ["CATALOG", "BY_CODE", "CatalogForm", "find", "AmbiguousForm"]
