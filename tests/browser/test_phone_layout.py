"""At 390 px (a phone): "Đăng ký của tôi" and the registration form read as stacked rows with full-width
selects, the dashboard's content-item labels are not cut, and no page scrolls sideways."""

import pytest
from django.urls import reverse

from thidua.movements import services as movement_services
from thidua.movements.catalog import seed_catalog
from thidua.movements.models import PlanItem
from thidua.participation.registrations import services as registration_services

from ..factories import SIGNED_PLAN
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registrations_and_the_dashboard_fit_a_390_px_phone(world, live_server, phone):
    seed_catalog()
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="tx-2026",
                                                 name="Phong trào thi đua thường xuyên năm 2026", start_year=2026,
                                                 end_year=2026)
    PlanItem.objects.create(movement=movement, kind="content", label="a",
                            text="Tuyên truyền, vận động công chức, viên chức, người lao động trong ngành tham gia")
    movement = movement_services.move_movement(movement, "launched", actor=None)
    registration = registration_services.start(movement, 2026, world.transport, actor=None)
    registration_services.save(registration, actor=None, title=None, commitments="Hoàn thành xuất sắc nhiệm vụ",
                               entries=[registration_services.EntryInput(person=world.people["canbo"], registered=True,
                                                                         title=None, commitments="Ủng hộ 01 ngày lương")])
    base = live_server.url
    login(phone, base, "truongphong")
    width = "document.documentElement.scrollWidth"

    phone.goto(base + reverse("registrations:edit", args=[registration.pk]))
    assert phone.evaluate(width) <= 390
    select = phone.get_by_label(f"Danh hiệu: {world.people['canbo'].full_name}")
    assert select.bounding_box()["width"] > 180  # not a 60 px column showing "Lao độ"
    assert phone.locator("#registration-people thead").is_hidden()

    phone.context.clear_cookies()
    login(phone, base, "canbo")
    phone.goto(base + reverse("registrations:index"))
    assert phone.evaluate(width) <= 390
    cell = phone.locator("#my-registrations td[data-label='Phong trào']").first
    label = phone.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle())
    assert label == '"Phong trào"'  # each cell says what it is, the row stacked
    assert cell.bounding_box()["width"] > 300

    phone.context.clear_cookies()
    login(phone, base, "vanphong")
    phone.goto(base + reverse("participation:dashboard") + f"?unit={world.agency.pk}&movement={movement.pk}")
    phone.locator("#chart-items").wait_for()
    assert phone.evaluate(width) <= 390
    labels = phone.evaluate("() => Chart.getChart('chart-items').data.labels")
    assert labels == [["a) Tuyên truyền,", "vận động công…"]]
    # Chart.js gave the axis room for the whole label: its left edge is inside the canvas
    left = phone.evaluate("() => { const c = Chart.getChart('chart-items'); return c.scales.y.left; }")
    assert left >= 0
