"""Deadline reminders of a review round, and the periodic job that sends them (core.jobs.schedule)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from thidua.awards import rounds, services
from thidua.awards.models import RoundReminder
from thidua.core import jobs
from thidua.core.models import Job, JobStatus, Notification, ScheduledRun
from thidua.org import services as org_services
from thidua.org.enums import Role

from ..factories import UserFactory
from .round_helpers import launched_movement, nomination, yearly_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(world):
    """An open yearly round due 10/12/2024, reminding 3 days before; heads of the transport, planning divisions."""
    head = UserFactory(username="truongphong_khtc")
    org_services.grant_role(head, Role.UNIT_HEAD, world.planning, actor=None)
    review_round = yearly_round(launched_movement(world.agency), remind_days=3)
    return services.move_round(review_round, "open", actor=None)


def reminded(review_round) -> set[str]:
    return set(Notification.objects.filter(text__startswith="Nhắc hạn", url__endswith=f"/{review_round.pk}/")
               .values_list("user__username", flat=True))


def send_on(day, django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return rounds.send_reminders(day)


def test_only_the_heads_of_units_without_a_submitted_nomination_are_reminded(
        world, open_round, django_capture_on_commit_callbacks):
    nomination(open_round, world.transport, status="submitted")
    nomination(open_round, world.planning, status="draft")  # a draft is not sent
    mail.outbox.clear()
    assert send_on(dt.date(2024, 12, 8), django_capture_on_commit_callbacks) == 1
    assert reminded(open_round) == {"truongphong_khtc"}
    assert [m.to for m in mail.outbox] == [["truongphong_khtc@example.vn"]]
    assert "Phòng Kế hoạch - Tài chính chưa gửi đề nghị khen thưởng nào" in mail.outbox[0].subject + mail.outbox[0].body
    assert "10/12/2024 (còn 2 ngày)" in mail.outbox[0].body
    assert list(RoundReminder.objects.values_list("unit", flat=True)) == [world.planning.pk]


def test_a_nomination_of_a_team_counts_for_its_division(world, open_round, django_capture_on_commit_callbacks):
    nomination(open_round, world.transport_team, status="accepted")
    send_on(dt.date(2024, 12, 9), django_capture_on_commit_callbacks)
    assert reminded(open_round) == {"truongphong_khtc"}


def test_no_reminder_before_the_window_or_after_the_deadline(world, open_round, django_capture_on_commit_callbacks):
    assert send_on(dt.date(2024, 12, 6), django_capture_on_commit_callbacks) == 0
    assert send_on(dt.date(2024, 12, 11), django_capture_on_commit_callbacks) == 0
    assert reminded(open_round) == set()
    assert send_on(dt.date(2024, 12, 7), django_capture_on_commit_callbacks) == 2  # 3 days before
    assert reminded(open_round) == {"truongphong", "truongphong_khtc"}


def test_a_unit_is_reminded_once_per_round(world, open_round, django_capture_on_commit_callbacks):
    assert send_on(dt.date(2024, 12, 8), django_capture_on_commit_callbacks) == 2
    assert send_on(dt.date(2024, 12, 9), django_capture_on_commit_callbacks) == 0
    assert send_on(dt.date(2024, 12, 10), django_capture_on_commit_callbacks) == 0
    assert Notification.objects.filter(text__startswith="Nhắc hạn").count() == 2


def test_a_round_not_open_reminds_nobody(world, open_round, django_capture_on_commit_callbacks):
    services.move_round(open_round, "closed", actor=None)
    assert send_on(dt.date(2024, 12, 8), django_capture_on_commit_callbacks) == 0


def test_the_reminder_job_is_scheduled_every_hour():
    assert jobs.scheduled_kinds()[rounds.REMINDER_JOB] == dt.timedelta(hours=1)


def test_the_reminder_job_sends_the_reminders_due_today(world, open_round, django_capture_on_commit_callbacks):
    from thidua.core.clock import replay

    with replay(dt.date(2024, 12, 8)), django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue(rounds.REMINDER_JOB, "Nhắc hạn")
    assert job.status == JobStatus.DONE and job.result == {"reminded": 2}
    assert reminded(open_round) == {"truongphong", "truongphong_khtc"}


# -- the scheduler ---------------------------------------------------------------------------------------------------

ran = []


@jobs.handler("test.periodic")
def _periodic(ctx):
    ran.append(1)
    return {}


@pytest.fixture
def periodic(settings):
    settings.JOBS_MODE = "worker"
    jobs.schedule("test.periodic", every=dt.timedelta(hours=1), title="Việc định kỳ thử")
    yield
    jobs._schedules.pop("test.periodic", None)


def periodic_jobs():
    return Job.objects.filter(kind="test.periodic")


def test_a_due_periodic_job_is_queued_once_then_again_when_due(periodic):
    now = timezone.now()
    assert [j.kind for j in jobs.enqueue_due(now) if j.kind == "test.periodic"] == ["test.periodic"]
    assert periodic_jobs().get().status == JobStatus.QUEUED
    assert not [j for j in jobs.enqueue_due(now + dt.timedelta(minutes=59)) if j.kind == "test.periodic"]
    assert periodic_jobs().count() == 1
    jobs.enqueue_due(now + dt.timedelta(hours=1))
    assert periodic_jobs().count() == 2


def test_when_it_was_last_queued_is_kept_in_the_database(periodic):
    """A restarted runner (a new process, nothing in memory) does not queue it early."""
    now = timezone.now()
    jobs.enqueue_due(now)
    assert ScheduledRun.objects.get(kind="test.periodic").last_queued_at == now
    jobs._next_schedule_check = 0.0
    jobs.enqueue_due(now + dt.timedelta(minutes=10))
    assert periodic_jobs().count() == 1


def test_two_runners_checking_at_once_queue_it_only_once(periodic, monkeypatch):
    """Both read the same last run; the compare-and-set lets only the first queue it."""
    now = timezone.now()
    jobs.enqueue_due(now - dt.timedelta(hours=2))
    stale = ScheduledRun.objects.get(kind="test.periodic")
    real_first = jobs.ScheduledRun.objects.filter

    class Stale:
        """The second runner read the row before the first one moved it."""

        def filter(self, **kw):
            qs = real_first(**kw)
            return _FirstStale(qs, stale) if kw == {"kind": "test.periodic"} else qs

    first = jobs.enqueue_due(now)
    assert len([j for j in first if j.kind == "test.periodic"]) == 1
    monkeypatch.setattr(jobs.ScheduledRun, "objects", Stale())
    second = jobs._enqueue_if_due("test.periodic", now + dt.timedelta(seconds=1))
    assert second is None
    assert periodic_jobs().count() == 2  # the one two hours ago, and this one


class _FirstStale:
    def __init__(self, qs, row):
        self.qs, self.row = qs, row

    def first(self):
        return self.row


def test_the_worker_loop_and_the_demo_thread_queue_due_jobs(periodic, monkeypatch):
    jobs._next_schedule_check = 0.0
    jobs._check_schedules()
    assert periodic_jobs().count() == 1
    jobs._check_schedules()  # checked again within the minute: not even read
    assert periodic_jobs().count() == 1


def test_scheduling_a_kind_without_a_handler_is_refused():
    with pytest.raises(KeyError):
        jobs.schedule("test.nobody", every=dt.timedelta(hours=1))
