from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import accounts, audit, notifications, throttle
from .access import PUBLIC, SIGNED_IN, access
from .forms import LoginForm, VietnamesePasswordChangeForm, VietnameseSetPasswordForm
from .middleware import client_ip
from .models import AuditAction, Job, Notification


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
    form_class = VietnamesePasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.password_changed(self.request, self.request.user)
        audit.record(AuditAction.PASSWORD_CHANGE, self.request.user, actor=self.request.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    form_class = VietnameseSetPasswordForm
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.password_changed(None, form.user)  # a password the user chose himself
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


@access(SIGNED_IN)
def my_jobs(request):
    jobs = Job.objects.filter(created_by=request.user).order_by("-id")[:30]
    return render(request, "core/my_jobs.html", {"jobs": jobs})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: the form was sent from a page too old (or whose session ended, or from another site);
    nothing was saved. The page says so in Vietnamese and leads back to the page the form came from."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = ""
    return render(request, "csrf_failure.html", {"back": back}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
