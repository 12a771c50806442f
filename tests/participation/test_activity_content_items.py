"""Activities and the content items of movements: the form lists the running movements' items with their
period, refuses a forged item of a closed or draft movement, and an edit keeps a closed movement's item."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation import services
from thidua.participation.models import Activity

from ..factories import SIGNED_PLAN
from .helpers import ITEM, activity_post, close, phases

pytestmark = pytest.mark.django_db
def test_content_items_are_full_width_checkboxes_marked_with_their_movements_period(world, client):
    (old, old_item), (new, new_item) = phases(world)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activity_add")).content.decode()
    # no "form-check-input" box around the whole list (it squeezed it into a 13 px column)
    assert 'class="form-check-input" id="id_content_items"' not in html
    assert '<div class="content-items" id="id_content_items">' in html
    box = re.search(rf'<input [^>]*value="{new_item.pk}" id="(id_content_items_\d+)"', html).group(1)
    label = re.search(rf'<label class="form-check-label" for="{box}">(.*?)</label>', html).group(1)
    assert "2026–2030" in label and f"a) {ITEM}" in label
    assert "Cả nước chung tay vì người nghèo <span class=\"text-muted\">(2026–2030)</span>" in html


def test_the_form_offers_only_launched_movements_and_a_forged_closed_item_is_refused(world, client):
    (old, old_item), (new, new_item) = phases(world)
    close(old)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activity_add")).content.decode()
    assert f'value="{new_item.pk}"' in html and f'value="{old_item.pk}"' not in html
    response = client.post(reverse("participation:activity_add"),
                           activity_post(world, content_items=[old_item.pk], held_on="20/11/2025"))
    assert "Nội dung đã chọn không thuộc phong trào đang phát động của cơ quan." in response.content.decode()
    assert not Activity.objects.exists()


def test_the_service_refuses_a_closed_movement_and_a_date_outside_its_years(world):
    (old, old_item), (new, new_item) = phases(world)
    links = {"units": [world.transport], "content_items": [old_item]}
    fields = dict(kind="visit_gift", title="Thăm hộ nghèo", cash_value=0, in_kind_value=0, commune_code=None,
                  commune_name="", description="")
    with pytest.raises(Exception) as exc:  # dated 20/11/2026 under item a) of 2021–2025
        services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2026, 11, 20),
                                 **fields)
    assert exc.value.message_dict["content_items"] == [
        "Ngày thực hiện 20/11/2026 nằm ngoài thời gian của phong trào “Cả nước chung tay vì người nghèo” "
        f"(2021–2025): không gắn được nội dung “a) {ITEM}”."]
    kept = services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2025, 11, 20),
                                    **fields)
    close(old)
    with pytest.raises(Exception) as exc:
        services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2025, 11, 21),
                                 **fields)
    assert exc.value.message_dict["content_items"] == [
        f"Không gắn được nội dung “a) {ITEM}”: phong trào “Cả nước chung tay vì người nghèo” (2021–2025) đã kết thúc."]
    # an activity linked before the movement closed keeps its link when edited
    services.update_activity(kept, actor=None, links=links, title="Thăm hộ nghèo dịp Tết")
    assert list(kept.content_items.all()) == [old_item]
    assert Activity.objects.count() == 1


def test_editing_an_activity_keeps_its_closed_movements_item_visible_and_checked(world, client):
    (old, old_item), (new, new_item) = phases(world)
    act = services.record_activity(
        agency=world.agency, actor=None, links={"units": [world.transport], "content_items": [old_item]},
        kind="visit_gift", title="Thăm hộ nghèo", held_on=dt.date(2025, 11, 20), cash_value=0, in_kind_value=0,
        commune_code=None, commune_name="", description="")
    close(old)
    world.login(client, "vanphong")
    url = reverse("participation:activity_edit", args=[act.pk])
    html = client.get(url).content.decode()
    assert re.search(rf'value="{old_item.pk}" id="id_content_items_\d+" checked', html)
    assert "(2021–2025, đã kết thúc)" in html
    response = client.post(url, activity_post(world, held_on="20/11/2025", content_items=[old_item.pk],
                                              title="Thăm hộ nghèo xã Quảng Lâm"))
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.title == "Thăm hộ nghèo xã Quảng Lâm" and list(act.content_items.all()) == [old_item]


def test_the_service_refuses_an_item_of_a_movement_not_yet_launched(world):
    draft = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn-du-thao",
                                              name="Phong trào dự thảo", start_year=2026, end_year=2030)
    item = PlanItem.objects.create(movement=draft, kind="content", label="a", text=ITEM)
    with pytest.raises(Exception) as exc:
        services.record_activity(agency=world.agency, actor=None,
                                 links={"units": [world.transport], "content_items": [item]},
                                 held_on=dt.date(2026, 3, 1), kind="visit_gift", title="Thăm hộ nghèo", cash_value=0,
                                 in_kind_value=0, commune_code=None, commune_name="", description="")
    assert exc.value.message_dict["content_items"] == [
        f"Không gắn được nội dung “a) {ITEM}”: phong trào “Phong trào dự thảo” (2026–2030) chưa được phát động."]
    assert not Activity.objects.exists()
