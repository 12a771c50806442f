"""No server error from out-of-range numbers: pages, ids and every number taken from a request are bounded."""

import re

import pytest

from thidua.core.db import MAX_ID, MAX_PAGE, int_param, page_param, year_param
from thidua.participation.models import Activity, HouseholdMember

from ..factories import url_routes
from ..participation.helpers import activity, household

BIG = "99999999999999999999"  # beyond the 64-bit range of a database id


def test_int_param_accepts_only_ascii_whole_numbers_in_range():
    assert int_param("12") == 12 and int_param(" 12 ") == 12 and int_param(7) == 7
    assert int_param(str(MAX_ID)) == MAX_ID
    for bad in (None, "", "x", "1.5", "1e9", "²", "١٢", "１２", str(MAX_ID + 1), BIG, "-1", True):
        assert int_param(bad) is None, bad
    assert int_param("-5", minimum=-10) == -5
    assert page_param(BIG) == 1 and page_param("0") == 1 and page_param(str(MAX_PAGE)) == MAX_PAGE
    assert year_param("2024") == 2024 and year_param(BIG) is None and year_param("20240") is None


# the inputs that gave a server error (each as admin, who reaches every page)
INPUTS = [
    ("/to-chuc/can-bo/", {"page": BIG}),
    ("/to-chuc/can-bo/", {"unit": "²"}),
    ("/to-chuc/can-bo/them/", {"unit": "²"}),
    ("/to-chuc/don-vi/them/", {"parent": "²"}),
    ("/to-chuc/nhap-can-bo/mau.xlsx", {"agency": "²"}),
    ("/phong-trao/", {"page": BIG}),
    ("/nhat-ky/", {"before": "²"}),
    ("/nhat-ky/", {"before": BIG}),
    ("/tham-gia/bang-dieu-khien/", {"unit": "²"}),
    ("/tham-gia/bang-dieu-khien/", {"year": BIG}),
    ("/tham-gia/bang-dieu-khien/", {"movement": BIG}),
    ("/tham-gia/ho-gia-dinh/", {"page": BIG}),
    ("/tham-gia/ho-gia-dinh/them/", {"agency": "²"}),
    ("/tham-gia/ho-gia-dinh/nhap/mau.xlsx", {"agency": "²"}),
    ("/tham-gia/hoc-sinh/", {"page": BIG}),
    ("/tham-gia/hoc-sinh/them/", {"agency": "²"}),
    ("/tham-gia/hoat-dong/", {"page": BIG}),
    ("/tham-gia/hoat-dong/", {"household": BIG}),
    ("/tham-gia/hoat-dong/xuat.xlsx", {"household": BIG}),
    ("/tham-gia/hoat-dong/chon/", {"agency": "²"}),
    ("/tham-gia/hoat-dong/them/", {"agency": "²"}),
    ("/tham-gia/hoat-dong/them/", {"household": "²"}),
]


@pytest.mark.parametrize(("url", "query"), INPUTS, ids=[f"{u}?{next(iter(q))}" for u, q in INPUTS])
def test_an_out_of_range_number_in_the_query_is_not_a_server_error(world, client, url, query):
    world.login(client, "admin")
    response = client.get(url, query)
    assert response.status_code in (200, 302, 404), response.status_code


def test_a_page_beyond_the_end_shows_an_empty_page(world, client):
    world.login(client, "admin")
    page = client.get("/to-chuc/can-bo/", {"page": BIG}).content.decode()
    assert "Nguyễn Văn An" in page  # page 1: the number was not a page


@pytest.mark.parametrize("field", ["households", "units", "people", "students", "content_items"])
def test_an_out_of_range_id_posted_in_a_choice_is_a_form_error_and_nothing_is_recorded(world, client, field):
    world.login(client, "vanphong")
    response = client.post("/tham-gia/hoat-dong/them/", {"title": "Trao quà", "kind": "visit_gift",
                                                         "held_on": "20/10/2024", field: [BIG]})
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_out_of_range_numbers_in_forms_are_form_errors(world, client):
    world.login(client, "vanphong")
    response = client.post(f"/tham-gia/ho-gia-dinh/{household(world).pk}/thanh-vien/",
                           {"full_name": "Nông Thị Mai", "relation": "child", "birth_year": "99999"})
    assert response.status_code == 200
    assert "Năm sinh không hợp lệ" in response.content.decode()
    assert not HouseholdMember.objects.exists()
    response = client.post("/to-chuc/don-vi/them/", {"name": "Phòng mới", "kind": "department",
                                                     "parent": world.office.pk, "sort_order": BIG})
    assert response.status_code == 200
    assert "Thứ tự hiển thị phải từ" in response.content.decode()


def test_every_url_with_an_id_beyond_the_database_range_is_not_found(world, client):
    activity(world)
    world.login(client, "admin")
    tried = 0
    for route in url_routes():
        if "<int:" not in route:
            continue
        url = "/" + re.sub(r"<str:\w+>", "pdf", re.sub(r"<slug:\w+>", "tieu-chi", re.sub(r"<int:\w+>", BIG, route)))
        for method in (client.get, client.post):
            # not found; a notice link leads home; a GET-only page refuses the POST
            assert method(url).status_code in (404, 302, 405), url
        tried += 1
    assert tried > 50


def test_an_imported_number_in_other_digits_is_a_row_error_not_a_failed_check(world):
    from thidua.participation.importing import COLUMNS, check_file

    header = [c.label for c in COLUMNS]
    values = {c.key: c.example for c in COLUMNS}
    rows = []
    for members, year in (("²", 2024), (BIG, 2024), ("5", "２０２４")):
        row = dict(values, members=members, year=year)
        rows.append([row[c.key] for c in COLUMNS])
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([header] + [[f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else v for v in r]
                                          for r in rows])
    result = check_file("ho.csv", out.getvalue().encode(), world.agency)
    assert not result.file_error
    assert {(e["row"], e["column"]) for e in result.errors} >= {(2, "Số nhân khẩu"), (3, "Số nhân khẩu"),
                                                                 (4, "Năm phân loại")}


def test_a_fund_page_cursor_beyond_the_range_is_ignored(world, client):
    world.login(client, "vanphong")
    for cursor in (f"2023-10-17.{BIG}", "2023-10-17.²", "x"):
        assert client.get("/quy-vi-nguoi-ngheo/", {"sau": cursor}).status_code == 200
