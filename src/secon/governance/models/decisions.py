"""The register of decisions: numbered without gaps, never deleted, never renumbered."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.validators import DateInRange
from secon.governance.enums import DecisionStatus
from secon.governance.models.meetings import AgendaItem, Committee, Meeting
from secon.governance.models.votes import Vote
from secon.projects.tenancy import ProjectScopedModel


class NumberSeries(ProjectScopedModel):
    """The counter of one numbering series (``SC3`` for meeting 3, ``WP-2025`` for 2025's procedures).

    The row is locked while a number is taken, in the transaction that saves the decision: a
    failed save gives the number back, so the series has no gaps.
    """

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("series"), max_length=40)
    last = models.PositiveSmallIntegerField(_("last number"), default=0, validators=[MaxValueValidator(9999)])

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [models.UniqueConstraint(fields=["committee", "key"], name="one_series_per_key")]

    def __str__(self):
        return self.key


class Decision(ProjectScopedModel):
    """A decision of the committee, taken at a meeting or by written procedure."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="decisions"
    )
    number = models.CharField(_("number"), max_length=40)
    series = models.ForeignKey(
        NumberSeries, verbose_name=_("series"), on_delete=models.RESTRICT, related_name="decisions"
    )
    sequence = models.PositiveSmallIntegerField(
        _("number in the series"), validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="decisions",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    vote = models.OneToOneField(
        Vote,
        verbose_name=_("vote"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="decision",
    )
    title = TranslatedField(_("title"), max_length=250, blank=False)
    text = TranslatedField(_("text"), max_length=10000, blank=False, multiline=True)
    decided_on = models.DateField(_("decided on"), validators=[DateInRange()])
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.IN_FORCE
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="supersedes",
    )
    status_note = models.TextField(_("reason for the change of status"), max_length=2000, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown on the project's public register; otherwise confidential."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["committee", "decided_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="decision_numbers_unique"),
            models.UniqueConstraint(fields=["series", "sequence"], name="decision_sequence_unique"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"
