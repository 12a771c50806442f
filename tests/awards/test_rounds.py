"""Review rounds as the Office sets them up: the forms a round offers, its deadlines, quotas and states."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from thidua.awards import rounds, services
from thidua.awards.models import ReviewRound, RoundForm, UnitQuota
from thidua.core.models import AuditEvent, Notification
from thidua.org import services as org_services
from thidua.org.enums import Role

from ..factories import UserFactory
from .round_helpers import form, launched_movement, nomination, yearly_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world.agency)


def codes(offers):
    return [o.form.code for o in offers]


def test_a_yearly_round_offers_the_plans_yearly_forms_and_the_yearly_titles(movement):
    offers = {o.form.code: o for o in rounds.offered_forms(movement, "yearly")}
    assert set(offers) == {"bang-khen-chu-tich-ubnd-tinh", "giay-khen-giam-doc-so", "lao-dong-tien-tien",
                           "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"}
    assert offers["giay-khen-giam-doc-so"].within_authority
    assert offers["lao-dong-tien-tien"].within_authority and offers["chien-si-thi-dua-co-so"].within_authority
    assert offers["tap-the-lao-dong-tien-tien"].within_authority
    assert not offers["tap-the-lao-dong-xuat-sac"].within_authority  # proposed upward
    assert not offers["bang-khen-chu-tich-ubnd-tinh"].within_authority


def test_a_midterm_round_offers_only_the_plans_forms_of_its_timing(movement):
    assert codes(rounds.offered_forms(movement, "midterm")) == [
        "huan-chuong-lao-dong", "huan-chuong-lao-dong-hang-ba", "bang-khen-thu-tuong", "bang-khen-chu-tich-ubnd-tinh",
        "giay-khen-giam-doc-so"]


def test_an_ad_hoc_round_offers_the_plans_ad_hoc_forms_or_else_all_of_them(movement):
    from thidua.movements.models import MovementRewardForm

    assert codes(rounds.offered_forms(movement, "ad_hoc")) == [
        "huan-chuong-lao-dong", "huan-chuong-lao-dong-hang-ba", "bang-khen-thu-tuong", "bang-khen-chu-tich-ubnd-tinh",
        "giay-khen-giam-doc-so"]
    MovementRewardForm.objects.create(movement=movement, form=form("giay-khen-giam-doc-so"), timing="ad_hoc")
    assert codes(rounds.offered_forms(movement, "ad_hoc")) == ["giay-khen-giam-doc-so"]


def test_the_authority_of_the_plans_form_decides_whether_the_director_decides_it(movement):
    from thidua.movements.models import MovementRewardForm

    MovementRewardForm.objects.filter(movement=movement, form__code="bang-khen-chu-tich-ubnd-tinh").update(
        authority="Giám đốc Sở GTVT")
    offers = {o.form.code: o for o in rounds.offered_forms(movement, "final")}
    assert offers["bang-khen-chu-tich-ubnd-tinh"].within_authority


def test_a_new_round_is_a_draft_with_every_offered_form_named_by_its_kind_and_audited(world, movement):
    review_round = yearly_round(movement, actor=world.users["vanphong"])
    assert review_round.status == "draft"
    assert review_round.name == "Đợt xét khen thưởng năm 2024"
    in_play = {rf.form.code: rf.within_authority for rf in review_round.forms.select_related("form")}
    assert in_play["tap-the-lao-dong-xuat-sac"] is False and in_play["lao-dong-tien-tien"] is True
    assert len(in_play) == 6
    event = AuditEvent.objects.get(target_type="awards.reviewround", target_id=str(review_round.pk))
    assert event.actor == world.users["vanphong"]
    assert "Tập thể lao động xuất sắc" in event.changes[rounds.FORMS_KEY][1]


def test_deadlines_out_of_order_are_refused_naming_the_dates_and_nothing_is_created(movement):
    with pytest.raises(ValidationError) as exc:
        yearly_round(movement, submit_by=dt.date(2024, 12, 10), check_by=dt.date(2024, 12, 5),
                     council_on=dt.date(2024, 12, 1))
    errors = exc.value.message_dict
    assert errors["check_by"] == ["Hạn Văn phòng kiểm tra (05/12/2024) không được trước hạn đơn vị gửi hồ sơ "
                                  "(10/12/2024)."]
    assert errors["council_on"] == ["Ngày họp Hội đồng (01/12/2024) không được trước hạn Văn phòng kiểm tra "
                                    "(05/12/2024)."]
    assert not ReviewRound.objects.exists()


def test_deadlines_on_the_same_day_are_accepted(movement):
    day = dt.date(2024, 12, 10)
    assert yearly_round(movement, submit_by=day, check_by=day, council_on=day).pk


def test_a_year_outside_the_movements_years_is_refused(movement):
    with pytest.raises(ValidationError) as exc:
        yearly_round(movement, year=2027)
    assert exc.value.message_dict["year"] == ["Năm xét 2027 không thuộc giai đoạn của phong trào (2021 - 2025)."]


def test_a_second_yearly_round_for_the_same_year_is_refused_but_an_ad_hoc_one_is_not(movement):
    yearly_round(movement)
    with pytest.raises(ValidationError) as exc:
        yearly_round(movement)
    assert exc.value.message_dict["year"] == ["Phong trào đã có đợt xét hằng năm năm 2024."]
    for _ in range(2):
        rounds.create_round(movement, actor=None, kind="ad_hoc", year=2024, submit_by=dt.date(2024, 5, 1),
                            check_by=dt.date(2024, 5, 5), council_on=dt.date(2024, 5, 8))
    assert ReviewRound.objects.filter(kind="ad_hoc").count() == 2


def test_a_form_the_round_does_not_offer_is_refused(movement):
    with pytest.raises(ValidationError) as exc:
        yearly_round(movement, forms=[rounds.FormChoice(form("huan-chuong-lao-dong"))])
    assert "“Huân chương Lao động” không có trong các hình thức" in exc.value.message_dict["forms"][0]
    assert not ReviewRound.objects.exists()


def test_only_the_office_of_the_movements_agency_creates_a_round(world, movement):
    for role in ("truongphong", "giamdoc", "vanphong_khac"):
        with pytest.raises(ValidationError):
            yearly_round(movement, actor=world.users[role])
    assert not ReviewRound.objects.exists()
    assert yearly_round(movement, actor=world.users["vanphong"]).pk


def test_a_draft_movement_gets_no_round(world):
    from thidua.movements import services as movement_services

    draft = movement_services.create_movement(actor=None, agency=world.agency, code="nhap", name="Phong trào nháp",
                                              start_year=2024, end_year=2025)
    with pytest.raises(ValidationError) as exc:
        yearly_round(draft)
    assert exc.value.messages == ["Phong trào chưa được phát động: chưa tạo được đợt xét khen thưởng."]


def test_quotas_per_form_and_per_unit_are_kept(world, movement):
    choice = rounds.FormChoice(form("giay-khen-giam-doc-so"), quota=10, unit_quotas={world.transport.pk: 3})
    review_round = yearly_round(movement, forms=[choice])
    rf = review_round.forms.get()
    assert rf.quota == 10 and rf.within_authority is True
    assert UnitQuota.objects.get(round_form=rf).unit == world.transport
    event = AuditEvent.objects.get(target_type="awards.reviewround", target_id=str(review_round.pk))
    assert event.changes[rounds.FORMS_KEY][1] == (
        "Giấy khen của Giám đốc Sở (tối đa 10) [Phòng Quản lý vận tải, phương tiện và người lái: 3]")


def test_a_unit_quota_larger_than_the_rounds_is_refused(world, movement):
    choice = rounds.FormChoice(form("giay-khen-giam-doc-so"), quota=2, unit_quotas={world.transport.pk: 3})
    with pytest.raises(ValidationError) as exc:
        yearly_round(movement, forms=[choice])
    assert "lớn hơn chỉ tiêu của cả đợt (2)" in exc.value.message_dict["forms"][0]


def test_a_unit_quota_for_a_unit_of_another_agency_is_refused(world, movement):
    choice = rounds.FormChoice(form("giay-khen-giam-doc-so"), unit_quotas={world.other_unit.pk: 1})
    with pytest.raises(ValidationError):
        yearly_round(movement, forms=[choice])


def test_the_office_may_overrule_whether_the_director_decides_a_form(movement):
    choice = rounds.FormChoice(form("bang-khen-chu-tich-ubnd-tinh"), within_authority=True)
    review_round = yearly_round(movement, forms=[choice])
    assert review_round.forms.get().within_authority is True


# -- editing ---------------------------------------------------------------------------------------------------------

def test_an_open_round_is_edited_and_the_change_audited(world, movement):
    review_round = yearly_round(movement)
    services.move_round(review_round, "open", actor=world.users["vanphong"])
    rounds.save_round(review_round, actor=world.users["vanphong"], submit_by=dt.date(2024, 12, 12),
                      check_by=dt.date(2024, 12, 16), council_on=dt.date(2024, 12, 20), remind_days=5,
                      forms=[rounds.FormChoice(form("lao-dong-tien-tien"), quota=40)])
    review_round.refresh_from_db()
    assert review_round.submit_by == dt.date(2024, 12, 12) and review_round.remind_days == 5
    assert [(rf.form.code, rf.quota) for rf in review_round.forms.all()] == [("lao-dong-tien-tien", 40)]
    event = AuditEvent.objects.filter(target_type="awards.reviewround", action="update").order_by("-id").first()
    assert event.changes["submit_by"] == ["10/12/2024", "12/12/2024"]
    assert event.changes[rounds.FORMS_KEY][1] == "Lao động tiên tiến (tối đa 40)"


def test_a_closed_round_is_not_edited(world, movement):
    review_round = yearly_round(movement)
    services.move_round(review_round, "open", actor=None)
    services.move_round(review_round, "closed", actor=None)
    with pytest.raises(ValidationError) as exc:
        rounds.save_round(review_round, actor=None, submit_by=dt.date(2024, 12, 12),
                          check_by=dt.date(2024, 12, 16), council_on=dt.date(2024, 12, 20), remind_days=3)
    assert "đã đóng nhận hồ sơ" in exc.value.messages[0]


def test_a_form_already_proposed_cannot_be_taken_out(world, movement):
    review_round = yearly_round(movement)
    nomination(review_round, world.transport, "giay-khen-giam-doc-so")
    with pytest.raises(ValidationError) as exc:
        rounds.save_round(review_round, actor=None, submit_by=review_round.submit_by,
                          check_by=review_round.check_by, council_on=review_round.council_on, remind_days=3,
                          forms=[rounds.FormChoice(form("lao-dong-tien-tien"))])
    assert exc.value.message_dict["forms"] == [
        "Không bỏ được “Giấy khen của Giám đốc Sở”: đã có 1 đề nghị với hình thức này."]
    assert RoundForm.objects.filter(review_round=review_round).count() == 6


# -- quotas left -----------------------------------------------------------------------------------------------------

def test_quota_left_counts_the_nominations_sent_not_the_drafts_nor_the_refused(world, movement):
    choice = rounds.FormChoice(form("giay-khen-giam-doc-so"), quota=5,
                               unit_quotas={world.transport.pk: 2})
    review_round = yearly_round(movement, forms=[choice])
    rf = review_round.forms.get()
    assert rounds.quota_left(rf, world.transport) == (5, 2)
    for status in ("draft", "returned", "not_agreed"):
        nomination(review_round, world.transport, status=status)
    assert rounds.quota_left(rf, world.transport) == (5, 2)
    nomination(review_round, world.transport, status="submitted")
    nomination(review_round, world.transport_team, status="agreed_decision")  # under the transport division
    nomination(review_round, world.planning, status="accepted")
    assert rounds.quota_left(rf, world.transport) == (2, 0)
    assert rounds.quota_left(rf, world.transport_team) == (2, 0)  # the division's quota covers its team
    assert rounds.quota_left(rf, world.planning) == (2, None)  # no quota of its own


def test_no_quota_means_none_left_to_count(world, movement):
    review_round = yearly_round(movement, forms=[rounds.FormChoice(form("lao-dong-tien-tien"))])
    assert rounds.quota_left(review_round.forms.get(), world.transport) == (None, None)


# -- states ----------------------------------------------------------------------------------------------------------

def test_opening_a_round_notifies_every_unit_head_in_the_application_and_by_email(
        world, movement, django_capture_on_commit_callbacks):
    other_head = UserFactory(username="truongphong_khtc")
    org_services.grant_role(other_head, Role.UNIT_HEAD, world.planning, actor=None)
    review_round = yearly_round(movement)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_round(review_round, "open", actor=world.users["vanphong"])
    review_round.refresh_from_db()
    assert review_round.status == "open" and review_round.opened_at is not None
    notified = set(Notification.objects.filter(url=f"/khen-thuong/dot-xet/{review_round.pk}/")
                   .values_list("user__username", flat=True))
    assert notified == {"truongphong", "truongphong_khtc"}
    assert sorted(m.to[0] for m in mail.outbox) == ["truongphong@example.vn", "truongphong_khtc@example.vn"]
    assert "10/12/2024" in mail.outbox[0].body


def test_a_round_without_forms_cannot_be_opened(movement):
    review_round = yearly_round(movement, forms=[])
    with pytest.raises(ValidationError):
        services.move_round(review_round, "open", actor=None)
    review_round.refresh_from_db()
    assert review_round.status == "draft"


@pytest.mark.parametrize("role", ["truongphong", "giamdoc", "hoidong", "canbo", "vanphong_khac"])
def test_only_the_office_moves_a_round(world, movement, role):
    review_round = yearly_round(movement)
    with pytest.raises(ValidationError):
        services.move_round(review_round, "open", actor=world.users[role])
    services.move_round(review_round, "open", actor=world.users["vanphong"])


def test_a_round_moves_along_its_table_to_the_end(world, movement):
    review_round = yearly_round(movement)
    office = world.users["vanphong"]
    with pytest.raises(ValidationError):
        services.move_round(review_round, "reviewed", actor=office)
    for state in ("open", "closed", "open", "closed", "reviewed", "finished"):
        review_round = services.move_round(review_round, state, actor=office)
    assert review_round.status == "finished"
    with pytest.raises(ValidationError):
        services.move_round(review_round, "open", actor=office)
