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
