"""The public honour roll (issue 10 §7): per movement and year, the collectives, individuals and households of the
published decisions (and recorded higher decisions) that still stand — names, unit or commune and the form, never a
birth date or contact details; readable without an account."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards import honour
from thidua.awards.models import Award, Decision, HigherDecision, Proposal
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem, RewardForm
from thidua.org.models import Person
from thidua.participation.models import Household

from ..factories import SIGNED_PLAN
from ..participation.helpers import household

YEAR = 2024
SECRETS = ["0912 345 678", "an.nguyen@sogtvt.caobang.gov.vn", "12/03/1979", "1979-03-12", "Nà Lũng", "Số nhà 12", "0208 123 456"]


def launched(agency, code="vnn-2021", name="Phong trào Vì người nghèo 2021 - 2025"):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=code, name=name,
                                                 start_year=2021, end_year=2025)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Hỗ trợ người nghèo")
    return movement_services.move_movement(movement, "launched", actor=None)


def decision(agency, number, status, *, on=dt.date(2024, 12, 30)):
    return Decision.objects.create(agency=agency, year=on.year, number=number, issued_on=on, status=status,
                                   title="Về việc tặng Giấy khen")


def award(agency, movement, *, decision=None, higher=None, person=None, unit=None, household=None, name="",
          form="giay-khen-giam-doc-so", year=YEAR, unit_name="", position="", revoked=False, number=None):
    """An award written directly, then the roll's kept counts refreshed as the services that make awards do."""
    recipient = "individual" if person else "household" if household else "collective"
    made = Award.objects.create(
        agency=agency, recipient=recipient, person=person, unit=unit, household=household,
        name=name or (person.full_name if person else household.head_name if household else unit.name),
        position=position, unit_name=unit_name, form=RewardForm.objects.get(code=form), level="agency",
        kind="thematic", year=year, decision_number=number or (decision.number_label if decision else "15/QĐ-UBND"),
        decision_date=decision.issued_on if decision else dt.date(2024, 12, 20), source="decision" if decision else
        "higher", decision=decision, higher_decision=higher, movement=movement,
        revoked_on=dt.date(2025, 3, 1) if revoked else None, revoked_reason="Thu hồi" if revoked else "")
    honour.refresh_roll(movement.pk, year)
    return made


@pytest.fixture
def roll(world):
    """A public movement of the world's agency with awards of every kind, and some that must not show."""
    agency = world.agency
    movement = launched(agency)
    canbo = world.people["canbo"]
    Person.objects.filter(pk=canbo.pk).update(birth_date=dt.date(1979, 3, 12), phone="0912 345 678",
                                               email="an.nguyen@sogtvt.caobang.gov.vn")
    hh = household(world, name="Nông Văn Páo", commune="Xã Quảng Lâm", village="Nà Lũng")
    Household.objects.filter(pk=hh.pk).update(note="Số nhà 12, điện thoại 0208 123 456")
    published = decision(agency, 101, "published")
    signed = decision(agency, 102, "signed")
    draft = decision(agency, 103, "draft")
    cancelled = decision(agency, 104, "cancelled")
    award(agency, movement, decision=published, person=canbo, unit=world.transport,
          unit_name="Phòng Quản lý vận tải", position="Chuyên viên")
    award(agency, movement, decision=published, unit=world.planning, form="tap-the-lao-dong-tien-tien",
          unit_name="Sở Giao thông vận tải tỉnh Cao Bằng")
    award(agency, movement, decision=published, household=hh)
    award(agency, movement, decision=signed, person=world.people["canbo2"], unit_name="Phòng Quản lý vận tải")
    award(agency, movement, decision=draft, person=world.people["team"], unit_name="Tổ sát hạch lái xe")
    award(agency, movement, decision=cancelled, person=world.people["truongphong"], unit_name="Phòng QLVT")
    award(agency, movement, decision=published, person=world.people["congdoan"], revoked=True,
          unit_name="Phòng Kế hoạch - Tài chính")
    proposal = Proposal.objects.create(agency=agency, level="province", year=2024, number=7,
                                       issued_on=dt.date(2024, 11, 1))
    higher = HigherDecision.objects.create(proposal=proposal, number="2100/QĐ-UBND", issued_on=dt.date(2024, 12, 20),
                                           authority="Chủ tịch UBND tỉnh Cao Bằng",
                                           form=RewardForm.objects.get(code="bang-khen-chu-tich-ubnd-tinh"))
    award(agency, movement, higher=higher, person=world.people["hoidong"], form="bang-khen-chu-tich-ubnd-tinh",
          unit_name="Văn phòng Sở", number="2100/QĐ-UBND")
    return movement


def page(movement, year=YEAR, **params):
    return Client().get(reverse("awards:honour_roll", args=[movement.pk, year]), params)


def section(html: str, slug: str) -> str:
    start = html.index(f'id="muc-{slug}"')
    end = html.find("<section", start)
    return html[start:end if end > 0 else None]


@pytest.mark.django_db
def test_the_roll_lists_the_published_awards_in_three_sections_with_unit_or_commune(roll):
    response = page(roll)
    assert response.status_code == 200
    html = response.content.decode()
    individuals, collectives, households = (section(html, s) for s in ("ca-nhan", "tap-the", "ho-gia-dinh"))
    assert "Nguyễn Văn An" in individuals and "Chuyên viên, Phòng Quản lý vận tải" in individuals
    assert "Giấy khen" in individuals and "Số 101/QĐ" in individuals and "30/12/2024" in individuals
    # the provincial decision recorded for the agency's proposal
    assert "Lương Văn Hải" in individuals and "2100/QĐ-UBND" in individuals and "Chủ tịch UBND tỉnh" in individuals
    assert "Phòng Kế hoạch - Tài chính" in collectives and "Tập thể lao động tiên tiến" in collectives
    assert "Nông Văn Páo" in households and "Xã Quảng Lâm" in households
    assert html.index('id="muc-tap-the"') < html.index('id="muc-ca-nhan"') < html.index('id="muc-ho-gia-dinh"')


@pytest.mark.django_db
def test_drafts_signed_not_published_cancelled_and_revoked_awards_are_left_out(roll):
    html = page(roll).content.decode()
    for name in ("Nguyễn Thị Lan", "Bế Văn Đông", "Đàm Văn Quang", "Triệu Thị Mai"):
        assert name not in html
    assert "102/QĐ" not in html and "103/QĐ" not in html and "104/QĐ" not in html


@pytest.mark.django_db
def test_the_roll_shows_no_private_field_and_carries_no_person_or_household(roll):
    response = page(roll)
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html, secret
    # the template gets plain values only: no Person or Household object (with its birth date, phone, address)
    def carried(value, depth=0):
        if isinstance(value, Person | Household):
            return True
        if depth > 4:
            return False
        if isinstance(value, dict):
            return any(carried(v, depth + 1) for v in value.values())
        if isinstance(value, list | tuple | set):
            return any(carried(v, depth + 1) for v in value)
        return False
    for context in response.context:
        for key in ("movement", "sections"):
            if key in context:
                assert not carried(context[key]), key
    # the person's page is not linked either
    assert reverse("org:person", args=[Person.objects.get(full_name="Nguyễn Văn An").pk]) not in html


@pytest.mark.django_db
def test_the_published_decision_is_linked_when_its_page_exists(roll):
    html = page(roll).content.decode()
    try:
        url = reverse("awards:decision_published_pdf", args=[Decision.objects.get(number=101).pk])
    except Exception:  # the decisions' pages are merged in separately
        assert "Số 101/QĐ" in html
    else:
        Decision.objects.filter(number=101).update(published_pdf="awards/decisions/2024/qd-101.pdf")
        assert url in page(roll).content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_read_the_index_and_find_the_roll(roll, world):
    client = Client()
    response = client.get(reverse("awards:honour_index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("awards:honour_roll", args=[roll.pk, YEAR]) in html
    assert "Phong trào Vì người nghèo 2021 - 2025" in html and "Năm 2024" in html
    assert "Cá nhân: 2" in html and "Tập thể: 1" in html and "Hộ gia đình: 1" in html
    # filtered by another agency: nothing of this one
    other = client.get(reverse("awards:honour_index"), {"agency": world.other_agency.pk}).content.decode()
    assert reverse("awards:honour_roll", args=[roll.pk, YEAR]) not in other
    # linked from the movement's public page and from the login page
    public = client.get(reverse("public:public", args=[roll.code])).content.decode()
    assert reverse("awards:honour_index") + f"?movement={roll.pk}" in public
    assert reverse("awards:honour_index") in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_an_unknown_movement_or_year_is_not_found(roll, world):
    assert page(roll, 1990).status_code == 404
    assert Client().get(f"/khen-thuong/bang-vang/{roll.pk + 999}/{YEAR}/").status_code == 404
    draft = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="nhap",
                                              name="Phong trào dự thảo", start_year=2021, end_year=2025)
    assert page(draft).status_code == 404
    # a year of the movement's period without published awards: an empty roll
    empty = page(roll, 2022)
    assert empty.status_code == 200 and "Chưa có khen thưởng nào của năm này được công bố" in empty.content.decode()


@pytest.mark.django_db
def test_the_name_filter_ignores_accents(roll):
    html = page(roll, q="nguyen van").content.decode()
    assert "Nguyễn Văn An" in html and "Lương Văn Hải" not in html and "Nông Văn Páo" not in html
    html = page(roll, q="NÔNG").content.decode()
    assert "Nông Văn Páo" in html and "Nguyễn Văn An" not in html


@pytest.mark.django_db
def test_a_long_section_is_paged_with_a_constant_number_of_queries(roll, world):
    published = Decision.objects.get(number=101)
    people = [Person(full_name=f"Hoàng Văn Thử {i:03d}", gender="male", employment_type="cong_chuc",
                     unit=world.transport) for i in range(130)]
    Person.objects.bulk_create(people)
    for p in Person.objects.filter(full_name__startswith="Hoàng Văn Thử"):
        award(world.agency, roll, decision=published, person=p, unit_name="Phòng Quản lý vận tải")
    first = page(roll).content.decode()
    assert first.count("Hoàng Văn Thử") == 50 and "Xem tất cả 132 lượt khen thưởng cá nhân" in first
    with CaptureQueriesContext(connection) as few:
        page(roll, muc="ca-nhan")
    second = page(roll, muc="ca-nhan", page=2).content.decode()
    assert "Trang 2/2" in second and second.count("Hoàng Văn Thử") == 30 and 'id="muc-tap-the"' not in second
    for p in list(Person.objects.filter(full_name__startswith="Hoàng Văn Thử"))[:40]:
        award(world.agency, roll, decision=published, person=p, unit_name="Phòng Quản lý vận tải",
              form="lao-dong-tien-tien")
    with CaptureQueriesContext(connection) as more:
        page(roll, muc="ca-nhan")
    assert len(more) == len(few)


def test_two_awards_of_one_person_in_a_year_say_what_each_is_for(world, client):
    """A yearly title and a tổng kết Giấy khen of the same year: each row names its round, and the counts say
    "lượt khen thưởng" (awards, not people)."""
    from thidua.awards.models import ReviewRound

    movement = launched(world.agency)
    yearly = decision(world.agency, 11, "published")
    final = decision(world.agency, 12, "published")
    for d, name, kind in ((yearly, "Bình xét danh hiệu năm 2025", "yearly"),
                          (final, "Tổng kết phong trào 2021–2025", "final")):
        rnd = ReviewRound.objects.create(movement=movement, name=name, kind=kind, year=2025,
                                         submit_by=dt.date(2025, 12, 1), check_by=dt.date(2025, 12, 5),
                                         council_on=dt.date(2025, 12, 10))
        Decision.objects.filter(pk=d.pk).update(review_round=rnd)
        award(world.agency, movement, decision=d, person=world.people["canbo"], year=2025)
    honour.refresh_roll(movement.pk, 2025)
    html = client.get(reverse("awards:honour_roll", args=[movement.pk, 2025])).content.decode()
    assert "Bình xét danh hiệu năm 2025" in html and "Tổng kết phong trào 2021–2025" in html
    assert "2 lượt khen thưởng" in html
