"""Written procedures: the committee decides between meetings, each seat voting from a page by a deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.validators import DateInRange
from secon.events.validators import validate_time_zone
from secon.governance.enums import ProcedureKind, ProcedureStatus
from secon.governance.models.decisions import Decision
from secon.governance.models.meetings import Committee
from secon.governance.models.minutes import Minutes
from secon.governance.models.votes import Vote
from secon.projects.tenancy import ProjectScopedModel


class WrittenProcedure(ProjectScopedModel):
    """A question put to the seats in writing; its ballots, rule and result are those of its vote."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="procedures"
    )
    vote = models.OneToOneField(
        Vote, verbose_name=_("vote"), on_delete=models.PROTECT, related_name="procedure"
    )
    kind = models.CharField(_("subject"), max_length=16, choices=ProcedureKind.choices)
    title = TranslatedField(_("title"), max_length=250, blank=False)
    draft_text = TranslatedField(_("draft decision"), max_length=10000, multiline=True)
    minutes = models.ForeignKey(
        Minutes,
        verbose_name=_("minutes to approve"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="procedures",
    )
    deadline = models.DateTimeField(_("deadline"), validators=[DateInRange()])
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    tacit_approval = models.BooleanField(
        _("silence counts as approval"),
        default=False,
        help_text=_("A voting seat that has not voted by the deadline counts as a yes."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProcedureStatus.choices, default=ProcedureStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decision = models.OneToOneField(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="procedure",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminders_sent = models.JSONField(_("reminders sent"), default=list, blank=True)

    class Meta:
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        ordering = ["committee", "-opened_at", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="procedure_due_idx")]

    def __str__(self):
        return str(self.title)[:80]
