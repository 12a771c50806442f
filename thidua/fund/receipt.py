"""The receipt (biên nhận) of a contribution, laid out as a Nghị định 30 document and printed by WeasyPrint."""

from __future__ import annotations

from django.utils import translation

from thidua.core.money import amount_in_words, format_money
from thidua.documents.nd30 import AdminDocument, Block, build_pdf
from thidua.org.enums import UnitKind

from .models import Entry


def _province(agency):
    parent = agency.parent
    while parent is not None and parent.kind != UnitKind.PROVINCE:
        parent = parent.parent
    return parent


@translation.override("vi")  # a Vietnamese administrative document, whatever the language of the pages
def receipt_document(entry: Entry, reversed_amount: int = 0) -> AdminDocument:
    campaign = entry.campaign
    agency = campaign.agency
    province = _province(agency)
    place = province.name.removeprefix("Tỉnh ").removeprefix("Thành phố ") if province else ""
    contributor = entry.contributor_name
    if entry.person_id and entry.unit_id:
        contributor = f"{entry.contributor_name} ({entry.unit.name})"
    body = [
        Block("paragraph", f"Đợt vận động: {campaign.name}."),
        Block("paragraph", f"Người (đơn vị) ủng hộ: {contributor}."),
        Block("paragraph", f"Số tiền: {format_money(entry.amount)}."),
        Block("paragraph", f"Bằng chữ: {amount_in_words(entry.amount)}."),
        Block("paragraph", f"Hình thức: {entry.get_method_display()}; ngày nộp: {entry.entry_date:%d/%m/%Y}."),
    ]
    if entry.description:
        body.append(Block("paragraph", f"Ghi chú: {entry.description}."))
    if reversed_amount:
        body.append(Block("paragraph", f"Đã điều chỉnh giảm {format_money(reversed_amount)}; số tiền ủng hộ còn "
                                       f"{format_money(entry.amount - reversed_amount)}."))
    body.append(Block("closing", "Xin trân trọng cảm ơn tấm lòng vì người nghèo của quý vị./."))
    return AdminDocument(
        governing_body=f"UBND {province.name}" if province else "",
        issuing_body=agency.name,
        number=campaign.receipt_label(entry.number),
        place=place,
        issued_on=entry.entry_date,
        doc_type="BIÊN NHẬN",
        title="Tiền ủng hộ Quỹ “Vì người nghèo”",
        body=body,
        recipients=["Người nộp tiền", "Lưu: VT, Ban vận động"],
        signer_title="NGƯỜI NHẬN TIỀN",
        signer_name=entry.created_by.person.full_name if entry.created_by_id and hasattr(entry.created_by, "person")
        else "",
    )


def receipt_pdf(entry: Entry, reversed_amount: int = 0) -> bytes:
    return build_pdf(receipt_document(entry, reversed_amount))
