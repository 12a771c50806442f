"""The people of a household: listed on its page under its head, never more than its number of members."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.participation.models import HouseholdMember

from .helpers import household

pytestmark = pytest.mark.django_db


def page_of(client, hh) -> str:
    return client.get(reverse("participation:household", args=[hh.pk])).content.decode()


def test_the_secretariat_lists_the_members_and_the_history_keeps_them(world, client):
    hh = household(world, members=3)
    world.login(client, "vanphong")
    add = reverse("participation:member_add", args=[hh.pk])
    response = client.post(add, {"full_name": "Lò Thị Mai", "relation": "spouse", "birth_year": "1984"})
    assert response.status_code == 302
    client.post(add, {"full_name": "Nông Văn Sình", "relation": "child", "birth_year": "2012", "note": "Học sinh"})
    page = page_of(client, hh)
    assert "Thành viên trong hộ (3/3 nhân khẩu, kể cả chủ hộ)" in page
    assert "Lò Thị Mai" in page and "Vợ/chồng" in page and "1984" in page and "Nông Văn Sình" in page
    assert "Lò Thị Mai (Vợ/chồng, 1984)" in page  # the change history names who was added
    # a fourth person exceeds the 3 members: refused with the reason, nothing saved
    response = client.post(add, {"full_name": "Nông Văn Páo", "relation": "child"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Hộ khai 3 nhân khẩu và danh sách đã đủ 3 người (kể cả chủ hộ)" in text
    assert HouseholdMember.objects.filter(household=hh).count() == 2


def test_bad_member_input_gets_vietnamese_messages_and_saves_nothing(world, client):
    hh = household(world, members=5)
    world.login(client, "vanphong")
    add = reverse("participation:member_add", args=[hh.pk])
    text = client.post(add, {"full_name": "", "relation": "cousin", "birth_year": "năm"}).content.decode()
    assert "Hãy nhập họ và tên." in text
    assert "Quan hệ đã chọn không có trong danh sách." in text
    assert "Năm sinh phải là một số, ví dụ 2012." in text
    text = client.post(add, {"full_name": "Lò Văn A", "relation": "child", "birth_year": "2099"}).content.decode()
    assert "Năm sinh phải từ 1900 đến năm nay." in text
    assert not HouseholdMember.objects.exists()


def test_the_number_of_members_cannot_drop_below_the_list(world, client):
    hh = household(world, members=3)
    world.login(client, "vanphong")
    for name in ("Lò Thị Mai", "Nông Văn Sình"):
        client.post(reverse("participation:member_add", args=[hh.pk]), {"full_name": name, "relation": "child"})
    response = client.post(reverse("participation:household_edit", args=[hh.pk]), {
        "head_name": hh.head_name, "members": "2", "commune": hh.commune_code, "village": hh.village,
        "ethnicity": hh.ethnicity, "note": ""})
    assert "Danh sách thành viên của hộ đã có 3 người (kể cả chủ hộ)" in response.content.decode()
    hh.refresh_from_db()
    assert hh.members == 3


def test_removing_a_member_is_recorded_and_others_may_not_touch_the_list(world, client):
    hh = household(world, members=4)
    world.login(client, "vanphong")
    client.post(reverse("participation:member_add", args=[hh.pk]), {"full_name": "Lò Thị Mai", "relation": "spouse"})
    member = HouseholdMember.objects.get()
    world.login(client, "vanphong_khac")  # another agency's secretariat: the household is not his
    assert client.post(reverse("participation:member_remove", args=[member.pk])).status_code == 404
    assert client.post(reverse("participation:member_add", args=[hh.pk]),
                       {"full_name": "X", "relation": "child"}).status_code == 404
    world.login(client, "canbo")  # staff do not manage beneficiaries
    assert client.post(reverse("participation:member_remove", args=[member.pk])).status_code == 403
    world.login(client, "vanphong")
    response = client.post(reverse("participation:member_remove", args=[member.pk]), follow=True)
    assert "Đã bỏ Lò Thị Mai khỏi danh sách thành viên hộ." in response.content.decode()
    assert not HouseholdMember.objects.exists()
    notes = list(AuditEvent.objects.filter(target_type="participation.household", target_id=hh.pk)
                 .values_list("note", flat=True))
    assert "Thêm thành viên hộ" in notes and "Bỏ thành viên khỏi danh sách hộ" in notes
