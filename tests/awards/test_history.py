"""The award history: the person page's section with the position and unit at the time, the search (accent-
insensitive), the filters, the export, a staff member's own list, the unit's and the household's awards, who sees
what, and queries that do not grow with the records."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.participation.helpers import household

from .history_helpers import award, read_xlsx


def test_person_page_shows_awards_with_position_and_unit_at_the_time(world, client):
    an = world.people["canbo"]
    award(person=an, year=2016, position="Nhân viên hợp đồng", unit_name="Phòng Kế hoạch - Tài chính",
          number="88/QĐ-SGTVT", day=dt.date(2017, 1, 10))
    award(person=an, form="bang-khen-chu-tich-ubnd-tinh", level="province", year=2019, number="1234/QĐ-UBND",
          position="Chuyên viên", revoked_on=dt.date(2021, 3, 1))
    award(person=world.people["canbo2"], year=2016, number="99/QĐ-SGTVT")
    world.login(client, "vanphong")
    html = client.get(reverse("org:person", args=[an.pk])).content.decode()
    section = html[html.index('id="person-awards"'):]
    assert "Khen thưởng" in html[html.index('id="person-awards"') - 200:]
    assert "Lao động tiên tiến" in section and "Nhân viên hợp đồng" in section
    assert "Phòng Kế hoạch - Tài chính" in section
    assert "Số 88/QĐ-SGTVT ngày 10/01/2017" in section
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in section and "Cấp tỉnh" in section
    assert "đã thu hồi 01/03/2021" in section
    assert "99/QĐ-SGTVT" not in section  # another person's


def test_person_panel_is_one_query(world, rf):
    from thidua.awards.history import person_panel
    from thidua.org.scoping import get_scope

    an = world.people["canbo"]
    for year in range(2010, 2020):
        award(person=an, year=year)
    request = rf.get("/")
    request.user = world.users["vanphong"]
    get_scope(request.user)  # the scope is read once per request, before the panels
    with CaptureQueriesContext(connection) as queries:
        panel = person_panel(request, an)
    assert len(panel["rows"]) == 10 and len(queries) <= 2


def test_search_finds_a_name_without_accents(world, client):
    award(person=world.people["canbo"], year=2018)
    award(person=world.people["canbo2"], year=2018)
    award(person=world.people["planning"], year=2018)
    world.login(client, "vanphong")
    html = client.get(reverse("awards:history"), {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in html and "Nguyễn Thị Lan" not in html and "Đặng Thị Hồng" not in html
    html = client.get(reverse("awards:history"), {"q": "van an"}).content.decode()
    assert "Nguyễn Văn An" in html and "Nguyễn Thị Lan" not in html


def test_search_by_form_and_by_decision_number_and_filters(world, client):
    award(person=world.people["canbo"], form="giay-khen-giam-doc-so", year=2017, number="45/QĐ-SGTVT")
    award(person=world.people["canbo2"], year=2018, number="77/QĐ-SGTVT")
    award(unit=world.planning, form="tap-the-lao-dong-tien-tien", year=2019, number="78/QĐ-SGTVT")
    world.login(client, "vanphong")
    url = reverse("awards:history")
    html = client.get(url, {"q": "giay khen"}).content.decode()
    assert "Nguyễn Văn An" in html and "Nguyễn Thị Lan" not in html
    for typed in ("77/QĐ", "77/QD", "77/qd-sgtvt", "77/qđ-SGTVT"):  # typed without the Đ or in small letters
        html = client.get(url, {"q": typed}).content.decode()
        assert "Nguyễn Thị Lan" in html and "Nguyễn Văn An" not in html, typed
    html = client.get(url, {"year": 2019}).content.decode()
    assert "Tập thể lao động tiên tiến" in html and "Nguyễn Thị Lan" not in html
    # the year filter offers the years the records hold, from the earliest (2017), not 1945 onwards
    assert '<option value="2017">' in html and '<option value="2016">' not in html and ">1945<" not in html
    html = client.get(url, {"recipient": "individual", "unit": world.transport.pk}).content.decode()
    assert "Nguyễn Văn An" in html and "Nguyễn Thị Lan" in html and "78/QĐ-SGTVT" not in html
    html = client.get(url, {"q": "phong ke hoach"}).content.decode()
    assert "78/QĐ-SGTVT" in html and "Nguyễn Văn An" not in html


def test_export_opens_with_the_filtered_rows(world, client):
    award(person=world.people["canbo"], year=2016, number="10/QĐ-SGTVT", position="Chuyên viên")
    award(person=world.people["canbo"], year=2017, number="11/QĐ-SGTVT")
    award(person=world.people["canbo2"], year=2016, number="12/QĐ-SGTVT")
    world.login(client, "vanphong")
    response = client.get(reverse("awards:history_export"), {"year": 2016})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response.content)
    numbers = [r[9] for r in rows[2:]]
    assert sorted(numbers) == ["10/QĐ-SGTVT", "12/QĐ-SGTVT"]
    an = next(r for r in rows[2:] if r[9] == "10/QĐ-SGTVT")
    assert an[2] == "Nguyễn Văn An" and an[3] == "Chuyên viên" and an[5] == "Lao động tiên tiến"
    assert an[7] == 2016 and an[10].date() == dt.date(2016, 12, 20)


def test_unit_head_sees_only_his_units_awards(world, client):
    mine = award(person=world.people["canbo"], year=2016, number="10/QĐ-SGTVT")
    award(person=world.people["planning"], year=2016, number="20/QĐ-SGTVT")
    award(unit=world.planning, form="tap-the-lao-dong-tien-tien", year=2016, number="21/QĐ-SGTVT")
    award(unit=world.transport, form="tap-the-lao-dong-tien-tien", year=2016, number="11/QĐ-SGTVT")
    world.login(client, "truongphong")
    html = client.get(reverse("awards:history")).content.decode()
    assert "10/QĐ-SGTVT" in html and "11/QĐ-SGTVT" in html
    assert "20/QĐ-SGTVT" not in html and "21/QĐ-SGTVT" not in html
    html = client.get(reverse("awards:history"), {"q": "dang thi hong"}).content.decode()
    assert "20/QĐ-SGTVT" not in html
    numbers = [r[9] for r in read_xlsx(client.get(reverse("awards:history_export")).content)[2:]]
    assert sorted(numbers) == ["10/QĐ-SGTVT", "11/QĐ-SGTVT"]
    assert client.get(reverse("awards:unit_awards", args=[world.planning.pk])).status_code == 404
    html = client.get(reverse("awards:unit_awards", args=[world.transport.pk])).content.decode()
    assert "10/QĐ-SGTVT" in html and "11/QĐ-SGTVT" in html
    page = client.get(reverse("org:person", args=[world.people["canbo"].pk])).content.decode()
    assert mine.decision_number in page


def test_staff_member_sees_and_downloads_only_his_own(world, client):
    award(person=world.people["canbo"], year=2016, number="10/QĐ-SGTVT")
    award(person=world.people["canbo2"], year=2016, number="12/QĐ-SGTVT")
    award(unit=world.transport, form="tap-the-lao-dong-tien-tien", year=2016, number="11/QĐ-SGTVT")
    world.login(client, "canbo")
    assert client.get(reverse("awards:history")).status_code == 403
    assert client.get(reverse("awards:history_export")).status_code == 403
    assert client.get(reverse("awards:unit_awards", args=[world.transport.pk])).status_code == 403
    html = client.get(reverse("awards:my_awards")).content.decode()
    assert "10/QĐ-SGTVT" in html and "12/QĐ-SGTVT" not in html and "11/QĐ-SGTVT" not in html
    rows = read_xlsx(client.get(reverse("awards:my_awards_export")).content)
    assert [r[9] for r in rows[2:]] == ["10/QĐ-SGTVT"] and "Nguyễn Văn An" in rows[0][0]


def test_another_agencys_office_sees_none(world, client):
    award(person=world.people["canbo"], year=2016, number="10/QĐ-SGTVT")
    award(unit=world.transport, form="tap-the-lao-dong-tien-tien", year=2016, number="11/QĐ-SGTVT")
    hh = household(world)
    award(household=hh, form="giay-khen-giam-doc-so", year=2016, number="13/QĐ-SGTVT")
    world.login(client, "vanphong_khac")
    html = client.get(reverse("awards:history")).content.decode()
    assert "10/QĐ-SGTVT" not in html and "11/QĐ-SGTVT" not in html and "13/QĐ-SGTVT" not in html
    assert client.get(reverse("awards:history"), {"q": "nguyen van an"}).content.decode().count("10/QĐ") == 0
    assert len(read_xlsx(client.get(reverse("awards:history_export")).content)) == 2  # title, headings
    assert client.get(reverse("awards:unit_awards", args=[world.transport.pk])).status_code == 404
    assert client.get(reverse("awards:household_awards", args=[hh.pk])).status_code == 404


def test_household_and_unit_pages_link_to_their_awards(world, client):
    hh = household(world)
    award(household=hh, form="giay-khen-giam-doc-so", year=2019, number="13/QĐ-SGTVT")
    world.login(client, "vanphong")
    page = client.get(reverse("participation:household", args=[hh.pk])).content.decode()
    assert reverse("awards:household_awards", args=[hh.pk]) in page
    html = client.get(reverse("awards:household_awards", args=[hh.pk])).content.decode()
    assert "13/QĐ-SGTVT" in html and "Giấy khen của Giám đốc Sở" in html
    page = client.get(reverse("org:unit", args=[world.transport.pk])).content.decode()
    assert reverse("awards:unit_awards", args=[world.transport.pk]) in page


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_records(world, client):
    world.login(client, "vanphong")
    people = [world.people[k] for k in ("canbo", "canbo2", "planning", "team")]
    urls = [(reverse("awards:history"), {}), (reverse("awards:history"), {"q": "nguyen van an"}),
            (reverse("awards:history"), {"q": "lao dong tien tien"}),
            (reverse("awards:history_export"), {}),
            (reverse("org:person", args=[people[0].pk]), {}),
            (reverse("awards:unit_awards", args=[world.transport.pk]), {})]
    for i in range(2):
        award(person=people[i % 4], year=2010 + i)
    few = [_count(client, url, params) for url, params in urls]
    for i in range(2, 20):
        award(person=people[i % 4], year=2010 + i % 12, number=f"{i}/QĐ-SGTVT")
    many = [_count(client, url, params) for url, params in urls]
    assert few == many


def test_my_awards_queries_do_not_grow(world, client):
    world.login(client, "canbo")
    an = world.people["canbo"]
    award(person=an, year=2010)
    award(person=an, year=2011)
    few = [_count(client, reverse("awards:my_awards")), _count(client, reverse("awards:my_awards_export"))]
    for year in range(2012, 2030):
        award(person=an, year=year)
    assert [_count(client, reverse("awards:my_awards")), _count(client, reverse("awards:my_awards_export"))] == few


def test_searches_read_the_records_by_an_index(world, client):
    """No history query reads the whole table (SQLite's plan): each goes by an index, or walks one in the list's
    order and stops at the page's end."""
    import pytest

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plans")
    for i in range(30):
        award(person=[world.people["canbo"], world.people["planning"], world.people["other"]][i % 3], year=2000 + i)
    for user in ("vanphong", "truongphong", "tinh"):
        world.login(client, user)
        for params in ({}, {"q": "nguyen van an"}, {"q": "giay khen"}, {"q": "110/QĐ"}, {"year": 2010}):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("awards:history"), params).status_code == 200
            for query in queries.captured_queries:
                if 'FROM "awards_award"' not in query["sql"]:
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                    plan = [row[-1] for row in cursor.fetchall()]
                assert "SCAN awards_award" not in plan, (user, params, plan)
