"""A create form is saved once: its one-time token is consumed by the request that saves it, so the same form
sent twice (a double click, a resent request) creates one thing, and the repeat is sent where the first went."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import FormToken
from thidua.fund import services as fund_services
from thidua.fund.models import Campaign, Entry
from thidua.movements.models import Movement
from thidua.org.models import Person
from thidua.participation.models import Activity, Household, Student

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def token_of(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    found = TOKEN.findall(page.content.decode())
    assert len(found) == 1, "the form carries one token"
    return found[0]


def send_twice(client, url, data):
    data = {**data, "form_token": token_of(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    return first, second


@pytest.fixture
def campaign(world):
    return fund_services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2023",
                                         start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))


CASES = {
    "activity": ("truongphong", lambda w: reverse("participation:activity_add"), lambda w: {
        "kind": "visit_gift", "title": "Trao quà Tết", "held_on": "20/01/2025", "units": [w.transport.pk],
        "cash_value": "1.000.000", "in_kind_value": "0", "agency": w.agency.pk}, Activity.objects.all),
    "household": ("vanphong", lambda w: reverse("participation:household_add"), lambda w: {
        "head_name": "Nông Văn Páo", "members": 3, "commune": 1304, "agency": w.agency.pk}, Household.objects.all),
    "student": ("vanphong", lambda w: reverse("participation:student_add"), lambda w: {
        "full_name": "Lò Thị Mai", "school": "Trường THCS Thông Nông", "grade": "7", "agency": w.agency.pk},
        Student.objects.all),
    "person": ("vanphong", lambda w: reverse("org:person_add"), lambda w: {
        "full_name": "Lê Văn Mới", "gender": "male", "birth_date": "01/01/1990", "unit": w.office.pk,
        "employment_type": "cong_chuc"}, lambda: Person.objects.filter(full_name="Lê Văn Mới")),
    "movement": ("vanphong", lambda w: reverse("movements:create"), lambda w: {
        "code": "lao-dong-gioi-2026", "name": "Phong trào thi đua lao động giỏi", "kind": "regular",
        "start_year": 2026, "end_year": 2026, "agency": w.agency.pk}, Movement.objects.all),
    "campaign": ("vanphong", lambda w: reverse("fund:create"), lambda w: {
        "agency": w.agency.pk, "name": "Tháng cao điểm 2024", "start_date": "17/10/2024", "end_date": "18/11/2024"},
        Campaign.objects.all),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_the_same_create_form_sent_twice_creates_one(world, client, kind):
    who, url, data, rows = CASES[kind]
    world.login(client, who)
    first, second = send_twice(client, url(world), data(world))
    assert first.status_code == 302, first.content.decode()[:2000]
    assert rows().count() == 1
    assert second.redirect_chain[0][0] == first["Location"]  # sent to what the first one created
    assert "đã được gửi và ghi nhận rồi" in second.content.decode()


def test_a_contribution_sent_twice_is_one_receipt(world, client, campaign):
    world.login(client, "vanphong")
    url = reverse("fund:contribute", args=[campaign.pk])
    first, second = send_twice(client, url, {"person": world.people["canbo"].pk, "amount": "500.000",
                                             "entry_date": "20/10/2023", "method": "cash"})
    assert first.status_code == 302
    assert Entry.objects.filter(campaign=campaign).count() == 1
    assert "đã được gửi và ghi nhận rồi" in second.content.decode()


def test_a_form_sent_back_with_errors_can_be_corrected_and_sent_once(world, client):
    world.login(client, "truongphong")
    url = reverse("participation:activity_add")
    data = {"kind": "visit_gift", "title": "Trao quà", "held_on": "31/02/2025", "units": [world.transport.pk],
            "cash_value": "0", "in_kind_value": "0", "form_token": token_of(client, url)}
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Activity.objects.exists()
    assert not FormToken.objects.exists()  # released: the corrected form may be sent
    assert TOKEN.findall(refused.content.decode()) == [data["form_token"]]  # the page keeps the same token
    data["held_on"] = "28/02/2025"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Activity.objects.count() == 1


def test_each_drawing_of_a_form_has_a_new_token(world, client):
    world.login(client, "vanphong")
    url = reverse("fund:create")
    assert token_of(client, url) != token_of(client, url)


def test_a_handover_and_a_units_list_sent_twice_are_written_once(world, client, campaign):
    world.login(client, "vanphong")
    fund_services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=800_000,
                                      entry_date=dt.date(2023, 10, 20), method="cash")
    bulk = reverse("fund:bulk", args=[campaign.pk, world.transport.pk])
    first, _second = send_twice(client, bulk, {"entry_date": "21/10/2023", "method": "payroll",
                                               f"amount_{world.people['canbo2'].pk}": "300.000"})
    assert first.status_code == 302
    assert Entry.objects.filter(campaign=campaign, person=world.people["canbo2"]).count() == 1
    handover = reverse("fund:handover", args=[campaign.pk])
    first, _second = send_twice(client, handover, {"amount": "500.000", "entry_date": "18/11/2023",
                                                   "description": "Bàn giao Ủy ban MTTQ tỉnh"})
    assert first.status_code == 302
    assert Entry.objects.filter(campaign=campaign, kind="handover").count() == 1


def test_tokens_older_than_a_week_are_forgotten(world, client):
    old = FormToken.objects.create(token="cu-qua-roi")
    FormToken.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    world.login(client, "vanphong")
    url = reverse("fund:create")
    client.post(url, {"agency": world.agency.pk, "name": "Đợt 2024", "start_date": "17/10/2024",
                      "end_date": "18/11/2024", "form_token": token_of(client, url)})
    assert not FormToken.objects.filter(pk=old.pk).exists() and FormToken.objects.count() == 1
