"""The commendation side probed as an attacker would (second round): a deputy passing for the Director, the Office
recording the province's decision while the province reviews in the system, scans that are not what they claim,
the Referer a refused download goes back to, formulas in the danh sách, decisions dated years ahead, and another
agency's ids."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.awards import decisions, services
from thidua.awards.enums import DecisionStatus, SignerRole
from thidua.awards.models import Award
from thidua.core.models import AuditEvent
from thidua.org import services as org_services
from thidua.org.enums import Role

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


@pytest.fixture
def deputy(world):
    user = world.users["hoidong"]  # Lương Văn Hải, Phó Giám đốc
    org_services.grant_role(user, Role.DEPUTY_DIRECTOR, world.agency, actor=None)
    return user


def _sign(client, decision, **data):
    return client.post(reverse("awards:decision_move", args=[decision.pk]), {"to": "signed", **data}, follow=True)


# -- 1. who signs ---------------------------------------------------------------------------------------------------

def _sign_form(client, decision) -> str:
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    return page[page.index('id="sign"'):][:20000].split("</form>")[0]


def test_a_deputy_signing_himself_is_recorded_as_deputy_and_never_offered_the_director(world, draft, deputy,
                                                                                     client):
    client.force_login(deputy)
    form = _sign_form(client, draft)
    assert "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC — Lương Văn Hải" in form
    assert 'value="director"' not in form and 'name="signer_role"' not in form and "Nông Văn Đức" not in form
    _sign(client, draft, mode="paper", signer_role="director", signer_name="Nông Văn Đức")  # forged fields
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT  # he is not the Office: he may only sign himself
    _sign(client, draft, signer_role="director", signer_name="Nông Văn Đức")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED
    assert (draft.signer_role, draft.signer_name, draft.signer) == (
        SignerRole.DEPUTY, "Lương Văn Hải", world.people["hoidong"])


def test_a_deputy_signs_for_the_director_under_his_own_name(world, draft, deputy, client):
    client.force_login(deputy)
    response = _sign(client, draft, signer_role="deputy", signer_name="Nông Văn Đức")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signed_by == deputy
    assert draft.signer_role == SignerRole.DEPUTY and draft.signer_name == "Lương Văn Hải"
    assert draft.signer == world.people["hoidong"]
    assert "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in response.content.decode()
    event = AuditEvent.objects.filter(target_id=str(draft.pk)).order_by("-id").first()
    assert "Lương Văn Hải" in str(event.changes)


def test_a_deputy_calling_services_directly_is_recorded_as_deputy(world, draft, deputy):
    draft.signer_role, draft.signer_name = SignerRole.DEPUTY, "Ai đó"
    draft.save()
    services.move_decision(draft, DecisionStatus.SIGNED, actor=deputy)
    draft.refresh_from_db()
    assert (draft.signer_role, draft.signer_name) == (SignerRole.DEPUTY, "Lương Văn Hải")


def test_the_director_is_recorded_as_himself(world, draft, client):
    world.login(client, "giamdoc")
    _sign(client, draft, signer_role="director", signer_name="Người khác")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signer_name == "Nông Văn Đức"
    assert draft.signer == world.people["giamdoc"]


def test_the_office_records_a_paper_signature_choosing_one_of_the_agencys_leaders(world, draft, deputy, client):
    world.login(client, "vanphong")
    form = _sign_form(client, draft)
    duc, hai, ngoc = (world.people[k] for k in ("giamdoc", "hoidong", "vanphong_khac"))
    assert f'value="director:{duc.pk}"' in form and "Nông Văn Đức — Giám đốc" in form
    assert f'value="deputy:{hai.pk}"' in form and "Lương Văn Hải — Phó Giám đốc ký thay" in form
    assert "Mã Thị Ngọc" not in form and 'name="signer_name"' not in form  # only the agency's leaders
    response = _sign(client, draft, signer=f"director:{ngoc.pk}")
    assert "không phải lãnh đạo của cơ quan trong hệ thống" in response.content.decode()
    response = _sign(client, draft, signer="")
    assert "Hãy chọn lãnh đạo đã ký quyết định trên giấy." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not Award.objects.exists()
    _sign(client, draft, signer=f"deputy:{hai.pk}")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signed_by == world.users["vanphong"]
    assert (draft.signer_role, draft.signer_name, draft.signer) == (SignerRole.DEPUTY, "Lương Văn Hải", hai)


def test_the_office_types_the_signer_when_the_agencys_leaders_are_not_in_the_system(world, draft, client):
    from thidua.org.models import RoleGrant

    RoleGrant.objects.filter(role=Role.DIRECTOR).update(is_active=False)
    world.login(client, "vanphong")
    response = _sign(client, draft, signer_role="director", signer_name=" ")
    assert "Hãy ghi họ tên người ký quyết định." in response.content.decode()
    _sign(client, draft, signer_role="director", signer_name="Nông Văn Đức")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signer_name == "Nông Văn Đức" and draft.signer is None


def test_the_office_records_the_paper_signature_of_a_deputy_who_has_no_account(world, draft, deputy, client):
    """One deputy holds an account, another is only in the agency's leadership unit (Lãnh đạo Sở): the Office
    may record either's signature, and no one of another unit passing for a leader."""
    from thidua.org.enums import UnitKind

    from ..factories import make_unit

    leadership = make_unit("Lãnh đạo Sở", UnitKind.LEADERSHIP, world.agency)
    lien = org_services.create_person(actor=None, unit=leadership, full_name="Triệu Thị Liên", gender="female",
                                      birth_date=D(1975, 5, 2), employment_type="cong_chuc",
                                      start_date=D(2015, 1, 1), position="Phó Giám đốc")
    org_services.create_person(actor=None, unit=world.transport, full_name="Hoàng Văn Lịch", gender="male",
                               birth_date=D(1978, 1, 1), employment_type="cong_chuc", start_date=D(2015, 1, 1),
                               position="Phó Giám đốc")  # a unit's deputy head, not the agency's
    world.login(client, "vanphong")
    form = _sign_form(client, draft)
    hai = world.people["hoidong"]
    assert f'value="deputy:{hai.pk}"' in form and f'value="deputy:{lien.pk}"' in form
    assert "Triệu Thị Liên — Phó Giám đốc ký thay" in form and "Hoàng Văn Lịch" not in form
    _sign(client, draft, signer=f"deputy:{lien.pk}")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signed_by == world.users["vanphong"]
    assert (draft.signer_role, draft.signer_name, draft.signer) == (SignerRole.DEPUTY, "Triệu Thị Liên", lien)


def test_a_leader_who_is_also_the_office_chooses_how_he_signs(world, draft, deputy, client):
    from django.core.exceptions import ValidationError

    org_services.grant_role(deputy, Role.SECRETARIAT, world.agency, actor=None)
    client.force_login(deputy)
    form = _sign_form(client, draft)
    assert 'name="mode" value="self"' in form and 'name="mode" value="paper"' in form
    response = _sign(client, draft, signer=f"director:{world.people['giamdoc'].pk}")
    assert "Hãy chọn bạn tự ký hay ghi nhận chữ ký trên giấy." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT
    with pytest.raises(ValidationError, match="hãy chọn bạn tự ký"):
        services.move_decision(draft, DecisionStatus.SIGNED, actor=deputy)
    _sign(client, draft, mode="paper", signer=f"director:{world.people['giamdoc'].pk}")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signed_by == deputy
    assert (draft.signer_role, draft.signer_name) == (SignerRole.DIRECTOR, "Nông Văn Đức")


def test_a_leader_who_is_also_the_office_may_sign_himself(world, draft, deputy, client):
    org_services.grant_role(deputy, Role.SECRETARIAT, world.agency, actor=None)
    client.force_login(deputy)
    _sign(client, draft, mode="self", signer=f"director:{world.people['giamdoc'].pk}")
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED
    assert (draft.signer_role, draft.signer_name) == (SignerRole.DEPUTY, "Lương Văn Hải")


# -- 5. the Referer a refused download goes back to -----------------------------------------------------------------

@pytest.mark.parametrize("referer,expected", [
    ("https://evil.example/phishing", "/"), ("//evil.example/x", "/"), ("javascript:alert(1)", "/"),
    ("http://testserver/khen-thuong/", "http://testserver/khen-thuong/"),
])
def test_a_refused_certificate_goes_back_only_to_a_page_of_this_site(world, client, referer, expected):
    from .certificate_helpers import signed_decision

    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    award.revoked_on, award.revoked_reason = D(2026, 3, 1), "Kê khai thành tích không đúng"
    award.save()
    world.login(client, "vanphong")
    response = client.get(reverse("awards:certificate_pdf", args=[award.pk]), HTTP_REFERER=referer)
    assert response.status_code == 302 and response["Location"] == expected


# -- 6. formulas in the danh sách ------------------------------------------------------------------------------------

@pytest.fixture
def sent(world):
    from .forwarding_helpers import proposal_samples

    upward_round = agreed_round(world.agency, year=2024)
    ids = proposal_samples(upward_round, world.people["canbo"], world.users["vanphong"])
    from thidua.awards.models import Proposal

    return Proposal.objects.get(pk=ids["proposal_id"])


def test_a_formula_typed_as_a_name_or_position_is_text_in_the_danh_sach(world, sent):
    import io

    from openpyxl import load_workbook

    from thidua.awards import proposal_docs

    person = world.people["canbo"]
    person.position = '=HYPERLINK("https://evil.example","Bấm")'
    person.save()
    sheet = load_workbook(io.BytesIO(proposal_docs.list_xlsx(sent))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == person.position]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


# -- 7. a decision dated years ahead ---------------------------------------------------------------------------------

def test_a_decision_dated_more_than_a_year_ahead_is_refused_naming_the_date(world, rnd, client):
    from django.utils import timezone

    from thidua.awards.models import Decision

    n = agreed(rnd, person=world.people["canbo"])
    far = timezone.localdate() + dt.timedelta(days=400)
    world.login(client, "vanphong")
    response = client.post(reverse("awards:decision_new", args=[rnd.pk]),
                           {"number": "1", "issued_on": far.strftime("%d/%m/%Y"), "nominations": [n.pk]})
    assert response.status_code == 200
    assert f"Ngày quyết định {far:%d/%m/%Y} quá xa trong tương lai" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_draft_cannot_be_moved_to_a_date_more_than_a_year_ahead(world, draft):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    far = timezone.localdate() + dt.timedelta(days=400)
    with pytest.raises(ValidationError, match=f"{far:%d/%m/%Y} quá xa trong tương lai"):
        decisions.update_draft(draft, actor=world.users["vanphong"], issued_on=far)
    draft.refresh_from_db()
    assert draft.issued_on == D(2025, 2, 10)


# -- 3. the size of a request ----------------------------------------------------------------------------------------

def test_the_verify_page_states_its_30_mb_limit_and_refuses_a_larger_file(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("to.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024), "application/pdf")
    page = client.post(reverse("awards:verify_file"), {"file": big}).content.decode()
    assert "Tệp quá lớn (tối đa 30 MB)." in page


def test_thidua_serve_gives_waitress_the_request_size_limit(settings, monkeypatch):
    import waitress
    from django.core.management import call_command

    from thidua.core import heap, jobs

    seen = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr(jobs, "start_thread_runner", lambda: None)
    monkeypatch.setattr(jobs, "recover_abandoned", lambda: None)
    monkeypatch.setattr(heap, "freeze_startup_heap", lambda: None)
    settings.MAX_REQUEST_BYTES = 101 * 1024 * 1024
    call_command("serve", port=0)
    assert seen["max_request_body_size"] == 101 * 1024 * 1024


def test_waitress_cuts_a_request_over_the_limit_before_the_application_reads_it():
    import http.client
    import threading

    from waitress.server import create_server

    from thidua.core.middleware import waitress_options

    reached = []

    def app(environ, start_response):
        reached.append(True)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = create_server(app, host="127.0.0.1", port=0, **waitress_options([], 1000))
    status = {}

    def ask():
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        conn.request("POST", "/kiem-tra-tep/", body=b"x" * 5000, headers={"Content-Type": "application/pdf"})
        status["code"] = conn.getresponse().status

    client = threading.Thread(target=ask, daemon=True)
    client.start()
    try:
        for _ in range(400):
            if not client.is_alive():
                break
            server.asyncore.loop(timeout=0.05, count=1, map=server._map)
    finally:
        server.close()
        server.task_dispatcher.shutdown()
    assert status["code"] == 413 and not reached


# -- 2. who records the province's decision ------------------------------------------------------------------------

BK = "bang-khen-chu-tich-ubnd-tinh"


def _record(proposal, user, **kw):
    from thidua.awards import forwarding
    from thidua.movements.models import RewardForm

    values = {"number": "9/QĐ-UBND", "issued_on": D(2026, 3, 1), "authority": "Chủ tịch UBND tỉnh",
              "form": RewardForm.objects.get(code=BK)} | kw
    return forwarding.record_decision(proposal, awarded_ids=[proposal.items.get().pk], actor=user, **values)


def test_the_office_cannot_record_the_provinces_decision_while_the_province_reviews_in_the_system(
        world, sent, client):
    from django.core.exceptions import ValidationError

    from thidua.awards.enums import ProposalStatus

    with pytest.raises(ValidationError, match="đang được cấp tỉnh thẩm định trong hệ thống"):
        _record(sent, world.users["vanphong"])
    services.move_proposal(sent, ProposalStatus.ACCEPTED, actor=world.users["tinh"])
    with pytest.raises(ValidationError, match="đang được cấp tỉnh thẩm định trong hệ thống"):
        _record(sent, world.users["vanphong"])
    world.login(client, "vanphong")
    page = client.get(reverse("awards:proposal_record", args=[sent.pk]), follow=True).content.decode()
    assert "đang được cấp tỉnh thẩm định trong hệ thống" in page
    assert f'href="{reverse("awards:proposal_record", args=[sent.pk])}"' not in client.get(
        reverse("awards:proposal", args=[sent.pk])).content.decode()
    assert not Award.objects.exists()
    _record(sent, world.users["tinh"])  # the reviewer records it
    sent.refresh_from_db()
    assert sent.status == ProposalStatus.DECIDED and Award.objects.count() == 1


def test_the_office_records_the_decision_when_the_province_does_not_use_the_system(world, sent):
    from thidua.awards.enums import ProposalStatus
    from thidua.org.models import RoleGrant

    RoleGrant.objects.filter(role=Role.PROVINCIAL_REVIEWER).update(is_active=False)
    _record(sent, world.users["vanphong"])
    sent.refresh_from_db()
    assert sent.status == ProposalStatus.DECIDED and Award.objects.count() == 1


# -- 4. scans that are not what they claim ---------------------------------------------------------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize("name,data", [("quyet-dinh.pdf", EXE), ("quyet-dinh.pdf", HTML),
                                       ("quyet-dinh.jpg", b"%PDF-1.4\n" + HTML)])
def test_a_signed_decision_scan_that_is_not_a_real_pdf_or_photo_is_refused(world, draft, client, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world.login(client, "giamdoc")
    response = _sign(client, draft, signer_role="director", signer_name="Nông Văn Đức",
                     scan=SimpleUploadedFile(name, data))
    assert f"“{name}”" in response.content.decode()  # the message names the file
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and not draft.signed_scan


def test_a_real_pdf_scan_is_kept_under_its_real_extension(world, draft, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..participation.helpers import pdf_bytes

    world.login(client, "giamdoc")
    _sign(client, draft, signer_role="director", signer_name="Nông Văn Đức",
          scan=SimpleUploadedFile("ban-quet.html", pdf_bytes()))
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.SIGNED and draft.signed_scan.name.endswith("-ban-quet.pdf")


def test_a_higher_decision_scan_that_is_a_renamed_program_is_refused(world, sent, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.awards.models import HigherDecision
    from thidua.movements.models import RewardForm

    item = sent.items.get()
    before = (HigherDecision.objects.count(), Award.objects.count())  # the samples may hold a decision already
    reviewer = client
    world.login(reviewer, "tinh")
    response = reviewer.post(reverse("awards:proposal_record", args=[sent.pk]), {
        "number": "9/QĐ-UBND", "issued_on": "01/03/2026", "authority": "Chủ tịch UBND tỉnh",
        "form": RewardForm.objects.get(code=BK).pk, "awarded": [item.pk],
        "scan": SimpleUploadedFile("quyet-dinh.pdf", EXE)})
    assert response.status_code == 200
    assert "không phải ảnh (JPEG, PNG, WebP) hay PDF thật" in response.content.decode()
    assert (HigherDecision.objects.count(), Award.objects.count()) == before


def test_a_meeting_minutes_scan_goes_through_the_one_scan_check(monkeypatch):
    from thidua.awards import meetings, scans

    seen = []
    monkeypatch.setattr(scans, "check_upload", lambda f, max_bytes=None: seen.append(f) or 1 / 0)
    assert meetings.check_scan is scans.check_scan
    with pytest.raises(ZeroDivisionError):
        scans.check_scan("f")
    assert seen == ["f"]


# -- another agency's ids ---------------------------------------------------------------------------------------------

def test_another_agencys_office_gets_404_for_every_decision_certificate_and_proposal_page(world, draft, sent,
                                                                                      client):
    from .certificate_helpers import signed_decision

    signed = signed_decision(world.agency, [world.people["team"]], number=124)
    award = Award.objects.get(decision=signed)
    world.login(client, "vanphong_khac")
    for name, args in (("awards:decision", [draft.pk]), ("awards:decision_edit", [draft.pk]),
                       ("awards:decision_pdf", [draft.pk]), ("awards:decision_scan", [signed.pk]),
                       ("awards:decision_certificates", [signed.pk]), ("awards:certificate_pdf", [award.pk]),
                       ("awards:proposal", [sent.pk]), ("awards:proposal_record", [sent.pk]),
                       ("awards:proposal_zip", [sent.pk])):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    response = client.post(reverse("awards:decision_move", args=[draft.pk]),
                           {"to": "signed", "signer_role": "director", "signer_name": "Mã Thị Ngọc"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT
