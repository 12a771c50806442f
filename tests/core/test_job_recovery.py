"""A job whose process died is noticed when a server or worker starts: queued again from its safe point, or
failed with a message the user reads; it can be cancelled; no page polls a dead job for ever."""

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.core import jobs
from thidua.core.importflow import ImportStatus
from thidua.core.models import AuditEvent, Job, JobStatus
from thidua.org import importing
from thidua.org.models import Person

from ..org.test_importing import row, xlsx

ran = []


@jobs.handler("test.once")
def _once(ctx):
    ran.append(ctx.job.pk)
    return {"ok": True}


@jobs.handler("test.again", retry=True)
def _again(ctx):
    ran.append(ctx.job.pk)
    return {"ok": True}


@jobs.handler("test.slow", retry=True)
def _slow(ctx):
    ctx.progress(1, 2, "Đang chạy", force=True)  # a cancelled job stops here
    ran.append(ctx.job.pk)
    return {}


@pytest.fixture(autouse=True)
def _fresh_record():
    ran.clear()


@pytest.fixture
def dead_pid():
    """The pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def left_running(kind, owner, *, beat_ago=5, attempts=1, user=None, params=None) -> Job:
    """A job row as a killed process leaves it: running, its owner named, a recent heartbeat."""
    now = timezone.now()
    return Job.objects.create(kind=kind, title="Việc thử", status=JobStatus.RUNNING, owner=owner,
                              started_at=now - dt.timedelta(minutes=1), attempts=attempts, created_by=user,
                              heartbeat_at=now - dt.timedelta(seconds=beat_ago), params=params or {})


@pytest.fixture
def worker_mode(settings):
    settings.JOBS_MODE = "worker"


def test_a_job_of_a_dead_process_on_this_host_is_failed_with_a_message(db, dead_pid, worker_mode):
    job = left_running("test.once", f"{jobs.HOST}:{dead_pid}:abc")
    assert jobs.recover_abandoned() == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished
    assert "dừng giữa chừng" in job.error and "Hãy chạy lại" in job.error


def test_a_retryable_job_of_a_dead_process_runs_again_when_a_worker_starts(db, dead_pid, worker_mode):
    job = left_running("test.again", f"{jobs.HOST}:{dead_pid}:abc")
    call_command("worker", "--once")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.pk in ran


def test_a_job_is_started_at_most_twice(db, dead_pid, worker_mode):
    job = left_running("test.again", f"{jobs.HOST}:{dead_pid}:abc", attempts=jobs.MAX_ATTEMPTS)
    jobs.recover_abandoned()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_a_job_of_a_live_process_elsewhere_is_left_alone_until_its_heartbeat_stops(db, worker_mode):
    job = left_running("test.once", "may-khac:4242:abc", beat_ago=10)
    assert jobs.recover_abandoned() == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
    stale = left_running("test.once", "may-khac:4243:abc", beat_ago=jobs.STALE_SECONDS + 5)
    assert jobs.recover_abandoned() == [stale.pk]
    assert Job.objects.get(pk=stale.pk).status == JobStatus.FAILED


def test_a_job_of_this_process_is_never_taken_for_dead(db, worker_mode):
    job = left_running("test.once", jobs.OWNER, beat_ago=3600)
    assert jobs.recover_abandoned() == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING


def _killed_apply(world, dead_pid, *, attempts=1):
    """A staff import confirmed, whose apply job's process was killed (SIGKILL) while it wrote."""
    user = world.users["vanphong"]
    batch = importing.start_import(agency=world.agency, filename="ds.xlsx", data=xlsx([row(), row("Hà Thị Nga")]),
                                   user=user)
    jobs.run_pending()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    batch = importing.confirm_import(batch, user=user)
    Job.objects.filter(pk=batch.apply_job_id).update(
        status=JobStatus.RUNNING, owner=f"{jobs.HOST}:{dead_pid}:abc", attempts=attempts,
        started_at=timezone.now(), heartbeat_at=timezone.now())
    return batch


def test_an_import_killed_while_writing_is_written_once_when_the_worker_starts_again(world, dead_pid, worker_mode):
    people = Person.objects.count()
    batch = _killed_apply(world, dead_pid)
    call_command("worker", "--once")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert Person.objects.count() == people + 2


def test_an_import_that_cannot_be_recovered_is_failed_and_its_page_stops_polling(world, client, dead_pid,
                                                                                 worker_mode):
    people = Person.objects.count()
    batch = _killed_apply(world, dead_pid, attempts=jobs.MAX_ATTEMPTS)
    call_command("worker", "--once")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert Person.objects.count() == people
    assert AuditEvent.objects.filter(target_type="org.staffimport", note__contains="dừng giữa chừng").exists()
    world.login(client, "vanphong")
    page = client.get(reverse("org:import_detail", args=[batch.pk])).content.decode()
    assert "dừng giữa chừng" in page and "Thất bại" in page
    assert 'hx-trigger="every 1s"' not in page


def test_a_stuck_import_can_be_cancelled_by_its_author(world, client, dead_pid, worker_mode):
    batch = _killed_apply(world, dead_pid)
    world.login(client, "vanphong")
    page = client.get(reverse("job", args=[batch.apply_job_id]), follow=True).content.decode()
    assert "Hủy việc" in page
    client.post(reverse("job_cancel", args=[batch.apply_job_id]))
    batch.refresh_from_db()
    assert Job.objects.get(pk=batch.apply_job_id).status == JobStatus.CANCELLED
    assert batch.status == ImportStatus.READY  # nothing was written; it can be written or cancelled again


def test_a_queued_job_is_cancelled_at_once_and_never_runs(world, client, worker_mode):
    job = jobs.enqueue("test.again", "Chờ", user=world.users["canbo"])
    world.login(client, "canbo")
    client.post(reverse("job_cancel", args=[job.pk]))
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.pk not in ran


def test_a_running_job_stops_at_its_next_progress_report_when_cancelled(world, worker_mode):
    job = jobs.enqueue("test.slow", "Chậm", user=world.users["canbo"])
    assert jobs.claim_next() == job.pk
    job.refresh_from_db()
    jobs.cancel(job)
    assert Job.objects.get(pk=job.pk).cancel_requested
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.pk not in ran


def test_someone_elses_job_cannot_be_cancelled(world, client, worker_mode):
    job = jobs.enqueue("test.again", "Của người khác", user=world.users["canbo"])
    world.login(client, "truongphong")
    assert client.post(reverse("job_cancel", args=[job.pk])).status_code == 404
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_a_page_stops_polling_a_job_that_no_longer_moves(world, client, worker_mode):
    user = world.users["canbo"]
    stuck = left_running("test.once", "may-khac:4242:abc", beat_ago=jobs.STALE_SECONDS + 30, user=user)
    waiting = jobs.enqueue("test.once", "Chờ mãi", user=user)
    Job.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=jobs.QUEUE_PATIENCE_SECONDS + 1))
    fresh = jobs.enqueue("test.once", "Vừa gửi", user=user)
    world.login(client, "canbo")
    for job in (stuck, waiting):
        page = client.get(reverse("job", args=[job.pk])).content.decode()
        assert "không tiến triển đã lâu" in page and "Hủy việc" in page
        assert 'hx-trigger="every 1s"' not in page
    assert 'hx-trigger="every 1s"' in client.get(reverse("job", args=[fresh.pk])).content.decode()
