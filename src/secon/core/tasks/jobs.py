"""Jobs: enqueue in the caller's transaction, run once (claim), retry with backoff, hold a lease."""

import contextvars
import dataclasses
import logging
import random
import threading
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django_scopes import scopes_disabled
from django_tasks import task, task_backends
from django_tasks.utils import normalize_json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from secon.core.models import Job, Lock
from secon.core.tasks.locks import acquire_lock, release_lock, worker_name

logger = logging.getLogger("secon.tasks")

#: :func:`maintain` hands it over again.
ORPHAN_GRACE = timedelta(seconds=60)


class PermanentError(Exception):
    """A failure that trying again cannot fix: the job fails at once, without retries."""


@dataclasses.dataclass(frozen=True)
class BackgroundTask:
    """A function that runs in a worker, with its retry, lease and lock policy."""

    func: Callable[..., Any]
    name: str
    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=30)
    max_backoff: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=5)
    #: Called with the exception of a failed attempt: False makes the failure permanent.
    retry_if: Callable[[BaseException], bool] | None = None
    #: Called after every failed attempt as ``on_error(job=, error=, retry_at=)``; ``retry_at`` is
    #: None when the job has failed for good.
    on_error: Callable[..., None] | None = None
    #: Name of a lock held while the job runs: jobs holding the same lock never run at once.
    lock: str | None = None

    def __call__(self, **kwargs: Any) -> Any:
        """Run the function here and now (tests, management commands)."""
        return self.func(**kwargs)

    def enqueue(
        self,
        *,
        key: str | None = None,
        project_id: int | None = None,
        delay: timedelta | None = None,
        **kwargs: Any,
    ) -> Job:
        """Queue the job once the current transaction commits; see :func:`enqueue`."""
        return enqueue(self, kwargs=kwargs, key=key, project_id=project_id, delay=delay)


#: Every background task, by name (filled when the apps import their task modules).
TASKS: dict[str, BackgroundTask] = {}


def background(
    func: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    max_attempts: int = 5,
    backoff: timedelta = timedelta(seconds=30),
    max_backoff: timedelta = timedelta(hours=1),
    lease: timedelta = timedelta(minutes=5),
    retry_if: Callable[[BaseException], bool] | None = None,
    on_error: Callable[..., None] | None = None,
    lock: str | None = None,
):
    """Declare a module-level function as a background task (keyword arguments, JSON values)."""

    def decorate(function: Callable[..., Any]) -> BackgroundTask:
        declared = BackgroundTask(
            func=function,
            name=name or f"{function.__module__}.{function.__qualname__}",
            max_attempts=max_attempts,
            backoff=backoff,
            max_backoff=max_backoff,
            lease=lease,
            retry_if=retry_if,
            on_error=on_error,
            lock=lock,
        )
        if max_attempts < 1:
            raise ImproperlyConfigured(f"{declared.name}: max_attempts must be at least 1")
        known = TASKS.get(declared.name)
        if known is not None and known.func.__code__ is not function.__code__:
            raise ImproperlyConfigured(f"two background tasks are named {declared.name}")
        TASKS[declared.name] = declared
        return declared

    return decorate(func) if func is not None else decorate


# --- enqueue and dispatch ----------------------------------------------------------------------------


def enqueue(
    background_task: BackgroundTask,
    *,
    kwargs: dict[str, Any],
    key: str | None = None,
    project_id: int | None = None,
    delay: timedelta | None = None,
) -> Job:
    """Record a job in the current transaction and hand it to the queue when that commits.

    With a ``key``, a job that already has it is returned instead of a second one (idempotency:
    unique key, so two processes enqueueing at once still make one job).
    """
    arguments = normalize_json(kwargs)
    run_after = timezone.now() + delay if delay else None
    in_database = _database_queue()
    fields = {
        "task": background_task.name,
        "kwargs": arguments,
        "key": key,
        "project_id": project_id,
        "max_attempts": background_task.max_attempts,
        "run_after": run_after,
        # The database queue's row is written in this same transaction: handed over for sure.
        "backend_id": IN_DATABASE if in_database else "",
    }
    if key is None:
        job = Job.objects.create(**fields)
    else:
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                job = Job.objects.create(**fields)
        except IntegrityError:
            return Job.objects.get(key=key)
    if in_database:
        # Same database: the queue's row commits (or rolls back) with the job and the caller's data.
        dispatch(job.pk, run_after=run_after, record=False)
    else:
        # Another system (Redis): hand the job over once it exists for the workers to read. If the
        # queue is down, the job stays queued and maintain() hands it over later; never an error here.
        transaction.on_commit(lambda: _dispatch_safely(job.pk, run_after), robust=True)
    return job


#: ``Job.backend_id`` of a job in the database queue (found there by its job id when needed).
IN_DATABASE = "database"


def _database_queue() -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def dispatch(job_id: int, *, run_after: datetime | None = None, record: bool = True) -> None:
    """Hand one job to the queue (the task API); remember that it was handed over."""
    backend = task_backends["default"]
    runner = run_job.using(queue_name=settings.TASK_QUEUE)
    if run_after is not None and run_after > timezone.now():
        if not backend.supports_defer:
            return  # the test-only immediate backend: maintain() hands it over when due
        runner = runner.using(run_after=run_after)
    result = runner.enqueue(job_id=job_id)
    if record:
        Job.objects.filter(
            pk=job_id, backend_id="", status__in=[Job.Status.QUEUED, Job.Status.RETRYING, Job.Status.RUNNING]
        ).update(backend_id=IN_DATABASE if _database_queue() else str(result.id)[:64])


def _dispatch_safely(job_id: int, run_after: datetime | None) -> None:
    try:
        dispatch(job_id, run_after=run_after)
    except Exception:
        logger.exception("could not hand job %s to the queue; a worker will retry in a minute", job_id)


# --- running a job -----------------------------------------------------------------------------------

_current: contextvars.ContextVar[Job | None] = contextvars.ContextVar("secon_current_job", default=None)


def cancel(job_id: int, *, reason: str) -> bool:
    """Stop a job that waits (queued or waiting to retry) from running; True if it was stopped."""
    return bool(
        Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RETRYING]).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), error=reason[:2000]
        )
    )


def retry_now(job_id: int) -> bool:
    """Queue a failed job again with fresh attempts (the admin's "run again"); True if it was failed."""
    with transaction.atomic():
        if not Job.objects.filter(pk=job_id, status=Job.Status.FAILED).update(
            status=Job.Status.QUEUED, attempts=0, run_after=None, finished_at=None, backend_id=""
        ):
            return False
        if _database_queue():
            dispatch(job_id)
        else:
            transaction.on_commit(lambda: _dispatch_safely(job_id, None), robust=True)
    return True


def current_job() -> Job | None:
    """Return the job being run in this thread (its attempts, key …), or None outside a worker."""
    return _current.get()


@task()
def run_job(job_id: int) -> dict:
    """The one task of Django's task API: run a job with retries, idempotency and a lease."""
    # A worker acts for the installation: project-owned records are reachable (django-scopes).
    with scopes_disabled():
        return execute(job_id)


def execute(job_id: int) -> dict:
    """Claim the job (once, atomically), run it while renewing its lease, record the outcome."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return {"job": job_id, "outcome": "missing"}
    declared = TASKS.get(job.task)
    if declared is None:
        Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RETRYING]).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), error=f"unknown task {job.task}"
        )
        logger.error("job %s: unknown task %s", job_id, job.task)
        return {"job": job_id, "outcome": "failed"}
    me = worker_name()
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(
            Q(status__in=[Job.Status.QUEUED, Job.Status.RETRYING])
            | Q(status=Job.Status.RUNNING, lease_until__lt=now)
        )
        .update(
            status=Job.Status.RUNNING,
            attempts=F("attempts") + 1,
            lease_until=now + declared.lease,
            worker=me,
            started_at=now,
        )
    )
    if not claimed:
        # Done already, or another worker holds its lease: a second delivery runs nothing.
        return {"job": job_id, "outcome": "skipped"}
    job.refresh_from_db()
    lock_name = declared.lock
    if lock_name and not acquire_lock(lock_name, holder=f"job:{job.pk}", ttl=declared.lease):
        Job.objects.filter(pk=job.pk, worker=me).update(
            status=Job.Status.SUCCEEDED,
            finished_at=timezone.now(),
            lease_until=None,
            result={"skipped": f"{lock_name} is held by another run"},
        )
        logger.info("job %s skipped: %s is held by another run", job.pk, lock_name)
        return {"job": job_id, "outcome": "skipped"}
    heartbeat = _Heartbeat(job=job, worker=me, lease=declared.lease, lock=lock_name)
    heartbeat.start()
    token = _current.set(job)
    try:
        value = declared.func(**job.kwargs)
    except Exception as error:
        return _record_failure(job=job, declared=declared, error=error, worker=me)
    finally:
        _current.reset(token)
        heartbeat.stop()
        if lock_name:
            release_lock(lock_name, holder=f"job:{job.pk}")
    try:
        stored = normalize_json(value)
    except (TypeError, ValueError):
        stored = repr(value)[:500]
    done = Job.objects.filter(pk=job.pk, worker=me, status=Job.Status.RUNNING).update(
        status=Job.Status.SUCCEEDED,
        finished_at=timezone.now(),
        lease_until=None,
        error="",
        traceback="",
        result=stored,
    )
    if not done:
        logger.warning("job %s finished after its lease had been given to another worker", job.pk)
    return {"job": job_id, "outcome": "succeeded" if done else "lease-lost"}


def backoff_delay(declared: BackgroundTask, attempt: int) -> timedelta:
    """Return the wait before the next attempt: exponential, capped, with ±20 % jitter."""
    base = declared.backoff.total_seconds() * (2 ** max(attempt - 1, 0))
    seconds = min(base, declared.max_backoff.total_seconds()) * random.uniform(0.8, 1.2)
    return timedelta(seconds=seconds)


def _record_failure(*, job: Job, declared: BackgroundTask, error: Exception, worker: str) -> dict:
    message = (f"{type(error).__name__}: {error}".strip())[:2000]
    trace = "".join(traceback.format_exception(error))[-20000:]
    permanent = isinstance(error, PermanentError) or (
        declared.retry_if is not None and not _safe_retry_if(declared, error)
    )
    now = timezone.now()
    if not permanent and job.attempts < job.max_attempts:
        retry_at = now + backoff_delay(declared, job.attempts)
        moved = Job.objects.filter(pk=job.pk, worker=worker, status=Job.Status.RUNNING).update(
            status=Job.Status.RETRYING,
            run_after=retry_at,
            lease_until=None,
            backend_id="",
            error=message,
            traceback=trace,
        )
        logger.warning(
            "job %s (%s) failed, attempt %s of %s, next at %s: %s",
            job.pk,
            declared.name,
            job.attempts,
            job.max_attempts,
            retry_at.isoformat(timespec="seconds"),
            message,
        )
        if moved:
            _notify(declared, job, error, retry_at)
            _dispatch_safely(job.pk, retry_at)
        return {"job": job.pk, "outcome": "retrying"}
    moved = Job.objects.filter(pk=job.pk, worker=worker, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, finished_at=now, lease_until=None, error=message, traceback=trace
    )
    logger.error(
        "job %s (%s) failed for good after %s attempt(s): %s", job.pk, declared.name, job.attempts, message
    )
    if moved:
        _notify(declared, job, error, None)
    return {"job": job.pk, "outcome": "failed"}


def _safe_retry_if(declared: BackgroundTask, error: Exception) -> bool:
    try:
        return bool(declared.retry_if(error))
    except Exception:
        logger.exception("retry_if of %s raised; retrying", declared.name)
        return True


def _notify(declared: BackgroundTask, job: Job, error: BaseException, retry_at: datetime | None) -> None:
    if declared.on_error is None:
        return
    try:
        declared.on_error(job=job, error=error, retry_at=retry_at)
    except Exception:
        logger.exception("on_error of %s raised", declared.name)


class _Heartbeat:
    """Renew a running job's lease (and its lock) until the job ends: a live worker keeps its job."""

    def __init__(self, *, job: Job, worker: str, lease: timedelta, lock: str | None):
        self.job_id, self.worker, self.lease, self.lock = job.pk, worker, lease, lock
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.lease.total_seconds() <= 0:
            return
        self.thread = threading.Thread(target=self._run, name=f"lease-{self.job_id}", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.05)
        try:
            while not self.stopped.wait(interval):
                until = timezone.now() + self.lease
                try:
                    Job.objects.filter(pk=self.job_id, worker=self.worker, status=Job.Status.RUNNING).update(
                        lease_until=until
                    )
                    if self.lock:
                        Lock.objects.filter(name=self.lock, holder=f"job:{self.job_id}").update(
                            expires_at=until
                        )
                except DatabaseError as error:
                    # A busy database ("database is locked") or a dropped connection: try again at the
                    # next beat, as the job itself goes on (a heartbeat that stopped here would let
                    # another worker take over a job that is still running).
                    logger.warning(
                        "could not renew the lease of job %s, trying again: %s", self.job_id, error
                    )
                    connection.close_if_unusable_or_obsolete()
        except Exception:
            logger.exception("could not renew the lease of job %s", self.job_id)
        finally:
            connection.close()
