"""Policy instruments and the history of their status."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.models import StatusStep
from secon.core.validators import DateInRange
from secon.events.validators import validate_material
from secon.policy.enums import ImprovementKind, InstrumentKind, InstrumentStatus
from secon.projects.tenancy import ProjectScopedModel


class PolicyInstrument(ProjectScopedModel):
    """A regional programme, law or strategy that one partner region sets out to improve."""

    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner"),
        on_delete=models.RESTRICT,  # a partner with instruments stays; its project deletes both
        related_name="policy_instruments",
    )
    name = TranslatedField(_("name"), max_length=250, blank=False)
    kind = models.CharField(_("kind"), max_length=16, choices=InstrumentKind.choices)
    managing_body = models.CharField(_("managing body"), max_length=200)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    funds = models.CharField(
        _("funds"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the ERDF or ESF+ programme that finances it."),
    )
    description = TranslatedField(_("description"), max_length=5000, multiline=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InstrumentStatus.choices, default=InstrumentStatus.IDENTIFIED
    )
    improvement = models.CharField(
        _("kind of improvement"), max_length=16, choices=ImprovementKind.choices, blank=True
    )
    not_improved_reason = models.TextField(_("why it was not improved"), max_length=2000, blank=True)
    evidence = models.FileField(
        _("evidence of the change"),
        upload_to="policy/evidence/%Y/",
        validators=[validate_material],
        blank=True,
        help_text=_("The adopted text or decision: PDF, office document or image, at most 20 MB."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, validators=[DateInRange()])
    adopted_by = models.CharField(_("adopting body"), max_length=200, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the project's public pages.")
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Example data, not taken from the public record.")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("policy instrument")
        verbose_name_plural = _("policy instruments")
        ordering = ["partner__number", "pk"]

    def __str__(self):
        return str(self.name)


class StatusChange(StatusStep, ProjectScopedModel):
    """One step of an instrument's status: who, when, from what to what, and why."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    from_status = models.CharField(_("from"), max_length=16, choices=InstrumentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=InstrumentStatus.choices)
    is_reopening = models.BooleanField(_("reopened"), default=False)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["instrument", "at", "pk"]


class StakeholderMember(ProjectScopedModel):
    """A member of the instrument's regional stakeholder group: an organisation, a person, or both."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="stakeholders",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("role in the group"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("stakeholder group member")
        verbose_name_plural = _("stakeholder group members")
        ordering = ["instrument", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="stakeholder_is_organisation_or_person",
            )
        ]

    def __str__(self):
        return str(self.organisation or self.person)


from secon.policy.plan_models import (  # noqa: E402, F401  (the app's other models, split by concept)
    Action,
    ActionFunding,
    ActionInspiration,
    ActionPlan,
    ActionPlayer,
    ActionTransfer,
    PlanVersion,
    ProgressNote,
    StakeholderMeeting,
)
