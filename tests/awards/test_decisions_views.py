"""The decision pages: "Lập quyết định" from a round (only the number and the date, the next number prefilled, a
form token), the decision page with its lines, total, regime and căn cứ, signing by the Director or a paper
signature the Office records with its scan, a signed decision locked through the views too, the files, the
published PDF public, and who sees what (a unit head no drafts, another agency's Office a 404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards import decisions, services, signing
from thidua.awards.enums import DecisionStatus
from thidua.awards.models import Award, Decision
from thidua.org.scoping import get_scope
from thidua.site.todos import director_todos

from ..participation.helpers import pdf_bytes
from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def rnd(world):
    return agreed_round(world.agency, year=2024)


@pytest.fixture
def draft(world, rnd):
    a = agreed(rnd, person=world.people["canbo"])
    return decisions.draft_decision(rnd, [a], issued_on=D(2025, 2, 10), actor=world.users["vanphong"])


def test_the_office_drafts_a_decision_from_the_round_page(world, rnd, client):
    a = agreed(rnd, person=world.people["canbo"])
    b = agreed(rnd, unit=world.planning)
    agreed(rnd, person=world.people["canbo2"], form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    world.login(client, "vanphong")
    page = client.get(reverse("awards:round", args=[rnd.pk])).content.decode()
    new_url = reverse("awards:decision_new", args=[rnd.pk])
    assert new_url in page
    form = client.get(new_url)
    html = form.content.decode()
    assert form.status_code == 200 and 'name="form_token"' in html
    assert 'name="number"' in html and 'value="1"' in html
    assert "Nguyễn Văn An" in html and "Phòng Kế hoạch - Tài chính" in html
    assert "Nguyễn Thị Lan" not in html  # agreed for the province: not here
    token = form.context["form"]["form_token"].value()
    data = {"number": "1", "issued_on": "10/02/2025", "nominations": [a.pk, b.pk], "form_token": token}
    response = client.post(new_url, data)
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:decision", args=[decision.pk])
    again = client.post(new_url, data)  # the same form sent twice creates nothing more
    assert again.status_code == 302 and Decision.objects.count() == 1
    detail = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in detail and "710.000 đồng" in detail and "2.120.000 đồng" in detail
    assert "NĐ 98/2023" in detail or "Nghị định 98/2023" in detail
    assert "2.340.000 đồng" in detail and "Căn cứ Nghị định số 98/2023/NĐ-CP" in detail


def test_a_wrong_number_on_the_form_says_why_and_creates_nothing(world, rnd, draft, client):
    n = agreed(rnd, person=world.people["canbo2"])
    world.login(client, "vanphong")
    url = reverse("awards:decision_new", args=[rnd.pk])
    response = client.post(url, {"number": "1", "issued_on": "10/02/2025", "nominations": [n.pk]})
    assert response.status_code == 200
    assert f"Số {draft.number_label} đã dùng cho Quyết định" in response.content.decode()
    response = client.post(url, {"number": "1", "issued_on": "20/01/2025", "nominations": [n.pk]})
    assert "trước ngày Hội đồng biểu quyết (25/01/2025)" in response.content.decode()
    assert Decision.objects.count() == 1


def test_the_director_signs_himself_and_the_decision_is_locked(world, draft, client):
    world.login(client, "giamdoc")
    page = client.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert "GIÁM ĐỐC — Nông Văn Đức" in page and 'name="signer_name"' not in page  # he signs as himself
    response = client.post(reverse("awards:decision_move", args=[draft.pk]), {"to": "signed"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signer_name == "Nông Văn Đức"
    assert draft.signed_by == world.users["giamdoc"] and Award.objects.filter(decision=draft).count() == 1
    world.login(client, "vanphong")
    edit = client.get(reverse("awards:decision_edit", args=[draft.pk]), follow=True).content.decode()
    assert "đã ký: không sửa, thêm, bớt được nữa" in edit
    line = draft.lines.get()
    client.post(reverse("awards:decision_edit", args=[draft.pk]), {
        "issued_on": "01/03/2025", "title": "Khác", "signer_role": "director", "remove": [line.pk]})
    draft.refresh_from_db()
    assert draft.title != "Khác" and draft.lines.count() == 1 and draft.issued_on == D(2025, 2, 10)


def test_the_office_records_a_paper_signature_with_its_scan(world, draft, client):
    from thidua.org import services as org_services
    from thidua.org.enums import Role

    org_services.grant_role(world.users["hoidong"], Role.DEPUTY_DIRECTOR, world.agency, actor=None)
    world.login(client, "vanphong")
    scan = SimpleUploadedFile("scan.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(reverse("awards:decision_move", args=[draft.pk]), {
        "to": "signed", "signer": f"deputy:{world.people['hoidong'].pk}", "scan": scan})
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signer_role == "deputy" and draft.signed_scan
    assert client.get(reverse("awards:decision_scan", args=[draft.pk])).status_code == 200
    page = client.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in page and "Lương Văn Hải" in page


def test_signing_without_a_signer_is_refused_and_changes_nothing(world, draft, client):
    world.login(client, "vanphong")
    response = client.post(reverse("awards:decision_move", args=[draft.pk]),
                           {"to": "signed", "signer": ""}, follow=True)
    assert "Hãy chọn lãnh đạo đã ký quyết định trên giấy." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not Award.objects.exists()


def test_the_office_edits_a_draft_and_its_bonuses_follow_the_date(world, rnd, draft, client):
    other = agreed(rnd, unit=world.planning)
    world.login(client, "vanphong")
    url = reverse("awards:decision_edit", args=[draft.pk])
    form = client.get(url).content.decode()
    assert "Phòng Kế hoạch - Tài chính" in form
    response = client.post(url, {"issued_on": "01/07/2025", "title": "Về việc tặng Giấy khen năm 2024",
                                 "signer_role": "director", "signer_name": "", "add": [other.pk],
                                 "recipients_text": "Như Điều 3;\nLưu: VT, VP."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.issued_on == D(2025, 7, 1) and draft.lines.count() == 2 and draft.total_amount == 2_120_000
    page = client.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in page


def test_the_files_download(world, draft, client):
    world.login(client, "vanphong")
    docx = client.get(reverse("awards:decision_docx", args=[draft.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(reverse("awards:decision_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_published_pdf_is_public_once_published(world, draft, client):
    url = reverse("awards:decision_published_pdf", args=[draft.pk])
    assert client.get(url).status_code == 302  # not published: to the login page
    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=None)
    draft.signer_name = "Nông Văn Đức"
    draft.save()
    services.move_decision(draft, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    world.login(client, "vanphong")
    client.post(reverse("awards:decision_move", args=[draft.pk]), {"to": "published"})
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.PUBLISHED
    client.logout()
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body.startswith(b"%PDF") and b"/ByteRange" in body


def test_a_unit_head_sees_no_draft_and_another_agencys_office_gets_404(world, draft, client):
    url = reverse("awards:decision", args=[draft.pk])
    world.login(client, "truongphong")
    assert client.get(url).status_code == 404
    assert draft.number_label not in client.get(reverse("awards:decisions")).content.decode()
    world.login(client, "vanphong_khac")
    assert client.get(url).status_code == 404
    assert client.get(reverse("awards:decision_docx", args=[draft.pk])).status_code == 404
    assert client.post(reverse("awards:decision_move", args=[draft.pk]), {"to": "cancelled",
                                                                         "reason": "x"}).status_code == 404
    world.login(client, "giamdoc")
    listing = client.get(reverse("awards:decisions")).content.decode()
    assert 'id="waiting"' in listing and draft.number_label in listing
    draft.signer_name = "Nông Văn Đức"
    draft.save()
    services.move_decision(draft, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    world.login(client, "truongphong")
    assert client.get(url).status_code == 200  # signed: the agency's to read


def test_the_director_has_the_draft_on_his_home_page(world, draft, client):
    todos = director_todos(world.users["giamdoc"], get_scope(world.users["giamdoc"]))
    assert [t.url for t in todos] == [reverse("awards:decision", args=[draft.pk])]  # the nomination is in it
    world.login(client, "giamdoc")
    assert f"Dự thảo Quyết định số {draft.number_label} chờ ký" in client.get(reverse("home")).content.decode()


def test_an_id_out_of_range_gives_a_404_or_a_form_error_never_a_server_error(world, rnd, draft, client):
    world.login(client, "vanphong")
    huge = "99999999999999999999"
    assert client.get(reverse("awards:round", args=[0]).replace("/0/", f"/{huge}/")).status_code == 404
    assert client.get(reverse("awards:decision_new", args=[0]).replace("/0/", f"/{huge}/")).status_code == 404
    assert client.get(reverse("awards:decision_edit", args=[0]).replace("/0/", f"/{huge}/")).status_code == 404
    assert client.get(reverse("awards:decisions") + f"?year={huge}&page={huge}").status_code == 200
    new_url = reverse("awards:decision_new", args=[rnd.pk])
    token = client.get(new_url).context["form"]["form_token"].value()
    response = client.post(new_url, {"number": "2", "issued_on": "10/02/2025", "nominations": [huge],
                                     "form_token": token})
    assert response.status_code == 200 and "Đề nghị không hợp lệ: hãy tải lại trang." in response.content.decode()
    edit_url = reverse("awards:decision_edit", args=[draft.pk])
    response = client.post(edit_url, {"issued_on": "10/02/2025", "title": "Về việc khen thưởng", "signer_role":
                                      "director", "add": [huge], "remove": [huge]})
    assert response.status_code == 200 and "không hợp lệ" in response.content.decode()
    assert Decision.objects.count() == 1


def test_a_cancelled_draft_says_so_and_offers_no_edit_nor_signing(world, draft, client):
    services.move_decision(draft, DecisionStatus.CANCELLED, actor=world.users["vanphong"],
                           reason="Lập nhầm đợt xét")
    for username in ("vanphong", "giamdoc"):
        world.login(client, username)
        html = client.get(reverse("awards:decision", args=[draft.pk])).content.decode()
        assert "Dự thảo quyết định này đã bị hủy." in html and "Lý do hủy: Lập nhầm đợt xét" in html
        assert "Người hủy: " in html and ", lúc " in html
        assert "Sửa dự thảo" not in html and "Ký quyết định" not in html
        assert reverse("awards:decision_edit", args=[draft.pk]) not in html
        assert "Quyết định đã khóa" not in html
    world.login(client, "vanphong")
    response = client.get(reverse("awards:decision_edit", args=[draft.pk]))
    assert response.status_code == 302


def test_a_households_coefficient_is_explained_as_a_multiple_of_the_individual_one(world, client):
    """Under NĐ 152/2025 a household gets 1,5 × the individual amount: the decision's line says so, as the bonus
    lookup does, instead of a bare 0,45."""
    from thidua.awards.bonus import bonus_for, coefficient_label
    from thidua.awards.enums import RecipientKind

    from ..participation.helpers import household

    rnd = agreed_round(world.agency, year=2025)
    n = agreed(rnd, household=household(world), unit=world.transport)
    decision = decisions.draft_decision(rnd, [n], issued_on=D(2026, 2, 10), actor=world.users["vanphong"])
    found = bonus_for(n.form, RecipientKind.HOUSEHOLD, D(2026, 2, 10))
    single = bonus_for(n.form, RecipientKind.INDIVIDUAL, D(2026, 2, 10))
    world.login(client, "vanphong")
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert (f"{coefficient_label(found.multiplier)} × mức cá nhân, hệ số {coefficient_label(single.coefficient)}"
            in page)
    assert coefficient_label(found.multiplier) == "1,5"


def test_a_director_among_the_awardees_of_the_decision_he_signs_is_flagged(world, rnd, client):
    """The Director's own Giấy khen in a decision he would sign (as GIÁM ĐỐC) is pointed out before anyone signs;
    signed by a deputy (KT. GIÁM ĐỐC) it is not."""
    mine = agreed(rnd, person=world.people["giamdoc"])
    other = agreed(rnd, person=world.people["canbo"])
    decision = decisions.draft_decision(rnd, [mine, other], issued_on=D(2025, 2, 10), actor=world.users["vanphong"])
    world.login(client, "vanphong")
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'id="self-awarded"' in page and "Lưu ý: Nông Văn Đức vừa là người ký quyết định này" in page
    Decision.objects.filter(pk=decision.pk).update(signer_role="deputy")
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'id="self-awarded"' not in page
