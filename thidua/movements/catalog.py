"""The reward-form catalog's starting content and matching of names found in plan documents."""

from __future__ import annotations

import difflib

from django.utils.text import slugify

from thidua.core.text import fold

from .models import RewardForm

# (code, name, is_title, authority, collective, individual, household)
DEFAULT_FORMS = [
    ("lao-dong-tien-tien", "Lao động tiên tiến", True, "Giám đốc Sở", False, True, False),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", True, "Giám đốc Sở", False, True, False),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", True, "Giám đốc Sở", True, False, False),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", True, "Chủ tịch UBND tỉnh", True, False, False),
    ("co-thi-dua-ubnd-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", True, "Chủ tịch UBND tỉnh", True, False, False),
    ("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh", True, "Chủ tịch UBND tỉnh", False, True, False),
    ("giay-khen-giam-doc-so", "Giấy khen của Giám đốc Sở", False, "Giám đốc Sở", True, True, True),
    ("bang-khen-chu-tich-ubnd-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", False, "Chủ tịch UBND tỉnh",
     True, True, True),
    ("bang-khen-bo-truong", "Bằng khen của Bộ trưởng", False, "Bộ trưởng", True, True, False),
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", False, "Thủ tướng Chính phủ", True, True, True),
    ("huan-chuong-lao-dong", "Huân chương Lao động", False, "Chủ tịch nước", True, True, False),
    ("huan-chuong-lao-dong-hang-ba", "Huân chương Lao động hạng Ba", False, "Chủ tịch nước", True, True, False),
]

#: who decides each catalogue form beyond the agency (RewardForm.level; every other form is the agency's): the
#: province's Chairman, or the centre (Prime Minister, President, a Minister). Data the Office can edit afterwards.
FORM_LEVELS = {
    "tap-the-lao-dong-xuat-sac": "province", "co-thi-dua-ubnd-tinh": "province", "chien-si-thi-dua-cap-tinh": "province",
    "bang-khen-chu-tich-ubnd-tinh": "province",
    "bang-khen-bo-truong": "state", "bang-khen-thu-tuong": "state", "huan-chuong-lao-dong": "state",
    "huan-chuong-lao-dong-hang-ba": "state",
}

#: the classes of an order in the catalogue: a plan that names the order ("Huân chương Lao động") without its class
#: leaves the class to each nomination, so a round of the plan offers the classes too
CLASSES = {"huan-chuong-lao-dong": ("huan-chuong-lao-dong-hang-ba",)}

_ALIASES = {
    "bang khen cua chu tich ubnd tinh": "bang-khen-chu-tich-ubnd-tinh",
    "bang khen ubnd tinh": "bang-khen-chu-tich-ubnd-tinh",
    "bang khen cua ubnd tinh": "bang-khen-chu-tich-ubnd-tinh",
    "giay khen cua giam doc so gtvt": "giay-khen-giam-doc-so",
    "giay khen": "giay-khen-giam-doc-so",
    "co thi dua": "co-thi-dua-ubnd-tinh",
}


def _short(key: str) -> str:
    """A folded name with "Ủy ban nhân dân" written UBND, as offices write it."""
    return key.replace("uy ban nhan dan", "ubnd")


class AmbiguousForm(ValueError):
    """The words name more than one form (`matches` holds them)."""

    def __init__(self, matches: list):
        super().__init__(", ".join(f.code for f in matches))
        self.matches = matches


def pick_form(text: str, forms: list):
    """The form among `forms` (rows or catalogue entries with `code` and `name_key`, in catalogue order) that `text`
    names: its code, its whole name accent-insensitively, or words that only one form's name holds ("giay khen
    giam doc so", "bang khen thu tuong"); None when none does, AmbiguousForm when several do."""
    text = (text or "").strip()
    key = _short(fold(text))
    for form in forms:
        if form.code == text:
            return form
    if not key:
        return None
    for form in forms:
        if _short(form.name_key) == key:
            return form
    words = key.split()
    matches = [f for f in forms if all(word in _short(f.name_key).split() for word in words)]
    if len(matches) > 1:
        raise AmbiguousForm(matches)
    return matches[0] if matches else None


def seed_catalog(model=RewardForm) -> None:
    for order, (code, name, is_title, authority, coll, indiv, house) in enumerate(DEFAULT_FORMS):
        if not model.objects.filter(code=code).exists():
            model.objects.create(code=code, name=name, is_title=is_title, authority=authority, for_collective=coll,
                                 for_individual=indiv, for_household=house, sort_order=order * 10,
                                 name_key=fold(name))
    if any(f.name == "level" for f in model._meta.get_fields()):
        seed_levels(model)


def seed_levels(model=RewardForm) -> None:
    """Set the catalogue forms' level (who decides them) where it is still the default."""
    for code, level in FORM_LEVELS.items():
        model.objects.filter(code=code, level="agency").update(level=level)


def match_form(name: str) -> RewardForm | None:
    """The catalog entry a plan's wording refers to ("Giấy khen của Giám đốc Sở GTVT" → Giấy khen của Giám đốc Sở)."""
    key = _short(fold(name)).strip(" .;:")
    forms = list(RewardForm.objects.all())
    by_code = {f.code: f for f in forms}
    if key in _ALIASES and _ALIASES[key] in by_code:
        return by_code[_ALIASES[key]]
    best, best_score = None, 0.0
    for form in forms:
        candidate = _short(form.name_key)
        if candidate == key:
            return form
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        if key.startswith(candidate) or candidate.startswith(key):
            score += 0.2
        if score > best_score:
            best, best_score = form, score
    return best if best_score >= 0.75 else None


def get_or_create_form(name: str) -> RewardForm:
    form = match_form(name)
    if form is not None:
        return form
    code = slugify(fold(name))[:40] or "hinh-thuc"
    base, n = code, 2
    while RewardForm.objects.filter(code=code).exists():
        code = f"{base[:36]}-{n}"
        n += 1
    return RewardForm.objects.create(code=code, name=name[:200])
