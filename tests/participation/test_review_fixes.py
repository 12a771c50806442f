"""What a review of the participation pages found: nothing of another agency leaks through an export line or
the fund block, the import template stays Vietnamese, and old students stay editable."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from thidua.fund import services as fund_services
from thidua.participation import importing, services
from thidua.participation.models import Student

from .helpers import activity, household

pytestmark = pytest.mark.django_db


def first_line(response) -> str:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book.active.cell(row=1, column=1).value


def test_the_export_names_only_a_household_the_user_may_see(world, client):
    mine = household(world, name="Nông Văn Páo")
    theirs = household(world, name="Hoàng Thị Bí Mật", agency=world.other_agency)
    world.login(client, "vanphong")
    url = reverse("participation:activities_export")
    assert "hộ Nông Văn Páo" in first_line(client.get(url + f"?household={mine.pk}"))
    assert "Bí Mật" not in first_line(client.get(url + f"?household={theirs.pk}"))


def test_the_import_template_lists_vietnamese_values_even_in_english():
    with translation.override("en"):
        book = openpyxl.load_workbook(io.BytesIO(importing.template_workbook(None)))
    values = {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Hộ nghèo" in values and "Mông" in values
    assert "Poor households" not in values and "Hmong" not in values


def test_a_student_recorded_before_the_grade_check_can_still_get_a_note(world):
    student = services.create_student(agency=world.agency, actor=None, full_name="Lý Thị Hoa",
                                      school="Trường THCS Quảng Lâm", grade="7", household=None, note="")
    Student.objects.filter(pk=student.pk).update(grade="Mầm non")  # as an older record may hold
    student.refresh_from_db()
    services.update_student(student, actor=None, note="Mồ côi cha")
    student.refresh_from_db()
    assert student.note == "Mồ côi cha"


def test_the_funded_amount_is_shown_only_to_those_who_read_the_whole_ledger(world, client):
    import datetime as dt

    supported = activity(world, title="Tặng quà hộ nghèo", held_on=dt.date(2023, 11, 10))
    campaign = fund_services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2023",
                                             start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    fund_services.record_contribution(campaign, actor=None, person=world.people["canbo"], amount=2_000_000,
                                      entry_date=dt.date(2023, 10, 20), method="cash")
    fund_services.record_outflow(campaign, "spending", actor=None, amount=1_500_000,
                                 entry_date=dt.date(2023, 11, 12), description="Tặng quà", activity=supported)
    url = reverse("participation:activity", args=[supported.pk])
    world.login(client, "vanphong")
    assert 'id="activity-funded"' in client.get(url).content.decode()
    world.login(client, "truongphong")  # sees the activity of his unit, not the agency's whole ledger
    page = client.get(url)
    assert page.status_code == 200 and 'id="activity-funded"' not in page.content.decode()


def test_list_rows_written_in_python_still_escape_what_users_typed(world, client):
    hh = household(world, name="Nông <b>Văn</b> Páo")
    activity(world, title="Tặng quà <script>x</script>", households=[hh])
    world.login(client, "vanphong")
    for url in (reverse("participation:households"), reverse("participation:activities"),
                reverse("participation:household", args=[hh.pk])):
        page = client.get(url).content.decode()
        assert "<b>Văn</b>" not in page and "<script>x</script>" not in page
    assert "Nông &lt;b&gt;Văn&lt;/b&gt; Páo" in client.get(reverse("participation:households")).content.decode()
    assert "Tặng quà &lt;script&gt;x&lt;/script&gt;" in client.get(reverse("participation:activities")).content.decode()
