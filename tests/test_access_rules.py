"""The access-rule guard: every URL declares who may use it, and each role gets what the rule says."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from thidua.awards import rounds as award_rounds
from thidua.awards import services as award_services
from thidua.awards.models import AwardImport, Discipline, Initiative, Inquiry, RatingImport
from thidua.core import jobs
from thidua.core.access import PUBLIC, rule_allows
from thidua.core.models import Notification
from thidua.fund import services as fund_services
from thidua.movements import services
from thidua.movements.models import Milestone, MovementDocument, PlanImport, PlanItem
from thidua.org.models import RoleGrant, StaffImport
from thidua.participation import services as participation_services
from thidua.participation.evidence import check_upload
from thidua.participation.models import Evidence, HouseholdImport
from thidua.participation.registrations.models import Registration

from .awards.certificate_helpers import certificate_samples
from .awards.forwarding_helpers import comment_samples, proposal_samples
from .awards.meeting_helpers import samples as meeting_samples
from .conftest import ROLE_USERS
from .factories import SIGNED_PLAN, UserFactory
from .participation.helpers import activity, household, jpeg_bytes


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


ALL_URLS = list(walk(get_resolver().url_patterns))


def test_every_url_declares_an_access_rule():
    missing = [name for name, pattern in ALL_URLS if not hasattr(pattern.callback, "access_rule")]
    assert not missing, f"URL không khai báo quy tắc truy cập: {missing}"


def sample_kwargs(world) -> dict:
    grant = RoleGrant.objects.filter(user=world.users["canbo"]).first()
    staff_import = StaffImport.objects.create(
        agency=world.agency, filename="mau.csv", content=b"", created_by=world.users["vanphong"], status="invalid"
    )
    job = jobs.Job.objects.create(kind="test", title="Việc thử", created_by=world.users["vanphong"])
    movement = services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="mau", name="Phong trào mẫu",
                                        start_year=2021, end_year=2025)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Nội dung")
    milestone = services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023")
    movement = services.move_movement(movement, "launched", actor=None)
    document = MovementDocument.objects.create(movement=movement, title="Kế hoạch", uploaded_by=world.users["vanphong"],
                                               file=ContentFile(b"%PDF-1.4 mau", name="ke-hoach.pdf"))
    plan_import = PlanImport.objects.create(agency=world.agency, filename="kh.txt", text="KẾ HOẠCH",
                                            created_by=world.users["vanphong"])
    registration = Registration.objects.create(movement=movement, year=2025, unit=world.transport)
    hh = household(world)  # in world.agency
    student = participation_services.create_student(agency=world.agency, actor=None, full_name="Lý Thị Hoa",
                                                    school="Trường THCS Quảng Lâm", grade="7", household=hh, note="")
    act = activity(world, households=[hh], checked_files=[check_upload(ContentFile(jpeg_bytes(), name="anh.jpg"))])
    hh_import = HouseholdImport.objects.create(agency=world.agency, filename="ho.xlsx", content=b"",
                                               created_by=world.users["vanphong"], status="invalid")
    fund_campaign = fund_services.create_campaign(
        actor=None, agency=world.agency, name="Tháng cao điểm Vì người nghèo 2023",
        start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    fund_entry = fund_services.record_contribution(
        fund_campaign, actor=None, person=world.people["canbo"], amount=500_000,
        entry_date=dt.date(2023, 10, 20), method="cash")
    review_round = award_services.move_round(award_rounds.create_round(
        movement, actor=None, kind="yearly", year=2024, submit_by=dt.date(2024, 12, 10),
        check_by=dt.date(2024, 12, 15), council_on=dt.date(2024, 12, 18)), "open", actor=None)
    return {
        "round_id": review_round.pk,
        "movement_id": movement.pk,
        "year": 2024,  # the honour roll of the movement's year
        **awards_inputs(world.agency, world.people["canbo"], world.users["vanphong"]),
        "session_id": council_session(world.agency).pk,
        "decision_id": draft_decision(world.agency, review_round).pk,
        "campaign_id": fund_campaign.pk,
        "entry_id": fund_entry.pk,
        "household_id": hh.pk,
        "member_id": participation_services.add_member(hh, actor=None, full_name="Lý Văn Sình", relation="child").pk,
        "student_id": student.pk,
        "activity_id": act.pk,
        "evidence_id": Evidence.objects.get(activity=act).pk,
        "hh_import_id": hh_import.pk,
        "registration_id": registration.pk,
        "pk": movement.pk,
        "kind": "milestone",
        "part_id": milestone.pk,
        "doc_id": document.pk,
        "code": movement.code,
        "plan_import_id": plan_import.pk,
        "fmt": "docx",
        "unit_id": world.transport.pk,
        "person_id": world.people["canbo"].pk,
        "grant_id": grant.pk,
        "import_id": staff_import.pk,
        "job_id": job.pk,
        "notification_id": Notification.objects.create(user=world.users["canbo"], text="Thông báo thử",
                                                       url="/").pk,
        "uidb64": "MQ",
        "token": "khong-hop-le",
        **meeting_samples(world, agency=world.agency, unit=world.transport, person=world.people["canbo"], tag="mau"),
        **law_samples(),
        **nomination_samples(movement, world.people["canbo"], review_round),  # after the meeting's: its own draft
        **proposal_samples(review_round, world.people["canbo"], world.users["vanphong"]),
        **comment_samples(review_round, world.people["canbo"], world.users["vanphong"]),
        **certificate_samples(world.agency, world.people["canbo"]),
    }


def law_samples() -> dict:
    """The law's rows and the working-day calendar's days (seeded or set by the Office, shared by every agency:
    not a unit's object, so not in OBJECT_KEYS)."""
    from thidua.awards.models import DossierRule, FormRule, LegalBasis, LegalRegime
    from thidua.core.models import CalendarDay

    return {"regime_id": LegalRegime.objects.order_by("-valid_from").first().pk,
            "basis_id": LegalBasis.objects.first().pk, "rule_id": FormRule.objects.first().pk,
            "dossier_id": DossierRule.objects.first().pk,
            "day_id": CalendarDay.objects.create(day=dt.date(2026, 12, 12), kind="working", note="Làm bù").pk}


def awards_inputs(agency, person, secretariat) -> dict:
    """A discipline, an inquiry, an initiative of `person` and a ratings import of `agency`."""
    day = dt.date(2024, 3, 1)
    return {
        "discipline_id": Discipline.objects.create(person=person, form="reprimand", decision_number="1/QĐ",
                                                   decision_date=day, start_date=day).pk,
        "inquiry_id": Inquiry.objects.create(person=person, kind="complaint", start_date=day).pk,
        "initiative_id": Initiative.objects.create(person=person, title="Sáng kiến mẫu", year=2024,
                                                   decision_number="2/QĐ", decision_date=day).pk,
        "rating_import_id": RatingImport.objects.create(agency=agency, filename="xl.xlsx", content=b"",
                                                        created_by=secretariat, status="invalid").pk,
        "award_import_id": AwardImport.objects.create(agency=agency, filename="kt.xlsx", content=b"",
                                                      created_by=secretariat, status="invalid").pk,
    }


def draft_decision(agency, review_round):
    """A draft decision of the agency (with a signed scan already attached, so that its page serves)."""
    from thidua.awards.models import Decision

    number = Decision.objects.filter(agency=agency, year=2025).count() + 1
    return Decision.objects.create(agency=agency, review_round=review_round, year=2025, number=number,
                                   issued_on=dt.date(2025, 2, 10), title="Về việc tặng Giấy khen năm 2024",
                                   signed_scan=ContentFile(b"%PDF-1.4 ban quet", name="ban-quet.pdf"))


def council_session(agency):
    """A Council session of the agency being prepared (its members: the Council's role grants of today)."""
    from thidua.awards import council

    return council.create_session(agency, actor=None, name="Phiên họp Hội đồng mẫu", held_on=timezone.localdate(),
                                  place="Phòng họp")
def nomination_samples(movement, person, review_round) -> dict:
    review_round, nomination, dossier_file = nomination_objects(movement, person, review_round)
    return {"nomination_id": nomination.pk, "file_id": dossier_file.pk, "part": "report"}


def nomination_objects(movement, person, review_round=None):
    """An open round of the movement (`review_round` when given), a draft nomination of the person in it and one
    file of its dossier."""
    from thidua.awards.dossier import add_file

    from .awards.factories import make_nomination, make_round, pdf_file

    review_round = review_round or make_round(movement.agency, movement=movement)
    nomination = make_nomination(review_round, person=person)
    return review_round, nomination, add_file(nomination, "report", pdf_file(), actor=None)


def url_for(name: str, pattern: URLPattern, samples: dict) -> str:
    kwargs = {key: samples[key] for key in pattern.pattern.regex.groupindex}
    return reverse(name, kwargs=kwargs)


def fetch(client: Client, url: str):
    """GET, or POST for POST-only views; each request rolled back so roles do not disturb each other."""
    with transaction.atomic():
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_except_on_public_pages(world):
    samples = sample_kwargs(world)
    client = Client()
    for name, pattern in ALL_URLS:
        response = fetch(client, url_for(name, pattern, samples))
        if pattern.callback.access_rule == PUBLIC:
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
def test_each_role_gets_what_the_rule_declares(world, role):
    samples = sample_kwargs(world)
    client = Client()
    client.force_login(world.users[role])
    for name, pattern in ALL_URLS:
        if name in {"logout"}:
            continue
        rule = pattern.callback.access_rule
        response = fetch(client, url_for(name, pattern, samples))
        if rule_allows(rule, world.users[role]):
            assert response.status_code in (200, 204, 302, 404), f"{role} {name} {response.status_code}"
            if role in {"admin", "vanphong"}:
                assert response.status_code != 404, f"{role} should see the sample object on {name}"
        else:
            assert response.status_code == 403, f"{role} {name} {response.status_code}"


# --- objects of one's own unit and of another agency ---------------------------------------------------------------
#
# Every URL that names an object is tried by every role on an object of the agency of the world (in the unit
# "Phòng Quản lý vận tải", the unit head's and the staff member's), on the same kind of object of another unit of
# that agency (Phòng Kế hoạch - Tài chính) and of another agency (Sở Y tế). The tables below say who gets the page
# (200/204/302) on each; everybody else must be refused (403/404). They follow the scoping rules (org/scoping.py and every domain's scoping.py); a change of who sees
# what must show here.

OBJECT_KEYS = {"round_id", "movement_id", "campaign_id", "entry_id", "household_id", "member_id", "student_id", "activity_id", "evidence_id",
               "hh_import_id", "registration_id", "pk", "part_id", "doc_id", "plan_import_id", "unit_id",
               "person_id", "grant_id", "import_id", "code",
               "discipline_id", "inquiry_id", "initiative_id", "rating_import_id", "nomination_id", "meeting_id",
               "session_id", "file_id", "proposal_id", "item_id", "higher_id", "award_import_id", "award_id", "decision_id",
               "signed_decision_id", "window_id"}
#: not about a unit's object: a user's own notification and job, the password reset link
PER_USER_URLS = {"notification", "job", "password_reset_confirm"}


def objects_of(world, *, agency, unit, person, secretariat, grant, tag: str) -> dict:
    """One object of each kind in `agency`, recorded for `unit` and `person` (who has an account: its page)."""
    if person.user_id is None:
        person.user = UserFactory(username=f"mau-{tag}")
        person.save(update_fields=["user"])
    staff_import = StaffImport.objects.create(agency=agency, filename="mau.csv", content=b"", created_by=secretariat,
                                              status="invalid")
    movement = services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=f"mau-{tag}",
                                        name=f"Phong trào mẫu {tag}", start_year=2021, end_year=2026)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Nội dung")
    milestone = services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023")
    movement = services.move_movement(movement, "launched", actor=None)
    document = MovementDocument.objects.create(movement=movement, title="Kế hoạch", uploaded_by=secretariat,
                                               file=ContentFile(b"%PDF-1.4 mau", name="ke-hoach.pdf"))
    plan_import = PlanImport.objects.create(agency=agency, filename="kh.txt", text="KẾ HOẠCH", created_by=secretariat)
    registration = Registration.objects.create(movement=movement, year=2025, unit=unit)
    hh = household(world, name=f"Nông Văn Páo {tag}", agency=agency)
    student = participation_services.create_student(agency=agency, actor=None, full_name=f"Lý Thị Hoa {tag}",
                                                    school="Trường THCS Quảng Lâm", grade="7", household=hh, note="")
    act = activity(world, agency=agency, units=[unit], households=[hh], people=[person],
                   checked_files=[check_upload(ContentFile(jpeg_bytes(), name="anh.jpg"))])
    hh_import = HouseholdImport.objects.create(agency=agency, filename="ho.xlsx", content=b"", created_by=secretariat,
                                               status="invalid")
    campaign = fund_services.create_campaign(actor=None, agency=agency, name=f"Tháng cao điểm 2023 {tag}",
                                             start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    entry = fund_services.record_contribution(campaign, actor=None, person=person, amount=500_000,
                                              entry_date=dt.date(2023, 10, 20), method="cash")
    review_round = award_services.move_round(award_rounds.create_round(
        movement, actor=None, kind="yearly", year=2024, submit_by=dt.date(2024, 12, 10),
        check_by=dt.date(2024, 12, 15), council_on=dt.date(2024, 12, 18)), "open", actor=None)
    return {
        "round_id": review_round.pk, "movement_id": movement.pk, "year": 2024,
        **awards_inputs(agency, person, secretariat),
        "session_id": council_session(agency).pk,
        "decision_id": draft_decision(agency, review_round).pk,
        "campaign_id": campaign.pk, "entry_id": entry.pk, "household_id": hh.pk,
        "member_id": participation_services.add_member(hh, actor=None, full_name="Lý Văn Sình", relation="child").pk,
        "student_id": student.pk, "activity_id": act.pk, "evidence_id": Evidence.objects.get(activity=act).pk,
        "hh_import_id": hh_import.pk, "registration_id": registration.pk, "pk": movement.pk, "kind": "milestone",
        "part_id": milestone.pk, "doc_id": document.pk, "code": movement.code, "plan_import_id": plan_import.pk,
        "fmt": "docx", "unit_id": unit.pk, "person_id": person.pk, "grant_id": grant.pk, "import_id": staff_import.pk,
        **meeting_samples(world, agency=agency, unit=unit, person=person, tag=tag),
        **nomination_samples(movement, person, review_round),  # after the meeting's: its own draft
        **proposal_samples(review_round, person, secretariat),
        **comment_samples(review_round, person, secretariat),
        **certificate_samples(agency, person),
    }


def both_sides(world) -> dict[str, dict]:
    return {
        "own": objects_of(world, agency=world.agency, unit=world.transport, person=world.people["canbo"],
                          secretariat=world.users["vanphong"],
                          grant=RoleGrant.objects.get(user=world.users["canbo"]), tag="gtvt"),
        "sibling": objects_of(world, agency=world.agency, unit=world.planning, person=world.people["planning"],
                              secretariat=world.users["vanphong"],
                              grant=RoleGrant.objects.get(user=world.users["congdoan"]), tag="khtc"),
        "other": objects_of(world, agency=world.other_agency, unit=world.other_unit, person=world.people["other"],
                            secretariat=world.users["vanphong_khac"],
                            grant=RoleGrant.objects.get(user=world.users["vanphong_khac"]), tag="yte"),
    }


OBJECT_URLS = [(name, pattern) for name, pattern in ALL_URLS
               if name not in PER_USER_URLS and OBJECT_KEYS & set(pattern.pattern.regex.groupindex)]


def outcomes(world, role: str, sides: dict) -> dict[tuple[str, str], int]:
    client = Client()
    client.force_login(world.users[role])
    return {(name, side): fetch(client, url_for(name, pattern, samples)).status_code
            for side, samples in sides.items() for name, pattern in OBJECT_URLS}


#: roles of the world's agency, by what they do (the other agency's secretariat, "vanphong_khac", is the mirror of
#: "vanphong" there)
EVERY_ROLE = "admin vanphong giamdoc hoidong truongphong canbo congdoan tinh vanphong_khac"
READERS = "admin vanphong giamdoc hoidong truongphong canbo congdoan tinh"  # any role of the agency, the reviewer
OFFICE = "admin vanphong"  # the secretariat (and the administrator)
MANAGERS = "admin vanphong congdoan"  # who manages beneficiaries and the fund: the secretariat, the union officer
UNIT = "admin vanphong truongphong"  # the secretariat and the unit head of the object's unit
RECORDERS = "admin vanphong truongphong congdoan"  # who records activities and contributions
COUNCIL_READERS = "admin vanphong giamdoc hoidong"  # who reads the agency's Council sessions (not the union officer)

#: who gets the page on an object of the world's agency (of the unit head's and staff member's unit)
ALLOWED_ON_OWN = {
    "org:unit": READERS, "org:tree_children": READERS,
    "org:unit_edit": OFFICE, "org:unit_move": OFFICE, "org:unit_deactivate": OFFICE, "org:unit_reactivate": OFFICE,
    "org:unit_delete": OFFICE,
    "org:person": "admin vanphong giamdoc hoidong truongphong canbo congdoan",  # canbo: his own record
    "org:person_edit": UNIT, "org:person_move": UNIT, "org:person_set_active": UNIT,
    "org:person_roles": OFFICE, "org:role_revoke": OFFICE, "org:person_account": OFFICE,
    "org:import_detail": OFFICE, "org:import_confirm": OFFICE, "org:import_cancel": OFFICE,
    "movements:import_review": OFFICE,
    "movements:export": READERS, "movements:detail": READERS,
    "movements:edit": OFFICE, "movements:transition": OFFICE, "movements:clone": OFFICE,
    "movements:disseminate": UNIT, "movements:document_add": OFFICE,
    "movements:document_download": EVERY_ROLE,  # a public document of a launched movement
    "movements:part_add": OFFICE, "movements:part_edit": OFFICE, "movements:part_delete": OFFICE,
    "participation:household": "admin vanphong giamdoc hoidong truongphong congdoan tinh",
    # a unit head maintains the households his unit supports (the sample's activity is his unit's)
    "participation:household_edit": RECORDERS, "participation:household_classify": RECORDERS,
    "participation:member_add": RECORDERS, "participation:member_remove": RECORDERS,
    "participation:hh_import": MANAGERS, "participation:hh_import_confirm": MANAGERS,
    "participation:hh_import_cancel": MANAGERS,
    "participation:student": "admin vanphong giamdoc hoidong truongphong congdoan tinh",
    "participation:student_edit": RECORDERS,  # the student of a household his unit supports
    "participation:activity": READERS,  # canbo took part in it
    "participation:activity_edit": RECORDERS, "participation:evidence_add": RECORDERS,
    "participation:evidence_file": READERS, "participation:evidence_remove": RECORDERS,
    "registrations:overview": UNIT, "registrations:start": UNIT, "registrations:edit": UNIT,
    "registrations:transition": UNIT,
    "fund:detail": READERS, "fund:edit": MANAGERS, "fund:move": MANAGERS, "fund:contribute": RECORDERS,
    "fund:handover": MANAGERS, "fund:spending": MANAGERS, "fund:export": READERS, "fund:export_download": READERS,
    "fund:unit": "admin vanphong giamdoc hoidong truongphong congdoan tinh",  # the unit's page: not its staff
    "fund:bulk": RECORDERS, "fund:reverse": RECORDERS, "fund:receipt": READERS,  # canbo: his own receipt
    "public:public": EVERY_ROLE,
    # the public honour roll of a launched movement's year: anyone's
    "awards:honour_roll": EVERY_ROLE,
    # review rounds: an open round is the agency's (every role of it, the reviewer); the Office sets it up
    "awards:round": READERS, "awards:round_edit": OFFICE, "awards:round_move": OFFICE,
    "awards:round_new": OFFICE,
    # the agency's round: the unit head's list holds his units' rows, the reviewer's what went to the province
    "awards:consolidated": "admin vanphong giamdoc hoidong truongphong congdoan tinh",
    # the yearly inputs: the Office records discipline, inquiries and initiatives; a ratings import is seen by the
    # Office and by the one who uploaded it (the sample is the Office's)
    "awards:discipline_new": OFFICE, "awards:inquiry_new": OFFICE, "awards:initiative_new": OFFICE,
    "awards:discipline_edit": OFFICE, "awards:inquiry_edit": OFFICE, "awards:initiative_edit": OFFICE,
    "awards:rating_import": OFFICE, "awards:rating_import_confirm": OFFICE, "awards:rating_import_cancel": OFFICE,
    # the unit's evaluation and review meetings: its head and the Office; a nominee's self-assessment: whoever sees
    # the (draft) nomination — the nominee writes it
    "awards:evaluation": UNIT, "awards:meetings": UNIT, "awards:meeting_new": UNIT, "awards:meeting": UNIT,
    "awards:meeting_edit": UNIT, "awards:meeting_minutes": UNIT, "awards:meeting_attach": UNIT,
    "awards:meeting_scan": UNIT, "awards:meeting_scan_file": UNIT,
    "awards:self_assessment": "admin vanphong truongphong canbo",
    # the Council's sessions: read by the agency's readers in full (Office, leaders, Council, union officer); run by
    # the Office; a non-member opening the ballot page is sent to the session page
    "awards:session": COUNCIL_READERS, "awards:session_vote": COUNCIL_READERS,
    "awards:session_minutes": COUNCIL_READERS,
    "awards:session_edit": OFFICE, "awards:session_agenda_add": OFFICE, "awards:session_agenda_remove": OFFICE, "awards:session_presence": OFFICE,
    "awards:session_move": OFFICE, "awards:session_revote": OFFICE, "awards:session_record": OFFICE,
    # a round's nominations: the unit head sees the round (his units' rows only); the Office all of it
    "awards:round_nominations": UNIT, "awards:nomination_new": UNIT,
    # the sample is a draft of canbo's unit: the unit's head, the Office, and canbo (the nominee) read it
    "awards:nomination": "admin vanphong truongphong canbo", "awards:dossier_file": "admin vanphong truongphong canbo",
    "awards:nomination_edit": UNIT, "awards:nomination_move": UNIT, "awards:dossier_upload": UNIT,
    "awards:dossier_generate": UNIT,
    # proposals upward (the sample was sent to the province): the agency's readers and the provincial reviewer read
    # it, not a unit head or a staff member; the Office and the reviewer move it and record the decision
    "awards:proposal_new": OFFICE, "awards:proposal_item_remove": OFFICE,
    "awards:proposal": "admin vanphong giamdoc hoidong tinh",
    "awards:proposal_zip": "admin vanphong giamdoc hoidong tinh",
    "awards:proposal_scan": "admin vanphong giamdoc hoidong tinh",
    "awards:proposal_move": "admin vanphong tinh", "awards:proposal_record": "admin vanphong tinh",
    # public comment (issue 11 §4): the Office of the proposal's agency opens a window (the sample proposal was sent:
    # refused with a message) and triages its comments; a window's public page is anyone's, signed in or not
    "awards:comment_window_open": OFFICE, "awards:comment_triage": OFFICE,
    "awards:public_window": EVERY_ROLE,
    # the award history: a unit's awards are read by the agency's readers and the unit's head (his units' only);
    # a household's by the agency's readers; the import of past awards by the Office
    "awards:unit_awards": "admin vanphong giamdoc hoidong truongphong congdoan tinh",
    "awards:household_awards": "admin vanphong giamdoc hoidong congdoan tinh",
    "awards:award_import": OFFICE, "awards:award_import_confirm": OFFICE, "awards:award_import_cancel": OFFICE,
    # certificates (issue 10): an award's certificate is read as the award history is (award_for: the Office and the
    # agency's readers, the unit's head, the awardee himself, the provincial reviewer); the Office prints a decision
    "awards:certificate_pdf": READERS,
    # an award's page is read as its certificate is; the Office of its agency records the decision revoking it
    "awards:award": READERS, "awards:award_revoke": OFFICE,
    "awards:decision_certificates": OFFICE, "awards:decision_certificates_file": OFFICE,
    # decisions: a draft is read by the agency's Office, Council, leaders and union officers (not a unit head, nor
    # the provincial reviewer: signed ones only); the Office drafts and edits it; the Director or a deputy signs it
    # (or the Office records the paper signature); the published PDF of a draft sends its readers to its page
    "awards:decision_new": OFFICE, "awards:decision": COUNCIL_READERS, "awards:decision_edit": OFFICE,
    "awards:decision_move": "admin vanphong giamdoc", "awards:decision_docx": COUNCIL_READERS,
    "awards:decision_pdf": COUNCIL_READERS, "awards:decision_scan": COUNCIL_READERS,
    "awards:decision_published_pdf": COUNCIL_READERS,
}


#: pages about a unit's own object (its people, its activities, its registration, its fund entries), where the unit
#: head and the staff member lose access on the object of another unit of their agency (the Planning division's);
#: everywhere else they get there what they get on their own unit's
UNIT_SCOPED = {
    "org:unit", "org:tree_children", "org:person", "org:person_edit", "org:person_move", "org:person_set_active",
    "participation:household_edit", "participation:household_classify", "participation:member_add",
    "participation:member_remove", "participation:student_edit", "participation:activity",
    "participation:activity_edit", "participation:evidence_add", "participation:evidence_file",
    "participation:evidence_remove", "registrations:start", "registrations:edit", "registrations:transition",
    "fund:unit", "fund:bulk", "fund:reverse", "fund:receipt",
    "awards:evaluation", "awards:meetings", "awards:meeting_new", "awards:meeting", "awards:meeting_edit",
    "awards:meeting_minutes", "awards:meeting_attach", "awards:meeting_scan", "awards:meeting_scan_file",
    "awards:self_assessment",
    "awards:nomination", "awards:dossier_file", "awards:nomination_edit", "awards:nomination_move",
    "awards:dossier_upload", "awards:dossier_generate", "awards:certificate_pdf", "awards:award",
    "awards:unit_awards",
}


def allowed_on_sibling(name: str) -> set[str]:
    roles = set(ALLOWED_ON_OWN[name].split())
    return roles - {"truongphong", "canbo"} if name in UNIT_SCOPED else roles


def allowed_on_other(own: str) -> set[str]:
    """On the other agency's object: the administrator and the reviewer as on the world's; that agency's
    secretariat where the world's secretariat is allowed; nobody else of the world's agency."""
    roles = set(own.split())
    if roles == set(EVERY_ROLE.split()):
        return roles
    return (roles & {"admin", "tinh"}) | ({"vanphong_khac"} if "vanphong" in roles else set())


def test_every_url_naming_an_object_has_an_expectation():
    assert sorted(name for name, _p in OBJECT_URLS if name not in ALLOWED_ON_OWN) == []
    assert UNIT_SCOPED <= set(ALLOWED_ON_OWN)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
def test_each_role_on_an_object_of_his_unit_of_another_unit_and_of_another_agency(world, role):
    got = outcomes(world, role, both_sides(world))
    wrong = []
    for name, _pattern in OBJECT_URLS:
        for side, allowed in (("own", set(ALLOWED_ON_OWN[name].split())), ("sibling", allowed_on_sibling(name)),
                              ("other", allowed_on_other(ALLOWED_ON_OWN[name]))):
            status = got[(name, side)]
            expected = (200, 204, 302) if role in allowed else (403, 404)
            if status not in expected:
                wrong.append(f"{name} ({side}): {status}, expected {'/'.join(map(str, expected))}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


# --- pages naming no object: who gets them -------------------------------------------------------------------------

#: pages without an object in their URL, with who gets them (everyone else is refused, 403)
ALLOWED_PAGES = {
    # the agency's certificate: the administrator (installs) and each agency's Office (reads its own)
    "awards:signing": "admin vanphong vanphong_khac",
    # the public check of a signed file: anyone, signed in or not
    "awards:verify_file": EVERY_ROLE,
    # the public list of the windows of public comment open today: anyone, signed in or not
    "awards:public_windows": EVERY_ROLE,
    # the Office's bonus lookup
    "awards:bonus_lookup": "admin vanphong vanphong_khac",
}


@pytest.mark.django_db
def test_the_pages_without_an_object_open_for_whom_they_should(world):
    patterns = dict(ALL_URLS)
    for name, allowed in ALLOWED_PAGES.items():
        assert not OBJECT_KEYS & set(patterns[name].pattern.regex.groupindex), name
        for role in ROLE_USERS:
            client = Client()
            client.force_login(world.users[role])
            status = client.get(reverse(name)).status_code
            assert status == (200 if role in allowed.split() else 403), f"{role} {name} {status}"
    assert patterns["awards:verify_file"].callback.access_rule == PUBLIC
    assert Client().get(reverse("awards:verify_file")).status_code == 200
    assert patterns["awards:public_windows"].callback.access_rule == PUBLIC
    assert Client().get(reverse("awards:public_windows")).status_code == 200
