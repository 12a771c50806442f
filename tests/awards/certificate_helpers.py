"""A signed decision with its awards, written directly (the decisions engineer's drafting and signing are the
subject of their own tests), and the agency's self-signed certificate installed."""

from __future__ import annotations

import datetime as dt
import itertools

from thidua.awards import signing
from thidua.awards.enums import AwardKind, AwardLevel, AwardSource, DecisionStatus, RecipientKind, SignerRole
from thidua.awards.models import Award, Decision, DecisionLine

from .award_factories import agreed, agreed_round

ISSUED = dt.date(2026, 2, 5)
_numbers = itertools.count(901)


def install_certificate(agency) -> bytes:
    data = signing.make_self_signed(agency)
    if not signing.active_identity(agency.pk):
        signing.install_identity(agency, data, "", actor=None)
    return data


def signed_decision(agency, people=(), *, units=(), number: int = 123, form: str = "giay-khen-giam-doc-so",
                    signer_role: str = SignerRole.DIRECTOR, signer_name: str = "Nông Văn Đức",
                    status: str = DecisionStatus.SIGNED, year: int = 2025, certificate: bool = True) -> Decision:
    """A signed decision of `agency` (code SGTVT) awarding `form` to each of `people` and `units`."""
    if not agency.code:
        agency.code = "SGTVT"
        agency.save(update_fields=["code"])
    if certificate:
        install_certificate(agency)
    rnd = agreed_round(agency, year=year)
    decision = Decision.objects.create(
        agency=agency, review_round=rnd, year=ISSUED.year, number=number, issued_on=ISSUED, status=status,
        title="Về việc tặng Giấy khen cho các tập thể, cá nhân", signer_role=signer_role, signer_name=signer_name)
    for order, target in enumerate([*people, *units]):
        is_person = target in people
        nomination = agreed(rnd, person=target, form=form) if is_person else agreed(rnd, unit=target, form=form)
        kind = RecipientKind.INDIVIDUAL if is_person else RecipientKind.COLLECTIVE
        unit = target.unit if is_person else target
        name = target.full_name if is_person else target.name
        position = (target.position or "") if is_person else ""
        DecisionLine.objects.create(decision=decision, nomination=nomination, form=nomination.form, recipient=kind,
                                    person=target if is_person else None, unit=None if is_person else target,
                                    name=name, position=position, unit_name=unit.name if is_person else "",
                                    achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
                                    amount=1_070_000, order=order)
        Award.objects.create(
            agency=agency, recipient=kind, person=target if is_person else None, unit=unit, name=name,
            position=position, unit_name=unit.name if is_person else "", form=nomination.form,
            level=AwardLevel.AGENCY, kind=AwardKind.MERIT, year=year,
            achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025", amount=1_070_000,
            decision_number=decision.number_label, decision_date=ISSUED,
            authority="Giám đốc Sở Giao thông vận tải", source=AwardSource.DECISION, decision=decision,
            nomination=nomination, movement=rnd.movement)
    return decision


def certificate_samples(agency, person) -> dict:
    """The URL samples of the certificates' pages: an award of `person` in a signed decision of `agency`."""
    decision = signed_decision(agency, [person], number=next(_numbers))
    award = Award.objects.get(decision=decision)
    return {"award_id": award.pk, "signed_decision_id": decision.pk, "award_token": award.token}


def qr_texts(pdf: bytes, tmp_path, page: int = 1) -> list[str]:
    """The texts of the QR codes on page `page` (from 1) of a PDF (rendered at 150 dpi by pdftoppm)."""
    import subprocess

    import zxingcpp
    from PIL import Image

    source = tmp_path / "giay-khen.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"trang-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(source), str(prefix)],
                   check=True)
    [png] = sorted(tmp_path.glob(f"trang-{page}-*.png"))
    return [code.text for code in zxingcpp.read_barcodes(Image.open(png))]
