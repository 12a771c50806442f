"""Keeps the current request's actor and address where the audit log can find them."""

from __future__ import annotations

import contextvars
import functools
import ipaddress
from dataclasses import dataclass

_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("thidua_request", default=None)


@dataclass
class RequestInfo:
    user_id: int | None
    ip: str


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse_ip(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, unless the request comes from one of THIDUA_TRUSTED_PROXIES;
    then X-Forwarded-For is read from the right (each proxy appends the address it saw), and the first
    address that is not a trusted proxy is the client. A header sent by anyone else is ignored, so a client
    cannot choose the address its login failures are counted on."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    if not from_trusted_proxy(request):
        return remote[:45]
    trusted, address = _trusted(), _parse_ip(remote)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while hops:
        hop = _parse_ip(hops.pop())
        if hop is None:
            break  # a malformed entry: the last trusted proxy is as far as we can see
        address = hop
        if not any(address in net for net in trusted):
            break
    return str(address)[:45]


def _trusted() -> tuple:
    """The networks of THIDUA_TRUSTED_PROXIES."""
    from django.conf import settings

    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def from_trusted_proxy(request) -> bool:
    trusted = _trusted()
    address = _parse_ip((request.META.get("REMOTE_ADDR") or "").strip())
    return bool(trusted) and address is not None and any(address in net for net in trusted)


class UntrustedProxyHeadersMiddleware:
    """The proxy's headers (the HTTPS marker of THIDUA_PROXY_SSL_HEADER, X-Forwarded-*) count only when the
    request comes from one of THIDUA_TRUSTED_PROXIES: from anyone else they are dropped before Django's
    SecurityMiddleware reads them. (`thidua serve` lets them through to here when proxies are configured.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not from_trusted_proxy(request):
            from django.conf import settings

            header = (getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or ("",))[0]
            for name in [key for key in request.META if key.startswith("HTTP_X_FORWARDED_")] + [header]:
                request.META.pop(name, None)
        return self.get_response(request)


def waitress_options(trusted_proxies, max_request_bytes: int | None = None) -> dict:
    """How `thidua serve` runs waitress: with proxies configured, waitress passes the proxy's headers on untouched
    (by default it strips them), and the application decides whom to believe (client_ip,
    UntrustedProxyHeadersMiddleware); without, waitress drops them. A request body larger than
    `max_request_bytes` (settings.MAX_REQUEST_BYTES) is refused by waitress itself, before Django reads it."""
    options = {"clear_untrusted_proxy_headers": not trusted_proxies}
    if max_request_bytes:
        options["max_request_body_size"] = int(max_request_bytes)
    return options


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


class PrivateResponsesMiddleware:
    """A Permissions-Policy on every response; `Cache-Control: private, no-store` on every page shown to a
    signed-in user and on every download (a shared or back-button cache keeps no one's data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.http import FileResponse

        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        user = getattr(request, "user", None)
        download = isinstance(response, FileResponse) or "attachment" in response.get("Content-Disposition", "")
        if download or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response


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
