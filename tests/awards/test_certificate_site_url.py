"""The QR code of a certificate points at the configured site (THIDUA_SITE_URL), else at the address `thidua serve`
listens on — never at whatever Host header the request that printed it carried."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from thidua.awards import certificates
from thidua.awards.models import Award


def test_the_qr_address_is_the_configured_site_never_the_request_host():
    award = Award(token="tok-123")
    with override_settings(SITE_URL="https://thidua.caobang.gov.vn/"):
        assert certificates.verify_url(award) == "https://thidua.caobang.gov.vn/khen-thuong/xac-minh/tok-123/"
    with override_settings(SITE_URL=""):
        assert certificates.verify_url(award) == "http://localhost:8000/khen-thuong/xac-minh/tok-123/"


def test_an_unknown_host_header_is_refused_before_any_page():
    from django.core.exceptions import DisallowedHost

    request = RequestFactory().get("/", HTTP_HOST="evil.example.com")
    with override_settings(ALLOWED_HOSTS=["thidua.caobang.gov.vn"]), pytest.raises(DisallowedHost):
        request.get_host()
