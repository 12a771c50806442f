"""Every view declares who may use it. A test walks the URL conf and fails on any view without a rule.

    @access(PUBLIC)                      anyone, signed in or not
    @access(SIGNED_IN)                   any signed-in user
    @access(rules_predicate)             signed-in users for whom the predicate holds, else 403

Object scoping (404 for what the user may not see) is done inside the view with the scoped querysets.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PUBLIC = "public"
SIGNED_IN = "signed_in"


def access(rule, *, name: str | None = None) -> Callable:
    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if rule == PUBLIC:
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if rule != SIGNED_IN and not rule.test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        wrapped.access_rule_name = name or (rule if isinstance(rule, str) else getattr(rule, "name", repr(rule)))
        return wrapped

    return decorate


def rule_allows(rule, user) -> bool:
    if rule == PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    return rule == SIGNED_IN or bool(rule.test(user))
