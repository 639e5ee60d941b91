"""The upkeep of e-mails left "being sent" by a job that can no longer take them up again.

An e-mail job whose last attempt failed while the database was still busy (its failure handler
could not write), or whose worker stopped on its last attempt, leaves its e-mail "being sent" with
no job to finish it, and coordinators would not see it among the undelivered. Every five minutes
:func:`settle_stuck_emails` looks at the e-mails "being sent" for longer than
:data:`~secon.mail.tasks.SENDING_LEASE` whose claiming job is no longer queued, waiting or running:

- not handed to the mail server: queued again through :func:`~secon.mail.tasks.deliver_email`,
  once per stuck claim (the job's idempotency key names the claim), at most :data:`STUCK_REQUEUES`
  times per e-mail (``Email.stuck_requeues``; "send again" by hand starts the count anew): stuck
  once more, it fails for good with a stored error a coordinator sees among the undelivered
  e-mails (``Email.KnownError.STUCK``), instead of being queued again at every run;
- handed over, and its job knew the server took it (``SentButNotRecorded``): recorded as sent;
- handed over with no recorded outcome: failed, saying it may have been sent
  (:data:`~secon.mail.tasks.UNKNOWN_OUTCOME`); a coordinator decides whether to send it again.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from secon.core.models import Job
from secon.core.tasks import background, recurring
from secon.mail.models import Email
from secon.mail.tasks import (
    SENDING_LEASE,
    SentButNotRecorded,
    deliver_email,
    record_failed,
    record_sent,
    record_unknown_outcome,
)

logger = logging.getLogger("secon.mail")

#: At most this many stuck e-mails are settled by one run (the next run takes the rest).
STUCK_BATCH = 200
#: An e-mail not yet handed over is queued again at most this many times after being left "being
#: sent" (each time with a new job's six attempts); stuck once more, it fails for good.
STUCK_REQUEUES = 3
_LIVE = [Job.Status.QUEUED, Job.Status.RETRYING, Job.Status.RUNNING]


@recurring("mail.settle-stuck-emails", every=timedelta(minutes=5), offset=timedelta(minutes=2))
@background(max_attempts=3)
def settle_stuck_emails(*, limit: int = STUCK_BATCH) -> dict:
    """Queue again, or settle, the e-mails a stopped or failed job left "being sent"."""
    return settle_stuck(now=timezone.now(), limit=limit)


def settle_stuck(*, now: datetime, limit: int = STUCK_BATCH) -> dict:
    """Settle up to ``limit`` e-mails claimed before ``now`` minus the lease; return counts by outcome.

    Not handed over: queued again, or failed once it was queued again :data:`STUCK_REQUEUES` times
    already. Handed over by a job that knew it was sent: recorded as sent.
    Handed over otherwise: failed with an unknown outcome. A live job keeps its e-mail.
    """
    cutoff = now - SENDING_LEASE
    stuck = list(
        Email.objects.filter(status=Email.Status.SENDING, claimed_at__lt=cutoff)
        .order_by("claimed_at")
        .values_list("pk", "project_id", "claim", "handed_over_at", "stuck_requeues")[:limit]
    )
    claimers = {job_id for _, _, claim, *_ in stuck if (job_id := _job_of(claim)) is not None}
    jobs = {
        pk: (status, error)
        for pk, status, error in Job.objects.filter(pk__in=claimers).values_list("pk", "status", "error")
    }
    counts = {"queued": 0, "failed": 0, "sent": 0, "unknown": 0, "live": 0}
    for email_id, project_id, claim, handed_over_at, requeues in stuck:
        status, error = jobs.get(_job_of(claim), ("", ""))
        if status in _LIVE:
            counts["live"] += 1  # its job takes it up again (a retry, or after its lease expires)
            continue
        # Compare-and-set on the claim: a worker that took the e-mail meanwhile keeps it.
        rows = Email.objects.filter(
            pk=email_id, status=Email.Status.SENDING, claim=claim, claimed_at__lt=cutoff
        )
        if handed_over_at is None and requeues >= STUCK_REQUEUES:
            if record_failed(rows.filter(handed_over_at__isnull=True), error=Email.KnownError.STUCK):
                counts["failed"] += 1
                logger.error(
                    "e-mail %s was left being sent by %s after being queued again %s times; failed",
                    email_id,
                    claim or "?",
                    requeues,
                )
        elif handed_over_at is None:
            with transaction.atomic():
                if rows.filter(handed_over_at__isnull=True).update(
                    status=Email.Status.QUEUED,
                    claimed_at=None,
                    claim="",
                    next_attempt_at=None,
                    stuck_requeues=F("stuck_requeues") + 1,
                ):
                    deliver_email.enqueue(
                        email_id=email_id, project_id=project_id, key=f"email:{email_id}:stuck:{claim}"
                    )
                    counts["queued"] += 1
                    logger.warning(
                        "e-mail %s was left being sent by %s; queued again", email_id, claim or "?"
                    )
        elif error.startswith(SentButNotRecorded.__name__):
            counts["sent"] += record_sent(rows, sent_at=handed_over_at)
        elif record_unknown_outcome(rows):
            counts["unknown"] += 1
            logger.error(
                "e-mail %s: handed over by %s, which stopped; not sent again", email_id, claim or "?"
            )
    return counts


def _job_of(claim: str) -> int | None:
    """The job id of a claim ``job:<id>:<attempt>`` (None for a direct call's claim)."""
    kind, _, rest = claim.partition(":")
    job_id = rest.partition(":")[0]
    return int(job_id) if kind == "job" and job_id.isdigit() else None
