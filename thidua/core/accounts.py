"""Account glue below every domain: ending a user's sessions, and the "must change the password" flag with the
middleware that holds such a user on the change form."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .models import PasswordChangeRequired

SESSION_USER_KEY = "_auth_user_id"
#: set in the session at login when the account must change its password, so that the middleware reads no table
SESSION_FLAG = "thidua_must_change_password"


def end_sessions(user) -> int:
    """Delete every live session of the user (on a database-backed session engine); returns how many.
    A disabled account is refused by the authentication backend anyway: this makes it immediate and visible."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    get_model = getattr(store, "get_model_class", None)
    if get_model is None:  # cache-only sessions: nothing to scan, the inactive flag already locks the user out
        return 0
    model = get_model()
    keys = []
    for row in model.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data").iterator():
        data = store().decode(row.session_data)
        if str(data.get(SESSION_USER_KEY, "")) == str(user.pk):
            keys.append(row.session_key)
    if keys:
        model.objects.filter(session_key__in=keys).delete()
    return len(keys)


def require_password_change(user) -> None:
    PasswordChangeRequired.objects.get_or_create(user=user)


def password_changed(request, user) -> None:
    PasswordChangeRequired.objects.filter(user=user).delete()
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_FLAG, None)


def must_change_password(user) -> bool:
    return bool(getattr(user, "pk", None)) and PasswordChangeRequired.objects.filter(user=user).exists()


@receiver(user_logged_in, dispatch_uid="thidua_password_change_required")
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and must_change_password(user):
        request.session[SESSION_FLAG] = True


class PasswordChangeRequiredMiddleware:
    """A user whose account was created with a first password is sent to the change form until he changes it;
    only the change form itself, logging out, the language switch and static files stay open to him."""

    ALLOWED = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG):
            allowed = {reverse(name) for name in self.ALLOWED}
            path = request.path_info
            if path not in allowed and not path.startswith(settings.STATIC_URL):
                return redirect("password_change")
        return self.get_response(request)
