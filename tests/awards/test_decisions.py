"""Quyết định khen thưởng (issue 10 §1): drafting from a round's agreed nominations with a number from the register
(never repeated, never skipped), the bonuses and the total, every bad input refused with its message and nothing
changed, signing locks the decision and makes the awards, publishing signs the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import decisions, services
from thidua.awards.enums import (
    AwardKind,
    AwardLevel,
    AwardSource,
    DecisionStatus,
    NominationStatus,
    SignerRole,
)
from thidua.awards.models import Award, Decision, DecisionLine, DocumentRegister

from .award_factories import agreed, agreed_round, concluded_session

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def rnd(world):
    return agreed_round(world.agency, year=2024)  # the Council sits on 25/01/2025


def _draft(rnd, nominations, world, **kw):
    kw.setdefault("issued_on", D(2025, 2, 10))
    return decisions.draft_decision(rnd, nominations, actor=world.users["vanphong"], **kw)


def _state():
    return (Decision.objects.count(), DecisionLine.objects.count(), Award.objects.count(),
            list(DocumentRegister.objects.values_list("last_number", flat=True)))


def _refused(call, text):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        call()
    assert text in " ".join(exc.value.messages), exc.value.messages
    assert _state() == before
    return exc.value


def test_a_draft_takes_the_next_number_and_copies_its_awardees(world, rnd):
    a = agreed(rnd, person=world.people["canbo"])
    b = agreed(rnd, unit=world.planning)
    first = _draft(rnd, [a, b], world)
    assert (first.number, first.year, first.status) == (1, 2025, DecisionStatus.DRAFT)
    assert first.number_label.startswith("1/QĐ")
    lines = list(first.lines.order_by("order"))
    assert {ln.name for ln in lines} == {"Nguyễn Văn An", "Phòng Kế hoạch - Tài chính"}
    person_line = next(ln for ln in lines if ln.person_id)
    assert (person_line.position, person_line.unit_name) == ("Chuyên viên", world.transport.name)
    assert person_line.achievement == "Hoàn thành xuất sắc nhiệm vụ"
    c = agreed(rnd, person=world.people["canbo2"])
    second = _draft(rnd, [c], world)
    assert second.number == 2
    assert decisions.suggested_number(world.agency.pk, D(2025, 3, 1)) == 3


def test_bonuses_and_total_follow_the_base_salary_of_the_date(world, rnd):
    a = agreed(rnd, person=world.people["canbo"])  # Giấy khen, cá nhân: 0,3 × lương cơ sở
    b = agreed(rnd, unit=world.planning)  # Giấy khen, tập thể: 0,6 ×
    d = _draft(rnd, [a, b], world, issued_on=D(2025, 2, 10))
    amounts = {ln.recipient: ln.amount for ln in d.lines.all()}
    assert amounts == {"individual": 710_000, "collective": 1_410_000}  # 0,3 × 2.340.000 = 702.000 → 710.000
    assert d.total_amount == 2_120_000


def test_several_titles_of_a_year_pay_only_the_highest_also_across_signed_decisions(world, rnd):
    person = world.people["canbo"]
    ldtt = agreed(rnd, person=person, form="lao-dong-tien-tien")
    d1 = _draft(rnd, [ldtt], world)
    d1.signer_name = "Nông Văn Đức"
    d1.save()
    services.move_decision(d1, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    assert Award.objects.get(decision=d1).amount == 710_000  # 0,3 × 2.340.000, rounded up
    cstd = agreed(rnd, person=person, form="chien-si-thi-dua-co-so")
    gk = agreed(rnd, person=person)
    d2 = _draft(rnd, [cstd, gk], world)
    lines = {ln.form.code: ln for ln in d2.lines.select_related("form")}
    # CSTĐ cơ sở 1,0 × 2.340.000 minus the LĐTT already paid; the Giấy khen (a form) is paid as well
    assert lines["chien-si-thi-dua-co-so"].amount == 2_340_000 - 710_000
    assert "chênh lệch" in lines["chien-si-thi-dua-co-so"].pay_note
    assert lines["giay-khen-giam-doc-so"].amount == 710_000
    assert d2.total_amount == 2_340_000


# -- bad input: a message, nothing changed ----------------------------------------------------------------------------

def test_a_nomination_the_council_did_not_agree_is_refused(world, rnd):
    no = agreed(rnd, person=world.people["canbo"], result=NominationStatus.NOT_AGREED)
    _refused(lambda: _draft(rnd, [no], world), "chưa được Hội đồng thống nhất trình Giám đốc quyết định")


def test_a_nomination_agreed_only_for_the_province_is_refused(world, rnd):
    up = agreed(rnd, person=world.people["canbo"], form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    _refused(lambda: _draft(rnd, [up], world), "không thuộc thẩm quyền Giám đốc")


def test_a_decision_dated_before_the_councils_vote_is_refused(world, rnd):
    n = agreed(rnd, person=world.people["canbo"])  # voted on 25/01/2025
    exc = _refused(lambda: _draft(rnd, [n], world, issued_on=D(2025, 1, 24)),
                   "Quyết định ngày 24/01/2025 trước ngày Hội đồng biểu quyết (25/01/2025)")
    assert "issued_on" in exc.message_dict
    assert _draft(rnd, [n], world, issued_on=D(2025, 1, 25)).number == 1


def test_the_latest_session_that_decided_sets_the_vote_day(world, rnd):
    early = agreed(rnd, person=world.people["canbo"], session=concluded_session(world.agency, D(2025, 1, 20)))
    late = agreed(rnd, person=world.people["canbo2"], session=concluded_session(world.agency, D(2025, 2, 3)))
    _refused(lambda: _draft(rnd, [early, late], world, issued_on=D(2025, 2, 1)), "(03/02/2025)")


def test_a_duplicate_number_names_the_decision_that_has_it(world, rnd):
    first = _draft(rnd, [agreed(rnd, person=world.people["canbo"])], world)
    n = agreed(rnd, person=world.people["canbo2"])
    exc = _refused(lambda: _draft(rnd, [n], world, number=1),
                   f"Số {first.number_label} đã dùng cho Quyết định “{first.title}” ngày 10/02/2025")
    assert "number" in exc.message_dict


def test_a_number_further_on_is_a_gap_and_names_the_next_free_number(world, rnd):
    _draft(rnd, [agreed(rnd, person=world.people["canbo"])], world)
    n = agreed(rnd, person=world.people["canbo2"])
    _refused(lambda: _draft(rnd, [n], world, number=5), "số tiếp theo là 2")
    assert _draft(rnd, [n], world, number=2).number == 2


def test_a_nomination_already_in_a_decision_is_refused_until_that_draft_is_cancelled(world, rnd):
    n = agreed(rnd, person=world.people["canbo"])
    first = _draft(rnd, [n], world)
    _refused(lambda: _draft(rnd, [n], world), f"đã có trong Quyết định số {first.number_label}")
    assert n not in decisions.eligible_nominations(rnd)
    services.move_decision(first, DecisionStatus.CANCELLED, actor=world.users["vanphong"], reason="Lập lại")
    assert n in decisions.eligible_nominations(rnd)
    assert _draft(rnd, [n], world).number == 2  # the cancelled draft keeps its number


def test_signing_with_no_awardees_is_refused(world, rnd):
    d = _draft(rnd, [agreed(rnd, person=world.people["canbo"])], world)
    decisions.update_draft(d, actor=world.users["vanphong"], remove=[ln.pk for ln in d.lines.all()],
                           signer_name="Nông Văn Đức")
    d.refresh_from_db()
    assert d.total_amount == 0
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.move_decision(d, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    assert "chưa có tập thể, cá nhân nào được khen thưởng" in " ".join(exc.value.messages)
    d.refresh_from_db()
    assert d.status == DecisionStatus.DRAFT and _state() == before


# -- signing ----------------------------------------------------------------------------------------------------------

def _signed(rnd, world, nominations, **kw):
    d = _draft(rnd, nominations, world, **kw)
    decisions.update_draft(d, actor=world.users["vanphong"], signer_role=SignerRole.DEPUTY,
                           signer_name="Lương Văn Hải")
    return services.move_decision(d, DecisionStatus.SIGNED, actor=world.users["vanphong"])


def test_signing_fixes_the_figures_and_makes_one_award_per_line(world, rnd):
    a = agreed(rnd, person=world.people["canbo"])
    b = agreed(rnd, unit=world.planning)
    d = _signed(rnd, world, [a, b])
    assert d.status == DecisionStatus.SIGNED and d.signed_by == world.users["vanphong"]
    assert d.regime.code == "nd-98-2023" and d.base_salary.amount == 2_340_000
    awards = {aw.recipient: aw for aw in Award.objects.filter(decision=d)}
    assert set(awards) == {"individual", "collective"}
    person = awards["individual"]
    assert (person.level, person.kind, person.year, person.source) == (
        AwardLevel.AGENCY, AwardKind.MERIT, 2024, AwardSource.DECISION)
    assert person.decision_number == d.number_label and person.decision_date == D(2025, 2, 10)
    assert person.authority == f"Giám đốc {world.agency.name}"
    assert (person.position, person.unit_name, person.amount) == ("Chuyên viên", world.transport.name, 710_000)
    assert person.movement_id == rnd.movement_id and person.nomination == a
    assert awards["collective"].unit == world.planning and awards["collective"].amount == 1_410_000


def test_a_signed_decision_cannot_be_edited_nor_have_lines_added_or_removed(world, rnd):
    d = _signed(rnd, world, [agreed(rnd, person=world.people["canbo"])])
    other = agreed(rnd, person=world.people["canbo2"])
    line = d.lines.get()
    for kw in ({"issued_on": D(2025, 3, 1)}, {"title": "Khác"}, {"add": [other]}, {"remove": [line.pk]}):
        _refused(lambda kw=kw: decisions.update_draft(d, actor=world.users["vanphong"], **kw),
                 "đã ký: không sửa, thêm, bớt được nữa")
    d.refresh_from_db()
    assert d.lines.count() == 1 and d.title != "Khác"


def test_a_sudden_round_gives_sudden_awards(world):
    rnd = agreed_round(world.agency, year=2024, kind="ad_hoc")
    d = _signed(rnd, world, [agreed(rnd, person=world.people["canbo"])])
    assert Award.objects.get(decision=d).kind == AwardKind.SUDDEN


def test_a_draft_follows_its_date_across_the_regime_change(world, rnd):
    n = agreed(rnd, person=world.people["canbo"])
    d = _draft(rnd, [n], world, issued_on=D(2025, 6, 30))
    assert d.lines.get().amount == 710_000
    decisions.update_draft(d, actor=world.users["vanphong"], issued_on=D(2025, 7, 1))
    d.refresh_from_db()
    assert d.issued_on == D(2025, 7, 1) and d.lines.get().amount == 710_000
    _refused(lambda: decisions.update_draft(d, actor=world.users["vanphong"], issued_on=D(2026, 1, 2)),
             "thuộc sổ văn bản năm 2025")


def test_publishing_signs_the_pdf(world, rnd):
    from thidua.awards import signing
    from thidua.awards.models import SignedFile

    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=None)
    d = _signed(rnd, world, [agreed(rnd, person=world.people["canbo"])])
    d = services.move_decision(d, DecisionStatus.PUBLISHED, actor=world.users["vanphong"])
    data = d.published_pdf.read()
    assert data.startswith(b"%PDF") and b"/ByteRange" in data
    assert SignedFile.objects.get(decision=d).sha256 == signing.sha256(data)


def test_a_decision_is_not_signed_before_its_own_date_nor_moved_to_another_year(world, rnd):
    from thidua.core.clock import replay

    d = _draft(rnd, [agreed(rnd, person=world.people["canbo"])], world, issued_on=D(2025, 3, 20))
    decisions.update_draft(d, actor=world.users["vanphong"], signer_name="Nông Văn Đức")
    with replay(D(2025, 3, 19), hour=15):
        _refused(lambda: services.move_decision(d, DecisionStatus.SIGNED, actor=world.users["giamdoc"]),
                 "Quyết định ghi ngày 20/03/2025, chưa thể ký trước ngày đó.")
    d.refresh_from_db()
    assert d.status == DecisionStatus.DRAFT
    _refused(lambda: decisions.update_draft(d, actor=world.users["vanphong"], issued_on=D(2026, 1, 5)),
             "ngày quyết định phải trong năm 2025")
    with replay(D(2025, 3, 20), hour=15):
        assert services.move_decision(d, DecisionStatus.SIGNED, actor=world.users["giamdoc"]).status == "signed"
