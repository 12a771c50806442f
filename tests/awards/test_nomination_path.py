"""The path up to the Office's check: every allowed and refused move of a draft, submitted, returned and accepted
nomination for the unit head, another unit's head, the Office, the staff member and a Council member; the
returned reason kept in the history; the page's stepper and buttons."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.awards import services
from thidua.awards.enums import NominationStatus as S
from thidua.awards.models import NominationStep
from thidua.org import services as org_services

from ..factories import UserFactory
from .factories import make_nomination, make_round, ready_to_submit

pytestmark = pytest.mark.django_db

ROLES = ["truongphong", "other_head", "vanphong", "canbo", "hoidong"]
#: (from, to) → who may take the move; every other role is refused (and so is anyone on a move not in the table)
ALLOWED = {
    (S.DRAFT, S.SUBMITTED): {"truongphong", "vanphong"},
    (S.SUBMITTED, S.DRAFT): {"truongphong"},
    (S.SUBMITTED, S.ACCEPTED): {"vanphong"},
    (S.SUBMITTED, S.RETURNED): {"vanphong"},
    (S.RETURNED, S.SUBMITTED): {"truongphong", "vanphong"},
    (S.ACCEPTED, S.RETURNED): {"vanphong"},
    (S.ACCEPTED, S.ON_AGENDA): set(),  # the agenda takes it (system), never a user
    (S.DRAFT, S.ACCEPTED): set(),
    (S.RETURNED, S.ACCEPTED): set(),
    (S.ACCEPTED, S.SUBMITTED): set(),
    (S.DRAFT, S.RETURNED): set(),
}


def users(world) -> dict:
    other = UserFactory(username="truongphong_khtc")
    org_services.grant_role(other, "unit_head", world.planning, actor=None)
    return {**world.users, "other_head": other}


@pytest.mark.parametrize("source,target", list(ALLOWED))
def test_each_move_for_each_role(world, source, target):
    people = users(world)
    review_round = make_round(world.agency)
    for role in ROLES:
        n = ready_to_submit(make_nomination(review_round, person=world.people["canbo"], status=source,
                                            creator=world.users["truongphong"]), world)
        if role in ALLOWED[(source, target)]:
            moved = services.move_nomination(n, target, actor=people[role], reason="Thiếu số liệu minh chứng")
            assert moved.status == target, role
            step = NominationStep.objects.get(nomination=n)
            assert (step.source, step.target, step.actor) == (source, target, people[role])
        else:
            with pytest.raises(ValidationError):
                services.move_nomination(n, target, actor=people[role], reason="Thiếu số liệu minh chứng")
            n.refresh_from_db()
            assert n.status == source and not n.steps.exists(), role


def test_returning_needs_a_reason(world):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.SUBMITTED,
                        creator=world.users["truongphong"])
    with pytest.raises(ValidationError, match="lý do trả lại"):
        services.move_nomination(n, S.RETURNED, actor=world.users["vanphong"], reason="  ")
    n.refresh_from_db()
    assert n.status == S.SUBMITTED


def test_a_returned_nomination_keeps_its_reason_in_the_history(world, client):
    n = ready_to_submit(make_nomination(make_round(world.agency), person=world.people["canbo"],
                                        creator=world.users["truongphong"]), world)
    world.login(client, "truongphong")
    client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": S.SUBMITTED})
    world.login(client, "vanphong")
    client.post(reverse("awards:nomination_move", args=[n.pk]),
                {"to": S.RETURNED, "reason": "Báo cáo thành tích chưa có số liệu năm"})
    n.refresh_from_db()
    assert n.status == S.RETURNED and n.return_reason == "Báo cáo thành tích chưa có số liệu năm"
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    assert "Báo cáo thành tích chưa có số liệu năm" in page
    client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": S.SUBMITTED})
    n.refresh_from_db()
    assert n.status == S.SUBMITTED and n.return_reason == ""
    reasons = list(n.steps.values_list("target", "reason"))
    assert (S.RETURNED, "Báo cáo thành tích chưa có số liệu năm") in reasons
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    assert "Báo cáo thành tích chưa có số liệu năm" in page  # still in the history


def test_submitting_without_the_units_meeting_is_refused(world):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    with pytest.raises(ValidationError, match="họp bình xét"):
        services.move_nomination(n, S.SUBMITTED, actor=world.users["truongphong"])


def test_submitting_after_the_deadline_names_it(world):
    review_round = make_round(world.agency, submit_in=-2)
    n = ready_to_submit(make_nomination(review_round, person=world.people["canbo"]), world)
    with pytest.raises(ValidationError) as exc:
        services.move_nomination(n, S.SUBMITTED, actor=world.users["truongphong"])
    assert f"{review_round.submit_by:%d/%m/%Y}" in " ".join(exc.value.messages)


def test_submitting_over_the_quota_is_refused(world):
    review_round = make_round(world.agency, quotas={"giay-khen-giam-doc-so": 1})
    make_nomination(review_round, person=world.people["canbo2"], status=S.ACCEPTED)
    n = ready_to_submit(make_nomination(review_round, person=world.people["canbo"]), world)
    with pytest.raises(ValidationError, match="số lượng tối đa 1"):
        services.move_nomination(n, S.SUBMITTED, actor=world.users["truongphong"])


def test_the_page_shows_where_it_stands_who_holds_it_and_the_users_buttons(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.SUBMITTED)
    world.login(client, "vanphong")
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    assert 'aria-current="step"' in page and "Đang ở: Văn phòng" in page
    assert 'value="accepted"' in page and 'value="returned"' in page and 'name="reason"' in page
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    assert 'value="draft"' in page and 'value="accepted"' not in page
    world.login(client, "canbo")
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    assert 'name="to"' not in page


@pytest.mark.parametrize("status,holder", [(S.DRAFT, "Đơn vị"), (S.RETURNED, "Đơn vị"), (S.ACCEPTED, "Văn phòng"),
                                           (S.ON_AGENDA, "Hội đồng TĐKT"), (S.AGREED_DECISION, "Văn phòng"),
                                           (S.AGREED_PROVINCE, "Văn phòng"), (S.NOT_AGREED, "")])
def test_the_holder_at_each_step(world, status, holder):
    """After the Council's result the Office holds it (to draft the decision or the tờ trình: tests in
    test_nomination_outcome); a nomination not agreed has ended its path."""
    from thidua.awards.views.nominations import holder as holder_of
    from thidua.awards.views.nominations import stepper

    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=status)
    assert holder_of(stepper(n, world.users["vanphong"])) == holder


def test_another_unit_head_cannot_act_by_url(world, client):
    people = users(world)
    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.DRAFT)
    client.force_login(people["other_head"])
    assert client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": S.SUBMITTED}).status_code == 404
    assert client.get(reverse("awards:nomination", args=[n.pk])).status_code == 404
    assert client.get(reverse("awards:nomination_edit", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.status == S.DRAFT


def test_the_offices_acceptance_fixes_the_governing_regime_and_its_reason(world):
    from thidua.awards import dossier

    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.SUBMITTED,
                        creator=world.users["truongphong"])
    expected = dossier.governing_for(n)
    n = services.move_nomination(n, S.ACCEPTED, actor=world.users["vanphong"])
    n.refresh_from_db()
    assert (n.regime, n.regime_reason) == (expected.regime, expected.reason)
    assert dossier.governing_for(n).regime == expected.regime


def test_the_page_takes_the_same_queries_with_one_file_and_step_or_many(world, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from thidua.awards.dossier import add_file

    from .factories import pdf_file

    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.SUBMITTED)

    def grow(k: int) -> None:
        for _i in range(k):
            add_file(n, "report", pdf_file(), actor=world.users["truongphong"])
            NominationStep.objects.create(nomination=n, source=S.DRAFT, target=S.SUBMITTED,
                                          actor=world.users["truongphong"], at=timezone.now())

    world.login(client, "vanphong")
    url = reverse("awards:nomination", args=[n.pk])
    grow(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    grow(8)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_submitting_locks_the_rounds_form_before_counting_its_quota(world, monkeypatch):
    """Two units sending the last place of a quota at the same moment: the second waits for the first and then
    counts it (the lock on the round's form; on PostgreSQL a plain count would let both through)."""
    from django.db.models.query import QuerySet

    from thidua.awards import checks
    from thidua.awards.models import RoundForm

    review_round = make_round(world.agency, quotas={"giay-khen-giam-doc-so": 1})
    n = ready_to_submit(make_nomination(review_round, person=world.people["canbo"]), world)
    events = []
    original_lock, original_quota = QuerySet.select_for_update, checks.quota_problem

    def lock(self, *args, **kwargs):
        events.append(("lock", self.model))
        return original_lock(self, *args, **kwargs)

    def quota(*args, **kwargs):
        events.append(("count", None))
        return original_quota(*args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", lock)
    monkeypatch.setattr(checks, "quota_problem", quota)
    services.move_nomination(n, S.SUBMITTED, actor=world.users["truongphong"])
    assert ("lock", RoundForm) in events
    assert events.index(("lock", RoundForm)) < events.index(("count", None))


@pytest.mark.parametrize("role", ["vanphong", "truongphong", "hoidong", "giamdoc"])
def test_the_pages_link_back_to_the_round_opens_for_whoever_sees_the_nomination(world, client, role):
    """The breadcrumb leads to the round's list of nominations for unit heads and the Office, and to the round's
    page for the Council and the Director (who may not list a round's nominations): never to a 403."""
    import re

    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"], status=S.SUBMITTED)
    world.login(client, role)
    page = client.get(reverse("awards:nomination", args=[n.pk]))
    assert page.status_code == 200
    crumb = re.search(r'<li class="breadcrumb-item"><a href="([^"]+)">', page.content.decode()).group(1)
    assert crumb in (reverse("awards:round_nominations", args=[review_round.pk]),
                     reverse("awards:round", args=[review_round.pk]))
    assert client.get(crumb).status_code == 200


def test_a_return_reason_over_the_limit_is_refused_and_nothing_moves(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=S.SUBMITTED,
                        creator=world.users["truongphong"])
    world.login(client, "vanphong")
    page = client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": S.RETURNED, "reason": "x" * 5000},
                       follow=True).content.decode()
    assert "Lý do dài quá 2.000 ký tự (đang có 5.000)" in page
    n.refresh_from_db()
    assert n.status == S.SUBMITTED and n.return_reason == "" and not n.steps.exists()
    client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": S.RETURNED, "reason": "Thiếu biên bản."})
    n.refresh_from_db()
    assert n.status == S.RETURNED and n.return_reason == "Thiếu biên bản."
