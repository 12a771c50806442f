"""Issue 11 §5: an award is revoked by a decision (number, date, reason, money to recover); the history, the
award's page, the verification page and the honour roll reflect it; revoking twice, before the award's decision or
in the future is refused, and nothing is half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.awards import honour, revocation
from thidua.awards.models import Award, HonourRollCount, Revocation
from thidua.core.clock import replay
from thidua.core.models import AuditEvent

from .test_honour import award as public_award
from .test_honour import decision, launched

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)
FORM = {"decision_number": "45/QĐ-SGTVT", "decision_date": "20/11/2026",
        "authority": "Giám đốc Sở Giao thông vận tải", "reason": "false_declaration",
        "details": "Kê khai số hộ nghèo được hỗ trợ không đúng thực tế.", "amount_to_recover": "1.120.000",
        "items_to_recover": "Giấy khen"}


@pytest.fixture
def given(world):
    movement = launched(world.agency)
    published = decision(world.agency, 101, "published")
    award = public_award(world.agency, movement, decision=published, person=world.people["canbo"],
                         unit_name="Phòng Quản lý vận tải")
    Award.objects.filter(pk=award.pk).update(amount=1_120_000)
    award.refresh_from_db()
    return award


def _revoke(client, award, confirm=True, **data):
    body = FORM | data | ({"confirm": "1"} if confirm else {})
    with replay(TODAY):
        return client.post(reverse("awards:award_revoke", args=[award.pk]), body, follow=True)


def test_the_office_revokes_an_award_and_every_page_shows_it(world, client, given):
    public = Client()
    roll_url = reverse("awards:honour_roll", args=[given.movement_id, given.year])
    honour.refresh_roll(given.movement_id, given.year)
    assert HonourRollCount.objects.get(movement_id=given.movement_id, year=given.year,
                                       recipient="individual").count == 1
    assert "Nguyễn Văn An" in public.get(roll_url).content.decode()
    world.login(client, "vanphong")
    page = client.get(reverse("awards:award", args=[given.pk])).content.decode()
    assert "Khen thưởng còn hiệu lực." in page and "Ghi quyết định thu hồi" in page
    shown = _revoke(client, given, confirm=False).content.decode()  # checked once more before it is written
    assert "Hãy kiểm tra lại trước khi ghi" in shown and "1.120.000 đồng" in shown
    assert not Revocation.objects.exists()
    page = _revoke(client, given).content.decode()
    assert "Đã ghi Quyết định thu hồi số 45/QĐ-SGTVT" in page and "1.120.000 đồng" in page
    assert "Đã bị thu hồi ngày 20/11/2026." in page and "Gian dối trong việc kê khai thành tích" in page
    given.refresh_from_db()
    assert not given.stands and given.revoked_on == dt.date(2026, 11, 20)
    row = Revocation.objects.get()
    assert (row.amount_to_recover, row.items_to_recover, row.created_by) == (1_120_000, "Giấy khen",
                                                                              world.users["vanphong"])
    assert AuditEvent.objects.filter(target_type="awards.award", target_id=str(given.pk),
                                     note="Thu hồi khen thưởng").exists()
    # the public verification page, the history, the honour roll
    verify = public.get(reverse("awards:verify", args=[given.token])).content.decode()
    assert "Đã bị thu hồi ngày 20/11/2026." in verify and "45/QĐ-SGTVT" in verify
    assert "đã thu hồi 20/11/2026" in client.get(reverse("awards:history")).content.decode()
    assert "Nguyễn Văn An" not in public.get(roll_url).content.decode()
    # the honour roll's index counts only what stands
    assert not HonourRollCount.objects.filter(movement_id=given.movement_id, year=given.year,
                                              recipient="individual").exists()
    listing = client.get(reverse("awards:revocations")).content.decode()
    assert "45/QĐ-SGTVT" in listing and "tổng tiền thưởng phải thu hồi 1.120.000 đồng" in listing
    assert "Ghi quyết định thu hồi" not in client.get(reverse("awards:award", args=[given.pk])).content.decode()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"decision_date": "01/12/2024"}, "decision_date", "không thể trước ngày quyết định khen thưởng (30/12/2024)"),
    ({"decision_date": "04/12/2026"}, "decision_date", "chưa đến"),
    ({"decision_date": ""}, "decision_date", "Hãy ghi ngày quyết định thu hồi."),
    ({"details": "  "}, "details", "Hãy ghi nội dung vi phạm"),
    ({"reason": ""}, "reason", "Hãy chọn căn cứ thu hồi."),
    ({"decision_number": ""}, "decision_number", "Hãy ghi số quyết định thu hồi."),
    ({"amount_to_recover": "2.000.000"}, "amount_to_recover", "lớn hơn tiền thưởng đã chi (1.120.000 đồng)"),
])
def test_a_wrong_revocation_is_refused_beside_its_field(world, client, given, data, field, message):
    world.login(client, "vanphong")
    response = _revoke(client, given, **data)
    assert message in " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    given.refresh_from_db()
    assert given.stands and not Revocation.objects.exists()


def test_revoking_twice_is_refused_naming_the_first_decision(world, given):
    args = dict(decision_number="45/QĐ-SGTVT", decision_date=dt.date(2026, 11, 20), authority="Giám đốc Sở",
                reason="falsified_records", details="Làm giả xác nhận của xã.", actor=world.users["vanphong"])
    with replay(TODAY):
        revocation.revoke(given, **args)
        with pytest.raises(ValidationError, match="đã bị thu hồi theo Quyết định số 45/QĐ-SGTVT ngày 20/11/2026"):
            revocation.revoke(given, **args | {"decision_number": "46/QĐ-SGTVT"})
    assert Revocation.objects.count() == 1
    assert Revocation.objects.get().amount_to_recover == 1_120_000  # the bonus, unless told otherwise


def test_only_the_office_of_the_awards_agency_revokes(world, client, given):
    for role in ("canbo", "truongphong", "vanphong_khac"):
        client.logout()
        world.login(client, role)
        response = _revoke(client, given)
        assert response.status_code in (403, 404), role
    assert given.__class__.objects.get(pk=given.pk).stands
