"""Evaluation against the plan's criteria: scores within each criterion's maximum (or met / not met), notes and
evidence, the evidence the system suggests, who may edit, and the nominee's own self-assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards import checks, evaluation
from thidua.awards.enums import NominationStatus, RoundStatus
from thidua.awards.evidence import round_period, suggest_for_person, suggest_for_unit
from thidua.awards.models import Evaluation, Nomination
from thidua.core.models import AuditEvent
from thidua.fund import services as fund_services
from thidua.movements.enums import CriterionTarget, RewardTiming
from thidua.movements.models import Dissemination
from thidua.participation.registrations.models import Registration, RegistrationEntry

from ..participation.helpers import activity, household, pdf_bytes
from .factories import complete_dossier
from .meeting_helpers import launched_movement, meeting, nominate, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    movement = launched_movement(world.agency)
    review_round = open_round(movement)
    nomination = nominate(review_round, world.transport, world.people["canbo"])
    crit = {c.text[:10]: c for c in movement.criteria.all()}
    collective_scored = movement.criteria.get(target=CriterionTarget.COLLECTIVE, max_score=10)
    collective_met = movement.criteria.get(target=CriterionTarget.COLLECTIVE, max_score__isnull=True)
    individual = movement.criteria.get(target=CriterionTarget.INDIVIDUAL)
    return {"movement": movement, "round": review_round, "nomination": nomination, "crit": crit,
            "scored": collective_scored, "met": collective_met, "individual": individual}


def url(setup, unit):
    return reverse("awards:evaluation", args=[setup["round"].pk, unit.pk])


def post_data(setup, **overrides):
    s, n = setup, setup["nomination"]
    data = {f"u-{s['scored'].pk}-score": "8", f"u-{s['scored'].pk}-note": "Đã quán triệt đủ",
            f"u-{s['scored'].pk}-evidence": "Biên bản quán triệt số 12",
            f"u-{s['met'].pk}-met": "yes", f"n{n.pk}-{s['individual'].pk}-score": "15"}
    data.update(overrides)
    return data


def test_unit_head_scores_his_unit_and_his_nominee(client, world, setup):
    world.login(client, "truongphong")
    page = client.get(url(setup, world.transport))
    assert page.status_code == 200
    assert "Tổ chức quán triệt" in page.content.decode() and "tối đa 10 điểm" in page.content.decode()
    response = client.post(url(setup, world.transport), post_data(setup))
    assert response.status_code == 302
    unit_score = Evaluation.objects.get(criterion=setup["scored"], nomination=None)
    assert (unit_score.score, unit_score.note, unit_score.evidence) == (8, "Đã quán triệt đủ", "Biên bản quán triệt số 12")
    assert Evaluation.objects.get(criterion=setup["met"], nomination=None).met is True
    assert Evaluation.objects.get(criterion=setup["individual"], nomination=setup["nomination"]).score == 15
    assert AuditEvent.objects.filter(target_type="awards.evaluation").count() == 3
    page = client.get(url(setup, world.transport)).content.decode()
    assert "8/10" in page and "15/20" in page


def test_a_score_above_the_maximum_is_refused_naming_the_criterion_and_nothing_is_saved(client, world, setup):
    world.login(client, "truongphong")
    n = setup["nomination"]
    response = client.post(url(setup, world.transport),
                           post_data(setup, **{f"n{n.pk}-{setup['individual'].pk}-score": "21"}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tham gia ủng hộ Quỹ Vì người nghèo" in text and "vượt điểm tối đa 20" in text
    assert not Evaluation.objects.exists()  # the unit's valid rows were not written either


def test_the_service_refuses_a_score_above_the_maximum(world, setup):
    row = evaluation.Row(criterion=setup["scored"], score=11)
    with pytest.raises(Exception, match="điểm tối đa 10"):
        evaluation.save(setup["round"], world.transport, [row], actor=world.users["vanphong"])
    assert not Evaluation.objects.exists()


def test_a_score_of_zero_everywhere_is_a_result_and_the_unit_may_still_submit(world, setup):
    rows = [evaluation.Row(criterion=setup["scored"], score=0), evaluation.Row(criterion=setup["met"], met=False),
            evaluation.Row(criterion=setup["individual"], nomination=setup["nomination"], score=0)]
    assert evaluation.save(setup["round"], world.transport, rows, actor=world.users["truongphong"]) == 3
    assert sorted(Evaluation.objects.values_list("score", flat=True), key=str) == [0, 0, None]
    p = world.people
    meeting(setup["round"], world.transport, chair=p["truongphong"], secretary=p["canbo2"],
            attendees=[p["truongphong"], p["canbo2"], p["canbo"]], votes=[(setup["nomination"], 3, 0, 0)])
    complete_dossier(setup["nomination"])
    assert checks.submission_problems(setup["nomination"]) == []


def test_the_office_edits_too_and_another_units_head_does_not_see_the_page(client, world, setup):
    world.login(client, "vanphong")
    assert client.post(url(setup, world.transport), post_data(setup)).status_code == 302
    world.login(client, "truongphong")
    assert client.get(url(setup, world.planning)).status_code == 404
    client.logout()
    response = client.get(url(setup, world.transport))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_other_agencys_office_gets_404(client, world, setup):
    world.login(client, "vanphong_khac")
    assert client.get(url(setup, world.transport)).status_code == 404


def test_bad_input_gets_vietnamese_messages_and_changes_nothing(client, world, setup):
    world.login(client, "truongphong")
    s = setup
    response = client.post(url(setup, world.transport), post_data(setup, **{
        f"u-{s['scored'].pk}-score": "mười", f"u-{s['met'].pk}-met": "maybe"}))
    text = response.content.decode()
    assert "Điểm phải là một số nguyên." in text and "Hãy chọn đạt hoặc không đạt." in text
    assert not Evaluation.objects.exists()


def test_an_evidence_file_must_be_a_real_pdf_or_image(client, world, setup):
    world.login(client, "truongphong")
    key = f"u-{setup['scored'].pk}-file"
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url(setup, world.transport), {**post_data(setup), key: fake})
    assert "không phải ảnh" in response.content.decode()
    assert not Evaluation.objects.exists()
    real = SimpleUploadedFile("bien-ban.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url(setup, world.transport), {**post_data(setup), key: real}).status_code == 302
    assert Evaluation.objects.get(criterion=setup["scored"]).evidence_file.name.endswith(".pdf")


def test_nothing_changes_once_the_round_is_closed_or_the_nomination_sent(client, world, setup):
    Nomination.objects.filter(pk=setup["nomination"].pk).update(status=NominationStatus.SUBMITTED)
    world.login(client, "truongphong")
    client.post(url(setup, world.transport), post_data(setup))
    assert not Evaluation.objects.filter(nomination=setup["nomination"]).exists()  # sent on: kept as it was
    type(setup["round"]).objects.filter(pk=setup["round"].pk).update(status=RoundStatus.CLOSED)
    Evaluation.objects.all().delete()
    response = client.post(url(setup, world.transport), post_data(setup), follow=True)
    assert "không nhận hồ sơ" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_evidence_suggested_for_the_unit_and_the_person(world, setup):
    movement, person = setup["movement"], world.people["canbo"]
    year = setup["round"].year
    act = activity(world, units=[world.transport], people=[person], households=[household(world)],
                   held_on=dt.date(year, 3, 5), cash_value=2_000_000, in_kind_value=500_000)
    assert act.pk
    campaign = fund_services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm",
                                             start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
    fund_services.record_contribution(campaign, actor=None, person=person, amount=300_000,
                                      entry_date=dt.date(year, 10, 20), method="cash")
    registration = Registration.objects.create(movement=movement, year=year, unit=world.transport,
                                               status="approved")
    RegistrationEntry.objects.create(registration=registration, person=person)
    Dissemination.objects.create(movement=movement, unit=world.transport, method="meeting",
                                 held_on=dt.date(year, 1, 10), people_reached=12,
                                 recorded_by=world.users["truongphong"])
    start, end = round_period(setup["round"])
    unit_lines = {line.key: line for line in suggest_for_unit(world.transport, movement, start, end)}
    assert unit_lines["activities"].figures == {"activities": 1, "value": 2_500_000, "households": 1}
    assert "2.500.000 đ" in unit_lines["activities"].text
    assert unit_lines["fund"].figures == {"contributions": 1, "amount": 300_000}
    assert unit_lines["registration"].figures["approved"] == [year]
    assert unit_lines["dissemination"].figures == {"sessions": 1, "people": 12}
    person_lines = {line.key: line for line in suggest_for_person(person, movement, start, end)}
    assert person_lines["activities"].figures == {"activities": 1, "value": 2_500_000, "households": 1}
    assert person_lines["fund"].figures["amount"] == 300_000
    assert person_lines["registration"].figures["approved"] == [year]
    # another year holds nothing
    empty = {line.key: line for line in suggest_for_person(person, movement, dt.date(2021, 1, 1),
                                                           dt.date(2021, 12, 31))}
    assert empty["activities"].figures["activities"] == 0 and "chưa có" in empty["activities"].text


def test_a_final_rounds_period_spans_the_movements_years(world, setup):
    final = open_round(setup["movement"], year=2025, kind=RewardTiming.FINAL)
    assert round_period(final) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert round_period(setup["round"])[0].month == 1


# -- self-assessment ----------------------------------------------------------------------------------------------

def sa_url(nomination):
    return reverse("awards:self_assessment", args=[nomination.pk])


def test_the_nominee_writes_his_own_self_assessment(client, world, setup):
    n = setup["nomination"]
    world.login(client, "canbo")
    assert client.get(sa_url(n)).status_code == 200
    response = client.post(sa_url(n), {"self_assessment": "Tôi đã tham gia đầy đủ các hoạt động.", "version": n.version})
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.self_assessment == "Tôi đã tham gia đầy đủ các hoạt động." and n.version == 2
    assert AuditEvent.objects.filter(target_type="awards.nomination", target_id=str(n.pk)).exists()


def test_a_stale_version_is_told_and_overwrites_nothing(client, world, setup):
    n = setup["nomination"]
    Nomination.objects.filter(pk=n.pk).update(self_assessment="Bản đã lưu", version=5)
    world.login(client, "canbo")
    response = client.post(sa_url(n), {"self_assessment": "Bản cũ", "version": 1})
    assert "vừa được người khác thay đổi" in response.content.decode()
    n.refresh_from_db()
    assert n.self_assessment == "Bản đã lưu"


def test_only_the_nominee_writes_and_only_while_with_the_unit(client, world, setup):
    n = setup["nomination"]
    world.login(client, "truongphong")
    assert client.get(sa_url(n)).status_code == 200  # reads it
    assert client.post(sa_url(n), {"self_assessment": "Viết hộ", "version": 1}).status_code == 403
    world.login(client, "congdoan")  # does not see a unit's draft
    assert client.get(sa_url(n)).status_code == 404
    Nomination.objects.filter(pk=n.pk).update(status=NominationStatus.SUBMITTED)
    world.login(client, "canbo")
    response = client.post(sa_url(n), {"self_assessment": "Muộn", "version": 1}, follow=True)
    assert "không sửa bản tự nhận xét được nữa" in response.content.decode()
    n.refresh_from_db()
    assert n.self_assessment == ""


def test_an_empty_self_assessment_is_refused_in_vietnamese(client, world, setup):
    world.login(client, "canbo")
    response = client.post(sa_url(setup["nomination"]), {"self_assessment": "", "version": 1})
    assert "Hãy viết bản tự nhận xét, đánh giá." in response.content.decode()


def test_the_suggested_figures_fill_the_empty_evidence_boxes_when_asked(client, world, setup):
    world.login(client, "truongphong")
    year = setup["round"].year
    activity(world, units=[world.transport], people=[world.people["canbo"]], held_on=dt.date(year, 2, 2),
             cash_value=1_000_000, in_kind_value=0)
    page = client.get(url(setup, world.transport)).content.decode()
    assert "Minh chứng hệ thống đã có" in page and "1 hoạt động, trị giá 1.000.000 đ" in page
    n = setup["nomination"]
    response = client.post(url(setup, world.transport), post_data(setup, **{"suggest-u": "on", f"suggest-n{n.pk}": "on"}))
    assert response.status_code == 302
    typed = Evaluation.objects.get(criterion=setup["scored"], nomination=None)
    assert typed.evidence == "Biên bản quán triệt số 12"  # what the user wrote is kept
    filled = Evaluation.objects.get(criterion=setup["met"], nomination=None)
    assert "Hoạt động hỗ trợ người nghèo: 1 hoạt động, trị giá 1.000.000 đ" in filled.evidence
    person = Evaluation.objects.get(nomination=n)
    assert "Hoạt động hỗ trợ người nghèo đã tham gia: 1 hoạt động" in person.evidence


def test_the_units_scores_stay_as_they_were_once_its_collective_nomination_is_sent(client, world, setup):
    s = setup
    world.login(client, "truongphong")
    client.post(url(s, world.transport), post_data(s))
    scored = Evaluation.objects.get(criterion=s["scored"], nomination=None)
    assert scored.score == 8
    Nomination.objects.create(review_round=s["round"], unit=world.transport, agency=world.agency,
                              recipient="collective", form=s["nomination"].form, status=NominationStatus.SUBMITTED)
    client.post(url(s, world.transport), post_data(s, **{f"u-{s['scored'].pk}-score": "10"}))
    scored.refresh_from_db()
    assert scored.score == 8  # the score the Office received
    page = client.get(url(s, world.transport)).content.decode()
    assert f'name="u-{s["scored"].pk}-score"' not in page
    assert evaluation.save(s["round"], world.transport, [evaluation.Row(criterion=s["scored"], score=10)],
                           actor=world.users["truongphong"]) == 0
