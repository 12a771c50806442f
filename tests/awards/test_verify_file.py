"""The public check of a file: is it one the agency signed (upload or SHA-256), and is its embedded PAdES signature
intact — for anonymous visitors, with Django's CSRF check on."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from thidua.awards import signing
from thidua.awards.enums import AwardKind, AwardLevel, AwardSource, RecipientKind
from thidua.awards.models import Award
from thidua.movements.models import RewardForm

pytestmark = pytest.mark.django_db

URL = reverse("awards:verify_file")
UNKNOWN = "Không khớp với tệp nào do cơ quan ký số: tệp có thể đã bị sửa đổi hoặc không do hệ thống cấp."


def _pdf(text: str = "Giấy khen của Giám đốc Sở") -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def certified(world):
    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=world.users["admin"])
    person = world.people["canbo"]
    award = Award.objects.create(
        agency=world.agency, recipient=RecipientKind.INDIVIDUAL, person=person, name=person.full_name,
        position="Chuyên viên", unit_name=world.transport.name,
        form=RewardForm.objects.get(code="giay-khen-giam-doc-so"), level=AwardLevel.AGENCY, kind=AwardKind.MERIT,
        year=2025, decision_number="45/QĐ-SGTVT", decision_date=dt.date(2025, 12, 20), source=AwardSource.DECISION)
    signed = signing.sign_pdf(world.agency.pk, _pdf(), filename="giay-khen.pdf", reason="Giấy khen", award=award)
    return award, signed


def _anonymous() -> tuple[Client, str]:
    """An anonymous visitor with CSRF enforced: the GET sets the cookie, the form carries the token."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client, token


def _post(data: dict):
    client, token = _anonymous()
    return client.post(URL, {"csrfmiddlewaretoken": token, **data})


def test_the_signed_file_is_recognised_with_what_it_is(world, certified):
    award, signed = certified
    response = _post({"file": SimpleUploadedFile("gk.pdf", signed, "application/pdf")})
    assert response.status_code == 200
    page = response.content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert (f"Tệp này do Sở Giao thông vận tải tỉnh Cao Bằng ký số ngày {today}: Giấy khen của Giám đốc Sở của "
            "Nguyễn Văn An theo Quyết định số 45/QĐ-SGTVT ngày 20/12/2025.") in page
    assert "Chữ ký nguyên vẹn" in page
    assert "chứng thư tự ký" in page
    assert "01/01/1980" not in page and "1980" not in page  # the awardee's birth date
    try:
        assert reverse("awards:verify", args=[award.token]) in page
    except NoReverseMatch:
        pass


def test_the_hash_alone_is_enough(certified):
    _award, signed = certified
    digest = hashlib.sha256(signed).hexdigest().upper()
    page = _post({"sha256": f"  {digest} "}).content.decode()
    assert "Tệp này do Sở Giao thông vận tải tỉnh Cao Bằng ký số" in page
    assert "Chữ ký số trong tệp" not in page  # nothing to validate without the file


def test_a_changed_file_is_not_the_one_signed_and_its_signature_says_so(certified):
    _award, signed = certified
    # a byte changed inside the signed range (the page text): the hash differs and the signature breaks
    position = signed.index(b"/MediaBox")
    tampered = signed[:position] + b"/MediaBoy" + signed[position + 9:]
    page = _post({"file": SimpleUploadedFile("gk.pdf", tampered, "application/pdf")}).content.decode()
    assert UNKNOWN in page
    assert "Chữ ký nguyên vẹn" not in page and "Chữ ký không hợp lệ" in page
    # something appended after the signature: the signed part is intact, the file is not what was signed
    appended = signed + b"\n% them\n"
    page = _post({"file": SimpleUploadedFile("gk.pdf", appended, "application/pdf")}).content.decode()
    assert UNKNOWN in page
    assert "Tệp đã được thêm nội dung sau khi ký" in page


def test_an_unsigned_pdf_and_an_unknown_hash(certified):
    page = _post({"file": SimpleUploadedFile("khac.pdf", _pdf("Bản khác"), "application/pdf")}).content.decode()
    assert UNKNOWN in page and "Tệp không có chữ ký số." in page
    page = _post({"sha256": "0" * 64}).content.decode()
    assert UNKNOWN in page


@pytest.mark.parametrize("data, message", [
    ({"file": SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 not a pdf", "image/jpeg")},
     "Tệp đã chọn không phải tệp PDF hoặc bị hỏng, không đọc được."),
    ({"file": SimpleUploadedFile("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "application/pdf")},
     "Tệp đã chọn không phải tệp PDF hoặc bị hỏng, không đọc được."),
    ({"sha256": "abc"}, "Mã băm SHA-256 gồm đúng 64 ký tự 0–9, a–f."),
    ({"sha256": "g" * 64}, "Mã băm SHA-256 gồm đúng 64 ký tự 0–9, a–f."),
    ({}, "Hãy chọn một tệp PDF hoặc dán mã băm SHA-256 của tệp."),
])
def test_bad_input_gets_a_clear_message(world, data, message):
    page = _post(data).content.decode()
    assert message in page
    assert UNKNOWN not in page


def test_a_file_too_large_is_refused(world, monkeypatch):
    from thidua.awards import signing_forms

    monkeypatch.setattr(signing_forms, "PDF_MAX_BYTES", 1024)
    page = _post({"file": SimpleUploadedFile("to.pdf", b"%PDF-1.4" + b"0" * 2048, "application/pdf")}).content.decode()
    assert "Tệp quá lớn" in page


def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"sha256": "0" * 64}).status_code == 403


FORGED = ("Tệp được ký bằng một chứng thư chỉ mang cùng số hiệu hoặc tên với chứng thư số của cơ quan, không phải "
          "chứng thư cơ quan dùng để ký: bạn không nên tin tệp này là do cơ quan ký.")


def _forged_pkcs12(real_pkcs12: bytes, *, same_serial: bool = True) -> bytes:
    """A self-made certificate copying the agency's: the same subject, issuer, validity and extensions (and the same
    serial unless told otherwise), but a key of the forger's own, signed by himself."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, real, _others = pkcs12.load_key_and_certificates(real_pkcs12, None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (x509.CertificateBuilder().subject_name(real.subject).issuer_name(real.issuer)
               .public_key(key.public_key())
               .serial_number(real.serial_number if same_serial else x509.random_serial_number())
               .not_valid_before(real.not_valid_before_utc).not_valid_after(real.not_valid_after_utc))
    for extension in real.extensions:
        builder = builder.add_extension(extension.value, critical=extension.critical)
    forged = builder.sign(key, hashes.SHA256())
    assert forged.subject == real.subject and forged.public_key() != real.public_key()
    return pkcs12.serialize_key_and_certificates(b"thidua", key, forged, None, serialization.NoEncryption())


def _sign_with(pkcs12_data: bytes, pdf: bytes) -> bytes:
    """`pdf` signed (PAdES) with any PKCS#12, outside the system (nothing recorded)."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[], passphrase=None)
    meta = signers.PdfSignatureMetadata(field_name="ChuKySo", reason="Giấy khen", subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta, signer=signer).getvalue()


@pytest.mark.parametrize("same_serial", [True, False], ids=["same-serial-and-subject", "same-subject"])
def test_a_pdf_signed_with_a_certificate_copying_the_agency_s_is_refused(world, certified, same_serial):
    _award, genuine = certified
    identity = signing.active_identity(world.agency.pk)
    forged_pkcs12 = _forged_pkcs12(bytes(identity.pkcs12), same_serial=same_serial)
    forged = _sign_with(forged_pkcs12, _pdf())

    [check] = signing.check_signatures(forged)
    assert check.intact  # the forger's signature is mathematically fine: it is the certificate that is not ours
    assert check.identity is None and check.impostor

    page = _post({"file": SimpleUploadedFile("gk.pdf", forged, "application/pdf")}).content.decode()
    assert UNKNOWN in page
    assert "Chứng thư giả mạo" in page and FORGED in page
    assert f"Chứng thư số của {world.agency.name}" not in page
    assert "Chữ ký nguyên vẹn" not in page

    # the genuine file, signed by the system with the certificate it holds, is still recognised
    [check] = signing.check_signatures(genuine)
    assert check.intact and check.identity == identity and not check.impostor
    page = _post({"file": SimpleUploadedFile("gk.pdf", genuine, "application/pdf")}).content.decode()
    assert "Tệp này do Sở Giao thông vận tải tỉnh Cao Bằng ký số" in page
    assert "Chữ ký nguyên vẹn" in page and f"Chứng thư số của {world.agency.name}" in page
    assert "Chứng thư giả mạo" not in page


def test_a_genuine_certificate_of_another_holder_is_neither_ours_nor_a_forgery(world, certified):
    other = signing.make_self_signed(world.transport)  # another subject, another serial: simply not the agency's
    [check] = signing.check_signatures(_sign_with(other, _pdf()))
    assert check.identity is None and not check.impostor
