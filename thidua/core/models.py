"""Audit log (append-only) and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký là bất biến: không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký là bất biến: không được xóa.")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa đổi")
    MOVE = "move", _("Chuyển")
    DEACTIVATE = "deactivate", _("Ngừng hoạt động")
    REACTIVATE = "reactivate", _("Hoạt động lại")
    ROLE_GRANT = "role_grant", _("Cấp vai trò")
    ROLE_REVOKE = "role_revoke", _("Thu hồi vai trò")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOGOUT = "logout", _("Đăng xuất")
    PASSWORD_CHANGE = "password_change", _("Đổi mật khẩu")
    PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")
    IMPORT = "import", _("Nhập dữ liệu")
    ACCOUNT_CREATE = "account_create", _("Tạo tài khoản")
    ACCOUNT_DISABLE = "account_disable", _("Khóa tài khoản")
    ACCOUNT_ENABLE = "account_enable", _("Mở lại tài khoản")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    ip = models.CharField(_("địa chỉ IP"), max_length=45, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices)
    target_type = models.CharField(_("loại đối tượng"), max_length=50)
    target_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    agency_id = models.BigIntegerField(_("cơ quan"), null=True, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_key = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        indexes = [
            models.Index(fields=["agency_id", "-id"], name="audit_agency_idx"),
            models.Index(fields=["target_type", "target_id", "-id"], name="audit_target_idx"),
            models.Index(fields=["action", "-id"], name="audit_action_idx"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký là bất biến: không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký là bất biến: không được xóa.")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.target_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Thất bại")
    CANCELLED = "cancelled", _("Đã hủy")


#: the states a job does not leave
FINISHED_JOB_STATES = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(models.Model):
    """A piece of long work (imports, documents, exports) run in the background with visible progress."""

    kind = models.CharField(_("loại việc"), max_length=60)
    title = models.CharField(_("tên việc"), max_length=200)
    status = models.CharField(_("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(default=dict, blank=True)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stage = models.CharField(_("bước"), max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    agency_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: the process running it ("host:pid:token") and when that process last said it is alive (core.jobs)
    owner = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: how many times it was started (a job whose process died is started again, a bounded number of times)
    attempts = models.PositiveSmallIntegerField(default=0)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        indexes = [models.Index(fields=["status", "id"], name="job_status_idx")]

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.progress * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_JOB_STATES

    @property
    def stalled(self) -> bool:
        """Not finished, yet nothing has moved for long: waiting with no runner taking it, or running without a
        heartbeat (its process died and no server or worker has started since). Its page stops polling and
        says so; the job can still be cancelled."""
        from django.utils import timezone

        from .jobs import QUEUE_PATIENCE_SECONDS, STALE_SECONDS

        now = timezone.now()
        if self.status == JobStatus.QUEUED:
            return (now - self.created_at).total_seconds() > QUEUE_PATIENCE_SECONDS
        if self.status == JobStatus.RUNNING:
            beat = self.heartbeat_at or self.started_at
            return beat is not None and (now - beat).total_seconds() > STALE_SECONDS
        return False

    def __str__(self) -> str:
        return self.title


class ScheduledRun(models.Model):
    """When a periodic kind of job (core.jobs.schedule) was last queued: one row per kind, kept across restarts,
    moved forward by a compare-and-set so that two runners checking at once queue the run only once."""

    kind = models.CharField(_("loại việc"), max_length=60, unique=True)
    last_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc định kỳ")

    def __str__(self) -> str:
        return self.kind


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    #: when the event happened (notify() stamps it), not when its transaction committed
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at", "-id"], name="notification_user_idx")]


class FormToken(models.Model):
    """A create form's one-time token, consumed by the request that saved it (core.submission): the unique
    constraint makes a second POST of the same form — a double click, a resent request, a parallel one — find it
    taken instead of creating the thing twice."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    #: where the request that consumed it went (the thing it created): a repeated POST is sent there too
    done_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mã gửi biểu mẫu")


class PasswordChangeRequired(models.Model):
    """An account that must change its password before anything else (one the Office created with a first
    password). The row goes when the password is changed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_change_required"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản phải đổi mật khẩu")
        verbose_name_plural = _("tài khoản phải đổi mật khẩu")
class ThrottleEvent(models.Model):
    """One counted attempt for the login and password-reset throttles (core.throttle): a failed login of an
    account or from an address, a password-reset request for an e-mail or from an address. Attempts refused
    while a delay runs are not written, so they do not extend it. Rows older than a day are of no use."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="throttle_key_idx")]


class CalendarDayKind(models.TextChoices):
    WORKING = "working", _("Ngày làm việc (làm bù)")
    OFF = "off", _("Ngày nghỉ (nghỉ bù, nghỉ thêm)")


class CalendarDay(models.Model):
    """A day the Office sets apart from the public-holidays library: a make-up working day (a Saturday worked in
    exchange for a bridge day off) or an extra day off. Withdrawn rather than deleted, so the record is kept."""

    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại ngày"), max_length=10, choices=CalendarDayKind.choices)
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ngày làm việc, ngày nghỉ điều chỉnh")
        verbose_name_plural = _("ngày làm việc, ngày nghỉ điều chỉnh")
        ordering = ["day", "id"]
        constraints = [models.UniqueConstraint(fields=["day"], condition=models.Q(withdrawn_at__isnull=True),
                                               name="calendar_day_one_in_force")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}"
