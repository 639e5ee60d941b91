"""Background tasks with real workers (threads and processes) on the database queue and on Redis.

What secon.core.tasks adds to Django's task API: retries with backoff, permanent failures,
idempotency keys and claims, leases (a killed worker's job runs again), recurring jobs with a
single-runner lock, pruning.
"""

import signal
import threading
from datetime import UTC, datetime, timedelta

import pytest

from django.db import connection, transaction
from django.utils import timezone

from secon.core import tasks
from secon.core.models import Job, Lock, RecurringJob
from tests.core import sample_tasks
from tests.taskqueue import start_worker_process, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def lines(path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def finished(job: Job):
    job.refresh_from_db()
    return job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED) and job


def test_a_worker_runs_what_a_committed_transaction_enqueued(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    with transaction.atomic():
        job = sample_tasks.record.enqueue(path=str(trace), label="hello")
        assert job.status == Job.Status.QUEUED
    worker()
    wait_for(lambda: finished(job), what="the job to run")
    assert job.status == Job.Status.SUCCEEDED
    assert (job.attempts, job.result) == (1, "hello")
    assert lines(trace) == ["hello"]


def test_a_rolled_back_transaction_enqueues_nothing(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    with pytest.raises(RuntimeError), transaction.atomic():
        sample_tasks.record.enqueue(path=str(trace), label="never")
        raise RuntimeError("the request failed")
    assert not Job.objects.exists()
    worker()
    sample_tasks.record.enqueue(path=str(trace), label="after")
    wait_for(lambda: lines(trace), what="the next job")
    assert lines(trace) == ["after"]


def test_a_transient_failure_is_retried_until_it_succeeds(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    job = sample_tasks.flaky.enqueue(path=str(trace), failures=2)
    worker()
    wait_for(lambda: finished(job) and len(lines(trace)) == 5, what="the job to succeed after two failures")
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 3
    assert lines(trace) == [
        "attempt 1",
        "on_error ConnectionError retry",
        "attempt 2",
        "on_error ConnectionError retry",
        "attempt 3",
    ]
    assert job.error == ""


def test_retries_stop_after_the_last_attempt(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    job = sample_tasks.flaky.enqueue(path=str(trace), failures=99)
    worker()
    wait_for(lambda: finished(job) and lines(trace)[-1].endswith("final"), what="the job to fail")
    assert (job.status, job.attempts) == (Job.Status.FAILED, 5)
    assert "mail server away (attempt 5)" in job.error
    assert "ConnectionError" in job.traceback
    assert lines(trace)[-1] == "on_error ConnectionError final"


@pytest.mark.parametrize("task_name", ["refused", "hopeless"])
def test_a_permanent_failure_is_not_retried(queue, worker, tmp_path, task_name):
    trace = tmp_path / "trace"
    job = getattr(sample_tasks, task_name).enqueue(path=str(trace))
    worker()
    wait_for(lambda: finished(job) and len(lines(trace)) == 2, what="the job to fail")
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)
    assert lines(trace)[0] == "attempt"
    assert lines(trace)[1].endswith("final")


def test_backoff_doubles_and_is_capped():
    declared = tasks.BackgroundTask(
        func=print, name="x", backoff=timedelta(seconds=10), max_backoff=timedelta(seconds=100)
    )
    for attempt, expected in [(1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (9, 100)]:
        delay = tasks.backoff_delay(declared, attempt).total_seconds()
        assert expected * 0.8 <= delay <= expected * 1.2


def test_the_same_key_enqueued_at_once_by_many_threads_makes_one_job(queue, tmp_path):
    barrier = threading.Barrier(8)
    made = []

    def enqueue():
        try:
            barrier.wait()
            made.append(sample_tasks.record.enqueue(key="once", path=str(tmp_path / "t"), label="x").pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=enqueue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 8
    assert len(set(made)) == 1
    assert Job.objects.count() == 1


def test_a_job_handed_to_the_queue_twice_runs_once(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    job = sample_tasks.record.enqueue(path=str(trace), label="once")
    tasks.dispatch(job.pk)  # a second delivery of the same job
    tasks.dispatch(job.pk)
    worker(concurrency=2)
    worker()
    wait_for(lambda: finished(job), what="the job to run")
    second = sample_tasks.record.enqueue(path=str(trace), label="later")
    wait_for(lambda: finished(second), what="a later job to run")
    assert lines(trace) == ["once", "later"]
    assert job.attempts == 1


def test_many_threads_claiming_one_job_run_it_once(queue, tmp_path):
    trace = tmp_path / "trace"
    job = sample_tasks.record.enqueue(path=str(trace), label="claimed")
    barrier = threading.Barrier(6)
    outcomes = []

    def claim():
        try:
            barrier.wait()
            outcomes.append(tasks.execute(job.pk)["outcome"])
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["skipped"] * 5 + ["succeeded"]
    assert lines(trace) == ["claimed"]


def test_a_job_whose_worker_was_killed_runs_again(queue, tmp_path):
    trace, release = tmp_path / "trace", tmp_path / "release"
    first = start_worker_process(queue)
    try:
        job = sample_tasks.slow.enqueue(path=str(trace), release=str(release))
        wait_for(lambda: lines(trace) == ["start"], what="the first worker to start the job")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        first.stdout.close()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.RUNNING, 1)
    release.touch()
    second = start_worker_process(queue)
    try:
        wait_for(lambda: finished(job), what="another worker to take the job over once its lease expired")
    finally:
        second.terminate()
        second.wait(timeout=30)
        second.stdout.close()
    assert (job.status, job.attempts) == (Job.Status.SUCCEEDED, 2)
    assert lines(trace) == ["start", "start", "end"]
    if queue.backend == "database":
        from django_tasks_db.models import DBTaskResult

        assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_stopping_a_worker_finishes_the_job_it_runs(queue, tmp_path):
    trace, release = tmp_path / "trace", tmp_path / "release"
    process = start_worker_process(queue)
    try:
        job = sample_tasks.slow.enqueue(path=str(trace), release=str(release))
        wait_for(lambda: lines(trace) == ["start"], what="the worker to start the job")
        process.send_signal(signal.SIGTERM)
        release.touch()
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
    assert finished(job).status == Job.Status.SUCCEEDED
    assert lines(trace) == ["start", "end"]


def test_a_recurring_job_is_enqueued_once_per_occurrence(queue, tmp_path, monkeypatch):
    declared = tasks.recurring("test.record", every=timedelta(minutes=10))(sample_tasks.record)
    monkeypatch.setitem(tasks.SCHEDULE, "test.record", tasks.SCHEDULE.pop("test.record"))
    monkeypatch.setitem(tasks.TASKS, declared.name, declared)
    tasks.SCHEDULE["test.record"] = tasks.Recurring(
        name="test.record",
        task_name=declared.name,
        every=timedelta(minutes=10),
        offset=timedelta(0),
        kwargs={"path": str(tmp_path / "t"), "label": "tick"},
    )
    now = timezone.now()
    tasks.enqueue_due_recurring(now)  # creates its row, due in the future
    RecurringJob.objects.filter(name="test.record").update(next_run_at=now - timedelta(seconds=1))
    barrier = threading.Barrier(6)

    def tick():
        try:
            barrier.wait()
            tasks.enqueue_due_recurring(now)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    jobs = Job.objects.filter(task=declared.name)
    assert jobs.count() == 1
    assert jobs.get().key.startswith("recurring:test.record:")
    assert RecurringJob.objects.get(name="test.record").next_run_at > now
    # Its occurrences never overlap: while one holds the lock, another is skipped.
    assert tasks.acquire_lock("recurring:test.record", holder="someone else", ttl=timedelta(minutes=5))
    assert tasks.execute(jobs.get().pk)["outcome"] == "skipped"
    assert not (tmp_path / "t").exists()


def test_occurrences_fall_on_fixed_times():
    daily = tasks.Recurring(
        name="d", task_name="x", every=timedelta(days=1), offset=timedelta(hours=3), kwargs={}
    )
    moment = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)
    assert daily.next_after(moment) == datetime(2026, 5, 5, 3, 0, tzinfo=UTC)
    assert daily.next_after(datetime(2026, 5, 5, 2, 0, tzinfo=UTC)).day == 5


def test_a_lock_is_held_by_one_holder_until_it_expires(queue):
    assert tasks.acquire_lock("purge", holder="a", ttl=timedelta(minutes=1))
    assert not tasks.acquire_lock("purge", holder="b", ttl=timedelta(minutes=1))
    Lock.objects.filter(name="purge").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert tasks.acquire_lock("purge", holder="b", ttl=timedelta(minutes=1))
    with tasks.locked("purge") as got:
        assert not got


def test_pruning_deletes_only_old_finished_jobs(queue):
    old = timezone.now() - timedelta(days=30)
    recent = timezone.now() - timedelta(days=1)
    make = Job.objects.create
    old_done = make(task="x", status=Job.Status.SUCCEEDED, finished_at=old)
    old_failed = make(task="x", status=Job.Status.FAILED, finished_at=old)
    recent_done = make(task="x", status=Job.Status.SUCCEEDED, finished_at=recent)
    waiting = make(task="x", status=Job.Status.RETRYING, created_at=old)
    assert tasks.prune_finished_tasks(days=14)["jobs"] == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent_done.pk, waiting.pk}
    assert not Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()
    assert "core.prune-finished-tasks" in tasks.SCHEDULE


def test_a_job_the_queue_never_got_is_handed_over_by_the_upkeep(queue, worker, tmp_path):
    trace = tmp_path / "trace"
    job = Job.objects.create(
        task=sample_tasks.record.name,
        kwargs={"path": str(trace), "label": "orphan"},
        created_at=timezone.now() - timedelta(minutes=5),
    )
    worker()
    wait_for(lambda: finished(job), what="the upkeep to hand the job over")
    assert lines(trace) == ["orphan"]


def test_an_unreachable_redis_never_fails_the_request(settings, tmp_path):
    from tests.core.queues import configure

    for name, value in configure("redis", "secon-test-down", "redis://127.0.0.1:9/0").items():
        setattr(settings, name, value)
    with transaction.atomic():
        job = sample_tasks.record.enqueue(path=str(tmp_path / "t"), label="kept")
    job.refresh_from_db()
    assert (job.status, job.backend_id) == (Job.Status.QUEUED, "")
