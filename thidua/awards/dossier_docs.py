"""The dossier's generated parts as DOCX in the Nghị định 30 layout (documents.nd30): the achievement report
(báo cáo thành tích) from the form's template in the governing regime, with the figures the system holds for the
year pre-filled, to be edited in Word and uploaded back; the unit's tờ trình and danh sách đề nghị. Documents of
the administration are Vietnamese whatever the page's language (Nghị định 30), so their texts are not translated."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.money import group_digits
from thidua.core.text import nfc
from thidua.documents.nd30 import AdminDocument, Block, build_docx

from . import legal
from .dossier import CheckedDossierFile, add_file, evidence_figures, governing_for
from .enums import (
    NOMINATION_FINAL_STATES,
    UNIT_STATES,
    DossierPart,
    NominationStatus,
    RecipientKind,
    RoundKind,
)
from .models import DossierFile, Nomination
from .places import place_of

GENERATED_PARTS = (DossierPart.REPORT, DossierPart.SUBMISSION, DossierPart.LIST)


def _header(nomination: Nomination) -> tuple[str, str]:
    agency = nomination.unit.home_agency
    if nomination.unit_id == getattr(agency, "pk", None):
        return "", nfc(agency.name).upper()
    return nfc(agency.name).upper() if agency else "", nfc(nomination.unit.name).upper()


def report_template(nomination: Nomination) -> tuple[str, str]:
    """(template, regime) of the achievement report: the regime's thematic template for a movement's sơ kết /
    tổng kết round, else the form's template for the recipient kind (FormRule.report_template)."""
    governing = governing_for(nomination)
    if governing is None:
        return "", ""
    regime = governing.regime
    if nomination.review_round.kind in (RoundKind.MIDTERM, RoundKind.FINAL) and regime.thematic_report_template:
        return regime.thematic_report_template, regime.short_name
    rule = legal.form_rule(regime, nomination.form_id, nomination.recipient)
    return (rule.report_template if rule else ""), regime.short_name


def _money(amount: int) -> str:
    return f"{group_digits(amount)} đồng"


def report_document(nomination: Nomination) -> AdminDocument:
    figures = evidence_figures(nomination)
    template, regime = report_template(nomination)
    governing_body, issuing_body = _header(nomination)
    year = nomination.review_round.year
    name = nomination.nominee_name
    movement = nomination.review_round.movement
    intro = []
    if template:
        intro.append(f"({template} theo {regime})")
    body: list[Block] = []
    if nomination.recipient == RecipientKind.INDIVIDUAL:
        person = nomination.person
        body += [Block("heading1", "I. SƠ LƯỢC LÝ LỊCH"),
                 Block("item", (f"- Họ và tên: {person.full_name}; giới tính: {person.get_gender_display()}.")),
                 Block("item", "- Ngày sinh: {day}.".format(day=person.birth_date.strftime("%d/%m/%Y"))
                       if person.birth_date else "- Ngày sinh:"),
                 Block("item", "- Chức vụ, đơn vị công tác: {position}, {unit}.".format(
                     position=person.position or "…",
                     unit=nomination.unit.name,
                 ))]
    elif nomination.recipient == RecipientKind.HOUSEHOLD:
        household = nomination.household
        body += [Block("heading1", "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH"),
                 Block("item", (f"- Chủ hộ: {household.head_name}; số nhân khẩu: {household.members}.")),
                 Block("item", "- Nơi cư trú: {place}.".format(place=household.place or "…"))]
    else:
        body += [Block("heading1", "I. ĐẶC ĐIỂM, TÌNH HÌNH"),
                 Block("item", (f"- Tên đơn vị: {nomination.unit.name}."))]
    body.append(Block("heading1", "II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    body += [Block("paragraph", line) for line in nfc(nomination.achievement).splitlines() if line.strip()] or [
        Block("paragraph", "(Nêu thành tích đạt được, có số liệu cụ thể.)")]
    body.append(Block("heading2", (f"Số liệu năm {year} trong hệ thống, phong trào “{movement.name}”:")))
    body.append(Block("item", (f"- Số hoạt động hỗ trợ người nghèo đã tham gia, tổ chức: {figures.activities}.")))
    if nomination.recipient != RecipientKind.HOUSEHOLD:
        body.append(Block("item", (f"- Số hộ nghèo, cận nghèo được hỗ trợ: {figures.households}.")))
    body.append(Block("item", (f"- Giá trị hỗ trợ (tiền mặt và hiện vật quy đổi): {_money(figures.value)}.")))
    if nomination.recipient != RecipientKind.HOUSEHOLD:
        body.append(Block("item", (f"- Ủng hộ Quỹ “Vì người nghèo”: {_money(figures.contributed)}.")))
    if figures.registered is not None:
        if figures.registered:
            text = "- Đăng ký thi đua năm {year}: đã đăng ký{title}.".format(
                year=year,
                title=f" ({figures.title_registered})" if figures.title_registered else "",
            )
        else:
            text = (f"- Đăng ký thi đua năm {year}: chưa có bản đăng ký được duyệt.")
        body.append(Block("item", text))
    body.append(Block("heading1", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
    body.append(Block("paragraph", "(Ghi năm, hình thức khen thưởng, số và ngày quyết định.)"))
    individual = nomination.recipient == RecipientKind.INDIVIDUAL
    return AdminDocument(
        governing_body=governing_body, issuing_body=issuing_body, number="", place=place_of(nomination.unit),
        issued_on=None, doc_type="BÁO CÁO",
        title=(f"Thành tích đề nghị tặng {nomination.form.name} năm {year}\n{name}"),
        intro="\n".join(intro), body=body,
        signer_title="NGƯỜI BÁO CÁO" if individual else "THỦ TRƯỞNG ĐƠN VỊ",
        signer_name=name if individual else "")


def _unit_nominations(nomination: Nomination) -> list[Nomination]:
    return list(Nomination.objects.filter(review_round_id=nomination.review_round_id, unit_id=nomination.unit_id)
                .exclude(status__in=sorted(NOMINATION_FINAL_STATES - {NominationStatus.AGREED_DECISION,
                                                                     NominationStatus.AGREED_PROVINCE}))
                .select_related("form", "person", "household", "unit").order_by("form__sort_order", "id"))


def submission_bases(regime) -> list[str]:
    """The "Căn cứ …" lines a tờ trình prints under `regime` (LegalBasis.for_submission); shared with the agency's
    tờ trình to the province (proposal_docs)."""
    return [b.text for b in regime.bases.filter(for_submission=True)] if regime is not None else []


def nominee_detail(nomination: Nomination) -> str:
    """A nominee's position, or the kind of recipient ("Tập thể", "Hộ gia đình")."""
    if nomination.person_id and nomination.person.position:
        return nomination.person.position
    return str(RecipientKind(nomination.recipient).label)


def nominee_blocks(nominations) -> list[Block]:
    """The danh sách's body: a heading per form, then "n. Name — position (ưu tiên nữ)." in the given order."""
    body: list[Block] = []
    current = None
    for n, other in enumerate(nominations, start=1):
        if other.form_id != current:
            current = other.form_id
            body.append(Block("heading2", other.form.name))
        women = " (ưu tiên nữ)" if other.women_first else ""
        body.append(Block("item", f"{n}. {other.nominee_name} — {nominee_detail(other)}{women}."))
    return body


def submission_document(nomination: Nomination) -> AdminDocument:
    governing = governing_for(nomination)
    governing_body, issuing_body = _header(nomination)
    year = nomination.review_round.year
    bases = submission_bases(governing.regime if governing is not None else None)
    agency = nomination.unit.home_agency
    body = [Block("paragraph", ("{unit} đề nghị {agency}, Hội đồng Thi đua - Khen thưởng xét, đề nghị khen "
                                 "thưởng trong {round} cho:").format(
        unit=nomination.unit.name,
        agency=agency.name if agency else "",
        round=nomination.review_round.name,
    ))]
    for n, other in enumerate(_unit_nominations(nomination), start=1):
        body.append(Block("item", f"{n}. {other.nominee_name}: {other.form.name}."))
    body.append(Block("paragraph", "(Có danh sách, biên bản họp bình xét và báo cáo thành tích kèm theo.)"))
    body.append(Block("closing", "Kính trình xem xét, quyết định./."))
    return AdminDocument(
        governing_body=governing_body, issuing_body=issuing_body, number="/TTr", place=place_of(nomination.unit),
        issued_on=None, doc_type="TỜ TRÌNH",
        title=(f"Về việc đề nghị khen thưởng năm {year}"),
        intro="\n".join(bases), body=body, recipients=["Hội đồng Thi đua - Khen thưởng", "Lưu: VT"],
        signer_title="THỦ TRƯỞNG ĐƠN VỊ")


def list_document(nomination: Nomination) -> AdminDocument:
    governing_body, issuing_body = _header(nomination)
    body = nominee_blocks(_unit_nominations(nomination))
    return AdminDocument(
        governing_body=governing_body, issuing_body=issuing_body, number="", place=place_of(nomination.unit),
        issued_on=None, doc_type="DANH SÁCH",
        title=(f"Đề nghị khen thưởng trong {nomination.review_round.name}"), body=body,
        signer_title="THỦ TRƯỞNG ĐƠN VỊ")


BUILDERS = {DossierPart.REPORT: report_document, DossierPart.SUBMISSION: submission_document,
            DossierPart.LIST: list_document}
FILE_STEMS = {DossierPart.REPORT: "bao-cao-thanh-tich", DossierPart.SUBMISSION: "to-trinh",
              DossierPart.LIST: "danh-sach-de-nghi"}


def generate(nomination: Nomination, part: str, *, actor) -> DossierFile:
    """Build the part as DOCX and keep it as the newest file of that part (earlier files stay)."""
    with translation.override("vi"):  # labels read from the models (giới tính, đối tượng) in Vietnamese too
        data = build_docx(BUILDERS[part](nomination))
    name = f"{FILE_STEMS[part]}-{nomination.pk}.docx"
    with transaction.atomic():
        # the unit may have sent it while the document was being built: kept only while it is with the unit
        nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
        if nomination.status not in UNIT_STATES:
            raise ValidationError(_("Đề nghị đang ở bước “%(state)s”: không thêm tệp hồ sơ được nữa.") % {
                "state": nomination.get_status_display()})
        return add_file(nomination, part, CheckedDossierFile(name, data, "docx"), actor=actor, generated=True)
