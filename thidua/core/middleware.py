"""Keeps the current request's actor and address where the audit log can find them."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("thidua_request", default=None)


@dataclass
class RequestInfo:
    user_id: int | None
    ip: str


def client_ip(request) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip()[:45]
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def current_request() -> RequestInfo | None:
    return _current.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _current.set(
            RequestInfo(user_id=user.pk if user is not None and user.is_authenticated else None, ip=client_ip(request))
        )
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language with the switch (cookie): an official whose browser
    asks for English still gets the Vietnamese interface first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
