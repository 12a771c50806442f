"""One submission per create form, checked on the server.

A create form carries a one-time token (`OneSubmissionMixin`, a hidden field with a fresh random value each time the
form is drawn); the view is wrapped in `@single_submission`. The request that saves the form consumes the token
by inserting it into a table with a unique constraint, in the same transaction as what it creates: a second POST
of the same form (a double click, a resent request, or two at the same time — the second insert waits for the
first transaction and then finds the token taken) creates nothing and is sent where the first one went, with a
notice. A form sent back with errors releases its token, so the corrected form can be sent again.

A POST without a token (a script, a test client) is not guarded.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormToken

FIELD = "form_token"
MAX_LENGTH = 64
#: tokens are kept this long, then swept (a form left open longer is simply no longer guarded)
KEEP = dt.timedelta(days=7)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OneSubmissionMixin:
    """Mixin for a create form (put it first: `class ActivityForm(OneSubmissionMixin, forms.Form)`): adds the
    hidden one-time token, rendered with the form's hidden fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(required=False, max_length=MAX_LENGTH, widget=forms.HiddenInput,
                                             initial=new_token)

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):  # the views pass cleaned_data on to the services: not the token
            self.cleaned_data.pop(FIELD, None)


def _sweep() -> None:
    """Forget tokens older than KEEP (one indexed DELETE, usually of nothing)."""
    FormToken.objects.filter(created_at__lt=timezone.now() - KEEP).delete()


def single_submission(view):
    """Wrap a view whose POST creates something: the same form's token is consumed once."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or len(token) > MAX_LENGTH:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = FormToken.objects.create(token=token, user_id=getattr(request.user, "pk", None))
            except IntegrityError:
                done = FormToken.objects.filter(token=token).values_list("done_url", flat=True).first()
                messages.info(request, _("Biểu mẫu này đã được gửi và ghi nhận rồi; lần gửi lặp lại không ghi "
                                         "thêm gì."))
                return redirect(done or request.get_full_path())
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.get("Location"):
                FormToken.objects.filter(pk=row.pk).update(done_url=response["Location"][:500])
                _sweep()
            else:  # not saved (the form is shown again with its errors): it may be sent again
                FormToken.objects.filter(pk=row.pk).delete()
            return response

    return wrapper
