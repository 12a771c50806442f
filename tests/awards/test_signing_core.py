"""The agency's certificate signs a PDF (PAdES) that a reader validates, and the file is remembered by its hash."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from thidua.awards import signing

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Giấy khen của Giám đốc Sở</p>").write_pdf()


def test_a_signed_pdf_validates_against_the_agency_certificate_and_is_known_by_its_hash(world):
    data = signing.make_self_signed(world.agency, passphrase="bí mật")
    identity = signing.install_identity(world.agency, data, "bí mật", actor=world.users["admin"])
    assert identity.self_signed and "tự ký" in identity.subject
    signed = signing.sign_pdf(world.agency.pk, _pdf(), filename="giay-khen.pdf", reason="Giấy khen")
    reader = PdfFileReader(io.BytesIO(signed))
    [embedded] = reader.embedded_signatures
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    _key, cert, _ = pkcs12.load_key_and_certificates(data, "bí mật".encode())
    root = asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert signing.signed_file(signed).filename == "giay-khen.pdf"
    assert signing.signed_file(signed + b"\n") is None


def test_no_certificate_configured_is_said_in_vietnamese(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="chưa có chứng thư số"):
        signing.sign_pdf(world.agency.pk, _pdf(), filename="x.pdf", reason="x")


def test_a_wrong_passphrase_is_refused(world):
    from django.core.exceptions import ValidationError

    data = signing.make_self_signed(world.agency, passphrase="dung")
    with pytest.raises(ValidationError, match="sai mật khẩu"):
        signing.install_identity(world.agency, data, "sai", actor=world.users["admin"])
