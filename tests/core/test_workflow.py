"""The shape every workflow shares (thidua.core.workflow)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from thidua.core.workflow import SYSTEM, Edge, Workflow


class Light(models.TextChoices):
    RED = "red", "Đỏ"
    GREEN = "green", "Xanh"
    OFF = "off", "Tắt"


def _is_warden(user, obj):
    return user == "warden"


FLOW = Workflow(Light, [
    Edge(Light.RED, Light.GREEN, "Cho đi", by=_is_warden),
    Edge(Light.GREEN, Light.RED, by=SYSTEM),
    Edge(Light.RED, Light.OFF, "Tắt đèn"),
], refused="Không thể chuyển đèn từ “%(current)s” sang “%(target)s”.")


def test_open_and_final_states_follow_from_the_table():
    assert FLOW.final_states == {Light.OFF}
    assert FLOW.open_states == {Light.RED, Light.GREEN}


def test_an_edge_the_table_lacks_is_refused_with_both_states_named():
    with pytest.raises(ValidationError, match="Không thể chuyển đèn từ “Tắt” sang “Đỏ”."):
        FLOW.edge(Light.OFF, Light.RED)


def test_an_edge_is_refused_to_an_actor_whose_roles_it_does_not_name():
    with pytest.raises(ValidationError, match="Chỉ người gác"):
        FLOW.edge(Light.RED, Light.GREEN, actor="passer-by", refused="Chỉ người gác được bật đèn xanh.")
    assert FLOW.edge(Light.RED, Light.GREEN, actor="warden").label == "Cho đi"
    assert FLOW.edge(Light.GREEN, Light.RED).by is SYSTEM  # the system moves without an actor


def test_buttons_are_the_edges_the_user_may_take_and_never_the_systems():
    red, green = SimpleNamespace(status=Light.RED), SimpleNamespace(status=Light.GREEN)
    assert [e.target for e in FLOW.buttons(red, "warden")] == [Light.GREEN, Light.OFF]
    assert [e.target for e in FLOW.buttons(red, "passer-by")] == [Light.OFF]
    assert FLOW.buttons(green, "warden") == []


def test_a_table_naming_an_unknown_state_is_refused_when_it_is_built():
    with pytest.raises(ValueError):
        Workflow(Light, [Edge(Light.RED, "blue")], refused="")
