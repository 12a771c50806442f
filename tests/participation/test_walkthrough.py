"""Defects found walking through the demo: the content items on the activity form, activities under a closed
movement, impossible grades, the duplicate-household message, Django's default wording and look-alike
households in the pickers, and the demo's classification dates."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation import services
from thidua.participation.demo import load_participation_demo
from thidua.participation.models import Activity, Household, HouseholdStatus, Student

from ..factories import SIGNED_PLAN
from .helpers import household

pytestmark = pytest.mark.django_db
ITEM = "Tham gia hỗ trợ hộ nghèo, hộ cận nghèo trên địa bàn"


def phases(world):
    """The same plan in two phases: 2021–2025 (closed) and 2026–2030 (launched), with identical item texts."""
    made = []
    for code, start, end in (("vnn-2021", 2021, 2025), ("vnn-2026", 2026, 2030)):
        movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code=code,
                                                     name="Cả nước chung tay vì người nghèo", start_year=start,
                                                     end_year=end)
        item = PlanItem.objects.create(movement=movement, kind="content", label="a", text=ITEM)
        movement_services.move_movement(movement, "launched", actor=None)
        made.append((movement, item))
    return made


def close(movement):
    movement_services.move_movement(movement, "closed", actor=None)


def activity_post(world, **extra):
    data = {"kind": "visit_gift", "title": "Thăm hộ nghèo", "held_on": "20/11/2026", "units": [world.transport.pk],
            "cash_value": "500.000", "in_kind_value": "", "agency": world.agency.pk}
    data.update(extra)
    return data


# 1. the content items on the activity form -----------------------------------------------------------------


def test_content_items_are_full_width_checkboxes_marked_with_their_movements_period(world, client):
    (old, old_item), (new, new_item) = phases(world)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activity_add")).content.decode()
    # no "form-check-input" box around the whole list (it squeezed it into a 13 px column)
    assert 'class="form-check-input" id="id_content_items"' not in html
    assert '<div class="content-items" id="id_content_items">' in html
    box = re.search(rf'<input [^>]*value="{new_item.pk}" id="(id_content_items_\d+)"', html).group(1)
    label = re.search(rf'<label class="form-check-label" for="{box}">(.*?)</label>', html).group(1)
    assert "2026–2030" in label and f"a) {ITEM}" in label
    assert "Cả nước chung tay vì người nghèo <span class=\"text-muted\">(2026–2030)</span>" in html


def test_activity_filter_tells_the_two_phases_apart(world, client):
    (old, old_item), (new, new_item) = phases(world)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activities")).content.decode()
    assert f'<option value="{new_item.pk}">2026–2030 · a) {ITEM}</option>' in html
    assert f'<option value="{old_item.pk}">2021–2025 · a) {ITEM}</option>' in html
    assert html.index("2026–2030 · a)") < html.index("2021–2025 · a)")  # newest phase first, grouped
    assert '<optgroup label="Cả nước chung tay vì người nghèo (2026–2030)">' in html


# 2. activities under a closed movement or outside its years ------------------------------------------------------


def test_the_form_offers_only_launched_movements_and_a_forged_closed_item_is_refused(world, client):
    (old, old_item), (new, new_item) = phases(world)
    close(old)
    world.login(client, "vanphong")
    html = client.get(reverse("participation:activity_add")).content.decode()
    assert f'value="{new_item.pk}"' in html and f'value="{old_item.pk}"' not in html
    response = client.post(reverse("participation:activity_add"),
                           activity_post(world, content_items=[old_item.pk], held_on="20/11/2025"))
    assert "Nội dung đã chọn không thuộc phong trào đang phát động của cơ quan." in response.content.decode()
    assert not Activity.objects.exists()


def test_the_service_refuses_a_closed_movement_and_a_date_outside_its_years(world):
    (old, old_item), (new, new_item) = phases(world)
    links = {"units": [world.transport], "content_items": [old_item]}
    fields = dict(kind="visit_gift", title="Thăm hộ nghèo", cash_value=0, in_kind_value=0, commune_code=None,
                  commune_name="", description="")
    with pytest.raises(Exception) as exc:  # dated 20/11/2026 under item a) of 2021–2025
        services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2026, 11, 20),
                                 **fields)
    assert exc.value.message_dict["content_items"] == [
        "Ngày thực hiện 20/11/2026 nằm ngoài thời gian của phong trào “Cả nước chung tay vì người nghèo” "
        f"(2021–2025): không gắn được nội dung “a) {ITEM}”."]
    kept = services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2025, 11, 20),
                                    **fields)
    close(old)
    with pytest.raises(Exception) as exc:
        services.record_activity(agency=world.agency, actor=None, links=links, held_on=dt.date(2025, 11, 21),
                                 **fields)
    assert exc.value.message_dict["content_items"] == [
        f"Không gắn được nội dung “a) {ITEM}”: phong trào “Cả nước chung tay vì người nghèo” (2021–2025) đã kết thúc."]
    # an activity linked before the movement closed keeps its link when edited
    services.update_activity(kept, actor=None, links=links, title="Thăm hộ nghèo dịp Tết")
    assert list(kept.content_items.all()) == [old_item]
    assert Activity.objects.count() == 1


def test_editing_an_activity_keeps_its_closed_movements_item_visible_and_checked(world, client):
    (old, old_item), (new, new_item) = phases(world)
    act = services.record_activity(
        agency=world.agency, actor=None, links={"units": [world.transport], "content_items": [old_item]},
        kind="visit_gift", title="Thăm hộ nghèo", held_on=dt.date(2025, 11, 20), cash_value=0, in_kind_value=0,
        commune_code=None, commune_name="", description="")
    close(old)
    world.login(client, "vanphong")
    url = reverse("participation:activity_edit", args=[act.pk])
    html = client.get(url).content.decode()
    assert re.search(rf'value="{old_item.pk}" id="id_content_items_\d+" checked', html)
    assert "(2021–2025, đã kết thúc)" in html
    response = client.post(url, activity_post(world, held_on="20/11/2025", content_items=[old_item.pk],
                                              title="Thăm hộ nghèo xã Quảng Lâm"))
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.title == "Thăm hộ nghèo xã Quảng Lâm" and list(act.content_items.all()) == [old_item]


# 3. grades ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("school, grade, message", [
    ("Trường THCS Thông Nông", "99", "Lớp phải từ 1 đến 12"),
    ("Trường THCS Thông Nông", "abc", "Lớp phải từ 1 đến 12"),
    ("Trường Tiểu học Lý Bôn", "7", "Trường “Trường Tiểu học Lý Bôn” chỉ có lớp 1 đến 5; lớp 7 không hợp lệ."),
    ("Truong tieu hoc Ly Bon", "6A", "chỉ có lớp 1 đến 5"),
    ("Trường PTDTBT THCS Quảng Lâm", "5", "chỉ có lớp 6 đến 9"),
    ("Trường Trung học cơ sở Hạ Lang", "10", "chỉ có lớp 6 đến 9"),
    ("Trường THPT Bảo Lâm", "9", "chỉ có lớp 10 đến 12"),
    ("Trường Trung học phổ thông Bảo Lâm", "1", "chỉ có lớp 10 đến 12"),
])
def test_a_grade_the_school_does_not_teach_is_refused(world, client, school, grade, message):
    world.login(client, "vanphong")
    response = client.post(reverse("participation:student_add"), {
        "full_name": "Lò Thị Mai", "school": school, "grade": grade, "agency": world.agency.pk})
    assert message in response.content.decode()
    assert not Student.objects.exists()
    with pytest.raises(Exception) as exc:
        services.create_student(agency=world.agency, actor=None, full_name="Lò Thị Mai", school=school, grade=grade)
    assert message in exc.value.message_dict["grade"][0]


@pytest.mark.parametrize("school, grade", [
    ("Trường Tiểu học Lý Bôn", "5"), ("Trường THCS Thông Nông", "8A"), ("Trường THPT Bảo Lâm", "Lớp 12"),
    ("Trường TH và THCS Nam Quang", "3"), ("Trường THCS và THPT Bảo Lạc", "11A1"), ("Trường PTDTNT tỉnh", "12"),
])
def test_grades_a_school_teaches_are_accepted(world, school, grade):
    assert services.grade_error(school, grade) is None


# 4. the duplicate household -----------------------------------------------------------------------------------------


def test_a_duplicate_household_is_named_as_stored_with_a_link_to_it(world, client):
    existing = household(world, "Hoàng Văn Thu", "Xã Quảng Lâm")
    world.login(client, "vanphong")
    response = client.post(reverse("participation:household_add"), {
        "head_name": "hoang van thu", "members": 3, "commune": existing.commune_code, "agency": world.agency.pk})
    html = response.content.decode()
    link = reverse("participation:household", args=[existing.pk])
    assert f'Đã có hộ <a href="{link}">Hoàng Văn Thu</a> ở Xã Quảng Lâm.' in html
    assert "hoang van thu ở" not in html
    assert Household.objects.count() == 1


def test_the_link_in_the_duplicate_message_is_escaped(world, client):
    existing = household(world, "Hoàng <b>Thu</b>", "Xã Quảng Lâm")
    world.login(client, "vanphong")
    html = client.post(reverse("participation:household_add"), {
        "head_name": "hoàng <b>thu</b>", "members": 3, "commune": existing.commune_code,
        "agency": world.agency.pk}).content.decode()
    assert "Hoàng &lt;b&gt;Thu&lt;/b&gt;</a>" in html and "<b>Thu</b>" not in html


# 5. Django's default wording ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("members, message", [
    ("-3", "Số nhân khẩu phải từ 1 người trở lên."), ("0", "Số nhân khẩu phải từ 1 người trở lên."),
    ("51", "Số nhân khẩu tối đa 50 người; hãy kiểm tra lại."), ("ba", "Số nhân khẩu phải là một số nguyên, ví dụ 5."),
])
def test_household_form_speaks_the_house_style(world, client, members, message):
    world.login(client, "vanphong")
    html = client.post(reverse("participation:household_add"), {
        "head_name": "Lò Văn Pó", "members": members, "commune": "00004", "ethnicity": "martian",
        "agency": world.agency.pk}).content.decode()
    assert message in html
    assert "Xã, phường không có trong danh sách của tỉnh Cao Bằng." in html
    assert "Dân tộc đã chọn không có trong danh sách." in html
    assert "Đảm bảo" not in html and "Hãy chọn một lựa chọn hợp lệ" not in html
    assert not Household.objects.exists()


def test_activity_status_and_student_forms_do_not_leak_djangos_wording(world, client):
    hh = household(world)
    world.login(client, "vanphong")
    html = client.post(reverse("participation:activity_add"), activity_post(
        world, kind="bribe", held_on="31/02/2025", units=["999999"], people=["x"], households=["999999"],
        students=["999999"], content_items=["999999"], commune="00004")).content.decode()
    for message in ("Hình thức đã chọn không có trong danh sách.",
                    "Ngày không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/10/2023.",
                    "Đơn vị đã chọn không thuộc phạm vi bạn được ghi.",
                    "Người đã chọn không thuộc phạm vi bạn được ghi.",
                    "Hộ đã chọn không có trong danh sách hộ của cơ quan.",
                    "Học sinh đã chọn không có trong danh sách học sinh của cơ quan.",
                    "Nội dung đã chọn không thuộc phong trào đang phát động của cơ quan.",
                    "Xã, phường không có trong danh sách của tỉnh Cao Bằng."):
        assert message in html
    html += client.post(reverse("participation:household_classify", args=[hh.pk]), {
        "year": "1990", "category": "rich", "classified_by": "UBND", "classified_on": "hôm qua"}).content.decode()
    assert "Hãy chọn năm trong danh sách." in html and "Phân loại không hợp lệ" in html
    html += client.post(reverse("participation:student_add"), {
        "full_name": "Lò Thị Mai", "school": "Trường THCS Thông Nông", "grade": "7", "household": "999999",
        "agency": world.agency.pk}).content.decode()
    assert "Hộ đã chọn không có trong danh sách hộ của cơ quan." in html
    for leak in ("Hãy chọn một lựa chọn hợp lệ", "Đảm bảo", "Nhập một ngày hợp lệ", "không phải là giá trị hợp lệ"):
        assert leak not in html


# 6. look-alike households ------------------------------------------------------------------------------------------


def test_household_pickers_tell_households_of_the_same_name_apart(world, client):
    a = household(world, "Nông Văn Páo", "Xã Quảng Lâm", village="Nà Lũng")
    b = household(world, "Nông Văn Páo", "Xã Nam Quang", village="Pác Bó")
    world.login(client, "vanphong")
    html = client.get(reverse("participation:student_add")).content.decode()
    assert f'<option value="{a.pk}">Nông Văn Páo — Nà Lũng, Xã Quảng Lâm</option>' in html
    assert f'<option value="{b.pk}">Nông Văn Páo — Pác Bó, Xã Nam Quang</option>' in html
    picked = client.get(reverse("participation:pick"), {"kind": "households", "q": "nong van pao",
                                                        "agency": world.agency.pk}).content.decode()
    assert "Nông Văn Páo — Nà Lũng, Xã Quảng Lâm" in picked and "Nông Văn Páo — Pác Bó, Xã Nam Quang" in picked


# 7. the demo's classification dates and students ---------------------------------------------------------------------


def test_demo_classifications_are_decided_at_the_end_of_the_year_before_and_grades_fit_schools(world):
    (movement, _item), _new = phases(world)
    for label in "bcd":
        PlanItem.objects.create(movement=movement, kind="content", label=label, text=f"Nội dung {label}")
    assert load_participation_demo(world.agency, movement, out=lambda *a: None)
    statuses = list(HouseholdStatus.objects.order_by("household_id", "year"))
    assert statuses
    for status in statuses:
        assert dt.date(status.year - 1, 11, 1) <= status.classified_on <= dt.date(status.year - 1, 12, 31)
    for before, after in zip(statuses, statuses[1:], strict=False):
        if before.household_id == after.household_id:
            assert before.classified_on < after.classified_on
    for student in Student.objects.all():
        assert services.grade_error(student.school, student.grade) is None, (student.school, student.grade)
    assert Activity.objects.filter(content_items__movement=movement).exists()


def test_the_service_refuses_an_item_of_a_movement_not_yet_launched(world):
    draft = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn-du-thao",
                                              name="Phong trào dự thảo", start_year=2026, end_year=2030)
    item = PlanItem.objects.create(movement=draft, kind="content", label="a", text=ITEM)
    with pytest.raises(Exception) as exc:
        services.record_activity(agency=world.agency, actor=None,
                                 links={"units": [world.transport], "content_items": [item]},
                                 held_on=dt.date(2026, 3, 1), kind="visit_gift", title="Thăm hộ nghèo", cash_value=0,
                                 in_kind_value=0, commune_code=None, commune_name="", description="")
    assert exc.value.message_dict["content_items"] == [
        f"Không gắn được nội dung “a) {ITEM}”: phong trào “Phong trào dự thảo” (2026–2030) chưa được phát động."]
    assert not Activity.objects.exists()
