"""The site's own pages: the home page's cards follow the menu of the role, and a job's page leads to the page of
the domain that shows its result, for its owner only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.org.test_importing import row, xlsx
from thidua.core.models import Job
from thidua.org.models import StaffImport

pytestmark = pytest.mark.django_db


def test_the_home_page_describes_each_menu_entry_of_the_office(world, client):
    world.login(client, "vanphong")
    page = client.get(reverse("home")).content.decode()
    assert "Các đợt vận động Quỹ “Vì người nghèo”, biên nhận, sổ quỹ." in page
    assert "Ai đã làm gì, khi nào, từ đâu: mọi thay đổi trong cơ quan." in page


def test_a_staff_members_home_page_offers_his_own_record_and_not_the_audit_log(world, client):
    world.login(client, "canbo")
    page = client.get(reverse("home")).content.decode()
    assert "Thông tin và quá trình công tác của bạn." in page
    assert "Ai đã làm gì, khi nào, từ đâu" not in page


def test_a_staff_import_job_leads_to_its_import_and_is_the_uploaders_alone(world, client):
    world.login(client, "vanphong")
    client.post(reverse("org:import_start"), {"file": SimpleUploadedFile("ds.xlsx", xlsx([row()])),
                                              "agency": world.agency.pk})
    staff_import = StaffImport.objects.get()
    response = client.get(reverse("job", args=[staff_import.check_job_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("org:import_detail", args=[staff_import.pk])
    world.login(client, "truongphong")
    assert client.get(reverse("job", args=[staff_import.check_job_id])).status_code == 404


def test_a_job_without_a_domain_page_shows_its_own_progress(world, client):
    job = Job.objects.create(kind="tests.other", title="Việc thử", created_by=world.users["vanphong"])
    world.login(client, "vanphong")
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Việc thử" in page
