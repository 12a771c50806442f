import pytest

from thidua.movements import services
from thidua.movements.enums import ItemKind, MovementKind
from thidua.movements.models import PlanItem

from ..factories import SIGNED_PLAN


@pytest.fixture
def movement(world):
    m = services.create_movement(
        **SIGNED_PLAN, actor=world.users["vanphong"], agency=world.agency, code="vi-nguoi-ngheo-2021-2025",
        name="Phong trào thi đua “Vì người nghèo”", kind=MovementKind.THEMATIC, start_year=2021, end_year=2025,
    )
    PlanItem.objects.create(movement=m, kind=ItemKind.CONTENT, label="a", text="Tuyên truyền, vận động")
    return m
