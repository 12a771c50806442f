"""From a plan document to a movement: extract the text, restore diacritics of scanned (OCR) text, propose the
structured movement, let the user correct it, then save everything in one transaction."""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from thidua.core.text import fold

from . import services
from .catalog import get_or_create_form
from .enums import ItemKind, MovementKind, RewardTiming, SectionKind, SubjectKind
from .models import (
    Criterion,
    Milestone,
    Movement,
    MovementRewardForm,
    PlanItem,
    PlanSection,
    Responsibility,
    Subject,
)

_MARKED = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_NUMBER = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*)\.)\s+(.*)$")
_TIMINGS = {
    "hang nam": RewardTiming.YEARLY, "so ket": RewardTiming.MIDTERM, "tong ket": RewardTiming.FINAL,
    "dot xuat": RewardTiming.AD_HOC,
}
_SECTION_KINDS = [
    ("muc dich", SectionKind.PURPOSE), ("yeu cau", SectionKind.REQUIREMENTS), ("noi dung", SectionKind.CONTENT),
    ("giai phap", SectionKind.SOLUTIONS), ("khen thuong", SectionKind.REWARDS), ("hinh thuc", SectionKind.REWARDS),
    ("tieu chi", SectionKind.REWARDS), ("tieu chuan", SectionKind.REWARDS), ("doi tuong", SectionKind.REWARDS),
    ("tien do", SectionKind.ORGANISATION), ("to chuc thuc hien", SectionKind.ORGANISATION),
]


def accented_share(text: str) -> float:
    """Share of letters that carry Vietnamese marks; real Vietnamese prose has ~30 %, OCR without accents ~0–5 %."""
    letters = [c for c in unicodedata.normalize("NFC", text.lower()) if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _MARKED for c in letters) / len(letters)


def needs_restoration(text: str) -> bool:
    return accented_share(text) < 0.12


def propose(text: str) -> dict:
    """The proposal from a text: {"text", "restored", "proposal"}. Unaccented text is restored first."""
    from .accents import restore
    from .parsing import parse_plan

    restored = restore(text) if needs_restoration(text) else ""
    proposal = parse_plan(restored or text)
    return {"restored": restored, "proposal": proposal}


def split_number(heading: str) -> tuple[str, str]:
    match = _NUMBER.match(heading or "")
    if match:
        return match.group(1), match.group(2).strip()
    return "", (heading or "").strip()


def section_kind(heading: str) -> str:
    key = fold(heading)
    for word, kind in _SECTION_KINDS:
        if word in key:
            return kind
    return SectionKind.OTHER


def timing_of(text: str) -> str:
    key = fold(text)
    for word, timing in _TIMINGS.items():
        if word in key:
            return timing
    return RewardTiming.YEARLY


def subject_kind(text: str) -> tuple[str, str]:
    key = fold(text)
    head, _sep, rest = text.partition(":")
    body = rest.strip() if _sep else text.strip()
    if key.startswith("ca nhan"):
        return SubjectKind.INDIVIDUAL, body
    if key.startswith("ho gia dinh") or key.startswith("ho ngheo"):
        return SubjectKind.HOUSEHOLD, body
    return SubjectKind.COLLECTIVE, body


# --- review form <-> proposal: lists are edited as plain text ---------------------------------------------------


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip().lstrip("#").strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def intro_and_closing(text: str) -> tuple[str, str]:
    """The opening paragraph(s) between the title and section I, and the closing "Trên đây là … ./." sentence."""
    lines = (text or "").splitlines()
    folded = [fold(line).strip(" #*") for line in lines]
    title = next((i for i, f in enumerate(folded) if f == "ke hoach"), None)
    first = next((i for i, f in enumerate(folded) if re.match(r"^(i|l|1)\s*\.\s+\S", f) and i > (title or 0)), None)
    intro = ""
    if title is not None and first is not None:
        paragraphs = _paragraphs(lines[title + 1:first])
        intro = "\n".join(paragraphs[1:])  # the first paragraph is the title
    closing = ""
    for i, f in enumerate(folded):
        if f.startswith("tren day la"):
            block = []
            for line in lines[i:]:
                if not line.strip() or fold(line).strip(" *").startswith("noi nhan"):
                    break
                block.append(line.strip())
            closing = " ".join(block)
            break
    return intro, closing


def governing_body(text: str) -> str:
    """The body above the issuer, first line at the top left ("UBND TỈNH CAO BẰNG"), cut before the national motto
    that OCR puts on the same line."""
    for line in (text or "").splitlines()[:6]:
        clean = line.strip().lstrip("#").strip()
        if not clean:
            continue
        folded = fold(clean)
        if folded.startswith(("ubnd", "uy ban nhan dan", "bo ", "tinh uy", "hdnd")):
            cut = folded.find("cong hoa")
            return clean[:cut].strip() if cut > 0 else clean
        return ""
    return ""


def suggested_code(proposal: dict) -> str:
    from django.utils.text import slugify

    name = ""
    for word in slugify(fold(proposal.get("movement_name") or "")).split("-"):
        if len(name) + len(word) + 1 > 40:
            break
        name = f"{name}-{word}" if name else word
    period = proposal.get("period") or []
    if name and len(period) == 2 and period[0]:
        return f"{name}-{period[0]}-{period[1]}"[:60]
    return name


def proposal_to_initial(proposal: dict, text: str = "") -> dict:
    """Initial values of the review form. Lists become text: items separated by blank lines."""
    def blocks(items):
        return "\n\n".join(i.strip() for i in items if i and i.strip())

    issued = proposal.get("issued_on")
    period = proposal.get("period") or [None, None]
    intro, closing = intro_and_closing(text)
    return {
        "code": suggested_code(proposal),
        "governing_body": governing_body(text),
        "plan_intro": intro,
        "plan_closing": closing,
        "name": f"Phong trào thi đua \u201c{proposal['movement_name']}\u201d" if proposal.get("movement_name") else "",
        "slogan": proposal.get("movement_name", ""),
        "start_year": period[0],
        "end_year": period[1],
        "issuing_body": proposal.get("issuer", ""),
        "plan_number": proposal.get("number", ""),
        "plan_issued_on": dt.date.fromisoformat(issued) if issued else None,
        "plan_place": proposal.get("place", ""),
        "plan_title": proposal.get("title", ""),
        "parent_plan": proposal.get("parent_plan", ""),
        "signer_title": (proposal.get("signer") or {}).get("title", ""),
        "signer_name": (proposal.get("signer") or {}).get("name", ""),
        "recipients": "\n".join(proposal.get("recipients") or []),
        "sections": "\n\n".join(
            f"## {s['heading']}\n{s.get('text', '')}".rstrip() for s in proposal.get("sections") or []
        ),
        "content_items": blocks(proposal.get("content_items") or []),
        "solutions": blocks(proposal.get("solutions") or []),
        "subjects": "\n".join(proposal.get("subjects") or []),
        "criteria_collective": blocks((proposal.get("criteria") or {}).get("collective") or []),
        "criteria_individual": blocks((proposal.get("criteria") or {}).get("individual") or []),
        "reward_forms": "\n".join(
            f"{r['name']} | {r.get('timing', '')}" for r in proposal.get("reward_forms") or []
        ),
        "milestones": "\n".join(f"{m['when']} | {m['text']}" for m in proposal.get("milestones") or []),
        "responsibilities": "\n\n".join(
            f"## {r['who']}\n" + "\n".join(r["duties"] if isinstance(r["duties"], list) else [r["duties"]])
            for r in proposal.get("responsibilities") or []
        ),
    }


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]


def _headed_blocks(text: str) -> list[tuple[str, str]]:
    result: list[tuple[str, list[str]]] = []
    for line in (text or "").splitlines():
        if line.startswith("## "):
            result.append((line[3:].strip(), []))
        elif result:
            result[-1][1].append(line)
        elif line.strip():
            result.append(("", [line]))
    return [(head, "\n".join(body).strip()) for head, body in result]


@transaction.atomic
def create_from_review(data: dict, *, agency, actor) -> Movement:
    """Save a reviewed proposal as a draft movement with all its parts; any bad part stops everything."""
    movement = services.create_movement(
        actor=actor, agency=agency, code=data["code"], name=data["name"], slogan=data.get("slogan", ""),
        kind=data.get("kind") or MovementKind.THEMATIC, start_year=data["start_year"], end_year=data["end_year"],
        governing_body=data.get("governing_body", ""), issuing_body=data.get("issuing_body", ""),
        plan_number=data.get("plan_number", ""), plan_issued_on=data.get("plan_issued_on"),
        plan_place=data.get("plan_place", ""), plan_title=data.get("plan_title", ""),
        parent_plan=data.get("parent_plan", ""), plan_intro=data.get("plan_intro", ""),
        plan_closing=data.get("plan_closing", ""), signer_title=data.get("signer_title", ""),
        signer_name=data.get("signer_name", ""), recipients=data.get("recipients", ""),
    )
    errors: dict[str, list[str]] = {}
    parent_kind = SectionKind.OTHER
    for order, (heading, text) in enumerate(_headed_blocks(data.get("sections", ""))):
        number, title = split_number(heading)
        kind = section_kind(title)
        if re.fullmatch(r"[IVXLC]+\.", number):
            parent_kind = kind
        elif kind not in (SectionKind.PURPOSE, SectionKind.REQUIREMENTS, SectionKind.CONTENT, SectionKind.SOLUTIONS):
            kind = parent_kind if parent_kind != SectionKind.OTHER else kind
        PlanSection.objects.create(movement=movement, kind=kind, number=number,
                                   heading=title[:300] or "(không tiêu đề)", text=text, order=order)
    for kind, field in ((ItemKind.CONTENT, "content_items"), (ItemKind.SOLUTION, "solutions")):
        seen = set()
        for order, text in enumerate(_blocks(data.get(field, ""))):
            label = string.ascii_lowercase[order] if order < 26 else str(order + 1)
            match = re.match(r"^([a-zđ])\)\s*(.*)$", text, re.S)
            if match:
                label, text = match.group(1), match.group(2)
            if label in seen:  # "a)" twice: which one is meant is for the reviewer to say
                raise ValidationError({field: gettext(
                    "Ký hiệu “%(label)s)” đã có trong mục “%(section)s” của kế hoạch: mỗi nội dung một ký hiệu riêng.")
                    % {"label": label, "section": ItemKind(kind).label}})
            seen.add(label)
            PlanItem.objects.create(movement=movement, kind=kind, label=label, text=text, order=order)
    for order, line in enumerate(line for line in (data.get("subjects") or "").splitlines() if line.strip()):
        kind, text = subject_kind(line.strip())
        Subject.objects.create(movement=movement, kind=kind, text=text[:300], order=order)
    for target, field in (("collective", "criteria_collective"), ("individual", "criteria_individual")):
        for order, text in enumerate(_blocks(data.get(field, ""))):
            Criterion.objects.create(movement=movement, target=target, text=text, order=order)
    seen = set()
    for order, line in enumerate(line for line in (data.get("reward_forms") or "").splitlines() if line.strip()):
        name, _sep, timing_text = line.partition("|")
        form = get_or_create_form(name.strip())
        timings = [timing_of(t) for t in re.split(r"[,;]", timing_text) if t.strip()] or [RewardTiming.YEARLY]
        for timing in timings:
            if (form.pk, timing) not in seen:
                seen.add((form.pk, timing))
                MovementRewardForm.objects.create(movement=movement, form=form, timing=timing, order=order)
    for order, line in enumerate(line for line in (data.get("milestones") or "").splitlines() if line.strip()):
        when, _sep, text = line.partition("|")
        if not _sep:
            errors.setdefault("milestones", []).append(
                f"Dòng \u201c{line.strip()}\u201d: hãy ghi \u201cthời gian | nội dung\u201d.")
            continue
        try:
            start, end = services.milestone_dates(movement, when.strip())
        except ValidationError as exc:
            errors.setdefault("milestones", []).extend(exc.message_dict.get("when_text", exc.messages))
            continue
        Milestone.objects.create(movement=movement, text=text.strip()[:400], when_text=when.strip()[:100],
                                 start_date=start, end_date=end, order=order)
    for order, (who, duties) in enumerate(_headed_blocks(data.get("responsibilities", ""))):
        Responsibility.objects.create(movement=movement, who=who[:300] or "(chưa ghi)", duties=duties, order=order)
    if errors:
        raise ValidationError(errors)
    return movement
