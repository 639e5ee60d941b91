"""Background work: Django's task API (the django-tasks backport) plus what it lacks, added once here.

Apps declare work with :func:`background` and enqueue it from their services::

    @background(max_attempts=5, retry_if=is_transient)
    def send_email(*, email_id: int) -> None: ...

    send_email.enqueue(email_id=email.pk, key=f"email:{email.pk}")

``enqueue`` writes a :class:`~secon.core.models.Job` row in the caller's transaction and hands its
id to the queue — django-tasks' database backend (``SECON_TASKS_URL=database:``, the default) or
Redis through RQ — so a request that rolls back leaves no job behind and one that commits never
loses its job. Every job runs through one task of the task API, :func:`run_job`, which adds:

- **retries with exponential backoff**: a failure is retried after ``backoff × 2^(attempt-1)``
  (capped, ±20 % jitter) until ``max_attempts``; :class:`PermanentError`, or an error for which the
  task's ``retry_if`` says no (an SMTP 5xx), fails the job at once;
- **idempotency**: a job's ``key`` is unique, so a second enqueue with the same key returns the
  first job; and a job is *claimed* by one atomic ``UPDATE … WHERE status IN (queued, retrying)``
  before it runs, so a job handed to the queue twice (or retried while running) runs once;
- **leases**: a running job holds a lease (``lease``, renewed by a heartbeat while it runs); a job
  whose worker was killed is put back in the queue once its lease has expired (:func:`maintain`);
- **recurring jobs** (:func:`recurring`): each occurrence is enqueued once, whatever the number of
  workers, and runs under a lock so that two occurrences never overlap (single runner);
- **pruning**: finished jobs older than ``SECON_TASKS_KEEP_DAYS`` are deleted every night.

Workers (``secon worker``, and the one ``secon serve`` starts) run :func:`maintain` every few
seconds beside the queue's own loop; see :mod:`secon.core.worker`.
"""

from secon.core.tasks.jobs import (
    IN_DATABASE,
    TASKS,
    BackgroundTask,
    PermanentError,
    background,
    backoff_delay,
    cancel,
    current_job,
    dispatch,
    enqueue,
    execute,
    retry_now,
    run_job,
    worker_name,
)
from secon.core.tasks.locks import acquire_lock, locked, release_lock
from secon.core.tasks.schedule import (
    SCHEDULE,
    Recurring,
    dispatch_orphans,
    enqueue_due_recurring,
    maintain,
    prune_finished_tasks,
    reap_expired_leases,
    recurring,
)

__all__ = [
    "IN_DATABASE",
    "SCHEDULE",
    "TASKS",
    "BackgroundTask",
    "PermanentError",
    "Recurring",
    "acquire_lock",
    "background",
    "backoff_delay",
    "cancel",
    "current_job",
    "dispatch",
    "dispatch_orphans",
    "enqueue",
    "enqueue_due_recurring",
    "execute",
    "locked",
    "maintain",
    "prune_finished_tasks",
    "reap_expired_leases",
    "recurring",
    "release_lock",
    "retry_now",
    "run_job",
    "worker_name",
]
