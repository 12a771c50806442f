"""The demo's signing certificate (issue 10 §5): a self-signed PKCS#12 identity for a demo agency, so that its
published decisions and certificates carry a PAdES signature. The certificate page and the file check say that it
is self-signed ("chỉ để thử, không có giá trị pháp lý"). Idempotent: an agency that has an active certificate that
has not expired keeps it."""

from __future__ import annotations

from django.utils import timezone

from thidua.awards import signing


def load(agency, out=print):
    """The agency's active signing identity, a new self-signed one when it has none (or only an expired one)."""
    identity = signing.active_identity(agency.pk)
    if identity is not None and identity.valid_to > timezone.now():
        return identity
    identity = signing.install_identity(agency, signing.make_self_signed(agency), "", actor=None)
    out(f"  Chứng thư số tự ký (chỉ để thử) cho {agency.name}")
    return identity
