import pytest
from django.core.management import call_command

from thidua.movements.models import Movement
from thidua.org.models import OrgUnit


@pytest.mark.django_db
def test_demo_command_loads_everything_once_and_prints_the_accounts(capsys, django_capture_on_commit_callbacks,
                                                                    monkeypatch):
    from thidua.awards import demo as awards_demo

    awards_calls = []
    real_awards_demo = awards_demo.load_awards_demo
    monkeypatch.setattr(awards_demo, "load_awards_demo",
                        lambda agency, movement, out=print, current=None: awards_calls.append(
                            (agency.name, movement.code, current.code if current else None))
                        or real_awards_demo(agency, movement, out=out, current=current))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    for account in ("admin", "vanphong", "giamdoc", "hoidong", "truongphong", "canbo", "congdoan", "tinh"):
        assert f"  {account} " in out
    assert "thidua-demo" in out
    assert Movement.objects.filter(code="vi-nguoi-ngheo-2021-2025", status="closed").exists()
    assert Movement.objects.filter(code="vi-nguoi-ngheo-2026-2030", status="draft").exists()
    assert Movement.objects.filter(kind="regular", status="launched", start_year=2026).count() == 4
    from thidua.participation.registrations.models import Registration

    assert set(Registration.objects.values_list("status", flat=True)) == {"approved", "submitted", "returned"}
    # the units registered under plan 2679 every year it ran, approved: a nomination under it can rest on them
    plan = Movement.objects.get(code="vi-nguoi-ngheo-2021-2025")
    for year in (2022, 2023, 2024, 2025):
        assert set(Registration.objects.filter(movement=plan, year=year).values_list("status", flat=True)) == {
            "approved"}
    from thidua.org.models import Person
    from thidua.participation.registrations.services import is_registered

    staff = Person.objects.filter(unit__agency=plan.agency, is_active=True)
    assert sum(is_registered(p, plan, 2024) for p in staff[:40]) > 20
    from thidua.core.models import Notification  # those old approvals are not "new" notices

    assert not Notification.objects.filter(read_at__isnull=True, text__contains="năm 2024").exists()
    assert Notification.objects.filter(read_at__isnull=True, text__contains="năm 2026").exists()
    from thidua.fund.models import Campaign
    from thidua.fund.services import mismatches
    from thidua.participation.models import Activity, Household

    campaigns = list(Campaign.objects.all())
    assert len(campaigns) == 5 and not any(mismatches(c) for c in campaigns)
    # the 2026 campaign is open, with work left for the union officer; those of 2022–2025 are closed
    assert [c.start_date.year for c in campaigns if c.status == "open"] == [2026]
    assert Campaign.objects.get(status="open").movement.code.startswith("thuong-xuyen-2026-")
    assert Household.objects.count() > 50 and Activity.objects.count() > 100
    # the commendation demo runs on plan 2679 after everything its units did under it
    agency_id = OrgUnit.objects.get(name="Sở Giao thông vận tải tỉnh Cao Bằng").pk
    assert awards_calls == [("Sở Giao thông vận tải tỉnh Cao Bằng", "vi-nguoi-ngheo-2021-2025",
                             f"thuong-xuyen-2026-{agency_id}")]
    count = Movement.objects.count()
    call_command("demo", "--no-serve")
    assert "Dữ liệu mẫu đã có sẵn" in capsys.readouterr().out
    assert Movement.objects.count() == count
    walk_the_demo()


def walk_the_demo():
    """Every demo account opens its menu and the main pages over the demo's own data without an error."""
    from django.test import Client
    from django.urls import reverse

    from thidua.fund.models import Campaign
    from thidua.org.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from thidua.participation.models import Activity, Household
    from thidua.participation.registrations.models import Registration
    from thidua.site.context_processors import shell

    plan = Movement.objects.get(code="vi-nguoi-ngheo-2021-2025")
    pages = [reverse("movements:detail", args=[plan.pk]), reverse("registrations:index"),
             reverse("registrations:overview", args=[plan.pk]) + "?year=2024",
             reverse("registrations:edit", args=[Registration.objects.filter(movement=plan).first().pk]),
             reverse("participation:household", args=[Household.objects.first().pk]),
             reverse("participation:activity", args=[Activity.objects.first().pk]),
             reverse("fund:detail", args=[Campaign.objects.first().pk]), reverse("audit_log")]
    for username, _description in DEMO_ACCOUNTS:
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD)
        request = client.get(reverse("home")).wsgi_request
        menu = [reverse(name) for name, _label in shell(request)["nav"]]
        for url in [reverse("home"), *menu, *pages]:
            status = client.get(url, follow=True).status_code
            assert status in (200, 403, 404) if url in pages else status == 200, f"{username} {url} {status}"
            assert status != 500
