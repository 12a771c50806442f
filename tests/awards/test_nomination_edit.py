"""Making and editing a nomination: what is allowed, every refusal with its Vietnamese message (nothing changes),
two people editing at once, women first kept on save, the audit row."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.awards import nominating
from thidua.awards.enums import NominationStatus, RecipientKind, RoundStatus
from thidua.awards.models import Nomination, RoundForm, UnitQuota
from thidua.core.models import AuditEvent

from .factories import make_nomination, make_round, register, reward_form

pytestmark = pytest.mark.django_db


def data(person=None, *, form="giay-khen-giam-doc-so", recipient=RecipientKind.INDIVIDUAL, unit=None,
         household=None, achievement="Hoàn thành xuất sắc nhiệm vụ năm; 05 hoạt động hỗ trợ hộ nghèo."):
    return nominating.NominationData(recipient=recipient, form=reward_form(form), achievement=achievement,
                                     person=person, unit=unit, household=household)


def refused(review_round, d, user) -> str:
    before = Nomination.objects.count()
    with pytest.raises(ValidationError) as exc:
        nominating.create_nomination(review_round, d, actor=user)
    assert Nomination.objects.count() == before
    return " ".join(exc.value.messages)


def test_unit_head_nominates_a_person_of_his_unit_and_it_is_audited(world):
    review_round = make_round(world.agency)
    n = nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    assert n.status == NominationStatus.DRAFT and n.unit == world.transport and n.agency == world.agency
    assert AuditEvent.objects.filter(target_type="awards.nomination", target_id=str(n.pk), action="create").exists()


def test_a_form_not_offered_in_the_round_is_refused(world):
    review_round = make_round(world.agency, forms=["lao-dong-tien-tien"])
    msg = refused(review_round, data(world.people["canbo"]), world.users["truongphong"])
    assert "Giấy khen của Giám đốc Sở" in msg and "không có trong đợt xét" in msg


def test_over_the_round_quota_is_refused_naming_the_quota(world):
    review_round = make_round(world.agency, quotas={"giay-khen-giam-doc-so": 1})
    make_nomination(review_round, person=world.people["canbo2"], status=NominationStatus.SUBMITTED)
    msg = refused(review_round, data(world.people["canbo"]), world.users["truongphong"])
    assert "số lượng tối đa 1" in msg and "cả đợt xét" in msg


def test_drafts_do_not_use_the_quota(world):
    review_round = make_round(world.agency, quotas={"giay-khen-giam-doc-so": 1})
    make_nomination(review_round, person=world.people["canbo2"], status=NominationStatus.DRAFT)
    nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])


def test_over_the_units_quota_is_refused_naming_the_unit(world):
    review_round = make_round(world.agency)
    round_form = RoundForm.objects.get(review_round=review_round, form__code="giay-khen-giam-doc-so")
    UnitQuota.objects.create(round_form=round_form, unit=world.transport, quota=1)
    make_nomination(review_round, person=world.people["team"], status=NominationStatus.ACCEPTED)  # a sub-unit's
    msg = refused(review_round, data(world.people["canbo"]), world.users["truongphong"])
    assert "chỉ tiêu 1" in msg and world.transport.name in msg
    # another unit's quota is its own
    nominating.create_nomination(review_round, data(world.people["planning"]), actor=world.users["vanphong"])


def test_a_title_for_a_person_not_registered_is_refused_with_the_reason(world):
    review_round = make_round(world.agency)
    msg = refused(review_round, data(world.people["canbo"], form="lao-dong-tien-tien"), world.users["truongphong"])
    assert "chưa đăng ký thi đua" in msg and str(review_round.year) in msg
    register(world.people["canbo"], review_round.movement, review_round.year)
    nominating.create_nomination(review_round, data(world.people["canbo"], form="lao-dong-tien-tien"),
                                 actor=world.users["truongphong"])


def test_a_registration_not_yet_approved_does_not_count(world):
    review_round = make_round(world.agency)
    register(world.people["canbo"], review_round.movement, review_round.year, status="submitted")
    assert "chưa đăng ký thi đua" in refused(review_round, data(world.people["canbo"], form="lao-dong-tien-tien"),
                                             world.users["truongphong"])


def test_a_unit_head_cannot_nominate_someone_outside_his_unit(world):
    review_round = make_round(world.agency)
    msg = refused(review_round, data(world.people["planning"]), world.users["truongphong"])
    assert world.people["planning"].full_name in msg and "không thuộc đơn vị" in msg
    msg = refused(review_round, data(recipient=RecipientKind.COLLECTIVE, unit=world.planning,
                                     form="tap-the-lao-dong-tien-tien"), world.users["truongphong"])
    assert world.planning.name in msg


def test_a_form_not_for_the_recipient_kind_is_refused(world):
    review_round = make_round(world.agency)
    msg = refused(review_round, data(recipient=RecipientKind.COLLECTIVE, unit=world.transport,
                                     form="lao-dong-tien-tien"), world.users["truongphong"])
    assert "không dành cho đối tượng tập thể" in msg


def test_a_round_not_open_or_past_its_deadline_is_refused_naming_the_deadline(world):
    closed = make_round(world.agency, status=RoundStatus.CLOSED)
    assert "không nhận hồ sơ" in refused(closed, data(world.people["canbo"]), world.users["truongphong"])
    late = make_round(world.agency, submit_in=-1, code="phong-trao-khac")
    msg = refused(late, data(world.people["canbo"]), world.users["truongphong"])
    assert f"{late.submit_by:%d/%m/%Y}" in msg and "quá hạn" in msg


def test_a_household_of_the_agency_through_a_unit(world):
    from ..participation.helpers import household

    review_round = make_round(world.agency)
    hh = household(world)
    n = nominating.create_nomination(review_round, data(recipient=RecipientKind.HOUSEHOLD, unit=world.transport,
                                                        household=hh), actor=world.users["truongphong"])
    assert n.household == hh and n.person is None
    other = household(world, name="Lò Văn Khác", agency=world.other_agency)
    assert "không do cơ quan theo dõi" in refused(
        review_round, data(recipient=RecipientKind.HOUSEHOLD, unit=world.transport, household=other),
        world.users["truongphong"])


def test_women_first_is_kept_on_save(world, make_people):
    review_round = make_round(world.agency)
    woman = nominating.create_nomination(review_round, data(world.people["canbo2"]), actor=world.users["truongphong"])
    man = nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    assert woman.women_first and not man.women_first
    # the man's nomination turned into one for another woman of the unit: the mark follows on save (no duplicate)
    other_woman = make_people(world.transport, 1)[0]
    other_woman.gender = "female"
    other_woman.save(update_fields=["gender"])
    man = nominating.edit_nomination(man, data(other_woman), actor=world.users["truongphong"], version=man.version)
    assert man.women_first
    # the planning division: 2 women of 2 → a collective with ≥ 70% women
    collective = nominating.create_nomination(
        review_round, data(recipient=RecipientKind.COLLECTIVE, unit=world.planning, form="tap-the-lao-dong-tien-tien"),
        actor=world.users["vanphong"])
    assert collective.women_first
    make_people(world.planning, 1)  # a man: 2 of 3 women, below 70%
    collective = nominating.edit_nomination(collective, data(recipient=RecipientKind.COLLECTIVE, unit=world.planning,
                                                             form="tap-the-lao-dong-tien-tien"),
                                            actor=world.users["vanphong"], version=collective.version)
    assert not collective.women_first


def test_a_stale_save_is_refused_and_nothing_is_overwritten(world, client):
    review_round = make_round(world.agency)
    n = nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    loaded = n.version
    nominating.edit_nomination(n, data(world.people["canbo"], achievement="Bản của Văn phòng"),
                               actor=world.users["vanphong"], version=loaded)
    world.login(client, "truongphong")
    response = client.post(reverse("awards:nomination_edit", args=[n.pk]), {
        "recipient": "individual", "form": n.form_id, "person": world.people["canbo"].pk,
        "achievement": "Bản của trưởng phòng", "version": loaded})
    assert response.status_code == 200
    assert "đã được người khác sửa lúc" in response.content.decode() and "hãy tải lại" in response.content.decode()
    n.refresh_from_db()
    assert n.achievement == "Bản của Văn phòng"


def test_the_edit_page_saves_with_the_current_version(world, client):
    review_round = make_round(world.agency)
    n = nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination_edit", args=[n.pk]))
    assert f'value="{n.version}"' in page.content.decode()
    response = client.post(reverse("awards:nomination_edit", args=[n.pk]), {
        "recipient": "individual", "form": n.form_id, "person": world.people["canbo"].pk,
        "achievement": "Thành tích mới: 07 hoạt động", "version": n.version})
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.achievement == "Thành tích mới: 07 hoạt động" and n.version == 2
    assert AuditEvent.objects.filter(target_id=str(n.pk), action="update").exists()


def test_the_new_page_refuses_with_the_message_and_creates_nothing(world, client):
    review_round = make_round(world.agency)
    world.login(client, "truongphong")
    response = client.post(reverse("awards:nomination_new", args=[review_round.pk]), {
        "recipient": "individual", "form": reward_form("giay-khen-giam-doc-so").pk,
        "person": world.people["planning"].pk, "achievement": "x"})
    assert response.status_code == 200 and "không thuộc đơn vị" in response.content.decode()
    assert not Nomination.objects.exists()
    response = client.post(reverse("awards:nomination_new", args=[review_round.pk]), {
        "recipient": "individual", "form": reward_form("giay-khen-giam-doc-so").pk,
        "person": world.people["canbo"].pk, "achievement": "Thành tích"})
    assert response.status_code == 302 and Nomination.objects.count() == 1


@pytest.mark.parametrize("status", [NominationStatus.SUBMITTED, NominationStatus.ACCEPTED])
def test_editing_outside_the_units_states_is_refused(world, status):
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"], status=status)
    with pytest.raises(ValidationError, match="không sửa được"):
        nominating.edit_nomination(n, data(world.people["canbo"]), actor=world.users["truongphong"],
                                   version=n.version)


def test_a_returned_nomination_is_edited_by_the_unit(world):
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"], status=NominationStatus.RETURNED)
    n = nominating.edit_nomination(n, data(world.people["canbo"], achievement="Đã bổ sung số liệu"),
                                   actor=world.users["truongphong"], version=n.version)
    assert n.achievement == "Đã bổ sung số liệu"


@pytest.mark.parametrize("role", ["canbo", "hoidong", "giamdoc"])
def test_staff_and_council_cannot_edit(world, role):
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"])
    with pytest.raises(PermissionDenied):
        nominating.edit_nomination(n, data(world.people["canbo"]), actor=world.users[role], version=n.version)


def test_another_unit_head_cannot_edit(world):
    from thidua.org import services as org_services

    from ..factories import UserFactory

    other_head = UserFactory(username="truongphong_khtc")
    org_services.grant_role(other_head, "unit_head", world.planning, actor=None)
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"])
    with pytest.raises(PermissionDenied):
        nominating.edit_nomination(n, data(world.people["canbo"]), actor=other_head, version=n.version)



def test_a_person_of_another_agency_is_refused_even_for_the_administrator(world):
    review_round = make_round(world.agency)
    msg = refused(review_round, data(world.people["other"]), world.users["admin"])
    assert world.people["other"].full_name in msg


def test_the_new_page_sent_twice_creates_one_nomination(world, client):
    """A double click (or two parallel sends) of the same new-nomination form: one nomination, the repeat is told."""
    import re

    review_round = make_round(world.agency)
    world.login(client, "truongphong")
    url = reverse("awards:nomination_new", args=[review_round.pk])
    token = re.findall(r'name="form_token" value="([^"]+)"', client.get(url).content.decode())
    assert len(token) == 1
    data = {"recipient": "individual", "form": reward_form("giay-khen-giam-doc-so").pk,
            "person": world.people["canbo"].pk, "achievement": "Thành tích", "form_token": token[0]}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and Nomination.objects.count() == 1
    assert "đã được gửi và ghi nhận rồi" in second.content.decode()
    assert second.redirect_chain[-1][0] == first["Location"]


def test_the_same_person_and_form_twice_in_a_round_is_refused_naming_the_first(world, client):
    review_round = make_round(world.agency)
    first = nominating.create_nomination(review_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    msg = refused(review_round, data(world.people["canbo"]), world.users["vanphong"])
    assert "Nguyễn Văn An đã có đề nghị “Giấy khen của Giám đốc Sở”" in msg
    assert f"đề nghị số {first.pk}" in msg and "Đơn vị đang soạn" in msg and "hãy sửa đề nghị đó" in msg
    # the page says so too and creates nothing
    world.login(client, "truongphong")
    response = client.post(reverse("awards:nomination_new", args=[review_round.pk]), {
        "recipient": "individual", "form": reward_form("giay-khen-giam-doc-so").pk,
        "person": world.people["canbo"].pk, "achievement": "Thành tích"})
    html = response.content.decode()
    assert response.status_code == 200 and f"đề nghị số {first.pk}" in html
    # with a link to the first nomination
    assert "Nguyễn Văn An đã được đề nghị “Giấy khen của Giám đốc Sở” trong đợt xét này." in html
    link = reverse("awards:nomination", args=[first.pk])
    assert f'href="{link}">Mở đề nghị số {first.pk}</a>' in html
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize("status", [NominationStatus.RETURNED, NominationStatus.SUBMITTED,
                                    NominationStatus.NOT_AGREED])
def test_a_nomination_in_any_state_blocks_a_second_one(world, status):
    review_round = make_round(world.agency)
    make_nomination(review_round, person=world.people["canbo"], status=status)
    msg = refused(review_round, data(world.people["canbo"]), world.users["truongphong"])
    assert "không tạo đề nghị thứ hai" in msg


def test_another_form_or_another_round_is_not_a_duplicate(world):
    review_round, other_round = make_round(world.agency), make_round(world.agency, code="phong-trao-khac")
    make_nomination(review_round, person=world.people["canbo"])
    nominating.create_nomination(other_round, data(world.people["canbo"]), actor=world.users["truongphong"])
    collective = nominating.create_nomination(
        review_round, data(recipient=RecipientKind.COLLECTIVE, unit=world.transport, form="tap-the-lao-dong-tien-tien"),
        actor=world.users["truongphong"])
    msg = refused(review_round, data(recipient=RecipientKind.COLLECTIVE, unit=world.transport,
                                     form="tap-the-lao-dong-tien-tien"), world.users["vanphong"])
    assert f"đề nghị số {collective.pk}" in msg


def test_an_edit_into_a_duplicate_is_refused_and_changes_nothing(world):
    review_round = make_round(world.agency)
    make_nomination(review_round, person=world.people["canbo"])
    second = nominating.create_nomination(review_round, data(world.people["canbo2"]), actor=world.users["truongphong"])
    with pytest.raises(ValidationError, match="đã có đề nghị"):
        nominating.edit_nomination(second, data(world.people["canbo"]), actor=world.users["truongphong"],
                                   version=second.version)
    second.refresh_from_db()
    assert second.person == world.people["canbo2"] and second.version == 1
    # saving the nomination itself again is no duplicate of itself
    nominating.edit_nomination(second, data(world.people["canbo2"], achievement="Bổ sung"),
                               actor=world.users["truongphong"], version=second.version)


def test_the_form_marks_each_recipients_field_for_the_script(world, client):
    review_round = make_round(world.agency)
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination_new", args=[review_round.pk])).content.decode()
    assert 'name="recipient"' in page and "data-recipient-select" in page
    assert 'data-recipient-show="individual"' in page and 'data-recipient-show="collective household"' in page
    assert 'data-recipient-show="household"' in page


def test_the_form_shows_only_the_fields_of_the_chosen_recipient_kind_without_a_script(world, client):
    import re

    review_round = make_round(world.agency)
    world.login(client, "truongphong")
    url = reverse("awards:nomination_new", args=[review_round.pk])

    def shown(html):
        return {name for hidden, name in re.findall(r'<div class="mb-3"( hidden)?>\s*<label class="form-label" '
                                                    r'for="id_(person|unit|household)"', html) if not hidden}

    html = client.get(url).content.decode()
    assert shown(html) == {"person"} and 'data-recipient-select' in html and "<script>" not in html
    assert 'href="?kind=collective">Tập thể</a>' in html and 'href="?kind=household">Hộ gia đình</a>' in html
    assert shown(client.get(url + "?kind=collective").content.decode()) == {"unit"}
    assert shown(client.get(url + "?kind=household").content.decode()) == {"unit", "household"}
    assert shown(client.get(url + "?kind=khac").content.decode()) == {"person"}
    # a refused post shows the fields of the kind posted
    response = client.post(url + "?kind=individual", {"recipient": "household", "form": "",
                                                      "achievement": ""})
    assert response.status_code == 200 and shown(response.content.decode()) == {"unit", "household"}
