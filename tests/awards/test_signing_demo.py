"""The demo's self-signed certificate: one per agency, made once, said to be self-signed on the page."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards import signing
from thidua.awards.demo import signing as demo_signing
from thidua.awards.models import SigningIdentity

pytestmark = pytest.mark.django_db


def test_the_demo_makes_one_self_signed_identity_per_agency_and_the_page_says_so(world):
    first = demo_signing.load(world.agency, out=lambda _text: None)
    assert demo_signing.load(world.agency, out=lambda _text: None) == first
    demo_signing.load(world.other_agency, out=lambda _text: None)
    assert SigningIdentity.objects.filter(agency=world.agency).count() == 1
    assert SigningIdentity.objects.filter(agency=world.other_agency, is_active=True).count() == 1
    assert first.self_signed and signing.active_identity(world.agency.pk) == first
    page = world.login(Client(), "vanphong").get(reverse("awards:signing")).content.decode()
    assert "Chứng thư tự ký — chỉ để thử, không có giá trị pháp lý" in page


def test_a_demo_pdf_is_signed_with_it(world):
    import weasyprint

    demo_signing.load(world.agency, out=lambda _text: None)
    signed = signing.sign_pdf(world.agency.pk, weasyprint.HTML(string="<p>Quyết định</p>").write_pdf(),
                              filename="qd.pdf", reason="Quyết định")
    [check] = signing.check_signatures(signed)
    assert check.intact and check.whole_file and check.identity.agency == world.agency
    assert "chứng thư tự ký" in check.signer
