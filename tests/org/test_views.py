import pytest
from django.urls import reverse

from thidua.core.models import AuditAction, AuditEvent
from thidua.org.models import Person

from ..factories import PersonFactory


def names(response):
    return [p.full_name for p in response.context["people"]]


def test_search_without_diacritics_finds_accented_names(world, client):
    world.login(client, "vanphong")
    for query in ("nguyen van", "Nguyen Van", "NGUYỄN văn"):
        response = client.get(reverse("org:people"), {"q": query})
        assert set(names(response)) == {"Nguyễn Văn An"}, query


def test_search_d_matches_d_bar(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("org:people"), {"q": "dang thi"})
    assert names(response) == ["Đặng Thị Hồng"]
    response = client.get(reverse("org:people"), {"q": "duc"})
    assert names(response) == ["Nông Văn Đức"]


def test_unit_head_sees_only_his_units_subtree(world, client):
    world.login(client, "truongphong")
    response = client.get(reverse("org:people"))
    assert set(names(response)) == {"Đàm Văn Quang", "Nguyễn Văn An", "Nguyễn Thị Lan", "Bế Văn Đông"}


def test_unit_head_gets_404_for_a_person_of_another_unit_by_url_and_by_search(world, client):
    world.login(client, "truongphong")
    response = client.get(reverse("org:person", args=[world.people["planning"].pk]))
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
    response = client.get(reverse("org:people"), {"q": "dang thi hong"})
    assert names(response) == []


def test_staff_member_sees_his_own_record_and_not_a_colleagues(world, client):
    world.login(client, "canbo")
    response = client.get(reverse("org:people"))
    assert response.status_code == 302
    assert response["Location"] == reverse("org:person", args=[world.people["canbo"].pk])
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("org:person", args=[world.people["canbo2"].pk])).status_code == 404


def test_secretariat_of_another_agency_cannot_open_our_people(world, client):
    world.login(client, "vanphong_khac")
    assert client.get(reverse("org:person", args=[world.people["canbo"].pk])).status_code == 404
    assert "Nguyễn Văn An" not in names(client.get(reverse("org:people"), {"q": "nguyen van"}))


def test_filters_by_unit_and_employment_type(world, client):
    PersonFactory(unit=world.planning, full_name="Hà Văn Viên", employment_type="vien_chuc")
    world.login(client, "vanphong")
    response = client.get(reverse("org:people"), {"unit": world.planning.pk})
    assert set(names(response)) == {"Đặng Thị Hồng", "Triệu Thị Mai", "Hà Văn Viên"}
    response = client.get(reverse("org:people"), {"type": "vien_chuc"})
    assert names(response) == ["Hà Văn Viên"]


def test_person_list_uses_the_same_number_of_queries_for_one_and_many_rows(world, client, django_assert_num_queries):
    world.login(client, "vanphong")
    url = reverse("org:people")
    params = {"unit": world.transport_team.pk}
    client.get(url, params)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        response = client.get(url, params)
    assert len(response.context["people"]) == 1
    for _ in range(30):
        PersonFactory(unit=world.transport_team)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url, params)
    assert len(response.context["people"]) == 31


def test_audit_log_query_count_does_not_grow_with_rows(world, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world.login(client, "vanphong")
    url = reverse("audit_log")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(60):
        PersonFactory(unit=world.office, full_name=f"Người mới {i}").save()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_tree_page_query_count_does_not_grow_with_units(world, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import make_unit

    world.login(client, "vanphong")
    url = reverse("org:tree")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(15):
        make_unit(f"Phòng mới {i}", parent=world.agency)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Phòng mới 14" in response.content.decode()


def test_secretariat_adds_renames_and_moves_a_unit_through_the_ui(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:unit_add"), {
        "name": "Phòng Quản lý chất lượng công trình", "kind": "division", "parent": world.agency.pk, "sort_order": 5,
    })
    assert response.status_code == 302
    unit = world.agency.children.get(name="Phòng Quản lý chất lượng công trình")
    client.post(reverse("org:unit_edit", args=[unit.pk]), {"name": "Phòng Chất lượng", "sort_order": 5})
    unit.refresh_from_db()
    assert unit.name == "Phòng Chất lượng"
    client.post(reverse("org:unit_move", args=[unit.pk]), {"parent": world.transport.pk})
    unit.refresh_from_db()
    assert unit.parent == world.transport
    actions = list(AuditEvent.objects.filter(target_id=str(unit.pk), target_type="org.orgunit").order_by("id")
                   .values_list("action", flat=True))
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.MOVE]


def test_moving_a_unit_under_its_child_shows_a_message(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:unit_move", args=[world.transport.pk]), {"parent": world.transport_team.pk})
    assert response.status_code == 200
    assert "cấp dưới của nó" in response.content.decode()


def test_deactivating_a_unit_with_people_is_refused_with_a_message(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:unit_deactivate", args=[world.planning.pk]), follow=True)
    assert "còn cán bộ đang công tác" in response.content.decode()
    world.planning.refresh_from_db()
    assert world.planning.is_active


def test_unit_head_edits_his_staff_and_history_shows_old_and_new(world, client):
    world.login(client, "truongphong")
    person = world.people["canbo"]
    response = client.post(reverse("org:person_edit", args=[person.pk]), {
        "full_name": person.full_name, "gender": "male", "birth_date": "20/10/1985", "position": "Phó Trưởng phòng",
        "rank": "Chuyên viên chính", "employment_type": "cong_chuc", "phone": "0912000111", "email": "",
    })
    assert response.status_code == 302
    page = client.get(reverse("org:person", args=[person.pk])).content.decode()
    assert "Phó Trưởng phòng" in page
    assert "Chuyên viên → Phó Trưởng phòng" in page
    assert "20/10/1985" in page


def test_adding_a_person_with_a_future_birth_date_shows_the_field_error(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:person_add"), {
        "full_name": "Lê Văn Tương Lai", "gender": "male", "birth_date": "01/01/2999", "unit": world.office.pk,
        "employment_type": "cong_chuc",
    })
    assert response.status_code == 200
    assert "Ngày sinh không được ở tương lai." in response.content.decode()
    assert not Person.objects.filter(full_name="Lê Văn Tương Lai").exists()


def test_granting_a_role_outside_scope_through_the_form_is_refused(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:person_roles", args=[world.people["canbo"].pk]),
                           {"role": "unit_head", "unit": world.other_unit.pk})
    assert response.status_code == 200
    assert "nằm ngoài phạm vi bạn được quản lý" in response.content.decode()
    assert not world.users["canbo"].role_grants.filter(role="unit_head").exists()


def test_secretariat_searches_the_agency_audit_log(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("audit_log"), {"q": "dam van quang"})
    reprs = [e.target_repr for e in response.context["events"]]
    assert "Đàm Văn Quang" in reprs
    assert all("Y tế" not in r for r in reprs)


def test_secretariat_does_not_see_another_agencys_log(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("audit_log"), {"q": "ma thi ngoc"})
    assert response.context["events"] == []


@pytest.mark.parametrize("url_name", ["org:people", "org:tree", "audit_log", "home"])
def test_pages_are_in_vietnamese(world, client, url_name):
    world.login(client, "vanphong")
    page = client.get(reverse(url_name)).content.decode()
    assert 'lang="vi"' in page
    assert "Đăng xuất" in page
