"""A long agenda (a tổng kết session decides thousands of nominations) is read page by page, with the count of
each result over the whole session."""

import pytest

from thidua.awards.enums import NominationStatus

from .award_factories import agreed, agreed_round, concluded_session

pytestmark = pytest.mark.django_db


def test_the_agenda_pages_by_fifty_and_counts_every_result(world, client):
    rnd = agreed_round(world.agency)
    session = concluded_session(world.agency, rnd.council_on)
    people = [world.people[k] for k in ("canbo", "canbo2", "team", "planning", "truongphong")]
    for i in range(62):
        agreed(rnd, person=people[i % 5], session=session,
               result=NominationStatus.NOT_AGREED if i % 10 == 0 else None)
    world.login(client, "vanphong")
    first = client.get(f"/khen-thuong/hoi-dong/{session.pk}/").content.decode()
    assert "Chương trình: 62 đề nghị" in first
    assert "Hội đồng không thống nhất: 7" in first and "Hội đồng thống nhất, trình Giám đốc quyết định: 55" in first
    assert first.count('class="border rounded p-2 mb-3 agenda-item"') == 50
    assert "Đề nghị 1–50 trên 62 (trang 1/2)" in first and "?page=2" in first
    second = client.get(f"/khen-thuong/hoi-dong/{session.pk}/?page=2").content.decode()
    assert second.count('class="border rounded p-2 mb-3 agenda-item"') == 12
    assert "<strong>51. " in second and "Đề nghị 51–62 trên 62 (trang 2/2)" in second
    # a page past the end shows the last one, a malformed one the first
    assert "trang 2/2" in client.get(f"/khen-thuong/hoi-dong/{session.pk}/?page=99").content.decode()
    assert "trang 1/2" in client.get(f"/khen-thuong/hoi-dong/{session.pk}/?page=abc").content.decode()


def test_a_short_agenda_has_no_pager(world, client):
    rnd = agreed_round(world.agency)
    session = concluded_session(world.agency, rnd.council_on)
    agreed(rnd, person=world.people["canbo"], session=session)
    world.login(client, "vanphong")
    page = client.get(f"/khen-thuong/hoi-dong/{session.pk}/").content.decode()
    assert "Chương trình: 1 đề nghị" in page and "agenda-pager" not in page
