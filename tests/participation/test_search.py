import pytest
from django.urls import reverse

from thidua.participation import search
from thidua.participation.models import Household, HouseholdNameKey

from .helpers import household

pytestmark = pytest.mark.django_db


def test_keys_carry_agency_and_name_order(world):
    hh = household(world, name="Nông Văn Páo")
    keys = set(HouseholdNameKey.objects.filter(household=hh).values_list("key", "agency_id", "sort"))
    assert ("nong van pao", world.agency.pk, "nong van pao") in keys and ("pao", world.agency.pk, "nong van pao") in keys
    hh.head_name = "Lò Văn Páo"
    hh.save()
    assert set(HouseholdNameKey.objects.filter(household=hh).values_list("sort", flat=True)) == {"lo van pao"}


@pytest.mark.parametrize("role", ["vanphong", "admin"])
def test_search_pages_follow_name_order(world, client, role):
    names = [f"Hoàng Văn {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(57)]
    for i, name in enumerate(reversed(names)):
        household(world, name=name, commune="Xã Quảng Lâm" if i % 2 else "Xã Nam Quang")
    household(world, name="Nông Hoàng Văn", commune="Xã Nam Quang")
    household(world, name="Hoàng Văn Khác", agency=world.other_agency)
    world.login(client, role)
    url = reverse("participation:households")
    first = client.get(url, {"q": "hoang van"}).context["rows"]
    second = client.get(url, {"q": "hoang van", "page": 2}).context["rows"]
    expected = Household.objects.filter(head_key__contains=" hoang van")
    if role == "vanphong":
        expected = expected.filter(agency=world.agency)
    expected = list(expected.order_by("head_fold", "id"))
    assert first + second == expected and len(first) == 50
    assert "Nông Hoàng Văn" in [h.head_name for h in first + second]
    narrowed = client.get(url, {"q": "hoang van", "commune": first[0].commune_code}).context["rows"]
    assert narrowed == [h for h in expected if h.commune_code == first[0].commune_code]


def test_a_dense_query_walks_the_names(world, monkeypatch):
    monkeypatch.setattr(search, "ID_CAP", 3)
    for i in range(6):
        household(world, name=f"Nông Văn {chr(65 + i)}")
    qs = search.filter_households(Household.objects.all(), "nong", first=2)
    assert [h.head_name for h in qs.order_by("head_fold", "id")[:2]] == ["Nông Văn A", "Nông Văn B"]
