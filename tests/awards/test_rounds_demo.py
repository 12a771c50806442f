"""The demo's review rounds of plan 2679: six rounds with the plan's forms, opened on their days, loaded once."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards.demo import DemoContext
from thidua.awards.demo import rounds as demo_rounds
from thidua.awards.models import ReviewRound
from thidua.core.models import AuditEvent, Notification
from thidua.movements.demo import CODE, load_movements_demo
from thidua.movements.models import Movement

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(world):
    load_movements_demo(world.agency, out=lambda _text: None)
    return DemoContext(agency=world.agency, movement=Movement.objects.get(code=CODE), out=lambda _text: None)


def test_plan_2679_gets_its_yearly_midterm_and_final_rounds_open_with_the_plans_forms(world, ctx,
                                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_rounds.load(ctx)
    assert sorted(ctx.rounds) == ["final-2025", "midterm-2023", "yearly-2022", "yearly-2023", "yearly-2024",
                                  "yearly-2025"]
    assert {r.status for r in ctx.rounds.values()} == {"open"}
    yearly = ctx.rounds["yearly-2024"]
    assert (yearly.submit_by, yearly.council_on) == (dt.date(2024, 12, 10), dt.date(2024, 12, 17))
    codes = {rf.form.code: rf.within_authority for rf in yearly.forms.select_related("form")}
    assert codes == {"bang-khen-chu-tich-ubnd-tinh": False, "giay-khen-giam-doc-so": True,
                     "lao-dong-tien-tien": True, "chien-si-thi-dua-co-so": True, "tap-the-lao-dong-tien-tien": True,
                     "tap-the-lao-dong-xuat-sac": False}
    midterm = ctx.rounds["midterm-2023"]
    assert {rf.form.code: rf.quota for rf in midterm.forms.select_related("form")} == {
        "huan-chuong-lao-dong": 1, "huan-chuong-lao-dong-hang-ba": None, "bang-khen-thu-tuong": 2,
        "bang-khen-chu-tich-ubnd-tinh": None, "giay-khen-giam-doc-so": None}
    assert dt.date(2023, 10, 1) <= midterm.submit_by <= dt.date(2023, 12, 31)
    final = ctx.rounds["final-2025"]
    assert final.kind == "final" and dt.date(2025, 10, 1) <= final.council_on <= dt.date(2025, 12, 31)
    # the tổng kết proposes the order in its class (its nominees go to public comment), not the order without class
    assert {rf.form.code: rf.quota for rf in final.forms.select_related("form")} == {
        "huan-chuong-lao-dong-hang-ba": 1, "bang-khen-thu-tuong": 2, "bang-khen-chu-tich-ubnd-tinh": None,
        "giay-khen-giam-doc-so": None}
    opened = AuditEvent.objects.filter(target_type="awards.reviewround", target_id=str(yearly.pk),
                                       action="update").get()
    assert opened.at.date() == dt.date(2024, 11, 7) and opened.actor == world.users["vanphong"]
    # the unit heads read the opening notices years ago
    notices = Notification.objects.filter(url__startswith="/khen-thuong/dot-xet/")
    assert notices.exists() and not notices.filter(read_at__isnull=True).exists()


def test_loading_again_adds_nothing_and_fills_the_context(ctx):
    demo_rounds.load(ctx)
    first = {key: r.pk for key, r in ctx.rounds.items()}
    again = DemoContext(agency=ctx.agency, movement=ctx.movement, out=lambda _text: None)
    demo_rounds.load(again)
    assert {key: r.pk for key, r in again.rounds.items()} == first
    assert ReviewRound.objects.count() == 6
