"""The new nomination's form shows only the field of the chosen recipient kind (person, unit, or unit and
household), from static/thidua/app.js; the choice still reaches the server, which decides."""

import pytest
from django.urls import reverse

from thidua.awards.models import Nomination
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.factories import make_round
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON, UNIT, HOUSEHOLD = ("Cá nhân (khi đề nghị cho cá nhân)",
                           "Đơn vị (tập thể được đề nghị, hoặc đơn vị đề nghị cho hộ gia đình)",
                           "Hộ gia đình (khi đề nghị cho hộ)")


def shown(page) -> list[str]:
    return [label for label in (PERSON, UNIT, HOUSEHOLD) if page.get_by_label(label).is_visible()]


def test_only_the_field_of_the_chosen_recipient_kind_is_shown(world, live_server, page):
    seed_catalog()
    seed_law()
    review_round = make_round(world.agency)
    base = live_server.url
    login(page, base, "truongphong")
    page.goto(base + reverse("awards:nomination_new", args=[review_round.pk]))
    assert shown(page) == [PERSON]
    page.get_by_label("Đối tượng").select_option(label="Tập thể")
    assert shown(page) == [UNIT]
    page.get_by_label("Đối tượng").select_option(label="Hộ gia đình")
    assert shown(page) == [UNIT, HOUSEHOLD]
    page.get_by_label("Đối tượng").select_option(label="Tập thể")
    page.get_by_label(UNIT).select_option(label=world.transport.name)
    page.get_by_label("Hình thức, danh hiệu đề nghị").select_option(label="Tập thể lao động tiên tiến")
    page.get_by_label("Thành tích (có số liệu cụ thể)").fill("Hoàn thành xuất sắc nhiệm vụ năm.")
    page.get_by_role("button", name="Lưu").click()
    page.locator("#nomination-status").wait_for()
    nomination = Nomination.objects.get()
    assert nomination.recipient == "collective" and nomination.unit == world.transport
