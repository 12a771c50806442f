"""A movement's plan (Kế hoạch thực hiện phong trào thi đua) as a Nghị định 30 ``AdminDocument``.

The plan's sections (``movement.sections``) are the source of truth for the body when there are any: each
section prints its numbered heading ("I. MỤC ĐÍCH, YÊU CẦU" bold upper case, "1. Mục đích" bold) and then
one paragraph per line of its text ("a) …" and "- …" lines as items). A movement without sections gets a
body generated from its structured parts (content items, solutions, subjects, criteria, reward forms,
milestones, responsibilities). What the movement leaves empty is filled the way a drafting officer would:
the title from the movement's name and period, the closing "Trên đây là Kế hoạch …./.", a blank number
("Số:      /KH-SGTVT") and date for a draft, "Lưu: VT" at the end of the recipients.
"""

from __future__ import annotations

import re

from thidua.core.text import fold, nfc
from thidua.documents.nd30 import AdminDocument, Block

__all__ = ["plan_document", "plan_symbol"]

DOC_TYPE = "KẾ HOẠCH"
DOC_CODE = "KH"

_ROMAN = re.compile(r"^(?=[IVXLC])(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_PREFIX = re.compile(r"^([IVXLC]+)\s*[.:/)]\s*(.*)$")
_ARABIC_PREFIX = re.compile(r"^(\d+(?:\.\d+)*)\s*[.:/)]?\s+(.*)$")
_ITEM = re.compile(r"^(?:[a-zđ]\s*\)|[a-zđ]\.\s|\d+(?:\.\d+)*\s*\)|[-–—+•*]\s?)", re.IGNORECASE)
_CLOSING = re.compile(r"^trên đây là\b", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q)\.", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"


def _is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN.match(token.upper()))


def _section_heading(number: str, heading: str) -> Block | None:
    """ "I. MỤC ĐÍCH, YÊU CẦU" (heading1, upper case) or "1. Mục đích" (heading2), number taken from the
    section's ``number`` or, when that is empty, from the heading itself."""
    number = nfc(number).rstrip(".").strip()
    heading = nfc(heading)
    if not number:
        match = _ROMAN_PREFIX.match(heading)
        if match and _is_roman(match.group(1)):
            number, heading = match.group(1), match.group(2)
        else:
            match = _ARABIC_PREFIX.match(heading)
            if match:
                number, heading = match.group(1), match.group(2)
    else:
        # the heading may repeat the number ("I. MỤC ĐÍCH" with number "I")
        for pattern in (_ROMAN_PREFIX, _ARABIC_PREFIX):
            match = pattern.match(heading)
            if match and match.group(1).upper() == number.upper():
                heading = match.group(2)
                break
    if not heading and not number:
        return None
    if _is_roman(number):
        return Block("heading1", f"{number.upper()}. {heading.upper()}".strip())
    return Block("heading2", f"{number}. {heading}" if number else heading)


def _text_blocks(text: str) -> list[Block]:
    """One block per line: "a) …" / "- …" as items, "Trên đây là …" as the closing, the rest paragraphs."""
    blocks = []
    for raw in (text or "").splitlines():
        line = nfc(raw)
        if not line:
            continue
        if _CLOSING.match(line):
            blocks.append(Block("closing", line))
        elif _ITEM.match(line):
            blocks.append(Block("item", line))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def _movement_phrase(movement) -> str:
    """ "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"."""
    name = nfc(movement.name)
    if fold(name).startswith(("phong trao", "cuoc van dong")):
        return name
    return f"Phong trào thi đua “{name.strip(_QUOTES).strip()}”"


def _period(movement) -> str:
    if f"{movement.start_year}" in movement.name and f"{movement.end_year}" in movement.name:
        return ""  # the name already says "giai đoạn 2021 - 2025"
    if movement.start_year == movement.end_year:
        return f"năm {movement.start_year}"
    return f"giai đoạn {movement.start_year} - {movement.end_year}"


def _agency_name(movement) -> str:
    agency = movement.agency
    return nfc(agency.name) if agency is not None else nfc(movement.issuing_body).capitalize()


def _province(movement):
    from thidua.org.enums import UnitKind

    unit = movement.agency
    while unit is not None:
        if unit.kind == UnitKind.PROVINCE:
            return unit
        unit = unit.parent
    return None


def plan_symbol(movement) -> str:
    """The issuing body's part of the number, from the agency's short name: "Sở GTVT" → "SGTVT"."""
    agency = movement.agency
    short = nfc(getattr(agency, "short_name", "") or "")
    letters = []
    for word in short.replace("-", " ").split():
        if word.isupper() and len(word) > 1:
            letters.append(word)
        elif word[:1].isalpha():
            letters.append(word[0].upper())
    return "".join(letters)


def _number(movement) -> str:
    number = nfc(movement.plan_number)
    if number:
        return number
    symbol = plan_symbol(movement)
    return f"/{DOC_CODE}-{symbol}" if symbol else f"/{DOC_CODE}"


def _governing_body(movement) -> str:
    if nfc(movement.governing_body):
        return nfc(movement.governing_body)
    province = _province(movement)
    if province is not None and movement.agency is not None and movement.agency.pk != province.pk:
        return f"UBND {nfc(province.name)}"
    return ""


def _place(movement) -> str:
    if nfc(movement.plan_place):
        return nfc(movement.plan_place)
    province = _province(movement)
    if province is None:
        return ""
    name = nfc(province.name)
    for prefix in ("tỉnh ", "thành phố ", "tp. ", "tp "):
        if name.lower().startswith(prefix):
            return name[len(prefix):].strip()
    return name


def _intro(movement) -> str:
    if (getattr(movement, "plan_intro", "") or "").strip():
        return movement.plan_intro.strip()
    agency = _agency_name(movement)
    subject = nfc(f"Kế hoạch thực hiện {_movement_phrase(movement)} {_period(movement)}")
    parent = nfc(movement.parent_plan).rstrip(" ,;.")
    if not parent:
        return f"{agency} ban hành {subject} với các nội dung như sau:"
    if parent[:1].isdigit():  # "2451/KH-UBND ngày 26/9/2022"
        parent = f"Kế hoạch số {parent}"
    return f"Thực hiện {parent}, {agency} ban hành {subject} với các nội dung như sau:"


def _title(movement) -> str:
    title = (movement.plan_title or "").strip()
    if title:
        return "\n".join(nfc(line) for line in title.splitlines() if nfc(line))
    return nfc(f"Thực hiện {_movement_phrase(movement)} {_period(movement)}")


def _closing(movement) -> Block:
    if (getattr(movement, "plan_closing", "") or "").strip():
        return Block("closing", nfc(movement.plan_closing))
    phrase = _movement_phrase(movement)
    return Block("closing", nfc(f"Trên đây là Kế hoạch thực hiện {phrase[:1].lower()}{phrase[1:]} "
                                f"{_period(movement)} của {_agency_name(movement)}./."))


def _recipients(movement) -> list[str]:
    recipients = [line.strip(" -–;.") for line in movement.recipient_list]
    recipients = [r for r in recipients if r]
    if not any(fold(r).startswith("luu") for r in recipients):
        recipients.append("Lưu: VT")
    return recipients


def _signer_title(movement) -> str:
    """One line per level of authority; "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" typed on one line is split too."""
    lines = []
    for line in (movement.signer_title or "").splitlines():
        parts = [p.strip() for p in line.split(" / ")] if _AUTHORITY.match(line.strip()) else [line.strip()]
        lines.extend(p for p in parts if p)
    return "\n".join(lines)


def _roman(n: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(i: int) -> str:
    return "abcdeghiklmnopqrstuvxy"[i] if i < 22 else str(i + 1)


def _labelled(label: str, text: str) -> str:
    text = nfc(text)
    label = nfc(label).rstrip(")").strip()
    return f"{label}) {text}" if label else f"- {text}"


def _structured_body(movement) -> list[Block]:
    """A body from the movement's structured parts, for a movement whose plan has no sections."""
    from thidua.movements.enums import CriterionTarget, ItemKind, SubjectKind

    parts: list[tuple[str, list[tuple[str, list[Block]]]]] = []

    items = list(movement.items.all())
    content = [Block("item", _labelled(i.label, i.text)) for i in items if i.kind == ItemKind.CONTENT]
    solutions = [Block("item", _labelled(i.label, i.text)) for i in items if i.kind == ItemKind.SOLUTION]
    parts.append(("NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN",
                  [("Nội dung thi đua", content), ("Giải pháp thực hiện", solutions)]))

    subject_labels = dict(SubjectKind.choices)
    subjects = [Block("item", f"- {subject_labels.get(s.kind, s.kind)}: {nfc(s.text)}")
                for s in movement.subjects.all()]
    criteria = list(movement.criteria.all())
    criteria_blocks: list[Block] = []
    for target, label in [(CriterionTarget.COLLECTIVE, "Đối với tập thể"),
                          (CriterionTarget.INDIVIDUAL, "Đối với cá nhân")]:
        own = [c for c in criteria if c.target == target]
        if own:
            letter = _letter(sum(1 for b in criteria_blocks if not b.text.startswith("- ")))
            criteria_blocks.append(Block("item", f"{letter}) {label}"))
            criteria_blocks.extend(Block("item", f"- {nfc(c.text)}") for c in own)
    forms = []
    for i, rf in enumerate(movement.reward_forms.select_related("form")):
        text = f"{_letter(i)}) {nfc(rf.form.name)}: {rf.get_timing_display().lower()}"
        if rf.authority:
            text += f", {nfc(rf.authority)} quyết định"
        if rf.quota:
            text += f" ({nfc(rf.quota)})"
        forms.append(Block("item", text + "."))
    milestones = [Block("item", f"- {nfc(m.when_text)}: {nfc(m.text)}") for m in movement.milestones.all()]
    parts.append(("KHEN THƯỞNG", [("Đối tượng", subjects), ("Tiêu chí thi đua", criteria_blocks),
                                  ("Hình thức khen thưởng", forms), ("Tiến độ thực hiện", milestones)]))

    organisation = [(nfc(r.who), _text_blocks(r.duties)) for r in movement.responsibilities.all()]
    parts.append(("TỔ CHỨC THỰC HIỆN", organisation))

    body: list[Block] = []
    roman = 0
    for heading, subsections in parts:
        filled = [(title, blocks) for title, blocks in subsections if blocks]
        if not filled:
            continue
        roman += 1
        body.append(Block("heading1", f"{_roman(roman)}. {heading}"))
        for n, (title, blocks) in enumerate(filled, start=1):
            body.append(Block("heading2", f"{n}. {title}"))
            body.extend(blocks)
    return body


def _sections_body(sections) -> list[Block]:
    body: list[Block] = []
    for section in sections:
        heading = _section_heading(section.number, section.heading)
        if heading is not None:
            body.append(heading)
        body.extend(_text_blocks(section.text))
    return body


def plan_document(movement) -> AdminDocument:
    """The movement's Kế hoạch, ready for :func:`~thidua.documents.nd30.build_docx` / ``build_pdf``."""
    sections = list(movement.sections.all())
    body = _sections_body(sections) if sections else _structured_body(movement)
    closings = [i for i, block in enumerate(body) if block.kind == "closing"]
    if closings:
        closing = body.pop(closings[-1])
        text = closing.text.rstrip()
        if not text.endswith("./."):
            text = text.rstrip(".") + "./."
        body.append(Block("closing", text))
    else:
        body.append(_closing(movement))
    return AdminDocument(
        governing_body=_governing_body(movement),
        issuing_body=nfc(movement.issuing_body) or _agency_name(movement),
        number=_number(movement),
        place=_place(movement),
        issued_on=movement.plan_issued_on,
        doc_type=DOC_TYPE,
        title=_title(movement),
        intro=_intro(movement),
        body=body,
        recipients=_recipients(movement),
        signer_title=_signer_title(movement),
        signer_name=nfc(movement.signer_name),
    )
