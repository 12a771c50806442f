"""Issue 11 §6: a complete dossier is handled within the regime's working days (20); the Office's inbox shows
what is left of each and flags the late ones; the calendar the days are counted on is a page the Office keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.awards.models import LegalRegime
from thidua.core.clock import replay
from thidua.core.models import CalendarDay

from .factories import complete_dossier, make_nomination, make_round

pytestmark = pytest.mark.django_db
D = dt.date


def _held(review_round, person, submitted: dt.date, *, complete: bool = True, status: str = "submitted"):
    with replay(submitted):
        n = make_nomination(review_round, person=person, status=status, submitted_at=timezone.now(),
                            first_submitted_at=timezone.now())
        if complete:
            complete_dossier(n)
    return n


def _inbox_rows(client):
    return {n.pk: n for n in client.get(reverse("awards:inbox")).context["rows"]}


def test_the_inbox_counts_working_days_from_the_complete_dossier(world, client):
    rnd = make_round(world.agency)
    late = _held(rnd, world.people["canbo"], D(2026, 10, 26))  # 20 working days: due Monday 23/11
    fresh = _held(rnd, world.people["canbo2"], D(2026, 12, 1), status="accepted")
    missing = _held(rnd, world.people["planning"], D(2026, 10, 1), complete=False)
    world.login(client, "vanphong")
    with replay(D(2026, 12, 3)):
        rows = _inbox_rows(client)
        page = client.get(reverse("awards:inbox")).content.decode()
    assert rows[late.pk].processing.due == D(2026, 11, 23)
    assert rows[late.pk].processing.late_by == 7  # 25, 26, 27, 30/11, 01, 02, 03/12 (24/11 is off)
    assert rows[fresh.pk].processing.left == 18 and not rows[fresh.pk].processing.late
    assert rows[missing.pk].processing is None
    assert "Quá hạn xử lý 7 ngày làm việc" in page
    assert "còn 18 ngày làm việc" in page
    assert "đủ hồ sơ 01/12/2026 · hạn 29/12/2026" in page
    assert "Chưa đủ hồ sơ, chưa tính hạn" in page


def test_a_file_added_after_submission_starts_the_clock_then(world, client):
    rnd = make_round(world.agency)
    n = _held(rnd, world.people["canbo"], D(2026, 11, 2), complete=False)
    with replay(D(2026, 11, 16)):
        complete_dossier(n)
    world.login(client, "vanphong")
    with replay(D(2026, 11, 16)):
        row = _inbox_rows(client)[n.pk]
    assert row.complete_on == D(2026, 11, 16) and row.processing.left == 20


def test_the_regimes_days_and_the_offices_days_move_the_deadline(world, client):
    rnd = make_round(world.agency)
    n = _held(rnd, world.people["canbo"], D(2026, 12, 1))
    world.login(client, "vanphong")
    with replay(D(2026, 12, 3)):
        assert _inbox_rows(client)[n.pk].processing.due == D(2026, 12, 29)
        response = client.post(reverse("awards:calendar_add"), {"day": "04/12/2026", "kind": "off",
                                                               "note": "Nghỉ thêm theo thông báo của tỉnh"})
        assert response.status_code == 302
        assert _inbox_rows(client)[n.pk].processing.due == D(2026, 12, 30)
    LegalRegime.objects.update(processing_days=10)  # a regime's own figure, not a constant
    with replay(D(2026, 12, 3)):
        assert _inbox_rows(client)[n.pk].processing.due == D(2026, 12, 16)


def test_the_calendar_page_lists_the_years_days_and_the_office_keeps_it(world, client):
    world.login(client, "canbo")
    page = client.get(reverse("awards:calendar") + "?nam=2026").content.decode()
    assert "Lịch ngày làm việc năm 2026" in page and "17/02/2026" in page and "Tết Nguyên Đán" in page
    assert "Thêm ngày làm bù" not in page  # reading only
    assert client.post(reverse("awards:calendar_add"), {"day": "05/12/2026", "kind": "working",
                                                        "note": "x"}).status_code == 403
    client.logout()
    world.login(client, "vanphong")
    response = client.post(reverse("awards:calendar_add"), {"day": "05/12/2026", "kind": "working",
                                                             "note": "Làm bù theo Thông báo 5/TB"}, follow=True)
    page = response.content.decode()
    assert "Đã điều chỉnh ngày 05/12/2026." in page and "Làm bù theo Thông báo 5/TB" in page
    row = CalendarDay.objects.get()
    # mistakes come back to the form, beside the field
    for data, message in [({"day": "31/02/2026", "kind": "off", "note": "x"}, "ngày/tháng/năm"),
                          ({"day": "03/12/2026", "kind": "working", "note": "x"}, "vốn là ngày làm việc"),
                          ({"day": "05/12/2026", "kind": "working", "note": "lặp"}, "đã được điều chỉnh"),
                          ({"day": "06/12/2026", "kind": "working", "note": ""}, "")]:
        response = client.post(reverse("awards:calendar_add"), data)
        assert response.status_code == 200 and message in response.content.decode()
    assert CalendarDay.objects.count() == 1
    response = client.post(reverse("awards:calendar_withdraw", args=[row.pk]), follow=True)
    assert "Đã bỏ điều chỉnh ngày 05/12/2026." in response.content.decode()
    assert "Điều chỉnh đã bỏ" in response.content.decode()
    assert client.get(reverse("awards:calendar") + "?nam=99999999999999999999").status_code == 200


def test_the_law_page_shows_the_processing_days(world, client):
    world.login(client, "vanphong")
    page = client.get(reverse("awards:law")).content.decode()
    assert "20 ngày làm việc kể từ ngày nhận đủ hồ sơ" in page
