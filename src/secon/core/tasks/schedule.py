"""Recurring jobs (each occurrence once, never two at once) and the upkeep: leases, orphans, pruning."""

import contextlib
import dataclasses
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from django_scopes import scopes_disabled
from django_tasks.utils import normalize_json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from secon.core.models import Job, Lock, RecurringJob
from secon.core.tasks.jobs import (
    ORPHAN_GRACE,
    TASKS,
    BackgroundTask,
    _database_queue,
    _dispatch_safely,
    _notify,
    background,
)

logger = logging.getLogger("secon.tasks")

# --- recurring jobs ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Recurring:
    """A job enqueued at fixed times: every ``every``, at ``offset`` past the epoch's multiples (UTC)."""

    name: str
    task_name: str
    every: timedelta
    offset: timedelta
    kwargs: dict

    def next_after(self, moment: datetime) -> datetime:
        """Return the first occurrence strictly after ``moment``."""
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        elapsed = (moment - epoch - self.offset).total_seconds()
        step = self.every.total_seconds()
        count = int(elapsed // step) + 1
        return epoch + self.offset + timedelta(seconds=count * step)


#: Every recurring job, by name (apps declare theirs with :func:`recurring`).
SCHEDULE: dict[str, Recurring] = {}


def recurring(name: str, *, every: timedelta, offset: timedelta = timedelta(0), **kwargs: Any):
    """Enqueue the decorated background task every ``every`` (e.g. daily at 03:00 UTC: offset 3 h).

    Its occurrences never overlap: the task runs under the lock ``recurring:<name>``.
    """
    if every.total_seconds() <= 0:
        raise ImproperlyConfigured(f"{name}: every must be positive")

    def decorate(declared: BackgroundTask) -> BackgroundTask:
        locked_task = dataclasses.replace(declared, lock=declared.lock or f"recurring:{name}")
        TASKS[locked_task.name] = locked_task
        SCHEDULE[name] = Recurring(
            name=name, task_name=locked_task.name, every=every, offset=offset, kwargs=normalize_json(kwargs)
        )
        return locked_task

    return decorate


def enqueue_due_recurring(now: datetime | None = None) -> list[Job]:
    """Enqueue the occurrences that are due; each once, however many workers call this at once."""
    now = now or timezone.now()
    known = set(RecurringJob.objects.filter(name__in=SCHEDULE).values_list("name", flat=True))
    for name, definition in SCHEDULE.items():
        if name not in known:
            with contextlib.suppress(IntegrityError), transaction.atomic():
                RecurringJob.objects.create(name=name, next_run_at=definition.next_after(now))
    enqueued = []
    for row in RecurringJob.objects.filter(name__in=SCHEDULE, next_run_at__lte=now):
        definition = SCHEDULE[row.name]
        following = definition.next_after(now)
        with transaction.atomic():
            # Compare-and-set on the due time: of the workers that saw it due, one moves it on.
            if not RecurringJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=following, last_run_at=now
            ):
                continue
            enqueued.append(
                TASKS[definition.task_name].enqueue(
                    key=f"recurring:{row.name}:{row.next_run_at.isoformat()}", **definition.kwargs
                )
            )
    return enqueued


# --- upkeep: leases, orphans, pruning ----------------------------------------------------------------


def reap_expired_leases(now: datetime | None = None) -> int:
    """Give the jobs whose worker stopped (lease expired) back to the queue, or fail them."""
    now = now or timezone.now()
    count = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING, lease_until__lt=now)[:200]:
        final = job.attempts >= job.max_attempts
        message = "the worker running it stopped before it finished (its lease expired)"
        moved = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, lease_until__lt=now).update(
            status=Job.Status.FAILED if final else Job.Status.QUEUED,
            lease_until=None,
            worker="",
            backend_id="",
            error=message,
            finished_at=now if final else None,
        )
        if not moved:
            continue
        count += 1
        _close_abandoned_queue_entry(job.pk)
        declared = TASKS.get(job.task)
        if final:
            logger.error("job %s failed for good: %s", job.pk, message)
            if declared is not None:
                _notify(declared, job, RuntimeError(message), None)
        else:
            logger.warning("job %s: %s; queued again", job.pk, message)
            _dispatch_safely(job.pk, None)
    return count


def _close_abandoned_queue_entry(job_id: int) -> None:
    """Mark the database queue's row of a killed attempt failed (it would stay RUNNING forever)."""
    if not _database_queue():
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="RUNNING", args_kwargs__kwargs__job_id=job_id).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="secon.core.tasks.LeaseExpired",
        traceback="The worker running this task stopped; the job was queued again.",
    )


def dispatch_orphans(now: datetime | None = None) -> int:
    """Hand over the jobs that were never handed to the queue (it was down when they committed)."""
    now = now or timezone.now()
    orphans = Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RETRYING], backend_id="").annotate(
        due=Coalesce("run_after", "created_at")
    )
    count = 0
    for job_id in orphans.filter(due__lt=now - ORPHAN_GRACE).values_list("pk", flat=True)[:500]:
        _dispatch_safely(job_id, None)
        count += 1
    return count


def maintain(now: datetime | None = None) -> dict:
    """One round of upkeep (every worker runs it every few seconds; each step is safe to race)."""
    with scopes_disabled():
        return _maintain(now)


def _maintain(now: datetime | None) -> dict:
    return {
        "recurring": len(enqueue_due_recurring(now)),
        "reaped": reap_expired_leases(now),
        "orphans": dispatch_orphans(now),
    }


@recurring("core.prune-finished-tasks", every=timedelta(days=1), offset=timedelta(hours=3, minutes=17))
@background(max_attempts=3)
def prune_finished_tasks(*, days: int | None = None) -> dict:
    """Delete finished jobs (and the queue's finished rows) older than ``SECON_TASKS_KEEP_DAYS``."""
    keep = days if days is not None else settings.TASKS_KEEP_DAYS
    cutoff = timezone.now() - timedelta(days=keep)
    jobs, _ = Job.objects.filter(
        status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED], finished_at__lt=cutoff
    ).delete()
    from django_tasks_db.models import DBTaskResult

    queue_rows, _ = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    Lock.objects.filter(expires_at__lt=cutoff).delete()
    return {"jobs": jobs, "queue_rows": queue_rows}
