"""What the ratings and records tests share: a movement that gives the agency its years, the grid's form data."""

from __future__ import annotations

from thidua.movements import services as movement_services

from ..factories import SIGNED_PLAN


def movement_years(world, agency=None, start=2022, end=2025, code="mau-xep-loai"):
    """A movement of the agency over start..end: the ratings' years."""
    return movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency or world.agency, code=code,
                                             name=f"Phong trào {code}", start_year=start, end_year=end)


def grid_post(response, **changes) -> dict:
    """The grid's form as the page shows it (hidden seen values, selected grades, ticked confirmations), with
    `changes` applied: {"g-p12": "good", "c-p12": "1"}; a value None removes the field (an unticked box)."""
    grid = response.context["grid"]
    data = {"unit": response.context["unit"].pk, "year": response.context["year"]}
    for row in grid.rows:
        data[f"s-{row.key}"] = row.seen
        data[f"g-{row.key}"] = row.grade
        if response.context["office"] and row.confirmed:
            data[f"c-{row.key}"] = "1"
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
