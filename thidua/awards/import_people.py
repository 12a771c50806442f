"""People named in an imported file (ratings, past awards): the agency's people indexed by accent-folded name and
birth date (org.models.identity_key), and one person found for a row — or the row's error in Vietnamese."""

from __future__ import annotations

from thidua.org.models import OrgUnit, Person, identity_key


def agency_people(agency: OrgUnit) -> dict[tuple, list[dict]]:
    """{identity key: [{id, name, path, unit_id, position}, …]} for every person of the agency, in one query."""
    people: dict[tuple, list[dict]] = {}
    for pid, name, name_key, birth, unit_id, unit_path, position in (
            Person.objects.filter(unit__in=OrgUnit.objects.of_agencies([agency.pk]))
            .values_list("id", "full_name", "name_key", "birth_date", "unit_id", "unit__path", "position")):
        people.setdefault(identity_key(name_key, birth), []).append(
            {"id": pid, "name": name, "path": unit_path, "unit_id": unit_id, "position": position})
    return people


def match_person(people: dict, name: str, birth, unit: OrgUnit | None, agency: OrgUnit) -> tuple[dict | None, str]:
    """The one person of `people` with that name and birth date (a namesake told apart by the row's unit), or
    (None, the error for the row's full-name column)."""
    found = people.get(identity_key(name, birth), [])
    if unit is not None and len(found) > 1:
        found = [p for p in found if p["path"].startswith(unit.path)]
    if not found:
        return None, f"Không tìm thấy cán bộ {name}, sinh {birth:%d/%m/%Y} trong {agency.name}."
    if len(found) > 1:
        return None, f"Có {len(found)} cán bộ {name}, sinh {birth:%d/%m/%Y}: ghi đơn vị để phân biệt."
    return found[0], ""
