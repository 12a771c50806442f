import datetime as dt

import factory
from django.contrib.auth import get_user_model

from thidua.org import services
from thidua.org.enums import EmploymentType, Gender, UnitKind
from thidua.org.models import OrgUnit, Person


def make_unit(name: str, kind: str = UnitKind.DIVISION, parent: OrgUnit | None = None, **kw) -> OrgUnit:
    return services.create_unit(name=name, kind=kind, parent=parent, actor=None, **kw)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "mat-khau-thu-nghiem")
        if create:
            self.save(update_fields=["password"])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = dt.date(1985, 10, 20)
    employment_type = EmploymentType.CONG_CHUC
    position = "Chuyên viên"


#: what a plan needs before it can be launched (its number and its signer): pass to create_movement
SIGNED_PLAN = {"plan_number": "123/KH-SGTVT", "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn Ký"}


def url_routes(resolver=None, prefix: str = ""):
    """Every route of the URL conf, as its pattern text ("to-chuc/can-bo/<int:person_id>/")."""
    from django.urls import URLResolver, get_resolver

    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from url_routes(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern)


# -- awards: a review round and its nominations (written straight to the tables: the state is the test's given) ----

def make_review_round(agency: OrgUnit, *, year: int = 2024, status: str = "open", forms=("lao-dong-tien-tien",),
                      movement=None, code: str | None = None):
    """A yearly round of a launched movement of `agency`, offering the catalogue forms `forms` (codes)."""
    from thidua.awards.models import ReviewRound, RoundForm
    from thidua.movements import services as movement_services
    from thidua.movements.models import RewardForm

    if movement is None:
        code = code or f"kt-{agency.pk}-{year}"
        movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=code,
                                                     name=f"Phong trào thi đua năm {year} ({code})",
                                                     start_year=year, end_year=year)
    review_round = ReviewRound.objects.create(
        movement=movement, kind="yearly", year=year, name=f"Đợt xét khen thưởng năm {year}", status=status,
        submit_by=dt.date(year, 12, 10), check_by=dt.date(year, 12, 20), council_on=dt.date(year, 12, 28))
    for order, form_code in enumerate(forms):
        RoundForm.objects.create(review_round=review_round, form=RewardForm.objects.get(code=form_code), order=order)
    return review_round


def make_nomination(review_round, *, person: Person | None = None, unit: OrgUnit | None = None,
                    form: str = "lao-dong-tien-tien", status: str = "accepted", women_first: bool | None = None,
                    achievement: str = "Hoàn thành xuất sắc nhiệm vụ được giao.", created_by=None):
    """A nomination of `person` (an individual) or of `unit` (a collective) in the round, in `status`."""
    from thidua.awards.models import Nomination
    from thidua.movements.models import RewardForm

    if women_first is None:
        women_first = bool(person and person.gender == Gender.FEMALE)
    return Nomination.objects.create(
        review_round=review_round, unit=person.unit if person else unit, agency=review_round.movement.agency,
        recipient="individual" if person else "collective", person=person, form=RewardForm.objects.get(code=form),
        status=status, women_first=women_first, achievement=achievement, created_by=created_by)
