"""The access-rule guard: every URL declares who may use it, and each role gets what the rule says."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from thidua.core import jobs
from thidua.core.access import PUBLIC, rule_allows
from thidua.core.models import Notification
from thidua.fund import services as fund_services
from thidua.movements import services
from thidua.movements.models import Milestone, MovementDocument, PlanImport, PlanItem
from thidua.org.models import RoleGrant, StaffImport
from thidua.participation import services as participation_services
from thidua.participation.evidence import check_upload
from thidua.participation.models import Evidence, HouseholdImport
from thidua.participation.registrations.models import Registration

from .conftest import ROLE_USERS
from .factories import SIGNED_PLAN
from .participation.helpers import activity, household, jpeg_bytes


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


ALL_URLS = list(walk(get_resolver().url_patterns))


def test_every_url_declares_an_access_rule():
    missing = [name for name, pattern in ALL_URLS if not hasattr(pattern.callback, "access_rule")]
    assert not missing, f"URL không khai báo quy tắc truy cập: {missing}"


def sample_kwargs(world) -> dict:
    grant = RoleGrant.objects.filter(user=world.users["canbo"]).first()
    staff_import = StaffImport.objects.create(
        agency=world.agency, filename="mau.csv", content=b"", created_by=world.users["vanphong"], status="invalid"
    )
    job = jobs.Job.objects.create(kind="test", title="Việc thử", created_by=world.users["vanphong"])
    movement = services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="mau", name="Phong trào mẫu",
                                        start_year=2021, end_year=2025)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Nội dung")
    milestone = services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023")
    movement = services.move_movement(movement, "launched", actor=None)
    document = MovementDocument.objects.create(movement=movement, title="Kế hoạch", uploaded_by=world.users["vanphong"],
                                               file=ContentFile(b"%PDF-1.4 mau", name="ke-hoach.pdf"))
    plan_import = PlanImport.objects.create(agency=world.agency, filename="kh.txt", text="KẾ HOẠCH",
                                            created_by=world.users["vanphong"])
    registration = Registration.objects.create(movement=movement, year=2025, unit=world.transport)
    hh = household(world)  # in world.agency
    student = participation_services.create_student(agency=world.agency, actor=None, full_name="Lý Thị Hoa",
                                                    school="Trường THCS Quảng Lâm", grade="7", household=hh, note="")
    act = activity(world, households=[hh], checked_files=[check_upload(ContentFile(jpeg_bytes(), name="anh.jpg"))])
    hh_import = HouseholdImport.objects.create(agency=world.agency, filename="ho.xlsx", content=b"",
                                               created_by=world.users["vanphong"], status="invalid")
    fund_campaign = fund_services.create_campaign(
        actor=None, agency=world.agency, name="Tháng cao điểm Vì người nghèo 2023",
        start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    fund_entry = fund_services.record_contribution(
        fund_campaign, actor=None, person=world.people["canbo"], amount=500_000,
        entry_date=dt.date(2023, 10, 20), method="cash")
    return {
        "campaign_id": fund_campaign.pk,
        "entry_id": fund_entry.pk,
        "household_id": hh.pk,
        "member_id": participation_services.add_member(hh, actor=None, full_name="Lý Văn Sình", relation="child").pk,
        "student_id": student.pk,
        "activity_id": act.pk,
        "evidence_id": Evidence.objects.get(activity=act).pk,
        "hh_import_id": hh_import.pk,
        "registration_id": registration.pk,
        "pk": movement.pk,
        "kind": "milestone",
        "part_id": milestone.pk,
        "doc_id": document.pk,
        "code": movement.code,
        "plan_import_id": plan_import.pk,
        "fmt": "docx",
        "unit_id": world.transport.pk,
        "person_id": world.people["canbo"].pk,
        "grant_id": grant.pk,
        "import_id": staff_import.pk,
        "job_id": job.pk,
        "notification_id": Notification.objects.create(user=world.users["canbo"], text="Thông báo thử",
                                                       url="/").pk,
        "uidb64": "MQ",
        "token": "khong-hop-le",
    }


def url_for(name: str, pattern: URLPattern, samples: dict) -> str:
    kwargs = {key: samples[key] for key in pattern.pattern.regex.groupindex}
    return reverse(name, kwargs=kwargs)


def fetch(client: Client, url: str):
    """GET, or POST for POST-only views; each request rolled back so roles do not disturb each other."""
    with transaction.atomic():
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_except_on_public_pages(world):
    samples = sample_kwargs(world)
    client = Client()
    for name, pattern in ALL_URLS:
        response = fetch(client, url_for(name, pattern, samples))
        if pattern.callback.access_rule == PUBLIC:
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
def test_each_role_gets_what_the_rule_declares(world, role):
    samples = sample_kwargs(world)
    client = Client()
    client.force_login(world.users[role])
    for name, pattern in ALL_URLS:
        if name in {"logout"}:
            continue
        rule = pattern.callback.access_rule
        response = fetch(client, url_for(name, pattern, samples))
        if rule_allows(rule, world.users[role]):
            assert response.status_code in (200, 204, 302, 404), f"{role} {name} {response.status_code}"
            if role in {"admin", "vanphong"}:
                assert response.status_code != 404, f"{role} should see the sample object on {name}"
        else:
            assert response.status_code == 403, f"{role} {name} {response.status_code}"
