import pytest
from django.core.management import call_command

from thidua.core import jobs
from thidua.core.models import Job, JobStatus

calls = []


@jobs.handler("test.count")
def _count(ctx):
    ctx.progress(1, 2, "Một nửa", force=True)
    calls.append(ctx.params["n"])
    return {"n": ctx.params["n"]}


@jobs.handler("test.fail")
def _fail(ctx):
    raise ValueError("hỏng")


@pytest.mark.django_db
def test_a_worker_runs_queued_jobs_and_records_the_result(settings):
    settings.JOBS_MODE = "worker"
    job = jobs.enqueue("test.count", "Đếm", params={"n": 7})
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    call_command("worker", "--once")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"n": 7}
    assert job.percent == 100


@pytest.mark.django_db
def test_a_failing_job_is_marked_failed_with_its_message(settings):
    settings.JOBS_MODE = "worker"
    job = jobs.enqueue("test.fail", "Hỏng")
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "hỏng" in job.error


@pytest.mark.django_db
def test_a_job_is_claimed_only_once(settings):
    settings.JOBS_MODE = "worker"
    jobs.enqueue("test.count", "Đếm", params={"n": 1})
    assert jobs.claim_next() is not None
    assert jobs.claim_next() is None


@pytest.mark.django_db
def test_a_job_moves_only_along_its_table():
    from django.core.exceptions import ValidationError

    from thidua.core import jobs as job_queue
    from thidua.core.models import Job, JobStatus

    job = Job.objects.create(kind="test.nothing", status=JobStatus.DONE)
    with pytest.raises(ValidationError):
        job_queue._move(job.pk, JobStatus.DONE, JobStatus.RUNNING)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
