"""The lists the roles live in (issue 9 §9): the consolidated list of a round's proposals (danh sách đề nghị khen
thưởng), as a page and as XLSX or DOCX."""

from __future__ import annotations

import rules
from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from thidua.core.access import access
from thidua.org.enums import AGENCY_READER_ROLES, Role
from thidua.org.scoping import get_scope

from .. import consolidated as lists
from .. import eligibility_panel
from ..scoping import round_for

PAGE = 100
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@rules.predicate
def reads_award_lists(user) -> bool:
    """Who works with the lists: the Office, the Council, the agency's leaders and union officers, unit heads (their
    units' rows), the provincial reviewer (what was proposed to the province). A staff member has his own page."""
    scope = get_scope(user)
    return scope.has(*AGENCY_READER_ROLES, Role.UNIT_HEAD, Role.PROVINCIAL_REVIEWER)


class ConsolidatedFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[(k, v[0]) for k, v in lists.GROUPS.items()],
        error_messages={"invalid_choice": _("Không có nhóm trạng thái “%(value)s”: hãy chọn trong danh sách.")})
    format = forms.ChoiceField(
        label=_("Định dạng"), required=False, choices=[("xlsx", "XLSX"), ("docx", "DOCX")],
        error_messages={"invalid_choice": _("Chỉ xuất được tệp XLSX hoặc DOCX, không có định dạng “%(value)s”.")})
    page = forms.IntegerField(
        label=_("Trang"), required=False, min_value=1, max_value=100_000,
        error_messages={"invalid": _("Số trang phải là một số nguyên."),
                        "min_value": _("Số trang nhỏ nhất là 1."),
                        "max_value": _("Số trang quá lớn.")})


@access(reads_award_lists)
def consolidated(request, round_id: int):
    review_round = round_for(request.user, round_id)
    form = ConsolidatedFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    group = data.get("state") or lists.DEFAULT_GROUP
    fmt = data.get("format")
    if fmt == "xlsx":
        response = HttpResponse(lists.xlsx_bytes(request.user, review_round, group), content_type=XLSX_TYPE)
    elif fmt == "docx":
        response = HttpResponse(lists.docx_bytes(request.user, review_round, group), content_type=DOCX_TYPE)
    if fmt:
        response["Content-Disposition"] = f'attachment; filename="{lists.export_filename(review_round, fmt)}"'
        return response
    rows = lists.consolidated(request.user, review_round, group)
    groups = lists.form_groups(request.user, review_round, group)
    total = sum(g.count for g in groups)
    pages = max(1, -(-total // PAGE))
    page = min(data.get("page") or 1, pages)
    offset = (page - 1) * PAGE
    shown = list(lists.lines(rows[offset:offset + PAGE], groups, offset))
    eligibility_panel.attach([line.nomination for _heading, line in shown])
    query = request.GET.copy()
    for key in ("page", "format"):
        query.pop(key, None)
    group_label = lists.GROUPS[group][0]
    return render(request, "awards/consolidated.html", {
        "review_round": review_round, "form": form, "group": group, "group_label": group_label,
        "groups": groups, "lines": shown, "total": total, "page": page, "pages": pages,
        "previous_page": page - 1 if page > 1 else None, "next_page": page + 1 if page < pages else None,
        "query": query.urlencode(), "states": [(k, v[0]) for k, v in lists.GROUPS.items()],
    })


urlpatterns = [
    path("dot-xet/<int:round_id>/danh-sach/", consolidated, name="consolidated"),
]
