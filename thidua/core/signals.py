"""Login, logout and failed-login events go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import audit
from .middleware import client_ip
from .models import AuditAction


def _agency_of(user):
    person = getattr(user, "person", None) if user is not None else None
    return getattr(getattr(person, "unit", None), "audit_agency_id", None)  # the unit's agency (OrgUnit.home_agency_id)


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit.record(AuditAction.LOGIN, user, actor=user, ip=client_ip(request), agency_id=_agency_of(user))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditAction.LOGOUT, user, actor=user, ip=client_ip(request), agency_id=_agency_of(user))
