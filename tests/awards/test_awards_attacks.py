"""The commendation side probed as an attacker would: dossier files that are not what they claim, how the kept
files are served, CSRF on the POSTs, votes for someone else or by a member who is not the secretary, formulas in
the exports, another agency's ids."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards.enums import NominationStatus, VoteChoice
from thidua.awards.models import DossierFile, Nomination, Vote

from ..participation.helpers import pdf_bytes
from . import council_factories as cf
from .factories import docx_bytes, make_nomination, make_round

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


@pytest.fixture
def draft(world):
    review_round = make_round(world.agency)
    return make_nomination(review_round, person=world.people["canbo"], creator=world.users["truongphong"])


def _upload(client, nomination, name, data, part="report"):
    return client.post(reverse("awards:dossier_upload", args=[nomination.pk]),
                       {"part": part, "file": SimpleUploadedFile(name, data)}, follow=True)


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize("name,data", [
    ("anh.png", SVG), ("ho-so.pdf", HTML), ("ho-so.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
    ("bao-cao.docx", b"PK\x03\x04" + HTML),
])
def test_markup_disguised_as_a_pdf_an_image_or_a_docx_is_refused(client, world, draft, name, data):
    world.login(client, "truongphong")
    response = _upload(client, draft, name, data)
    assert "không được nhận" in response.content.decode() or "không phải" in response.content.decode()
    assert not DossierFile.objects.exists()


def test_a_docx_that_unpacks_beyond_the_limit_is_refused(client, world, draft, monkeypatch):
    from thidua.awards import dossier

    monkeypatch.setattr(dossier, "DOCX_MAX_UNCOMPRESSED", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (2 * 1024 * 1024))
    world.login(client, "truongphong")
    response = _upload(client, draft, "bao-cao.docx", out.getvalue())
    assert "giải nén ra quá lớn" in response.content.decode()
    assert not DossierFile.objects.exists()


def test_a_kept_file_is_served_as_an_attachment_of_its_checked_type_under_a_safe_name(client, world, draft):
    world.login(client, "truongphong")
    _upload(client, draft, '../../"evil\r\nX-Injected: 1".pdf', pdf_bytes())
    _upload(client, draft, "bao-cao.docx", docx_bytes())
    for row in DossierFile.objects.all():
        assert "/" not in row.file.name.split("dossier", 1)[-1].lstrip("/").split("/")[-1]
        assert ".." not in row.file.name
        response = client.get(reverse("awards:dossier_file", args=[draft.pk, row.pk]))
        assert response["Content-Type"] in ("application/pdf", "application/vnd.openxmlformats-officedocument."
                                                               "wordprocessingml.document")
        assert response["Content-Disposition"].startswith("attachment;")
        assert "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "X-Injected" not in response
    other = world.login(Client(), "vanphong_khac")
    row = DossierFile.objects.first()
    assert other.get(reverse("awards:dossier_file", args=[draft.pk, row.pk])).status_code == 404
    reader = world.login(Client(), "congdoan")  # an agency reader: not the unit's draft
    assert reader.get(reverse("awards:dossier_file", args=[draft.pk, row.pk])).status_code in (403, 404)


def test_every_awards_post_needs_the_csrf_token(world, draft):
    client = Client(enforce_csrf_checks=True)
    world.login(client, "truongphong")
    version = draft.version
    for url, data in [
        (reverse("awards:nomination_move", args=[draft.pk]), {"to": "submitted"}),
        (reverse("awards:dossier_upload", args=[draft.pk]), {"part": "other"}),
        (reverse("awards:nomination_edit", args=[draft.pk]), {"achievement": "x"}),
        (reverse("awards:nomination_new", args=[draft.review_round_id]), {"achievement": "x"}),
        (reverse("awards:ratings"), {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    draft.refresh_from_db()
    assert draft.status == NominationStatus.DRAFT and draft.version == version


@pytest.fixture
def voting(board, world):
    rnd = cf.review_round(board.agency, year=2025)
    board.n = cf.accepted(rnd, unit=world.planning)
    board.session = cf.session(board.agency, held_on=DAY, nominations=[board.n], actor=board.office)
    board.start(board.session)
    board.item = board.session.items.get()
    return board


def test_a_member_votes_only_for_himself_and_only_the_secretary_records_paper_votes(voting, world):
    chair = world.login(Client(), "hoidong")
    other = voting.session.members.exclude(user=voting.chair).first()
    ballot = voting.item.ballots.get()
    # the ballot page takes no member: the vote is the signed-in member's
    chair.post(reverse("awards:session_vote", args=[voting.session.pk]),
               {"item": voting.item.pk, "ballot": ballot.pk, "choice": VoteChoice.AGREE, "member": other.pk})
    assert list(Vote.objects.values_list("member__user", flat=True)) == [voting.chair.pk]
    # the chair is not the secretary: no paper vote for another member
    response = chair.post(reverse("awards:session_record", args=[voting.session.pk]),
                          {"item": voting.item.pk, "member": other.pk, "choice": VoteChoice.AGREE, "mode": "paper"})
    assert response.status_code in (403, 302)
    assert Vote.objects.count() == 1
    # the Office of another agency: not even the session
    office_b = world.login(Client(), "vanphong_khac")
    assert office_b.post(reverse("awards:session_record", args=[voting.session.pk]),
                         {"item": voting.item.pk, "member": other.pk, "choice": VoteChoice.AGREE,
                          "mode": "paper"}).status_code in (403, 404)
    assert Vote.objects.count() == 1


def test_formulas_in_names_and_achievements_are_text_in_the_exports(world):
    review_round = make_round(world.agency)
    person = world.people["canbo"]
    person.full_name = '=HYPERLINK("http://evil.example","bam")'
    person.save()
    n = make_nomination(review_round, person=person, achievement="+cmd|' /C calc'!A0")
    Nomination.objects.filter(pk=n.pk).update(status=NominationStatus.ACCEPTED)
    office = world.login(Client(), "vanphong")
    for url in (reverse("awards:round_nominations", args=[review_round.pk]) + "?format=xlsx",
                reverse("awards:consolidated", args=[review_round.pk]) + "?format=xlsx&state=all"):
        response = office.get(url)
        assert response.status_code == 200, url
        book = load_workbook(io.BytesIO(response.content))
        cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
        risky = [c for c in cells if c.value[:1] in "=+-@"]
        assert risky, url
        assert all(c.data_type == "s" for c in risky), url


ALL_TARGETS = [s for s in NominationStatus.values]


@pytest.mark.parametrize("role", ["truongphong", "canbo", "hoidong", "giamdoc", "congdoan", "tinh",
                                  "vanphong_khac"])
def test_no_role_moves_a_nomination_along_an_edge_it_may_not_take(world, role):
    """Another unit's submitted nomination, and the unit's own one on the Council's agenda: every target refused
    for each role but the Office (the agenda and the result are the system's)."""
    review_round = make_round(world.agency)
    theirs = make_nomination(review_round, unit=world.planning, status=NominationStatus.SUBMITTED)
    mine = make_nomination(review_round, person=world.people["canbo"], status=NominationStatus.ON_AGENDA)
    client = world.login(Client(), role)
    for n in (theirs, mine):
        for target in ALL_TARGETS:
            client.post(reverse("awards:nomination_move", args=[n.pk]), {"to": target, "reason": "thử"})
            n.refresh_from_db()
            assert n.status in (NominationStatus.SUBMITTED, NominationStatus.ON_AGENDA), (role, target)
    assert theirs.status == NominationStatus.SUBMITTED and mine.status == NominationStatus.ON_AGENDA


def test_the_office_cannot_take_the_systems_edges_by_hand(world):
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"], status=NominationStatus.ACCEPTED)
    on_agenda = make_nomination(review_round, unit=world.planning, status=NominationStatus.ON_AGENDA)
    office = world.login(Client(), "vanphong")
    for target in (NominationStatus.ON_AGENDA, NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE):
        office.post(reverse("awards:nomination_move", args=[n.pk]), {"to": target})
    for target in (NominationStatus.AGREED_DECISION, NominationStatus.NOT_AGREED, NominationStatus.ACCEPTED):
        office.post(reverse("awards:nomination_move", args=[on_agenda.pk]), {"to": target})
    n.refresh_from_db()
    on_agenda.refresh_from_db()
    assert (n.status, on_agenda.status) == (NominationStatus.ACCEPTED, NominationStatus.ON_AGENDA)


@pytest.mark.parametrize("role", ["truongphong", "canbo", "congdoan", "tinh", "vanphong_khac", "giamdoc"])
def test_another_units_records_are_out_of_reach(world, role):
    """Another unit's meeting, evaluation, ratings and dossier by URL; its nominations by list, search and export."""
    from .meeting_helpers import meeting

    review_round = make_round(world.agency)
    p = world.people
    theirs = make_nomination(review_round, person=p["planning"], status=NominationStatus.DRAFT)
    held = meeting(review_round, world.planning, chair=p["planning"], secretary=p["planning"],
                   attendees=[p["planning"]], votes=[(theirs, 1, 0, 0)])
    client = world.login(Client(), role)
    for url in (reverse("awards:meeting", args=[held.pk]), reverse("awards:meeting_edit", args=[held.pk]),
                reverse("awards:meeting_minutes", args=[held.pk, "docx"]),
                reverse("awards:evaluation", args=[review_round.pk, world.planning.pk]),
                reverse("awards:meetings", args=[review_round.pk, world.planning.pk]),
                reverse("awards:nomination", args=[theirs.pk]), reverse("awards:nomination_edit", args=[theirs.pk]),
                reverse("awards:self_assessment", args=[theirs.pk])):
        assert client.get(url).status_code in (302, 403, 404), (role, url)
    for url in (reverse("awards:round_nominations", args=[review_round.pk]) + "?q=Hồng",
                reverse("awards:consolidated", args=[review_round.pk]) + "?state=all"):
        response = client.get(url)
        assert "Đặng Thị Hồng" not in response.content.decode(), (role, url)
    export = client.get(reverse("awards:round_nominations", args=[review_round.pk]) + "?format=xlsx")
    if export.status_code == 200:
        book = load_workbook(io.BytesIO(export.content))
        assert "Đặng Thị Hồng" not in str([c.value for row in book.active.iter_rows() for c in row])
    ratings = client.get(reverse("awards:ratings") + f"?unit={world.planning.pk}")
    assert "Đặng Thị Hồng" not in ratings.content.decode(), role


def test_a_file_read_while_the_unit_sends_the_nomination_is_not_added_to_the_sent_dossier(client, world, draft,
                                                                                          monkeypatch):
    from thidua.awards import dossier

    real = dossier.check_file

    def slow_check(upload):  # the unit head submits in another tab while the file is being checked
        checked = real(upload)
        Nomination.objects.filter(pk=draft.pk).update(status=NominationStatus.SUBMITTED)
        return checked

    monkeypatch.setattr(dossier, "check_file", slow_check)
    world.login(client, "truongphong")
    response = _upload(client, draft, "ho-so.pdf", pdf_bytes())
    assert "không thêm tệp hồ sơ được nữa" in response.content.decode()
    assert not DossierFile.objects.exists()


def test_a_document_built_while_the_unit_sends_the_nomination_is_not_added_to_the_sent_dossier(client, world, draft,
                                                                                               monkeypatch):
    from thidua.awards import dossier_docs

    real = dossier_docs.build_docx

    def slow_build(document):
        data = real(document)
        Nomination.objects.filter(pk=draft.pk).update(status=NominationStatus.SUBMITTED)
        return data

    monkeypatch.setattr(dossier_docs, "build_docx", slow_build)
    world.login(client, "truongphong")
    response = client.post(reverse("awards:dossier_generate", args=[draft.pk, "report"]), follow=True)
    assert "không thêm tệp hồ sơ được nữa" in response.content.decode()
    assert not DossierFile.objects.exists()


def test_the_office_of_another_agency_reaches_nothing_of_this_ones_council_and_rounds(voting, world):
    from thidua.awards.models import Ballot

    client = world.login(Client(), "vanphong_khac")
    sid = voting.session.pk
    for name in ("session", "session_vote", "session_minutes", "session_edit"):
        assert client.get(reverse(f"awards:{name}", args=[sid])).status_code in (302, 403, 404), name
    posts = {"session_agenda_add": {"nominations": [voting.n.pk]}, "session_agenda_remove": {"item": voting.item.pk},
             "session_presence": {"member": voting.session.members.first().pk, "present": "0"},
             "session_move": {"to": "concluded"}, "session_revote": {"item": voting.item.pk, "reason": "thử"}}
    for name, data in posts.items():
        assert client.post(reverse(f"awards:{name}", args=[sid]), data).status_code in (403, 404), name
    voting.session.refresh_from_db()
    assert voting.session.status == "voting" and Ballot.objects.filter(item=voting.item).count() == 1
    rnd = voting.n.review_round
    assert client.post(reverse("awards:round_move", args=[rnd.pk]), {"to": "closed"}).status_code in (403, 404)
    assert client.get(reverse("awards:consolidated", args=[rnd.pk])).status_code in (403, 404)
    assert client.get(reverse("awards:nomination", args=[voting.n.pk])).status_code == 404
