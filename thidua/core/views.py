from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from thidua.org import rules as org_rules
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from . import audit, jobs, notifications, throttle
from .access import PUBLIC, SIGNED_IN, access
from .db import int_param
from .forms import AuditFilterForm, LoginForm
from .middleware import client_ip
from .models import AuditAction, AuditEvent, Job, JobStatus, Notification
from .text import fold, search_key

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
}


@access(SIGNED_IN)
def home(request):
    scope = get_scope(request.user)
    unread = list(request.user.notifications.filter(read_at__isnull=True).order_by("-id")[:10])
    return render(request, "core/home.html", {"scope": scope, "descriptions": HOME_CARDS, "notices": unread})


@access(SIGNED_IN)
def notification_open(request, notification_id: int):
    """Follow a notice's link; it is read from then on. Someone else's notice (a forwarded link) leads home."""
    notice = Notification.objects.filter(pk=notification_id, user=request.user).first()
    if notice is None:
        return redirect("home")
    notifications.mark_read(request.user, notice.pk)
    return redirect(notice.url if url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None) and notice.url
                    else "home")


@access(SIGNED_IN)
@require_POST
def notifications_read(request):
    notifications.mark_read(request.user)
    return redirect("home")


@access(PUBLIC)
def health(request):
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})


class LoginView(auth_views.LoginView):
    """Sign-in with the throttle of core.throttle: an attempt made while a wait runs is refused before the
    password is looked at (audited, not counted); a wrong password is counted on the account and the address."""

    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username") or ""
        ip = client_ip(request)
        wait = throttle.login_wait(username, ip)
        if wait:
            audit.login_failed(throttle.username_key(username), ip, reason="Đang phải chờ sau nhiều lần đăng nhập sai")
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Tạm khóa đăng nhập vì đã nhập sai nhiều lần. Hãy thử lại sau %(wait)s "
                    "hoặc dùng “Quên mật khẩu”."
                ) % {"wait": wait.text},
            )
            return self.render_to_response(self.get_context_data(form=form, locked=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.login_succeeded(form.get_user().get_username())
        return super().form_valid(form)

    def form_invalid(self, form):
        username = self.request.POST.get("username") or ""
        if username.strip():
            ip = client_ip(self.request)
            throttle.login_failed(username, ip)
            audit.login_failed(throttle.username_key(username), ip, reason="Sai tên đăng nhập hoặc mật khẩu")
        return super().form_invalid(form)


login_view = access(PUBLIC)(LoginView.as_view())
logout_view = access(PUBLIC)(auth_views.LogoutView.as_view(template_name="core/logged_out.html"))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(AuditAction.PASSWORD_CHANGE, self.request.user, actor=self.request.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(AuditAction.PASSWORD_RESET, form.user, actor=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Reset by e-mail, rate-limited: too many requests from one address get a message to wait; too many for
    one e-mail address are answered as usual but send nothing (so the page tells nothing about accounts)."""

    template_name = "core/password_reset.html"
    email_template_name = "core/password_reset_email.txt"
    subject_template_name = "core/password_reset_subject.txt"

    def form_valid(self, form):
        address_ok, email_ok = throttle.reset_allowed(form.cleaned_data["email"], client_ip(self.request))
        if not address_ok:
            form.add_error(None, _("Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này. Hãy thử lại sau một giờ."))
            return self.form_invalid(form)
        if not email_ok:
            return redirect(self.get_success_url())
        return super().form_valid(form)


password_change = access(SIGNED_IN)(PasswordChangeView.as_view())
password_reset = access(PUBLIC)(PasswordResetView.as_view())
password_reset_done = access(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html")
)
password_reset_confirm = access(PUBLIC)(PasswordResetConfirmView.as_view())
password_reset_complete = access(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html")
)
set_language = access(PUBLIC)(django_set_language)


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
    query = fold(filters.get("q") or "")
    if query:
        qs = qs.filter(search_key__contains=search_key(query).rstrip())
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


@access(SIGNED_IN)
def my_jobs(request):
    jobs = Job.objects.filter(created_by=request.user).order_by("-id")[:30]
    return render(request, "core/my_jobs.html", {"jobs": jobs})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
