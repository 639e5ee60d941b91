from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.validators import integer_bounds
from secon.projects.tenancy import ProjectScopedModel


class Email(ProjectScopedModel):
    """One e-mail to one person: rendered and sent by a worker, in the person's language.

    The row is the e-mail's idempotency record: a worker claims it (queued → sending, with its
    ``claim``) in one atomic update, writes ``handed_over_at`` just before it talks to the mail
    server, and marks it sent afterwards, so a second delivery of the same job, a retry after the
    database was busy, or a second "send again", never sends it twice: an e-mail handed over whose
    outcome was not recorded is never sent again by a worker (see :mod:`secon.mail.tasks`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("e-mail status", "waiting to be sent")
        SENDING = "sending", pgettext_lazy("e-mail status", "being sent")
        FAILING = "failing", pgettext_lazy("e-mail status", "not sent yet, will be tried again")
        FAILED = "failed", pgettext_lazy("e-mail status", "failed")
        SENT = "sent", pgettext_lazy("e-mail status", "sent")
        DROPPED = "dropped", pgettext_lazy("e-mail status", "no longer needed")
        #: Not sent: the address hard-bounced or its owner complained (see :class:`Suppression`).
        SUPPRESSED = (
            "suppressed",
            pgettext_lazy("e-mail status", "suppressed (the address bounced or complained)"),
        )

    class KnownError(models.TextChoices):
        """What the workers themselves record as an e-mail's error: a stable code in ``error``, shown
        in the reader's language (:attr:`known_error`). Other errors are the mail server's or the
        program's own words (``Type: message``) and are shown as they are."""

        UNKNOWN_OUTCOME = (
            "unknown-outcome",
            _(
                "The worker stopped after handing this e-mail to the mail server, before it could "
                "record the outcome: it may have been sent. It was not sent again automatically."
            ),
        )
        #: Left "being sent" by stopped workers, before the hand-over, more often than the upkeep
        #: queues an e-mail again (``mail.upkeep.STUCK_REQUEUES``).
        STUCK = (
            "stuck",
            _(
                "Workers stopped while sending this e-mail, before handing it to the mail server, "
                "too many times: it was not sent and will not be tried again automatically. Send it "
                "again once the workers run normally."
            ),
        )

    #: Errors stored as English text before the codes (read as their code).
    LEGACY_ERRORS = {
        "The worker stopped after handing this e-mail to the mail server, before it could record the "
        "outcome: it may have been sent. It was not sent again automatically.": KnownError.UNKNOWN_OUTCOME,
    }

    kind = models.CharField(_("kind"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    recipient = models.EmailField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0, validators=integer_bounds())
    resends = models.PositiveIntegerField(_("sent again by hand"), default=0, validators=integer_bounds())
    #: How often the upkeep queued it again after a stopped worker left it "being sent" (since it was
    #: last sent again by hand); capped by ``mail.upkeep.STUCK_REQUEUES``.
    stuck_requeues = models.PositiveIntegerField(
        _("queued again after a stopped worker"), default=0, validators=integer_bounds()
    )
    error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    #: Who holds the claim: ``job:<job id>:<attempt>`` (a retry of the same job may take it over).
    claim = models.CharField(_("claimed by"), max_length=64, blank=True)
    handed_over_at = models.DateTimeField(_("handed to the mail server"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["project", "status"], name="mail_email_status_idx"),
            # The upkeep's search for e-mails left "being sent" (mail/upkeep.py).
            models.Index(fields=["status", "claimed_at"], name="mail_email_claimed_idx"),
        ]

    def __str__(self):
        return f"{self.subject or self.kind} → {self.recipient}"

    @property
    def may_be_sent_again(self) -> bool:
        return self.status in (self.Status.FAILING, self.Status.FAILED)

    @property
    def known_error(self) -> "Email.KnownError | None":
        """The error the workers recorded as a code (its ``label`` in the reader's language), or None."""
        if self.error in self.KnownError.values:
            return self.KnownError(self.error)
        return self.LEGACY_ERRORS.get(self.error)

    @property
    def error_text(self) -> str:
        """The error as a reader sees it: a known error in their language, any other as it was stored."""
        known = self.known_error
        return str(known.label) if known is not None else self.error


class Suppression(models.Model):
    """An address that hard-bounced or whose owner marked our mail as spam, for every project alike.

    While it stands (``lifted_at`` empty), the address gets only the e-mails a person needs for what
    they are doing themselves at that moment (see :mod:`secon.mail.suppression`); every other e-mail
    to it is recorded with the status "suppressed" and not sent. One row per address (lower-cased):
    a coordinator may lift it with a reason (audited); a later bounce or complaint suppresses it again.
    """

    class Reason(models.TextChoices):
        BOUNCE = "bounce", pgettext_lazy("suppression reason", "hard bounce")
        COMPLAINT = "complaint", pgettext_lazy("suppression reason", "complaint (marked as spam)")
        #: Newsletter subscriptions suppressed before bounces and complaints were told apart.
        EITHER = "either", pgettext_lazy("suppression reason", "bounce or complaint")

    address = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    suppressed_at = models.DateTimeField(_("suppressed since"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField(_("why it was lifted"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-suppressed_at", "address"]

    def __str__(self):
        return self.address

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
