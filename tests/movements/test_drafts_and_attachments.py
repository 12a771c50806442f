"""A draft movement and a non-public attachment are seen only by those who edit the agency's movements (its
secretariat, the administrator): not in the list, the detail, the plan's download, the dashboard, the
registrations, the public page — for every other role."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from thidua.movements import services
from thidua.movements.enums import MovementStatus
from thidua.movements.models import MovementDocument, PlanItem

from ..conftest import ROLE_USERS
from ..factories import SIGNED_PLAN

EDITORS = {"admin", "vanphong"}
NOT_EDITORS = [role for role in ROLE_USERS if role not in EDITORS]


@pytest.fixture
def draft(world):
    m = services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="du-thao-2027", start_year=2027,
                                 end_year=2027, name="Phong trào thi đua năm 2027 đang soạn")
    PlanItem.objects.create(movement=m, kind="content", label="a", text="Nội dung đang soạn")
    return m


@pytest.fixture
def launched(world):
    m = services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="tx-2026", start_year=2026, end_year=2026,
                                 name="Phong trào thi đua thường xuyên năm 2026")
    PlanItem.objects.create(movement=m, kind="content", label="a", text="Hoàn thành nhiệm vụ")
    return services.move_movement(m, MovementStatus.LAUNCHED, actor=None)


def attach(movement, world, *, public: bool, title: str) -> MovementDocument:
    return MovementDocument.objects.create(movement=movement, title=title, is_public=public,
                                           uploaded_by=world.users["vanphong"],
                                           file=ContentFile(b"%PDF-1.4 mau", name="van-ban.pdf"))


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", sorted(EDITORS))
def test_the_secretariat_and_the_administrator_see_and_edit_a_draft(world, draft, role):
    client = client_for(world, role)
    assert "đang soạn" in client.get(reverse("movements:list")).content.decode()
    assert client.get(reverse("movements:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("movements:export", args=[draft.pk, "docx"])).status_code == 200
    assert client.get(reverse("movements:edit", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_other_roles_do_not_see_a_draft_anywhere(world, draft, role):
    client = client_for(world, role)
    assert "đang soạn" not in client.get(reverse("movements:list")).content.decode()
    assert client.get(reverse("movements:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("movements:export", args=[draft.pk, "docx"])).status_code == 404
    assert client.get(reverse("registrations:overview", args=[draft.pk])).status_code in (403, 404)
    dashboard = client.get(reverse("participation:dashboard"))
    assert "đang soạn" not in dashboard.content.decode()
    assert client.get(reverse("participation:dashboard") + f"?movement={draft.pk}").status_code == 404


def test_a_draft_has_no_public_page(world, draft, client):
    assert client.get(reverse("public:public", args=[draft.code])).status_code == 404
    assert "đang soạn" not in client.get(reverse("public:public_list")).content.decode()


@pytest.mark.parametrize("role", ROLE_USERS)
def test_an_internal_attachment_is_listed_and_downloaded_only_by_editors(world, launched, role):
    internal = attach(launched, world, public=False, title="Công văn nội bộ về chỉ tiêu")
    public = attach(launched, world, public=True, title="Kế hoạch phát động")
    client = client_for(world, role)
    page = client.get(reverse("movements:detail", args=[launched.pk]))
    download = client.get(reverse("movements:document_download", args=[internal.pk]))
    if role in EDITORS:
        assert "Công văn nội bộ" in page.content.decode()
        assert download.status_code == 200
    elif role == "vanphong_khac":  # another agency's: not even the movement
        assert page.status_code == 404 and download.status_code == 404
    else:
        assert page.status_code == 200 and "Kế hoạch phát động" in page.content.decode()
        assert "Công văn nội bộ" not in page.content.decode()
        assert download.status_code == 404
    assert client.get(reverse("movements:document_download", args=[public.pk])).status_code == 200


def test_the_public_sees_public_attachments_of_a_launched_movement_only(world, launched, draft, client):
    internal = attach(launched, world, public=False, title="Công văn nội bộ về chỉ tiêu")
    public = attach(launched, world, public=True, title="Kế hoạch phát động")
    of_draft = attach(draft, world, public=True, title="Dự thảo kế hoạch")
    page = client.get(reverse("public:public", args=[launched.code])).content.decode()
    assert "Kế hoạch phát động" in page and "Công văn nội bộ" not in page
    assert client.get(reverse("movements:document_download", args=[public.pk])).status_code == 200
    assert client.get(reverse("movements:document_download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("movements:document_download", args=[of_draft.pk])).status_code == 404
    vanphong = client_for(world, "vanphong")
    assert vanphong.get(reverse("movements:document_download", args=[of_draft.pk])).status_code == 200
    canbo = client_for(world, "canbo")
    assert canbo.get(reverse("movements:document_download", args=[of_draft.pk])).status_code == 404


def test_the_union_officer_cannot_link_a_campaign_to_a_draft(world, draft, launched):
    client = client_for(world, "congdoan")
    page = client.get(reverse("fund:create")).content.decode()
    assert "thường xuyên năm 2026" in page and "đang soạn" not in page


def test_the_reviewer_is_not_offered_a_drafts_items_in_the_activity_filter(world, draft, launched):
    client = client_for(world, "tinh")
    page = client.get(reverse("participation:activities") + f"?unit={world.agency.pk}").content.decode()
    assert "Hoàn thành nhiệm vụ" in page and "Nội dung đang soạn" not in page


@pytest.mark.parametrize("role", ["vanphong", "truongphong", "canbo"])
def test_a_draft_next_phase_is_listed_on_the_launched_movement_only_for_editors(world, launched, role):
    services.clone_movement(launched, actor=None, code="tx-2027", name="Phong trào thi đua năm 2027 đang soạn",
                            start_year=2027, end_year=2027)
    page = client_for(world, role).get(reverse("movements:detail", args=[launched.pk])).content.decode()
    assert ("năm 2027 đang soạn" in page) == (role in EDITORS)
