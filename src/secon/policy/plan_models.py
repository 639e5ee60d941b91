"""Action plans: a partner's plan for its instrument, in versions; actions, what inspired them,
who carries them out, what they cost and who pays, and how far they have come.

Imported by ``models.py`` (one app, its models split by concept).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.events.validators import validate_material
from secon.policy.enums import ActionStatus, PlanStatus
from secon.policy.validators import validate_cost
from secon.projects.tenancy import ProjectScopedModel, scoped_manager


class ActionPlan(ProjectScopedModel):
    """The plan a partner writes to improve its policy instrument; revised in numbered versions."""

    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner"),
        on_delete=models.RESTRICT,
        related_name="action_plans",
    )
    instrument = models.ForeignKey(
        "policy.PolicyInstrument",
        verbose_name=_("policy instrument"),
        on_delete=models.RESTRICT,
        related_name="action_plans",
    )
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, validators=integer_bounds(SMALL_INTEGER_MAX, minimum=1)
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["partner__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["instrument"], name="one_action_plan_per_instrument"),
        ]
        indexes = [models.Index(fields=["project", "partner"], name="actionplan_project_partner_idx")]

    def __str__(self):
        return self.title


class PlanVersion(models.Model):
    """One version of a plan as it was submitted, and who approved it when."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(
        _("version"), validators=integer_bounds(SMALL_INTEGER_MAX, minimum=1)
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_reason = models.TextField(_("returned for changes because"), max_length=2000, blank=True)
    snapshot = models.JSONField(_("actions as submitted"), default=list, editable=False)

    objects = scoped_manager("plan__project")

    class Meta:
        verbose_name = _("action plan version")
        verbose_name_plural = _("action plan versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_row_per_plan_version")]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Action(ProjectScopedModel):
    """One action of a plan: what, why, when, at what cost, and where it stands."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("what"), max_length=250)
    rationale = models.TextField(_("why"), max_length=5000, blank=True)
    start_month = models.DateField(_("start month"), null=True, blank=True, validators=[DateInRange()])
    end_month = models.DateField(_("end month"), null=True, blank=True, validators=[DateInRange()])
    cost = models.DecimalField(
        _("cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[validate_cost]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True, validators=[DateInRange()])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True)
                | models.Q(start_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="action_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0, cost__lte=1_000_000_000),
                name="action_cost_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "status"], name="action_plan_status_idx"),
            models.Index(fields=["project", "status", "implemented_on"], name="action_status_done_idx"),
        ]

    def __str__(self):
        return self.title


class ActionPlayer(models.Model):
    """Who takes part in an action and in what role: an organisation of the hub, or a name."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="players"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200)

    objects = scoped_manager("action__project")

    class Meta:
        verbose_name = _("player")
        verbose_name_plural = _("players")
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(name=""),
                name="player_is_organisation_or_name",
            )
        ]

    def __str__(self):
        return str(self.organisation or self.name)


class ActionInspiration(models.Model):
    """A good practice that inspired an action (of any project in the hub that published it)."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="inspirations"
    )
    practice = models.ForeignKey(
        "practices.GoodPractice",
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="inspired_actions",
    )
    note = models.CharField(_("what was taken from it"), max_length=500, blank=True)

    objects = scoped_manager("action__project")

    class Meta:
        verbose_name = _("inspiring practice")
        verbose_name_plural = _("inspiring practices")
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "practice"], name="one_link_per_action_practice")
        ]

    def __str__(self):
        return f"{self.practice_id} → {self.action_id}"


class ActionFunding(models.Model):
    """A source that pays for an action: a policy instrument of the project, or another named source."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="funding"
    )
    instrument = models.ForeignKey(
        "policy.PolicyInstrument",
        verbose_name=_("policy instrument"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="funded_actions",
    )
    source = models.CharField(_("other source"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[validate_cost]
    )

    objects = scoped_manager("action__project")

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(instrument__isnull=False) | ~models.Q(source=""),
                name="funding_is_instrument_or_source",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0, amount__lte=1_000_000_000),
                name="funding_amount_in_range",
            ),
        ]

    def __str__(self):
        return str(self.instrument or self.source)


class ProgressNote(models.Model):
    """A dated note on how an action progresses, with the status it reached and its evidence."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("progress"), max_length=5000)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices)
    evidence = models.FileField(
        _("evidence"),
        upload_to="policy/progress/%Y/",
        validators=[validate_material],
        blank=True,
        help_text=_("PDF, office document or image, at most 20 MB."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = scoped_manager("action__project")

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["action", "created_at", "pk"]

    def __str__(self):
        return f"{self.action_id}: {self.get_status_display()}"


class ActionTransfer(models.Model):
    """A transfer of the practices library that led to an action (the link lives here: policy is above)."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="transfer_links"
    )
    transfer = models.ForeignKey(
        "practices.Transfer",
        verbose_name=_("transfer"),
        on_delete=models.CASCADE,
        related_name="action_links",
    )
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    objects = scoped_manager("action__project")

    class Meta:
        verbose_name = _("transfer behind an action")
        verbose_name_plural = _("transfers behind actions")
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "transfer"], name="one_link_per_action_transfer")
        ]

    def __str__(self):
        return f"{self.transfer_id} → {self.action_id}"


class StakeholderMeeting(ProjectScopedModel):
    """A meeting of an instrument's stakeholder group: an event of the kind "stakeholder group meeting"."""

    instrument = models.ForeignKey(
        "policy.PolicyInstrument",
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="stakeholder_meeting"
    )
    instruments = models.ManyToManyField(
        "policy.PolicyInstrument",
        verbose_name=_("instruments discussed"),
        blank=True,
        related_name="discussed_at",
        help_text=_("The policy instruments on the meeting's agenda (the group's own, and others)."),
    )
    invited = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations invited"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("stakeholder group meeting")
        verbose_name_plural = _("stakeholder group meetings")
        ordering = ["instrument", "pk"]

    def __str__(self):
        return str(self.event)
