"""The award history (lịch sử khen thưởng, issue 10 §6): what a person, a unit, a household was awarded — form,
level, year, kind, the decision's number and date, who decided, and for people the position and unit at the time;
revoked awards marked. Every list comes from `scoping.visible_awards`.

The search is accent-insensitive on bounded, indexed lookups, whatever the number of records: a name from its start
(`Award.search_key` begins with the name; people also by any word of their name through org's name index), a
decision number from its start, or the forms whose name holds the words ("giay khen")."""

from __future__ import annotations

import io

from django.db.models import F, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.db import startswith_q
from thidua.core.text import fold, nfc
from thidua.movements.models import RewardForm
from thidua.org.models import PersonNameKey

from . import scoping
from .enums import AwardKind, AwardLevel, AwardSource, RecipientKind
from .models import Award
from .rounds import decided_by_director

PAGE_SIZE = 50
#: at most this many rows go into one export (a filter narrows a bigger list)
EXPORT_LIMIT = 50_000
#: a name matching more people than this is looked up in the records' own key instead
ID_CAP = 1000


def level_of_form(form: RewardForm) -> str:
    """The level a form is decided at, from its catalogue authority: the Director's forms the agency's, the
    Prime Minister's and the President's the State's, the rest (the province, a ministry) the province's."""
    if decided_by_director(form.authority):
        return AwardLevel.AGENCY
    key = fold(form.authority)
    if "thu tuong" in key or "chu tich nuoc" in key:
        return AwardLevel.STATE
    return AwardLevel.PROVINCE


def default_kind(form: RewardForm) -> str:
    """The kind of an award when the record does not say: the yearly titles and the forms alike count as merit."""
    return AwardKind.MERIT


with translation.override("vi"):  # the files are Vietnamese whatever the page's language
    LEVEL_NAMES = [(value, str(label)) for value, label in AwardLevel.choices]
    KIND_NAMES = [(value, str(label)) for value, label in AwardKind.choices]

_LEVELS = {fold(label): value for value, label in LEVEL_NAMES}
_LEVELS |= {"so": AwardLevel.AGENCY, "co so": AwardLevel.AGENCY, "cap co so": AwardLevel.AGENCY,
            "cap co quan": AwardLevel.AGENCY, "tinh": AwardLevel.PROVINCE, "cap bo": AwardLevel.PROVINCE,
            "nha nuoc": AwardLevel.STATE, "trung uong": AwardLevel.STATE, "cap trung uong": AwardLevel.STATE}
_KINDS = {fold(label): value for value, label in KIND_NAMES}
_KINDS |= {"cong trang": AwardKind.MERIT, "thuong xuyen": AwardKind.MERIT, "chuyen de": AwardKind.THEMATIC,
           "phong trao": AwardKind.THEMATIC, "theo phong trao": AwardKind.THEMATIC, "dot xuat": AwardKind.SUDDEN}


def level_of(text: str) -> str | None:
    return _LEVELS.get(" ".join(fold(text).replace(".", " ").split()))


def kind_of(text: str) -> str | None:
    return _KINDS.get(" ".join(fold(text).replace(".", " ").replace(",", " ").split()))


# -- the lists ----------------------------------------------------------------------------------------------------

def rows(qs: QuerySet) -> QuerySet:
    """The columns a history list shows (one query: the form joined)."""
    return qs.select_related(None).select_related("form").order_by("-year", "-decision_date", "-id")


def of_person(user, person) -> QuerySet:
    return rows(scoping.visible_awards(user).filter(person=person))


def of_unit(user, unit) -> QuerySet:
    """The unit's awards: its own as a collective, and its people's while they served in it."""
    return rows(scoping.visible_awards(user).filter(unit=unit))


def of_household(user, household) -> QuerySet:
    return rows(scoping.visible_awards(user).filter(household=household))


def of_own(user, person_id: int | None) -> QuerySet:
    qs = scoping.visible_awards(user)
    return rows(qs.filter(person_id=person_id) if person_id else qs.none())


def number_prefixes(query: str) -> list[str]:
    """The ways a decision number the user typed may be written in the records: as typed, in capitals, with "QD"
    for "QĐ" ("12/qd-ubnd" finds "12/QĐ-UBND"), the Prime Minister's "TTg" — each an index lookup."""
    typed = nfc(query).strip()
    if not any(ch.isdigit() for ch in typed):
        return [typed]
    upper = typed.upper()
    shapes = [typed, upper, upper.replace("QD", "QĐ")]
    shapes += [shape.replace("-TTG", "-TTg") for shape in shapes if "-TTG" in shape]
    return list(dict.fromkeys(shapes))


def search(qs: QuerySet, query: str, user=None) -> QuerySet:
    """The records matching `query`, accent-insensitively: the forms whose name holds every word ("giay khen",
    "chien si thi dua"); else a recipient's name from its start or, for people, any run of words of the name
    ("van an"), or a decision number from its start ("123/QĐ"). Each an index lookup. With `user`, a long list
    (no query, a form, a common name) is read along the agency index (`narrowed`)."""
    folded = fold(query)
    if not folded:
        return narrowed(user, qs)
    words = folded.split()
    forms = [f.pk for f in RewardForm.objects.only("id", "code", "name_key")
             if f.code == folded or all(word in f.name_key.split() for word in words)]
    if forms:
        return narrowed(user, qs).filter(form_id__in=forms)
    q = startswith_q("search_key", folded)
    for prefix in number_prefixes(query):
        q |= startswith_q("decision_number", prefix)
    people = list(PersonNameKey.objects.filter(startswith_q("key", folded))
                  .values_list("person_id", flat=True)[: ID_CAP + 1])
    if len(people) > ID_CAP:  # a common surname: the matches are dense, so the first page is found early
        return narrowed(user, qs).filter(q | Q(search_key__contains=folded))
    q |= Q(person_id__in=sorted(set(people)))
    if _reads_all(user):  # nothing of the user's to check on the rows: the page at once, sorted along the matches
        return qs.filter(q)
    # the matching records by the indexes alone, then the user's among them: a page of few rows, sorted at once
    ids = list(narrowed(user, Award.objects.filter(q), by_index=False).values_list("id", flat=True)[: ID_CAP + 1])
    if len(ids) > ID_CAP:
        return narrowed(user, qs).filter(q)
    return qs.filter(pk__in=sorted(ids))


def _reads_all(user) -> bool:
    from thidua.org.scoping import get_scope

    return user is not None and get_scope(user).is_admin


def narrowed(user, qs: QuerySet, *, by_index: bool = True) -> QuerySet:
    """A long list of `scoping.visible_awards` read along the agency index: limited to the agencies the user reads
    in full, or else to those of the units he heads (his own awards are also on his own page), so that a page is
    found without sorting an agency's every record. Not `by_index`: the same limit as a check on each row."""
    from thidua.org.scoping import get_scope

    if user is None:
        return qs
    scope = get_scope(user)
    if scope.is_admin:
        return qs
    agencies = (scope.secretariat_agency_ids | scope.fully_read_agency_ids()) or scope.unit_agency_ids
    if not agencies:
        return qs
    if not by_index:  # a check on rows found by another index (SQLite would otherwise walk the agency's)
        return qs.alias(agency_check=F("agency_id") + 0).filter(agency_check__in=sorted(agencies))
    return qs.filter(agency_id__in=sorted(agencies))


def filtered(qs: QuerySet, data: dict, user=None) -> QuerySet:
    """`qs` narrowed by a history filter's cleaned data (q, year, form, level, kind, recipient, unit); `user` as in
    `search`."""
    qs = search(qs, data.get("q") or "", user)
    for field in ("year", "level", "kind", "recipient"):
        if data.get(field):
            qs = qs.filter(**{field: data[field]})
    if data.get("form"):
        qs = qs.filter(form_id=data["form"])
    if data.get("unit"):
        qs = qs.filter(startswith_q("unit__path", data["unit"].path))
    return qs


def page(qs: QuerySet, number: int, size: int = PAGE_SIZE) -> tuple[list, bool]:
    """One page of rows (no count: one query at any size) and whether there is another."""
    start = (number - 1) * size
    found = list(qs[start:start + size + 1])
    return found[:size], len(found) > size


def _url_format(name: str):
    """`reverse(name, args=[id])` for many ids at the cost of one reverse: the URL with the id's place kept."""
    from django.urls import reverse

    marker = 918273645
    head, tail = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def row_values(awards, start: int = 0) -> list[dict]:
    """The rows of a history list (awards/history/_rows.html) as plain values, labels and links written once here
    rather than per row by the template (issue 10 speed): the number, the year, the name and the recipient's kind,
    the position and unit, the form and its page, the revocation's badge, the imported note, the level and kind,
    the decision's text and authority, and the certificate's link (an award of a signed decision that stands, as
    awards/_certificate_link.html)."""
    award_url = _url_format("awards:award")
    certificate_url = _url_format("awards:certificate_pdf")
    recipients, levels, kinds = dict(RecipientKind.choices), dict(AwardLevel.choices), dict(AwardKind.choices)
    imported, certificate = _("nhập từ hồ sơ lưu trữ"), _("Tải giấy khen (PDF)")
    revoked, decision = _("đã thu hồi %(day)s"), _("Số %(n)s ngày %(d)s")
    out = []
    for n, a in enumerate(awards, start=start + 1):
        stands = a.revoked_on is None
        out.append({
            "n": n, "pk": a.pk, "year": a.year, "stands": stands, "name": a.name,
            "recipient": str(recipients.get(a.recipient, a.recipient)), "position": a.position,
            "unit_name": a.unit_name or "—", "form": a.form.name, "url": award_url(a.pk),
            "revoked": "" if stands else revoked % {"day": f"{a.revoked_on:%d/%m/%Y}"},
            "imported": imported if a.source == AwardSource.IMPORT else "",
            "level": str(levels.get(a.level, a.level)), "kind": str(kinds.get(a.kind, a.kind)),
            "decision": decision % {"n": a.decision_number, "d": f"{a.decision_date:%d/%m/%Y}"},
            "authority": a.authority,
            "certificate_url": certificate_url(a.pk) if a.decision_id and stands else "",
            "certificate": certificate,
        })
    return out


# -- the spreadsheet ----------------------------------------------------------------------------------------------

def headings() -> list[str]:
    return [_("STT"), _("Đối tượng"), _("Tên"), _("Chức vụ khi được khen"), _("Đơn vị khi được khen"),
            _("Hình thức khen thưởng"), _("Cấp khen"), _("Năm"), _("Loại khen thưởng"), _("Số quyết định"),
            _("Ngày quyết định"), _("Cấp quyết định"), _("Tiền thưởng (đồng)"), _("Tình trạng")]


def status_label(award) -> str:
    if award.stands:
        return _("Còn hiệu lực")
    return _("Đã thu hồi ngày %(day)s") % {"day": f"{award.revoked_on:%d/%m/%Y}"}


def xlsx(awards, title: str) -> bytes:
    """The rows as a workbook written as it goes (openpyxl's write-only mode), dates as dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from thidua.core import xlsx as cells

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Lich su khen thuong")
    sheet.append([cells.cell(sheet, title, font=Font(bold=True))])
    sheet.append(cells.row(sheet, headings()))
    for i, a in enumerate(awards, start=1):
        sheet.append(cells.row(sheet, [i, a.get_recipient_display(), a.name, a.position, a.unit_name, a.form.name,
                                       a.get_level_display(), a.year, a.get_kind_display(), a.decision_number])
                     + [cells.cell(sheet, a.decision_date, number_format="DD/MM/YYYY")]
                     + cells.row(sheet, [a.authority, a.amount, status_label(a)]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- the panels other pages ask for (hooks "org.person_panels", "org.unit_panels", "participation.household_panels")

def _reads_whole(scope, agency_id: int | None) -> bool:
    return scope.is_admin or agency_id in scope.secretariat_agency_ids | scope.fully_read_agency_ids()


def person_panel(request, person) -> dict | None:
    """The person page's "Khen thưởng" section: every award the viewer may see, in one query (none: no section,
    as the other panels do)."""
    rows = list(of_person(request.user, person))
    if not rows:
        return None
    return {"template": "awards/history/_person_panel.html", "rows": row_values(rows)}


def unit_panel(request, unit) -> dict | None:
    """A link from the unit's page to its awards, for who reads them."""
    from django.urls import reverse

    from thidua.org.scoping import get_scope

    scope = get_scope(request.user)
    if not (_reads_whole(scope, unit.home_agency_id) or scope.heads(unit)):
        return None
    return {"template": "awards/history/_link_panel.html", "url": reverse("awards:unit_awards", args=[unit.pk])}


def household_panel(request, household) -> dict | None:
    from django.urls import reverse

    from thidua.org.scoping import get_scope

    if not _reads_whole(get_scope(request.user), household.agency_id):
        return None
    return {"template": "awards/history/_link_panel.html",
            "url": reverse("awards:household_awards", args=[household.pk])}
