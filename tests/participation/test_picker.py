
import pytest
from django.urls import reverse

from thidua.participation.models import Activity

from .helpers import household

pytestmark = pytest.mark.django_db
PICK = reverse("participation:pick")


def test_the_form_lists_no_households_until_searched(world, client):
    for i in range(30):
        household(world, name=f"Hoàng Văn Số {i}")
    world.login(client, "vanphong")
    body = client.get(reverse("participation:activity_add")).content.decode()
    assert "Hoàng Văn Số" not in body  # no option per household any more
    assert 'data-picker="households"' in body and PICK in body


def test_search_is_accent_insensitive_and_scoped_to_the_agency(world, client):
    mine = household(world, name="Nông Văn Páo")
    household(world, name="Lò Thị Mỷ")
    theirs = household(world, name="Nông Văn Pâu", agency=world.other_agency)
    world.login(client, "vanphong")
    response = client.get(PICK, {"kind": "households", "agency": world.agency.pk, "q": "nong van", "field": "households"})
    body = response.content.decode()
    assert f'data-pick-value="{mine.pk}"' in body and "Nông Văn Páo" in body
    assert f'data-pick-value="{theirs.pk}"' not in body and "Lò Thị Mỷ" not in body
    # an agency he does not record for
    assert client.get(PICK, {"kind": "households", "agency": world.other_agency.pk, "q": "nong"}).status_code == 404
    # people of the agency, by name without accents
    body = client.get(PICK, {"kind": "people", "agency": world.agency.pk, "q": "dam van"}).content.decode()
    assert f'data-pick-value="{world.people["truongphong"].pk}"' in body
    assert f'data-pick-value="{world.people["other"].pk}"' not in body


def test_chosen_items_are_posted_as_checkboxes_and_kept_on_edit(world, client):
    hh = household(world, name="Nông Văn Páo")
    world.login(client, "vanphong")
    response = client.post(reverse("participation:activity_add"), {
        "kind": "visit_gift", "title": "Trao quà", "held_on": "20/01/2025", "units": [world.transport.pk],
        "agency": world.agency.pk, "households": [hh.pk], "people": [world.people["canbo"].pk]})
    assert response.status_code == 302
    act = Activity.objects.get(title="Trao quà")
    assert list(act.households.all()) == [hh]
    body = client.get(reverse("participation:activity_edit", args=[act.pk])).content.decode()
    assert f'name="households" value="{hh.pk}" checked' in body
    assert f'name="people" value="{world.people["canbo"].pk}" checked' in body
    # a household of another agency is refused
    other = household(world, name="Lò Văn Khác", agency=world.other_agency)
    response = client.post(reverse("participation:activity_edit", args=[act.pk]), {
        "kind": "visit_gift", "title": "Trao quà", "held_on": "20/01/2025", "units": [world.transport.pk],
        "households": [other.pk]})
    assert response.status_code == 200 and list(act.households.all()) == [hh]


def test_household_pickers_tell_households_of_the_same_name_apart(world, client):
    a = household(world, "Nông Văn Páo", "Xã Quảng Lâm", village="Nà Lũng")
    b = household(world, "Nông Văn Páo", "Xã Nam Quang", village="Pác Bó")
    world.login(client, "vanphong")
    html = client.get(reverse("participation:student_add")).content.decode()
    assert f'<option value="{a.pk}">Nông Văn Páo — Nà Lũng, Xã Quảng Lâm</option>' in html
    assert f'<option value="{b.pk}">Nông Văn Páo — Pác Bó, Xã Nam Quang</option>' in html
    picked = client.get(reverse("participation:pick"), {"kind": "households", "q": "nong van pao",
                                                        "agency": world.agency.pk}).content.decode()
    assert "Nông Văn Páo — Nà Lũng, Xã Quảng Lâm" in picked and "Nông Văn Páo — Pác Bó, Xã Nam Quang" in picked
