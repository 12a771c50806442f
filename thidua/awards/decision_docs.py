"""The Quyết định khen thưởng as DOCX and PDF in the Nghị định 30/2020 layout (documents.nd30): the legal bases
(căn cứ) of the regime in force on its date, the plan and the Council's minutes; "QUYẾT ĐỊNH"; Điều 1 with the
awardees as an appendix list (a table: STT, name, position and unit, form, bonus), the bonuses and the total, the
money's source, the execution clause, Nơi nhận and the signer ("GIÁM ĐỐC", or "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC").
Always Vietnamese (an official document). The appendix of hundreds of awardees is built by copying one model row."""

from __future__ import annotations

import io
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape

from thidua.core.money import amount_in_words, group_digits
from thidua.core.text import nfc
from thidua.documents.nd30 import AdminDocument, Block, build_docx, place_date_line, render_html

from . import legal
from .bonus import money
from .enums import RecipientKind, SignerRole
from .models import AgendaItem, Decision, DecisionLine, LegalBasis
from .places import place_of

HEADERS = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức, danh hiệu", "Tiền thưởng (đồng)"]
DOCX_WIDTHS_CM = [1.3, 4.4, 4.6, 3.3, 2.4]  # 16 cm: the text width of the A4 page
_RECIPIENT_WORDS = {RecipientKind.INDIVIDUAL: "cá nhân", RecipientKind.COLLECTIVE: "tập thể",
                    RecipientKind.HOUSEHOLD: "hộ gia đình"}


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def _long_day(value) -> str:
    """"ngày 20 tháng 10 năm 2022" (Nghị định 30's date in a sentence)."""
    return place_date_line("", value)[:1].lower() + place_date_line("", value)[1:]


def regime_of(decision: Decision):
    """The regime of a signed decision, or the one in force on a draft's date (None before the first regime)."""
    if decision.regime_id:
        return decision.regime
    try:
        return legal.regime_on(decision.issued_on)
    except Exception:  # noqa: BLE001 - ValidationError: no regime that day; the page says so
        return None


def base_salary_of(decision: Decision):
    if decision.base_salary_id:
        return decision.base_salary
    try:
        return legal.base_salary_on(decision.issued_on)
    except Exception:  # noqa: BLE001 - no base salary that day
        return None


def council_day(decision: Decision):
    """The date of the Council's session that decided the decision's nominations (the latest)."""
    from .enums import SessionStatus

    return (AgendaItem.objects.filter(nomination__decision_lines__decision=decision,
                                      session__status=SessionStatus.CONCLUDED)
            .order_by("-session__held_on").values_list("session__held_on", flat=True).first())


def bases(decision: Decision) -> list[str]:
    """The "Căn cứ …" lines: the regime's bases for a decision, the plan, the Council's minutes."""
    agency = decision.agency
    lines = []
    regime = regime_of(decision)
    if regime is not None:
        lines += [nfc(b.text) for b in LegalBasis.objects.filter(regime=regime, for_decision=True)
                  .order_by("order", "id")]
    movement = decision.review_round.movement if decision.review_round_id else None
    if movement is not None and movement.plan_number:
        when = f" {_long_day(movement.plan_issued_on)}" if movement.plan_issued_on else ""
        lines.append(f"Căn cứ Kế hoạch số {nfc(movement.plan_number)}{when} của {nfc(agency.name)} về việc thực hiện "
                     f"{nfc(movement.name)};")
    voted = council_day(decision)
    if voted is not None:
        lines.append(f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {nfc(agency.name)} {_long_day(voted)};")
    lines.append("Theo đề nghị của Chánh Văn phòng Sở.")
    return lines


def signer_title(decision: Decision) -> str:
    return "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" if decision.signer_role == SignerRole.DEPUTY else "GIÁM ĐỐC"


def _governing_body(decision: Decision) -> str:
    movement = decision.review_round.movement if decision.review_round_id else None
    if movement is not None and nfc(movement.governing_body):
        return nfc(movement.governing_body).upper()
    place = place_of(decision.agency)
    return f"UBND TỈNH {place.upper()}" if place else ""


@dataclass
class Row:
    number: int
    name: str
    where: str
    form: str
    amount: str


def _lines(decision: Decision) -> list[DecisionLine]:
    return list(DecisionLine.objects.filter(decision=decision).select_related("form").order_by("order", "id"))


def rows(lines) -> list[Row]:
    out = []
    for i, line in enumerate(lines, start=1):
        where = ", ".join(p for p in (nfc(line.position), nfc(line.unit_name)) if p)
        amount = group_digits(line.amount) if line.paid else "—"
        out.append(Row(i, nfc(line.name), where, nfc(line.form.name), amount))
    return out


def _what(title: str) -> str:
    what = nfc(title).strip()
    for prefix in ("Về việc ", "về việc "):
        what = what.removeprefix(prefix)
    return what[:1].upper() + what[1:] if what else "Khen thưởng"


def total_line(decision: Decision) -> str:
    total = decision.total_amount
    words = amount_in_words(total) if total else "Không đồng"
    return f"Tổng số tiền: {money(total)} (Bằng chữ: {words})."


def document(decision: Decision, lines: list[DecisionLine]) -> AdminDocument:
    agency = decision.agency
    agency_name = nfc(agency.name)
    forms: dict[str, Counter] = {}
    for line in lines:
        forms.setdefault(nfc(line.form.name), Counter())[line.recipient] += 1
    summary = [f"- {form}: {_counted(counts)};" for form, counts in forms.items()]
    everyone = _counted(Counter(line.recipient for line in lines)) or "0 tập thể, cá nhân"
    paid = [line for line in lines if line.paid and line.amount]
    salary = base_salary_of(decision)
    regime = regime_of(decision)
    money_basis = ""
    if regime is not None and salary is not None:
        money_basis = (f" Mức tiền thưởng tính theo {nfc(regime.money_articles or regime.name)}, mức lương cơ sở "
                       f"{money(salary.amount)}/tháng ({nfc(salary.legal_basis)}).")
    body = [Block("heading1", f"GIÁM ĐỐC {agency_name.upper()}")]
    body += [Block("paragraph", text) for text in bases(decision)]
    body.append(Block("heading1", "QUYẾT ĐỊNH:"))
    body.append(Block("paragraph", f"Điều 1. {_what(decision.title)} cho {everyone} (có danh sách kèm "
                                   f"theo), gồm:"))
    body += [Block("item", text) for text in summary]
    paid_who = _counted(Counter(ln.recipient for ln in paid)) or "0 tập thể, cá nhân"
    body.append(Block("paragraph", f"Điều 2. Tặng kèm tiền thưởng cho {paid_who} theo mức ghi tại danh sách "
                                   f"kèm theo.{money_basis} {total_line(decision)}"))
    if nfc(decision.money_source):
        body.append(Block("paragraph", nfc(decision.money_source)))
    body.append(Block("paragraph", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. "
                      + nfc(decision.execution_clause)))
    recipients = recipient_list(decision.recipients_text)
    return AdminDocument(
        governing_body=_governing_body(decision), issuing_body=agency_name.upper(),
        number=decision.number_label, place=place_of(agency), issued_on=decision.issued_on,
        doc_type="QUYẾT ĐỊNH", title=nfc(decision.title) or "Về việc khen thưởng", body=body,
        recipients=recipients or ["Lưu: VT, VP (TĐKT)"], signer_title=signer_title(decision),
        signer_name=nfc(decision.signer_name))


def _counted(counts: Counter) -> str:
    """"3 cá nhân, 1 tập thể" in the order individual, collective, household."""
    return ", ".join(f"{counts[kind]} {word}" for kind, word in _RECIPIENT_WORDS.items() if counts[kind])


def recipient_list(text: str) -> list[str]:
    """Nơi nhận, one per line or separated by ";" (a stored text has its line breaks folded into spaces)."""
    parts = [p.strip() for chunk in (text or "").splitlines() for p in chunk.split(";")]
    return [nfc(p) for p in parts if p.strip(" .-")]


def appendix_title(decision: Decision) -> list[str]:
    return ["DANH SÁCH", "Tập thể, cá nhân, hộ gia đình được khen thưởng",
            f"(Kèm theo Quyết định số {decision.number_label} ngày {_day(decision.issued_on)} của Giám đốc "
            f"{nfc(decision.agency.name)})"]


def decision_docx(decision: Decision) -> bytes:
    """The decision as DOCX: the Nghị định 30 frame, then the appendix list on a page of its own."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from thidua.documents.nd30 import FONT

    lines = _lines(decision)
    with translation.override("vi"):
        frame = build_docx(document(decision, lines))
    doc = Document(io.BytesIO(frame))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for i, text in enumerate(appendix_title(decision)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = i < 2
        run.italic = i == 2
        run.font.name = FONT
        run.font.size = Pt(13 if i else 14)
    table = doc.add_table(rows=2, cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(DOCX_WIDTHS_CM):
        table.columns[i].width = Cm(width)  # the grid LibreOffice reads
        for c in table.columns[i].cells:
            c.width = Cm(width)

    def fill(cells, texts, *, bold=False):
        for c, text in zip(cells, texts, strict=False):
            run = c.paragraphs[0].add_run(text)
            run.bold = bold
            run.font.size = Pt(12)
            run.font.name = FONT

    fill(table.rows[0].cells, HEADERS, bold=True)
    fill(table.rows[1].cells, ["-"] * len(HEADERS))  # the model row: one text per cell, replaced below
    tbl = table._tbl
    model = table.rows[1]._tr
    tbl.remove(model)
    text_tag = qn("w:t")
    for row in rows(lines):
        tr = deepcopy(model)
        for t, text in zip(tr.iter(text_tag), [str(row.number), row.name, row.where, row.form, row.amount],
                           strict=True):
            t.text = text
        tbl.append(tr)
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    run = p.add_run(total_line(decision))
    run.bold = True
    run.font.name = FONT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_APPENDIX_CSS = """<style>
  .appendix { page-break-before: always; }
  .appendix p { text-align: center; margin: 0; }
  .appendix .cap { font-weight: bold; }
  .appendix .ref { font-style: italic; font-size: 13pt; margin-bottom: 8pt; }
  table.list { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; }
  table.list th, table.list td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
  table.list thead { display: table-header-group; }
  table.list tr { page-break-inside: avoid; }
  table.list td.n, table.list td.m { text-align: right; }
  .appendix p.total { text-align: left; font-weight: bold; margin-top: 6pt; }
</style>"""


def appendix_html(decision: Decision, lines) -> str:
    title = appendix_title(decision)
    parts = ['<section class="appendix">', f'<p class="cap">{escape(title[0])}</p>',
             f'<p class="cap">{escape(title[1])}</p>', f'<p class="ref">{escape(title[2])}</p>',
             '<table class="list"><colgroup>']
    parts += [f'<col style="width: {w:.2f}cm">' for w in DOCX_WIDTHS_CM]
    parts.append("</colgroup><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in HEADERS) + "</tr></thead><tbody>")
    for row in rows(lines):
        parts.append(f'<tr><td class="n">{row.number}</td><td>{escape(row.name)}</td><td>{escape(row.where)}</td>'
                     f'<td>{escape(row.form)}</td><td class="m">{escape(row.amount)}</td></tr>')
    parts.append(f'</tbody></table><p class="total">{escape(total_line(decision))}</p></section>')
    return "".join(parts)


def decision_html(decision: Decision) -> str:
    lines = _lines(decision)
    with translation.override("vi"):
        html = render_html(document(decision, lines))
    html = html.replace("</head>", _APPENDIX_CSS + "</head>", 1)
    return html.replace("</body>", appendix_html(decision, lines) + "</body>", 1)


def decision_pdf(decision: Decision) -> bytes:
    """The decision as PDF (WeasyPrint), the same texts as the DOCX."""
    from weasyprint import HTML

    from thidua.documents import nd30

    return HTML(string=decision_html(decision), base_url=str(nd30._TEMPLATES)).write_pdf()
