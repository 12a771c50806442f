"""PAdES signatures with the agency's certificate (issue 10 §5), made with pyHanko: the published PDF of a signed
decision and every certificate PDF. The administrator configures the agency's PKCS#12 file
(`SigningIdentity`); the demo makes a self-signed one and says so. Every file signed is remembered by its SHA-256
(`SignedFile`), so that the verification page can say whether a file a visitor holds is one the agency signed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.org.models import OrgUnit

from .models import SignedFile, SigningIdentity


def active_identity(agency_id: int) -> SigningIdentity | None:
    return SigningIdentity.objects.filter(agency_id=agency_id, is_active=True).order_by("-created_at").first()


def read_pkcs12(data: bytes, passphrase: str) -> dict:
    """The certificate's subject, issuer, serial and validity from a PKCS#12 file, or a ValidationError in
    Vietnamese (a wrong passphrase, a file that is not PKCS#12, no private key)."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, passphrase.encode() if passphrase else None)
    except ValueError:
        raise ValidationError(_("Không đọc được tệp PKCS#12: sai mật khẩu hoặc không phải tệp .p12/.pfx.")) from None
    if key is None or cert is None:
        raise ValidationError(_("Tệp PKCS#12 phải chứa cả chứng thư và khóa bí mật."))
    return {"subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
            "serial": format(cert.serial_number, "x"), "valid_from": cert.not_valid_before_utc,
            "valid_to": cert.not_valid_after_utc, "self_signed": cert.issuer == cert.subject}


#: what the audit row of an installed certificate records (never the file, never the passphrase)
AUDIT_FIELDS = ["subject", "issuer", "serial", "valid_from", "valid_to", "self_signed"]


def install_identity(agency: OrgUnit, data: bytes, passphrase: str, *, actor) -> SigningIdentity:
    """Store a PKCS#12 file as the agency's active signing identity (the previous one stays, inactive), with an
    audit row. A file that does not open, or a certificate already expired, is refused and changes nothing."""
    from django.db import transaction

    from thidua.core import audit

    info = read_pkcs12(data, passphrase)
    if info["valid_to"] <= timezone.now():
        raise ValidationError(_("Chứng thư số đã hết hạn ngày %(day)s: hãy cài chứng thư còn hiệu lực.") % {
            "day": _day(info["valid_to"])})
    with transaction.atomic():
        SigningIdentity.objects.filter(agency=agency, is_active=True).update(is_active=False)
        identity = SigningIdentity.objects.create(agency=agency, pkcs12=data, passphrase=passphrase,
                                                  created_by=actor, is_active=True, **info)
        audit.created(identity, AUDIT_FIELDS, actor=actor, note="Cài chứng thư số của cơ quan")
    return identity


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y")


def expired(identity: SigningIdentity, *, now: dt.datetime | None = None) -> bool:
    return identity.valid_to <= (now or timezone.now())


def expires_soon(identity: SigningIdentity, *, days: int = 30, now: dt.datetime | None = None) -> bool:
    """Not yet expired, but within `days` of its end."""
    now = now or timezone.now()
    return not expired(identity, now=now) and identity.valid_to <= now + dt.timedelta(days=days)


def make_self_signed(agency: OrgUnit, *, passphrase: str = "", years: int = 5) -> bytes:
    """A self-signed PKCS#12 for the agency (the demo's and the tests'; never for real documents)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(agency.name)),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Chỉ để thử, không dùng cho văn bản thật"),
        x509.NameAttribute(NameOID.COMMON_NAME, _fit(f"{agency.code or 'Thi Đua'} - chứng thư tự ký")),
    ])
    now = timezone.now()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    encryption = (serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
                  else serialization.NoEncryption())
    return pkcs12.serialize_key_and_certificates(b"thidua", key, cert, None, encryption)


def _fit(text: str, limit: int = 64) -> str:
    """An X.509 name attribute holds at most 64 bytes (UTF-8): cut at a character boundary."""
    data = text.encode()[:limit]
    return data.decode(errors="ignore")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Signed:
    """A PDF signed with an agency's certificate, not yet remembered: `record` writes its `SignedFile` row, once
    the file is where its reader will find it (a published decision's storage, a print job's file)."""

    data: bytes
    identity: SigningIdentity
    filename: str

    @property
    def sha256(self) -> str:
        return sha256(self.data)

    def record(self, *, decision=None, award=None) -> SignedFile:
        return SignedFile.objects.create(sha256=self.sha256, identity=self.identity, decision=decision, award=award,
                                         filename=self.filename[:255], size=len(self.data))


def sign(agency_id: int, pdf: bytes, *, filename: str, reason: str) -> Signed:
    """`pdf` signed (PAdES B-B) with the agency's active certificate; nothing is written to the database. A
    ValidationError when the agency has no certificate configured, or an expired one."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    identity = active_identity(agency_id)
    if identity is None:
        raise ValidationError(_("Cơ quan chưa có chứng thư số để ký tệp PDF: quản trị hệ thống cần cài tệp PKCS#12 "
                                "trong “Chứng thư số”."))
    if expired(identity):
        raise ValidationError(_("Chứng thư số của cơ quan đã hết hạn ngày %(day)s: quản trị hệ thống cần cài chứng "
                                "thư mới trong “Chứng thư số” trước khi ký tệp PDF.") % {"day": _day(identity.valid_to)})
    signer = _signer(bytes(identity.pkcs12), identity.passphrase)
    if signer is None:
        raise ValidationError(_("Không mở được chứng thư số của cơ quan."))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(field_name="ChuKySo", reason=reason, location=agency_name(agency_id),
                                        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    out = signers.sign_pdf(writer, meta, signer=signer)
    return Signed(data=out.getvalue(), identity=identity, filename=filename)


def sign_pdf(agency_id: int, pdf: bytes, *, filename: str, reason: str, decision=None, award=None) -> bytes:
    """`pdf` signed (`sign`) and remembered by its hash at once (for a file handed straight to its reader)."""
    signed = sign(agency_id, pdf, filename=filename, reason=reason)
    signed.record(decision=decision, award=award)
    return signed.data


@lru_cache(maxsize=4)
def _signer(pkcs12: bytes, passphrase: str):
    """The pyHanko signer of a PKCS#12 file, opened once per process (opening checks the RSA key: about 60 ms, as
    long as signing a certificate itself); keyed by the file's bytes, so a new certificate is opened anew."""
    from pyhanko.sign import signers

    return signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=[], passphrase=passphrase.encode() or None)


def agency_name(agency_id: int) -> str:
    return OrgUnit.objects.filter(pk=agency_id).values_list("name", flat=True).first() or ""


def signed_file(data: bytes) -> SignedFile | None:
    """The agency's record of a file, by its content (None: the agency did not sign this exact file)."""
    return SignedFile.objects.filter(sha256=sha256(data)).select_related("award", "decision", "identity").first()


def signed_file_by_hash(digest: str) -> SignedFile | None:
    """The agency's record of a file by its SHA-256 (hex, any case)."""
    digest = (digest or "").strip().lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return SignedFile.objects.filter(sha256=digest).select_related("award", "decision", "identity").first()


@dataclass(frozen=True)
class SignatureCheck:
    """What pyHanko says of one signature embedded in a PDF."""

    #: the signed bytes are unchanged and the signature matches them (the cryptographic check)
    intact: bool
    #: the signature covers the whole file (nothing was appended after signing)
    whole_file: bool
    signer: str
    #: the identity (an agency's certificate) the signature was made with, when it is one of ours: the very
    #: certificate the system holds, compared byte for byte (never by its serial or its subject alone)
    identity: SigningIdentity | None
    #: the signing certificate carries the serial or the subject of an agency's certificate but is not it (a
    #: certificate made to pass for the agency's: another key)
    impostor: bool = False


class NotPdf(Exception):
    """The bytes are not a PDF pyHanko can read."""


def check_signatures(data: bytes) -> list[SignatureCheck]:
    """Every PAdES/PDF signature embedded in `data`, validated with pyHanko (no network: the signer's certificate
    is compared with the agencies' certificates, not chased up a chain). NotPdf when the file is not a PDF."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.lstrip()[:5] == b"%PDF-":
        raise NotPdf
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except PdfError as error:
        raise NotPdf from error
    except Exception as error:  # noqa: BLE001 — whatever a damaged file makes the parser raise: not a readable PDF
        raise NotPdf from error
    checks = []
    for signature in embedded:
        try:
            status = validate_pdf_signature(signature, ValidationContext(trust_roots=[], allow_fetching=False))
        except Exception:  # noqa: BLE001 — a malformed signature is reported as not intact, never a 500
            checks.append(SignatureCheck(False, False, "", None))
            continue
        cert = status.signing_cert
        identity, impostor = _identity_of(cert) if cert is not None else (None, False)
        checks.append(SignatureCheck(
            intact=bool(status.intact and status.valid),
            whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            signer=cert.subject.human_friendly if cert is not None else "",
            identity=identity, impostor=impostor))
    return checks


def certificate_der(identity: SigningIdentity) -> bytes | None:
    """The DER bytes of the certificate in the identity's PKCS#12 file (None when it no longer opens)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    try:
        _key, cert, _others = pkcs12.load_key_and_certificates(bytes(identity.pkcs12),
                                                               identity.passphrase.encode() or None)
    except ValueError:
        return None
    return cert.public_bytes(Encoding.DER) if cert is not None else None


def _identity_of(cert) -> tuple[SigningIdentity | None, bool]:
    """(the agency's identity whose certificate IS `cert`, byte for byte; whether `cert` merely copies the serial
    or the subject of one of them). The serial and the subject are only a way to find the candidates: anyone can
    make a certificate that carries them, never one with the agency's key — so only the whole certificate (its
    DER, which holds the public key and the issuer's signature) is compared."""
    from django.db.models import Q

    der = cert.dump()
    candidates = (SigningIdentity.objects.filter(Q(serial=format(cert.serial_number, "x"))
                                                 | Q(subject=_rfc4514(cert)))
                  .select_related("agency").order_by("-created_at"))
    impostor = False
    for identity in candidates:
        held = certificate_der(identity)
        if held is not None and held == der:
            return identity, False
        impostor = True
    return None, impostor


def _rfc4514(cert) -> str:
    """The subject of an asn1crypto certificate as `read_pkcs12` records it (cryptography's RFC 4514 form)."""
    from cryptography import x509

    try:
        return x509.load_der_x509_certificate(cert.dump()).subject.rfc4514_string()
    except ValueError:
        return ""
