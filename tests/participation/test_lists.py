"""The participation lists: the activity count with and without filters, filters that fold on a phone and
open when one is set, the two phases of a plan told apart, and rows written in Python still escaped."""

import datetime as dt

import pytest
from django.urls import reverse

from .helpers import ITEM, activity, household, phases

pytestmark = pytest.mark.django_db


def test_the_activity_list_counts_the_matching_activities_with_and_without_filters(world, client):
    for i in range(3):
        activity(world, f"Trao quà {i}", held_on=dt.date(2024, 3, 1 + i))
    activity(world, "Thăm hỏi năm trước", held_on=dt.date(2023, 5, 1))
    activity(world, "Của Sở Y tế", units=[world.other_unit], agency=world.other_agency)
    world.login(client, "vanphong")
    url = reverse("participation:activities")
    assert "4 hoạt động." in client.get(url).content.decode()  # from the kept totals
    assert "3 hoạt động." in client.get(url, {"year": 2024}).content.decode()
    assert "1 hoạt động." in client.get(url, {"q": "tham hoi"}).content.decode()  # counted over the rows
    world.login(client, "truongphong")  # reads his unit's activities only: kept totals do not cover him
    assert "4 hoạt động." in client.get(url).content.decode()


@pytest.mark.parametrize("url_name, box, query", [
    ("participation:activities", "activity-filters", {"year": 2024}),
    ("participation:households", "household-filters", {"ethnicity": "mong"}),
])
def test_list_filters_are_collapsible_and_open_when_a_filter_is_active(world, client, url_name, box, query):
    world.login(client, "vanphong")
    page = client.get(reverse(url_name)).content.decode()
    assert f'data-bs-target="#{box}"' in page
    assert f'<div class="collapse d-md-block" id="{box}">' in page  # shown from md up, folded on a phone
    page = client.get(reverse(url_name), query).content.decode()
    assert f'<div class="collapse d-md-block show" id="{box}">' in page


def test_activity_filter_tells_the_two_phases_apart(world, client):
    (old, old_item), (new, new_item) = phases(world)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activities")).content.decode()
    assert f'<option value="{new_item.pk}">2026–2030 · a) {ITEM}</option>' in html
    assert f'<option value="{old_item.pk}">2021–2025 · a) {ITEM}</option>' in html
    assert html.index("2026–2030 · a)") < html.index("2021–2025 · a)")  # newest phase first, grouped
    assert '<optgroup label="Cả nước chung tay vì người nghèo (2026–2030)">' in html


def test_list_rows_written_in_python_still_escape_what_users_typed(world, client):
    hh = household(world, name="Nông <b>Văn</b> Páo")
    activity(world, title="Tặng quà <script>x</script>", households=[hh])
    world.login(client, "vanphong")
    for url in (reverse("participation:households"), reverse("participation:activities"),
                reverse("participation:household", args=[hh.pk])):
        page = client.get(url).content.decode()
        assert "<b>Văn</b>" not in page and "<script>x</script>" not in page
    assert "Nông &lt;b&gt;Văn&lt;/b&gt; Páo" in client.get(reverse("participation:households")).content.decode()
    assert "Tặng quà &lt;script&gt;x&lt;/script&gt;" in client.get(reverse("participation:activities")).content.decode()
