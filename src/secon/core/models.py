from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.validators import BIG_INTEGER_MAX, integer_bounds


class StatusStep(models.Model):
    """One move of a record between statuses: who, when and why.

    A subclass adds the record it moves and ``from_status``/``to_status`` with its own choices.
    """

    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class AuditEntry(models.Model):
    """One change to a record: who did what, when, and the values before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A plain number, not a foreign key: the log outlives the project and must not depend on it.
    project_id = models.BigIntegerField(
        _("project"), null=True, blank=True, db_index=True, validators=integer_bounds(BIG_INTEGER_MAX)
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64)
    object_repr = models.CharField(_("record name"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class Job(models.Model):
    """One piece of background work and its fate: what `secon.core.tasks` adds to Django's task API.

    The queue (database or Redis) carries only the job's id; this row holds its arguments, its
    idempotency key (unique: a second enqueue with the same key returns the first job), its attempts
    and backoff, and the lease of the worker running it (a job whose lease expires is given to
    another worker).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("task status", "queued")
        RUNNING = "running", pgettext_lazy("task status", "running")
        RETRYING = "retrying", pgettext_lazy("task status", "waiting to retry")
        SUCCEEDED = "succeeded", pgettext_lazy("task status", "done")
        FAILED = "failed", pgettext_lazy("task status", "failed")

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True, null=True, blank=True)
    # A plain number, not a foreign key: core knows no projects (the audit log does the same).
    project_id = models.BigIntegerField(
        _("project"), null=True, blank=True, db_index=True, validators=integer_bounds(BIG_INTEGER_MAX)
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0, validators=integer_bounds())
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=5, validators=integer_bounds())
    run_after = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    backend_id = models.CharField(_("queue id"), max_length=64, blank=True)
    error = models.TextField(_("last error"), blank=True)
    traceback = models.TextField(_("traceback"), blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "lease_until"], name="core_job_lease_idx"),
            models.Index(fields=["status", "finished_at"], name="core_job_finished_idx"),
        ]

    def __str__(self):
        return f"{self.task.rsplit('.', 1)[-1]} #{self.pk} ({self.get_status_display()})"


class RecurringJob(models.Model):
    """The state of a recurring job declared in code: when its next occurrence is due."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        verbose_name = _("recurring task")
        verbose_name_plural = _("recurring tasks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Lock(models.Model):
    """A named lock held until it expires (renewed while its holder works): one runner at a time."""

    name = models.CharField(_("name"), max_length=200, primary_key=True)
    holder = models.CharField(_("holder"), max_length=100)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("lock")
        verbose_name_plural = _("locks")

    def __str__(self):
        return self.name


class ImportKey(models.Model):
    """Which record an item of an imported file became, under the source's own id (a GUID …).

    Importing the same file again finds its records here and changes nothing (the fingerprint of
    the item's values tells whether it changed); a removed item is found by what is missing.
    """

    source = models.CharField(_("source"), max_length=32)
    #: What the import went into, e.g. ``event:12`` or ``project:3``.
    scope = models.CharField(_("imported into"), max_length=80)
    model = models.CharField(_("record type"), max_length=100)
    external_id = models.CharField(_("id in the source"), max_length=200)
    object_id = models.BigIntegerField(_("record"), validators=integer_bounds(BIG_INTEGER_MAX))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "scope", "model", "external_id"], name="one_record_per_imported_item"
            ),
        ]

    def __str__(self):
        return f"{self.source}:{self.external_id} → {self.model}#{self.object_id}"
