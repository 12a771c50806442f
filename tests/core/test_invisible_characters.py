"""Zero-width, soft-hyphen and bidirectional control characters are removed by the one text helper, so they
can neither record one household twice nor hide a person from search."""

import pytest
from django.core.exceptions import ValidationError

from thidua.core.importflow import CheckResult
from thidua.core.text import fold, nfc, search_key
from thidua.org import search
from thidua.org.models import Person
from thidua.participation import importing as hh_importing
from thidua.participation.models import Household

from ..participation.helpers import household

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b",
              "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u034f", "\x00"]


@pytest.mark.parametrize("char", INVISIBLES)
def test_the_text_helpers_drop_invisible_characters(char):
    name = f"Nông{char} Văn Pá{char}o"
    assert nfc(name) == "Nông Văn Páo"
    assert fold(name) == "nong van pao"
    assert search_key(name) == " nong van pao "


def test_a_name_of_invisible_characters_only_is_empty():
    assert nfc("\u200b\u00ad\u202e") == ""


def test_one_household_cannot_be_recorded_twice_with_a_zero_width_space(world):
    first = household(world, name="Nông Văn Páo")
    with pytest.raises(ValidationError) as exc:
        household(world, name="Nông\u200b Văn Páo")
    assert "Đã có hộ Nông Văn Páo" in str(exc.value)
    assert list(Household.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_soft_hyphen_does_not_hide_a_person_from_search(world):
    person = world.people["canbo"]
    person.full_name = "Nguy\u00adễn Văn\u200b Bảo\u202e"
    person.save()
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn Bảo"
    found = set(search.filter_by_name(Person.objects.all(), "nguyen van bao").values_list("pk", flat=True))
    assert person.pk in found


def test_an_imported_household_with_hidden_characters_is_a_duplicate_of_the_recorded_one(world):
    household(world, name="Nông Văn Páo")
    rows = [[c.label for c in hh_importing.COLUMNS]]
    example = [c.example for c in hh_importing.COLUMNS]
    heads = [c.key for c in hh_importing.COLUMNS].index("head_name")
    example[heads] = "Nông Văn\u2066 Páo\u2069"
    rows.append(example)
    result = hh_importing.check_file("ho.csv", _csv(rows), world.agency)
    assert isinstance(result, CheckResult) and not result.ok
    assert any("Trùng với hộ Nông Văn Páo" in e["message"] for e in result.errors), result.errors


def _csv(rows) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None else (f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else v)
                                for v in row] for row in rows])
    return out.getvalue().encode("utf-8")


def test_noncharacters_xml_cannot_hold_are_dropped():
    from thidua.core.text import nfc

    assert nfc("Bad\uffffchar\ufffe") == "Badchar"
