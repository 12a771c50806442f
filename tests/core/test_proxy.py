"""Behind a TLS reverse proxy: the client address and HTTPS are believed only from a configured proxy."""

from django.test import RequestFactory

from thidua.core.middleware import client_ip


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_configured_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(_request("10.0.0.1", "198.51.100.7")) == "198.51.100.7"
    # a client that sends its own X-Forwarded-For cannot choose: the proxy appends what it saw
    assert client_ip(_request("10.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    # two proxies in a row
    assert client_ip(_request("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.5")) == "198.51.100.7"


def test_a_malformed_forwarded_entry_stops_at_the_last_trusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_request("10.0.0.1", "<script>")) == "10.0.0.1"
    assert client_ip(_request("10.0.0.1", "")) == "10.0.0.1"


def test_https_is_recognised_from_the_proxys_header_when_configured(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, THIDUA_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https", THIDUA_VAR_DIR=str(tmp_path),
               THIDUA_TRUSTED_PROXIES="10.0.0.1, 192.168.0.0/16",
               THIDUA_CSRF_TRUSTED_ORIGINS="https://thidua.example.vn", DJANGO_SETTINGS_MODULE="thidua.settings")
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXIES, s.CSRF_TRUSTED_ORIGINS)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in out
    assert "['10.0.0.1', '192.168.0.0/16']" in out
    assert "['https://thidua.example.vn']" in out


def _through_waitress(options: dict, headers: dict) -> dict:
    """One request through a real waitress server on loopback run with `options`; the WSGI environ it got."""
    import http.client
    import json
    import threading

    from waitress.server import create_server

    def app(environ, start_response):
        body = json.dumps({k: environ.get(k) for k in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR",
                                                       "HTTP_X_FORWARDED_PROTO", "wsgi.url_scheme")}).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]

    server = create_server(app, host="127.0.0.1", port=0, **options)
    seen = {}

    def ask():
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        conn.request("GET", "/", headers=headers)
        seen.update(json.loads(conn.getresponse().read()))

    client = threading.Thread(target=ask, daemon=True)
    client.start()
    try:
        for _ in range(400):  # the server's loop, run here until the one answer is in (at most ~20 s)
            if not client.is_alive():
                break
            server.asyncore.loop(timeout=0.05, count=1, map=server._map)
    finally:
        server.close()
        server.task_dispatcher.shutdown()
    return seen


def test_thidua_serve_lets_a_configured_proxys_headers_reach_the_application():
    from thidua.core.middleware import waitress_options

    sent = {"X-Forwarded-For": "10.1.1.1", "X-Forwarded-Proto": "https"}
    seen = _through_waitress(waitress_options(["127.0.0.1"]), sent)
    assert seen["HTTP_X_FORWARDED_FOR"] == "10.1.1.1" and seen["HTTP_X_FORWARDED_PROTO"] == "https"
    assert seen["wsgi.url_scheme"] == "http"  # waitress itself believes nothing: the application decides
    # with no proxy configured the headers never reach the application
    seen = _through_waitress(waitress_options([]), sent)
    assert seen["HTTP_X_FORWARDED_FOR"] is None and seen["HTTP_X_FORWARDED_PROTO"] is None


def test_the_proxy_headers_of_a_request_not_from_a_trusted_proxy_are_dropped(settings, client):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    # from the proxy, marked https: served (no redirect loop)
    response = client.get("/dang-nhap/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    # from anyone else the marker is dropped: plain http is redirected to https
    response = client.get("/dang-nhap/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")
