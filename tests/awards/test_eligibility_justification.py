"""Going on past a not-met eligibility rule needs a written justification (issue 11 §2): refused empty or too long
beside its field with nothing changed; stored cleaned on the step, written into the audit log, shown on the
nomination page, the Council's agenda and ballot, the minutes; the consolidated list flags the nomination."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from thidua.awards import council, council_minutes, services
from thidua.awards.enums import NominationStatus as S
from thidua.awards.models import Discipline
from thidua.awards.views.council import _loaded
from thidua.core.models import AuditEvent

from .factories import disciplined_nomination

pytestmark = pytest.mark.django_db

UNIT_TEXT = "Đồng chí đã khắc phục khuyết điểm, thành tích hỗ trợ 12 hộ nghèo thoát nghèo trong năm."
OFFICE_TEXT = "Văn phòng đã đối chiếu quyết định kỷ luật; trình Hội đồng xem xét."


@pytest.fixture
def disciplined(world):
    return disciplined_nomination(world)


def move(client, n, to: str, justification: str | None = None):
    data = {"to": to} if justification is None else {"to": to, "justification": justification}
    return client.post(reverse("awards:nomination_move", args=[n.pk]), data)


def test_the_unit_is_asked_for_a_justification_and_an_empty_one_changes_nothing(world, client, disciplined):
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination", args=[disciplined.pk])).content.decode()
    assert "Chưa đạt 1 tiêu chí" in page and "Giải trình vì sao vẫn đề nghị (bắt buộc)" in page

    for empty in (None, "", "   \u200b "):
        response = move(client, disciplined, S.SUBMITTED, empty)
        assert response.status_code == 400
        assert "hãy ghi giải trình vì sao vẫn đề nghị" in response.content.decode()
    disciplined.refresh_from_db()
    assert disciplined.status == S.DRAFT and not disciplined.steps.exists()


def test_a_justification_over_the_limit_is_refused_and_kept_in_the_box(world, client, disciplined):
    world.login(client, "truongphong")
    long = "Thành tích nổi bật. " * 101  # 2020 characters once stripped
    response = move(client, disciplined, S.SUBMITTED, long)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Giải trình dài quá 2.000 ký tự" in html and "Thành tích nổi bật. Thành tích nổi bật." in html
    disciplined.refresh_from_db()
    assert disciplined.status == S.DRAFT and not disciplined.steps.exists()


def test_the_justification_is_stored_audited_and_shown_to_the_office_and_the_council(world, client, disciplined):
    world.login(client, "truongphong")
    response = move(client, disciplined, S.SUBMITTED, f"  {UNIT_TEXT}\u200b  ")
    assert response.status_code == 302
    disciplined.refresh_from_db()
    assert disciplined.status == S.SUBMITTED
    step = disciplined.steps.get()
    assert step.justification == UNIT_TEXT
    event = AuditEvent.objects.filter(target_type="awards.nomination", target_id=str(disciplined.pk)).latest("id")
    assert event.changes["justification"] == ["", UNIT_TEXT]

    world.login(client, "vanphong")
    page = client.get(reverse("awards:nomination", args=[disciplined.pk])).content.decode()
    assert UNIT_TEXT in page and "Chưa đạt 1 tiêu chí" in page
    assert move(client, disciplined, S.ACCEPTED, "").status_code == 400  # the Office passes it on only with its own
    assert move(client, disciplined, S.ACCEPTED, OFFICE_TEXT).status_code == 302
    disciplined.refresh_from_db()
    assert disciplined.status == S.ACCEPTED

    session = council.create_session(world.agency, actor=world.users["vanphong"], name="Phiên họp xét năm",
                                     held_on=disciplined.review_round.council_on, place="Phòng họp tầng 2")
    council.add_to_agenda(session, disciplined, actor=world.users["vanphong"])
    world.login(client, "hoidong")
    agenda = client.get(f"/khen-thuong/hoi-dong/{session.pk}/").content.decode()
    assert "Chưa đạt 1 tiêu chí" in agenda and UNIT_TEXT in agenda and OFFICE_TEXT in agenda
    assert "kỷ luật" in agenda.lower()

    members, items = _loaded(session)
    text = "\n".join(p.text for p in Document(io.BytesIO(council_minutes.build(session, members, items))).paragraphs)
    assert UNIT_TEXT in text and OFFICE_TEXT in text and "Tiêu chí chưa đạt" in text


def test_a_nomination_meeting_every_rule_goes_on_without_a_justification(world, disciplined):
    Discipline.objects.all().delete()
    moved = services.move_nomination(disciplined, S.SUBMITTED, actor=world.users["truongphong"])
    assert moved.status == S.SUBMITTED and moved.steps.get().justification == ""


def test_the_consolidated_list_and_its_xlsx_flag_the_not_met_rule(world, client, disciplined):
    from openpyxl import load_workbook

    services.move_nomination(disciplined, S.SUBMITTED, actor=world.users["truongphong"], justification=UNIT_TEXT)
    services.move_nomination(disciplined, S.ACCEPTED, actor=world.users["vanphong"], justification=OFFICE_TEXT)
    world.login(client, "vanphong")
    url = reverse("awards:consolidated", args=[disciplined.review_round.pk])
    html = client.get(url).content.decode()
    cell = html[html.index('class="eligibility-flag"'):][:400]
    assert "Chưa đạt 1 tiêu chí" in cell
    rows = [[c.value for c in row] for row in
            load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content)).active.iter_rows()]
    header = next(r for r in rows if r and r[0] == "STT")
    line = next(r for r in rows if r and r[1] == disciplined.nominee_name)
    assert line[header.index("Điều kiện")] == "Chưa đạt 1 tiêu chí"
