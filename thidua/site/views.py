"""The pages that span the domains: the home page with its cards, the audit log read through the org's scope, and
a background job's page, which leads to the domain page that shows the job's result."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core import audit, jobs
from thidua.core.access import SIGNED_IN, access
from thidua.core.db import int_param
from thidua.core.forms import AuditFilterForm
from thidua.core.models import AuditAction, AuditEvent, Job, JobStatus
from thidua.core.text import fold, search_key, search_pattern
from thidua.org import rules as org_rules
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

AUDIT_PAGE = 50
HOME_CARDS = {
    "movements:list": gettext_lazy("Kế hoạch, phát động, tiến độ và kết quả quán triệt các phong trào thi đua."),
    "org:tree": gettext_lazy("Cơ cấu tổ chức: cơ quan, phòng, ban, đơn vị, đoàn thể, Hội đồng TĐKT."),
    "org:people": gettext_lazy("Danh sách cán bộ, công chức, viên chức; tìm theo tên không cần gõ dấu."),
    "org:me": gettext_lazy("Thông tin và quá trình công tác của bạn."),
    "org:import_start": gettext_lazy("Nhập danh sách cán bộ từ tệp Excel hoặc CSV, kiểm tra từng dòng trước khi ghi."),
    "participation:dashboard": gettext_lazy(
        "Kết quả của đơn vị: hộ được hỗ trợ, giá trị hỗ trợ, tiền ủng hộ Quỹ, tỷ lệ cán bộ tham gia."),
    "participation:activities": gettext_lazy("Các hoạt động hỗ trợ người nghèo, kèm minh chứng."),
    "participation:households": gettext_lazy("Hộ nghèo, cận nghèo, mới thoát nghèo theo từng năm; học sinh khó khăn."),
    "fund:list": gettext_lazy("Các đợt vận động Quỹ “Vì người nghèo”, biên nhận, sổ quỹ."),
    "audit_log": gettext_lazy("Ai đã làm gì, khi nào, từ đâu: mọi thay đổi trong cơ quan."),
    "awards:rounds": gettext_lazy("Các đợt xét khen thưởng: hạn gửi hồ sơ, hình thức, chỉ tiêu, danh sách đề nghị."),
    "awards:inbox": gettext_lazy("Hồ sơ đề nghị khen thưởng các đơn vị đã gửi, chờ Văn phòng kiểm tra."),
    "awards:sessions": gettext_lazy("Phiên họp Hội đồng Thi đua - Khen thưởng: nội dung, biểu quyết, kết quả."),
    "awards:ratings": gettext_lazy("Xếp loại mức độ hoàn thành nhiệm vụ của cán bộ và tập thể theo năm."),
    "awards:law": gettext_lazy("Các chế độ pháp lý về thi đua, khen thưởng và mức lương cơ sở theo thời gian."),
}


@access(SIGNED_IN)
def home(request):
    scope = get_scope(request.user)
    # newest first by when it happened (the demo replays past events out of their order of writing)
    unread = list(request.user.notifications.filter(read_at__isnull=True).order_by("-created_at", "-id")[:10])
    from .todos import todos

    return render(request, "site/home.html", {"scope": scope, "descriptions": HOME_CARDS, "notices": unread,
                                              "todos": todos(request.user, scope)})


def audit_search_q(query: str) -> Q:
    """Rows whose search column (core.audit.search_text: the action's name, the object, who, the note, the changed
    values) holds the query's words in a row from the start of a word, accent-insensitively ("khoa so" finds
    "Đã khóa sổ", not a receipt "số 12" of Mr Khoa); or whose action's name is the query (rows written in bulk
    by imports carry no action name)."""
    pattern = search_pattern(query)
    q = Q(search_key__contains=pattern)
    actions = []
    for value, label in AuditAction.choices:
        keys = {search_key(audit.action_label(value)), search_key(str(label))}
        if any(pattern in key for key in keys):
            actions.append(value)
    return q | Q(action__in=actions) if actions else q


@access(org_rules.can_read_audit)
def audit_log(request):
    scope = get_scope(request.user)
    agencies = OrgUnit.objects.filter(kind__in=["agency", "local_gov"])
    if not scope.is_admin:
        agencies = agencies.filter(pk__in=scope.audit_agency_ids)
    agencies = list(agencies.order_by("path").only("id", "name"))
    form = AuditFilterForm(request.GET or None)
    form.fields["agency"].choices = [("", _("Tất cả cơ quan") if scope.is_admin else _("Cơ quan của tôi"))] + [
        (a.pk, a.name) for a in agencies
    ]
    qs = AuditEvent.objects.all()
    if not scope.is_admin:
        qs = qs.filter(agency_id__in=scope.audit_agency_ids)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("agency"):
        qs = qs.filter(agency_id=filters["agency"])
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("target_type"):
        qs = qs.filter(target_type=filters["target_type"])
    query = filters.get("q") or ""
    if fold(query):
        qs = qs.filter(audit_search_q(query))
    before = int_param(request.GET.get("before"))
    if before is not None:
        qs = qs.filter(id__lt=before)
    events = list(qs.order_by("-id")[: AUDIT_PAGE + 1])
    has_more = len(events) > AUDIT_PAGE
    events = events[:AUDIT_PAGE]
    params = request.GET.copy()
    params.pop("before", None)
    return render(request, "core/audit_log.html", {
        "form": form, "events": events, "has_more": has_more,
        "next_before": events[-1].pk if events else None, "query_string": params.urlencode(),
    })


@access(SIGNED_IN)
def job_detail(request, job_id: int):
    qs = Job.objects.all()
    if not get_scope(request.user).is_admin:
        qs = qs.filter(created_by=request.user)
    job = get_object_or_404(qs, pk=job_id)
    if job.kind.startswith("org.staff_import"):
        from thidua.org.models import StaffImport

        staff_import = StaffImport.objects.filter(check_job=job).only("id").first() or StaffImport.objects.filter(
            apply_job=job
        ).only("id").first()
        if staff_import:
            return redirect("org:import_detail", import_id=staff_import.pk)
    if job.kind == "fund.export" and job.params.get("campaign_id"):
        from django.urls import reverse

        return redirect(reverse("fund:export", args=[job.params["campaign_id"]]) + f"?viec={job.pk}")
    if job.kind == "awards.print_certificates" and job.params.get("decision_id"):
        from django.urls import reverse

        return redirect(reverse("awards:decision_certificates", args=[job.params["decision_id"]]) + f"?viec={job.pk}")
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    return render(request, template, {"job": job})


@access(SIGNED_IN)
@require_POST
def job_cancel(request, job_id: int):
    """Cancel one's own background job (a stuck one too); nothing it did half-way is kept."""
    qs = Job.objects.all()
    if not get_scope(request.user).is_admin:
        qs = qs.filter(created_by=request.user)
    job = get_object_or_404(qs, pk=job_id)
    if job.finished:
        messages.info(request, _("Việc này đã kết thúc, không cần hủy."))
    else:
        job = jobs.cancel(job)
        if job.status == JobStatus.CANCELLED:
            messages.success(request, _("Đã hủy việc; không có dữ liệu nào được ghi dở."))
        else:
            messages.info(request, _("Đã yêu cầu hủy; việc sẽ dừng ở bước kế tiếp và không ghi gì dở dang."))
    return redirect("job", job_id=job.pk)
