import datetime as dt
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation import evidence as evidence_module
from thidua.participation.models import Activity, Evidence

from ..factories import SIGNED_PLAN
from .helpers import activity, household, jpeg_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def files_in(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs] if os.path.exists(root) else []


def form_data(world, **extra):
    data = {"kind": "visit_gift", "title": "Trao quà Tết cho hộ nghèo", "held_on": "20/01/2025",
            "units": [world.transport.pk], "cash_value": "1.000.000 đ", "in_kind_value": "500 000",
            "agency": world.agency.pk}
    data.update(extra)
    return data


def test_unit_head_records_an_activity_with_photos_and_a_pdf(world, client, settings):
    hh = household(world)
    item = content_item(world)
    world.login(client, "truongphong")
    response = client.post(reverse("participation:activity_add"), form_data(
        world, households=[hh.pk], content_items=[item.pk], people=[world.people["canbo"].pk],
        evidence=[SimpleUploadedFile("anh1.jpg", jpeg_bytes()), SimpleUploadedFile("bb.pdf", pdf_bytes())],
    ))
    created = Activity.objects.get()
    assert response.status_code == 302
    assert (created.cash_value, created.in_kind_value) == (1_000_000, 500_000)
    assert list(created.households.all()) == [hh]
    assert sorted(e.kind for e in created.evidence.all()) == ["pdf", "photo"]
    photo = created.evidence.get(kind="photo")
    assert photo.thumbnail and photo.file.name.endswith(".jpg")
    assert AuditEvent.objects.filter(target_type="participation.activity", target_id=str(created.pk)).count() == 2
    page = client.get(reverse("participation:activity", args=[created.pk]))
    assert "Trao quà Tết cho hộ nghèo" in page.content.decode()
    thumb = client.get(reverse("participation:evidence_file", args=[photo.pk]) + "?nho=1")
    assert thumb["Content-Type"] == "image/jpeg"


def content_item(world):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn", name="Vì người nghèo",
                                                 start_year=2021, end_year=2025)
    item = PlanItem.objects.create(movement=movement, kind="content", label="a", text="Hỗ trợ hộ nghèo")
    movement_services.move_movement(movement, "launched", actor=None)  # the form offers launched movements only
    return item


def test_a_fake_jpg_refuses_the_whole_activity_and_writes_no_file(world, client, settings):
    world.login(client, "vanphong")
    response = client.post(reverse("participation:activity_add"), form_data(
        world, evidence=[SimpleUploadedFile("anh.jpg", jpeg_bytes()),
                         SimpleUploadedFile("virus.jpg", b"MZ\x90\x00" + b"\x00" * 200)]))
    assert response.status_code == 200
    assert "virus.jpg" in response.content.decode()
    assert not Activity.objects.exists() and not Evidence.objects.exists()
    assert files_in(settings) == []


def test_a_photo_over_10_mb_is_refused_with_the_limit(world, client, settings):
    world.login(client, "vanphong")
    big = SimpleUploadedFile("lon.jpg", jpeg_bytes() + b"\x00" * (10 * 1024 * 1024 + 10))
    response = client.post(reverse("participation:activity_add"), form_data(world, evidence=[big]))
    assert "giới hạn là 10 MB mỗi tệp" in response.content.decode()
    assert not Activity.objects.exists()
    assert files_in(settings) == []


def test_a_failure_while_storing_evidence_leaves_no_activity_and_no_file(world, client, settings, monkeypatch):
    calls = []
    real = evidence_module.make_thumbnail

    def failing(data):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("đĩa đầy")
        return real(data)

    monkeypatch.setattr(evidence_module, "make_thumbnail", failing)
    world.login(client, "vanphong")
    client.raise_request_exception = False
    response = client.post(reverse("participation:activity_add"), form_data(
        world, evidence=[SimpleUploadedFile("a.jpg", jpeg_bytes()), SimpleUploadedFile("b.jpg", jpeg_bytes())]))
    assert response.status_code == 500
    assert not Activity.objects.exists() and not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(target_type="participation.activity").exists()
    assert files_in(settings) == []


@pytest.mark.parametrize("field, value, message", [
    ("cash_value", "-5.000", "âm"), ("in_kind_value", "1.000,5", "phần lẻ"), ("cash_value", "abc", "số tiền"),
    ("held_on", (dt.date.today() + dt.timedelta(days=2)).strftime("%d/%m/%Y"), "tương lai"),
])
def test_bad_values_are_refused_with_a_message(world, client, field, value, message):
    world.login(client, "vanphong")
    response = client.post(reverse("participation:activity_add"), form_data(world, **{field: value}))
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_unit_head_cannot_name_another_unit_as_organiser(world, client):
    world.login(client, "truongphong")
    response = client.post(reverse("participation:activity_add"), form_data(world, units=[world.planning.pk]))
    assert response.status_code == 200
    assert not Activity.objects.exists()


# --- scoping -----------------------------------------------------------------------------------------------------


def test_each_role_sees_the_activities_it_should(world, client):
    own = activity(world, "Của phòng vận tải", people=[world.people["canbo"]])
    planning = activity(world, "Của phòng kế hoạch", units=[world.planning])
    other = activity(world, "Của Sở Y tế", units=[world.other_unit], agency=world.other_agency)
    expected = {
        "vanphong": {own, planning}, "congdoan": {own, planning}, "giamdoc": {own, planning},
        "truongphong": {own}, "canbo": {own}, "vanphong_khac": {other}, "tinh": {own, planning, other},
        "admin": {own, planning, other},
    }
    for role, wanted in expected.items():
        world.login(client, role)
        page = client.get(reverse("participation:activities")).content.decode()
        for act in (own, planning, other):
            assert (act.title in page) == (act in wanted), (role, act.title)


def test_other_agencys_activity_is_404_and_anonymous_is_redirected(world, client):
    act = activity(world)
    world.login(client, "vanphong_khac")
    assert client.get(reverse("participation:activity", args=[act.pk])).status_code == 404
    assert client.get(reverse("participation:activity_edit", args=[act.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("participation:activity", args=[act.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_staff_member_cannot_record_or_edit(world, client):
    act = activity(world, people=[world.people["canbo"]])
    world.login(client, "canbo")
    assert client.get(reverse("participation:activity", args=[act.pk])).status_code == 200
    assert client.get(reverse("participation:activity_add")).status_code == 403
    assert client.get(reverse("participation:activity_edit", args=[act.pk])).status_code == 403


def test_evidence_of_another_agency_is_404(world, client):
    checked = [evidence_module.check_upload(SimpleUploadedFile("a.jpg", jpeg_bytes()))]
    act = activity(world, checked_files=checked)
    world.login(client, "vanphong_khac")
    assert client.get(reverse("participation:evidence_file", args=[act.evidence.get().pk])).status_code == 404


# --- lists and export ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["participation:activities", "participation:households"])
def test_list_pages_run_the_same_queries_for_one_or_many_rows(world, client, django_assert_num_queries, url_name):
    world.login(client, "vanphong")
    hh = household(world, "Hộ Đầu Tiên")
    activity(world, households=[hh], people=[world.people["canbo"]])
    client.get(reverse(url_name))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse(url_name))
    for i in range(12):
        h = household(world, f"Hộ Số {i}", commune="Xã Lý Bôn")
        activity(world, f"Hoạt động {i}", households=[h, hh], units=[world.transport, world.planning])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse(url_name))
    assert "Hộ Số 11" in response.content.decode() or "Hoạt động 11" in response.content.decode()


def test_filters_by_household_commune_unit_and_content_item(world, client):
    hh = household(world)
    item = content_item(world)
    a = activity(world, "Hỗ trợ bò giống", households=[hh], units=[world.transport_team])
    a.content_items.set([item])
    activity(world, "Họp dân thôn Nà Lũng", units=[world.planning])
    world.login(client, "vanphong")
    for query in (f"household={hh.pk}", f"unit={world.transport.pk}", f"item={item.pk}", "kind=visit_gift&q=bo giong"):
        page = client.get(reverse("participation:activities") + "?" + query).content.decode()
        assert "Hỗ trợ bò giống" in page and "Họp dân thôn Nà Lũng" not in page, query


def test_xlsx_export_lists_the_filtered_activities_with_their_values(world, client):
    hh = household(world)
    activity(world, "Trao quà", households=[hh], cash_value=1_000_000, in_kind_value=250_000)
    activity(world, "Của Sở Y tế", units=[world.other_unit], agency=world.other_agency)
    world.login(client, "vanphong")
    response = client.get(reverse("participation:activities_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Không lọc"
    assert rows[1][:4] == ("STT", "Ngày", "Hình thức", "Tên hoạt động")
    assert len(rows) == 4  # filters line, header, one activity, total
    row = dict(zip(rows[1], rows[2], strict=True))
    assert row["Tên hoạt động"] == "Trao quà"
    assert (row["Tiền mặt (đồng)"], row["Hiện vật (đồng)"], row["Tổng giá trị (đồng)"]) == (1_000_000, 250_000, 1_250_000)
    assert row["Số hộ được hỗ trợ"] == 1
    assert row["Đơn vị tổ chức"] == world.transport.name


def test_a_reader_of_several_agencies_picks_an_agency_before_its_units_and_content_items(world, client):
    from thidua.movements import services as movement_services
    from thidua.movements.models import PlanItem

    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn-loc", start_year=2024,
                                                 end_year=2026, name="Phong trào Vì người nghèo")
    item = PlanItem.objects.create(movement=movement, kind="content", label="b", text="Hỗ trợ sinh kế hộ nghèo")
    url = reverse("participation:activities")
    world.login(client, "admin")
    page = client.get(url).content.decode()
    assert f'<option value="{world.agency.pk}">' in page and f'<option value="{world.other_agency.pk}">' in page
    assert f'value="{world.transport.pk}"' not in page  # a unit shows once its agency is chosen
    assert "Hỗ trợ sinh kế hộ nghèo" not in page and "chọn cơ quan để chọn nội dung" in page
    page = client.get(url + f"?unit={world.agency.pk}").content.decode()
    assert f'value="{world.transport.pk}"' in page and "Hỗ trợ sinh kế hộ nghèo" in page
    assert client.get(url + f"?item={item.pk}").status_code == 200  # a link to one item keeps it selectable
    assert f'value="{item.pk}" selected' in client.get(url + f"?item={item.pk}").content.decode()
    world.login(client, "vanphong")  # one agency: its units and items straight away
    page = client.get(url).content.decode()
    assert f'value="{world.transport.pk}"' in page and "Hỗ trợ sinh kế hộ nghèo" in page


def test_xlsx_export_writes_formula_like_titles_as_text(world, client):
    activity(world, "=1+1")
    activity(world, "-cmd|' /C calc'!A0")
    world.login(client, "vanphong")
    content = b"".join(client.get(reverse("participation:activities_export")).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    titles = [row[3] for row in sheet.iter_rows(min_row=3, max_row=4)]
    assert sorted(c.value for c in titles) == ["-cmd|' /C calc'!A0", "=1+1"]
    assert {c.data_type for c in titles} == {"s"}
