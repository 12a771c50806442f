"""Background jobs stored in the database.

Why not django-tasks: its database backend lives in a separate package and has no notion of progress, which
users need to see ("leave and come back"). This module is small: a Job row, a registry of handlers, an atomic
claim that works on SQLite and PostgreSQL alike, and two ways to run:
- THIDUA_JOBS_MODE=thread (the demo): a daemon thread in the web process runs queued jobs after commit;
- THIDUA_JOBS_MODE=worker (production): `thidua worker` processes poll the same table;
- THIDUA_JOBS_MODE=immediate (tests): the job runs synchronously when it is enqueued.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from .models import Job, JobStatus

log = logging.getLogger(__name__)

Handler = Callable[["JobContext"], dict]
_handlers: dict[str, Handler] = {}
_wake = threading.Event()
_thread: threading.Thread | None = None
_thread_lock = threading.Lock()


def handler(kind: str):
    def register(func: Handler) -> Handler:
        _handlers[kind] = func
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
        fields = {"progress": done}
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
        taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now()
        )
        if taken:
            return job_id
    return None


def run_job(job_id: int) -> Job:
    Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job = Job.objects.get(pk=job_id)
    func = _handlers.get(job.kind)
    try:
        if func is None:
            raise KeyError(f"Không có trình xử lý cho việc '{job.kind}'")
        result = func(JobContext(job)) or {}
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, result=result, finished_at=timezone.now(), progress=job.total or job.progress
        )
    except Exception as exc:  # the job's page shows the failure; the log keeps the trace
        log.error("Job %s failed: %s", job.pk, traceback.format_exc())
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}", finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def run_pending(max_jobs: int | None = None) -> int:
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
    """Called by `thidua serve` in thread mode: also picks up jobs queued before a restart."""
    _ensure_thread()


def work_forever(poll_seconds: float = 1.0) -> None:
    while True:
        close_old_connections()
        if not run_pending():
            time.sleep(poll_seconds)
