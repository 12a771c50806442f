"""Background jobs stored in the database.

Why not django-tasks: its database backend lives in a separate package and has no notion of progress, which
users need to see ("leave and come back"). This module is small: a Job row, a registry of handlers, an atomic
claim that works on SQLite and PostgreSQL alike, and two ways to run:
- THIDUA_JOBS_MODE=thread (the demo): a daemon thread in the web process runs queued jobs after commit;
- THIDUA_JOBS_MODE=worker (production): `thidua worker` processes poll the same table;
- THIDUA_JOBS_MODE=immediate (tests): the job runs synchronously when it is enqueued.

A kind may also run periodically (`schedule(kind, every=timedelta(hours=1))`, registered by the domain that owns
the handler, e.g. in its AppConfig.ready): the demo's thread runner and `thidua worker` queue it when it is due.
When it was last queued is kept in the database (ScheduledRun, one row per kind), so a restart does not run it
early, and the row is moved forward by a compare-and-set, so two runners checking at once queue it only once.

A running job names its process (`owner`: host, pid and a token of the process's start) and that process
beats a heartbeat while it runs. When a server or a worker starts, and every little while after, it looks
for running jobs whose process is gone (the same host and no such pid, or no heartbeat for STALE_SECONDS):
a kind registered with `retry=True` (its work is all-or-nothing or rewrites its output from scratch) is
queued again, at most MAX_ATTEMPTS starts in all; any other, or one out of attempts, is marked failed with a
message for the user, and the kind's `on_abandoned` hook puts its own records right. A job can be cancelled
by whoever started it: at once while it waits or once its process is gone, else at its next progress report.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, JobStatus, ScheduledRun
from .workflow import SYSTEM, Edge, Workflow

log = logging.getLogger(__name__)

#: a job's life: only the system moves it (a user's cancel is asked through `cancel`)
JOB_FLOW = Workflow(JobStatus, [
    Edge(JobStatus.QUEUED, JobStatus.RUNNING, by=SYSTEM),  # a process takes it
    Edge(JobStatus.QUEUED, JobStatus.CANCELLED, by=SYSTEM),  # cancelled while it waited
    Edge(JobStatus.RUNNING, JobStatus.DONE, by=SYSTEM),
    Edge(JobStatus.RUNNING, JobStatus.FAILED, by=SYSTEM),  # it broke, or its process died out of attempts
    Edge(JobStatus.RUNNING, JobStatus.CANCELLED, by=SYSTEM),
    Edge(JobStatus.RUNNING, JobStatus.QUEUED, by=SYSTEM),  # its process died: run again
], refused="Không thể chuyển việc nền từ “%(current)s” sang “%(target)s”.")


def _move(job_id: int, source: str, target: str, *, owner: str | None = None, **fields) -> bool:
    """The one writer of a job's status: a compare-and-set from `source` (and `owner`, when given), along an edge
    of JOB_FLOW; False when the job was no longer there (another process moved it first)."""
    JOB_FLOW.edge(source, target)
    rows = Job.objects.filter(pk=job_id, status=source)
    if owner is not None:
        rows = rows.filter(owner=owner)
    if fields.pop("owner_set", False):  # taken by this process: its name, a first beat, one more attempt
        fields.update(owner=OWNER, heartbeat_at=timezone.now(), attempts=F("attempts") + 1)
    if fields.pop("owner_cleared", False):  # free for any process again
        fields.update(owner="", heartbeat_at=None)
    return bool(rows.update(status=target, **fields))

Handler = Callable[["JobContext"], dict]
_handlers: dict[str, Handler] = {}
#: kind → (retry after its process died, hook called with the job when it ends failed or cancelled)
_recovery: dict[str, tuple[bool, Callable[[Job], None] | None]] = {}

HEARTBEAT_SECONDS = 15
STALE_SECONDS = 90
#: a job waiting this long has no runner (worker mode with no `thidua worker` running): its page stops polling
QUEUE_PATIENCE_SECONDS = 600
MAX_ATTEMPTS = 2
HOST = socket.gethostname()[:100]
#: this process's name on the jobs it runs (a restarted server that gets the same pid is another owner)
OWNER = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
ABANDONED_MESSAGE = ("Việc bị dừng giữa chừng vì máy chủ hoặc tiến trình xử lý đã tắt đột ngột; "
                     "phần đang làm dở không được ghi. Hãy chạy lại việc này.")
CANCELLED_MESSAGE = "Việc đã được hủy."


class JobCancelled(Exception):
    """Raised inside a handler (at a progress report) when its job was cancelled: its transaction rolls back."""
_wake = threading.Event()
_thread: threading.Thread | None = None
_thread_lock = threading.Lock()


def handler(kind: str, *, retry: bool = False, on_abandoned: Callable[[Job], None] | None = None):
    """Register the function running jobs of `kind`. `retry`: the job may simply run again after its process
    died (its writes are all-or-nothing, or it rewrites its output). `on_abandoned(job)`: called once the job
    has ended failed after its process died, or cancelled, to put the kind's own records right."""

    def register(func: Handler) -> Handler:
        _handlers[kind] = func
        _recovery[kind] = (retry, on_abandoned)
        return func

    return register


class JobContext:
    """What a handler sees: the job, and a throttled way to report progress."""

    def __init__(self, job: Job):
        self.job = job
        self._last = 0.0

    @property
    def params(self) -> dict:
        return self.job.params

    def progress(self, done: int, total: int | None = None, stage: str | None = None, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.3:
            return
        self._last = now
        fields = {"progress": done, "heartbeat_at": timezone.now()}
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled
        if total is not None:
            fields["total"] = total
        if stage is not None:
            fields["stage"] = stage
        Job.objects.filter(pk=self.job.pk).update(**fields)
        for key, value in fields.items():
            setattr(self.job, key, value)


def enqueue(kind: str, title: str, *, params: dict | None = None, user=None, agency_id: int | None = None) -> Job:
    if kind not in _handlers:
        raise KeyError(f"Không có trình xử lý cho việc '{kind}'")
    job = Job.objects.create(
        kind=kind, title=title, params=params or {}, created_by=user if user and user.pk else None, agency_id=agency_id
    )
    mode = getattr(settings, "JOBS_MODE", "thread")
    if mode == "immediate":  # tests: run now, inside the caller's transaction
        run_job(job.pk)
        job.refresh_from_db()
    elif mode == "thread":
        transaction.on_commit(_ensure_thread)
    return job


def claim_next() -> int | None:
    """Atomically take the oldest queued job; safe with several workers on either database."""
    for job_id in Job.objects.filter(status=JobStatus.QUEUED).order_by("id").values_list("id", flat=True)[:5]:
        if _move(job_id, JobStatus.QUEUED, JobStatus.RUNNING, started_at=timezone.now(), owner_set=True):
            return job_id
    return None


def run_job(job_id: int) -> Job:
    _move(job_id, JobStatus.QUEUED, JobStatus.RUNNING, started_at=timezone.now(), owner_set=True)
    job = Job.objects.get(pk=job_id)
    if job.status != JobStatus.RUNNING or job.owner != OWNER:
        return job  # cancelled while it waited, or taken by another process
    func = _handlers.get(job.kind)
    beat = _Heartbeat(job.pk) if getattr(settings, "JOBS_MODE", "thread") != "immediate" else None
    try:
        if func is None:
            raise KeyError(f"Không có trình xử lý cho việc '{job.kind}'")
        result = func(JobContext(job)) or {}
        _move(job.pk, JobStatus.RUNNING, JobStatus.DONE, owner=OWNER, result=result, finished_at=timezone.now(),
              progress=job.total or job.progress)
    except JobCancelled:
        if _move(job.pk, JobStatus.RUNNING, JobStatus.CANCELLED, owner=OWNER, error=CANCELLED_MESSAGE,
                 finished_at=timezone.now()):
            _abandoned(job.pk)
    except Exception as exc:  # the job's page shows the failure; the log keeps the trace
        log.error("Job %s failed: %s", job.pk, traceback.format_exc())
        _move(job.pk, JobStatus.RUNNING, JobStatus.FAILED, owner=OWNER, error=f"{type(exc).__name__}: {exc}",
              finished_at=timezone.now())
    finally:
        if beat is not None:
            beat.stop()
    job.refresh_from_db()
    return job


class _Heartbeat:
    """Beats the heartbeat of a running job from a thread of its own (a handler may work for minutes between
    two progress reports)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"thidua-heartbeat-{job_id}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING, owner=OWNER).update(
                    heartbeat_at=timezone.now())
        except Exception:  # a missed beat only makes the job look older
            log.exception("Job heartbeat error")
        finally:
            close_old_connections()

    def stop(self) -> None:
        self._stop.set()


def _owner_is_gone(job: Job, now: dt.datetime) -> bool:
    """The process running `job` is no more: its host is this one and no process has its pid, or it has not
    beaten the heartbeat for STALE_SECONDS (another host, or its pid taken by another process)."""
    if job.owner == OWNER:
        return False
    host, _, rest = job.owner.partition(":")
    pid = rest.partition(":")[0]
    if host == HOST and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # a process of another user has that pid now
            pass
    beat = job.heartbeat_at or job.started_at
    return beat is None or (now - beat).total_seconds() > STALE_SECONDS


def recover_abandoned() -> list[int]:
    """Find the running jobs whose process died and queue them again or fail them (see the module's text);
    returns their ids. Called when a server or a worker starts, and by the runners between jobs."""
    now = timezone.now()
    recovered = []
    for job in Job.objects.filter(status=JobStatus.RUNNING).exclude(owner=OWNER).order_by("id"):
        if not _owner_is_gone(job, now):
            continue
        retry, _hook = _recovery.get(job.kind, (False, None))
        if job.cancel_requested:
            if _move(job.pk, JobStatus.RUNNING, JobStatus.CANCELLED, owner=job.owner, error=CANCELLED_MESSAGE,
                     finished_at=now):
                _abandoned(job.pk)
        elif retry and job.attempts < MAX_ATTEMPTS:
            if _move(job.pk, JobStatus.RUNNING, JobStatus.QUEUED, owner=job.owner, owner_cleared=True,
                     stage="Chạy lại sau khi máy chủ khởi động lại"):
                log.warning("Job %s: its process died; queued again", job.pk)
        elif _move(job.pk, JobStatus.RUNNING, JobStatus.FAILED, owner=job.owner, error=ABANDONED_MESSAGE,
                   finished_at=now):
            log.warning("Job %s: its process died; marked failed", job.pk)
            _abandoned(job.pk)
        recovered.append(job.pk)
    return recovered


def _abandoned(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    hook = _recovery.get(job.kind, (False, None))[1]
    if hook is not None:
        try:
            hook(job)
        except Exception:
            log.exception("Job %s: on_abandoned hook failed", job.pk)


def may_cancel(job: Job, user) -> bool:
    return not job.finished and user is not None and (job.created_by_id == user.pk or user.is_superuser)


def cancel(job: Job) -> Job:
    """Cancel `job`: at once while it waits or once its process is gone; else it stops at its next progress
    report (its work is rolled back)."""
    now = timezone.now()
    if _move(job.pk, JobStatus.QUEUED, JobStatus.CANCELLED, error=CANCELLED_MESSAGE, finished_at=now):
        _abandoned(job.pk)
    else:
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(cancel_requested=True)
        job.refresh_from_db()
        if job.status == JobStatus.RUNNING and _owner_is_gone(job, now) and _move(
                job.pk, JobStatus.RUNNING, JobStatus.CANCELLED, owner=job.owner, error=CANCELLED_MESSAGE,
                finished_at=now):
            _abandoned(job.pk)
    job.refresh_from_db()
    return job


#: kind → (how often, the job's title)
_schedules: dict[str, tuple[dt.timedelta, str]] = {}
#: the runners look for due periodic jobs at most this often
SCHEDULE_CHECK_SECONDS = 60
_next_schedule_check = 0.0


def schedule(kind: str, *, every: dt.timedelta, title: str = "") -> None:
    """Run the jobs of `kind` (a registered handler, called with empty params) every `every`: the runners queue
    one when the last was queued `every` ago or more, or never."""
    if kind not in _handlers:
        raise KeyError(f"Không có trình xử lý cho việc '{kind}'")
    if every <= dt.timedelta(0):
        raise ValueError("every must be positive")
    _schedules[kind] = (every, title or kind)


def scheduled_kinds() -> dict[str, dt.timedelta]:
    return {kind: every for kind, (every, _title) in _schedules.items()}


def enqueue_due(now: dt.datetime | None = None) -> list[Job]:
    """Queue each periodic kind that is due; returns the jobs queued (by this process: another runner that got
    there first has queued the others)."""
    now = now or timezone.now()
    queued = []
    for kind in sorted(_schedules):
        job = _enqueue_if_due(kind, now)
        if job is not None:
            queued.append(job)
    return queued


def _enqueue_if_due(kind: str, now: dt.datetime) -> Job | None:
    every, title = _schedules[kind]
    row = ScheduledRun.objects.filter(kind=kind).first()
    if row is None:
        try:
            with transaction.atomic():
                row = ScheduledRun.objects.create(kind=kind)
        except IntegrityError:  # another runner made it at the same moment
            row = ScheduledRun.objects.get(kind=kind)
    last = row.last_queued_at
    if last is not None and now - last < every:
        return None
    with transaction.atomic():
        rows = ScheduledRun.objects.filter(pk=row.pk)
        rows = rows.filter(last_queued_at__isnull=True) if last is None else rows.filter(last_queued_at=last)
        if not rows.update(last_queued_at=now):
            return None  # another runner queued this run first
        return enqueue(kind, title)


def _check_schedules() -> None:
    """The runners' look at the periodic jobs, at most every SCHEDULE_CHECK_SECONDS; a failure is logged and the
    runner goes on."""
    global _next_schedule_check
    if not _schedules or time.monotonic() < _next_schedule_check:
        return
    _next_schedule_check = time.monotonic() + SCHEDULE_CHECK_SECONDS
    try:
        enqueue_due()
    except Exception:
        log.exception("Scheduled jobs: could not queue")


def run_pending(max_jobs: int | None = None) -> int:
    recover_abandoned()
    done = 0
    while max_jobs is None or done < max_jobs:
        job_id = claim_next()
        if job_id is None:
            break
        run_job(job_id)
        done += 1
    return done


def _thread_main() -> None:
    while True:
        _wake.wait(timeout=5)
        _wake.clear()
        try:
            close_old_connections()
            _check_schedules()
            run_pending()
        except Exception:  # keep the demo's runner alive
            log.exception("Job thread error")
        finally:
            close_old_connections()


def _ensure_thread() -> None:
    global _thread
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_thread_main, name="thidua-jobs", daemon=True)
            _thread.start()
    _wake.set()


def start_thread_runner() -> None:
    """Called by `thidua serve` in thread mode: also picks up jobs queued before a restart and those whose
    process died."""
    recover_abandoned()
    _ensure_thread()


def work_forever(poll_seconds: float = 1.0) -> None:
    recover_abandoned()
    while True:
        close_old_connections()
        _check_schedules()
        if not run_pending():
            time.sleep(poll_seconds)
