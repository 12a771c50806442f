from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.movements import services
from thidua.movements.models import Milestone, PlanItem

from ..factories import SIGNED_PLAN


def count(client, url):
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_movement_list_uses_the_same_queries_for_one_and_many_movements(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("movements:list")
    few = count(client, url)
    for year in range(2000, 2025):
        services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code=f"tx-{year}", name=f"Thường xuyên {year}",
                                 start_year=year, end_year=year)
    assert count(client, url) == few


def test_movement_detail_queries_do_not_grow_with_its_parts(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("movements:detail", args=[movement.pk])
    few = count(client, url)
    for i in range(20):
        PlanItem.objects.create(movement=movement, kind="solution", label="x", text=f"Giải pháp {i}", order=i)
        services.save_part(movement, Milestone(), actor=None, text=f"Mốc {i}", when_text="Năm 2024")
    assert count(client, url) == few
