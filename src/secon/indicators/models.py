"""Targets, project-defined indicators with their values, and each period's report with its locked figures.

The indicators computed from the records are defined in code (:mod:`secon.indicators.registry`);
only their targets are stored. A period's report is keyed by the period's number, not by the
``projects.Period`` row: periods are derived again from the project's dates, and a locked figure
must outlive any such change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.models import StatusStep
from secon.core.validators import SMALL_INTEGER_MAX, integer_bounds
from secon.events.validators import validate_material
from secon.indicators.enums import PeriodStatus, ReopenScope, Unit
from secon.projects.tenancy import ProjectScopedModel

#: The largest figure an indicator may have (or a target): a billion is far beyond any project.
MAX_FIGURE = 1_000_000_000
CODE_RULE = RegexValidator(
    r"^[a-z][a-z0-9-]{1,39}$",
    _("Use 2 to 40 lower-case letters, digits and hyphens, starting with a letter."),
)


def figure_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_FIGURE)],
        **kwargs,
    )


class Target(ProjectScopedModel):
    """What the project set out to reach for one indicator (built-in or its own) by its end."""

    code = models.CharField(_("indicator"), max_length=40, validators=[CODE_RULE])
    value = figure_field(_("target"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["project", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="one_target_per_indicator")]

    def __str__(self):
        return f"{self.code}: {self.value}"


class CustomIndicator(ProjectScopedModel):
    """An indicator the project defines itself; its figures are typed per period, with their source."""

    code = models.CharField(_("code"), max_length=40, validators=[CODE_RULE])
    name = TranslatedField(_("name"), max_length=200, blank=False)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.OTHER)
    description = TranslatedField(_("how it is counted"), max_length=2000, multiline=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("project indicator")
        verbose_name_plural = _("project indicators")
        ordering = ["project", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="unique_custom_indicator_code")
        ]

    def __str__(self):
        return self.code


class ManualValue(ProjectScopedModel):
    """The figure of a project-defined indicator in one period, with where it comes from."""

    indicator = models.ForeignKey(
        CustomIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    number = models.PositiveSmallIntegerField(
        _("period"), validators=integer_bounds(SMALL_INTEGER_MAX, minimum=1)
    )
    value = figure_field(_("value"))
    source = models.CharField(_("source"), max_length=300)
    evidence = models.FileField(
        _("evidence"),
        upload_to="indicators/evidence/%Y/",
        validators=[validate_material],
        blank=True,
        help_text=_("A document that backs the figure: PDF, office document or image, at most 20 MB."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "number"]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="one_value_per_period")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class PeriodReport(ProjectScopedModel):
    """The report of one reporting period: where it stands, its text, and (once locked) its figures."""

    number = models.PositiveSmallIntegerField(
        _("period"), validators=integer_bounds(SMALL_INTEGER_MAX, minimum=1)
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    reopen_scope = models.CharField(_("reopened for"), max_length=8, choices=ReopenScope.choices, blank=True)
    summary = models.TextField(
        _("summary of the period"),
        max_length=10000,
        blank=True,
        help_text=_("What the partnership did in the period, as the progress report tells it."),
    )
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_report_per_period")]

    def __str__(self):
        return _("Report of period %(number)s") % {"number": self.number}

    @property
    def figures_locked(self) -> bool:
        """The figures stand as stored: reported, or reopened for its texts only."""
        return self.status == PeriodStatus.REPORTED or (
            self.status == PeriodStatus.REOPENED and self.reopen_scope == ReopenScope.TEXT
        )

    @property
    def text_editable(self) -> bool:
        return self.status != PeriodStatus.REPORTED


class PeriodStep(StatusStep, ProjectScopedModel):
    """One move of a period's report: who, when, from what to what, and why."""

    report = models.ForeignKey(
        PeriodReport, verbose_name=_("period report"), on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=PeriodStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=PeriodStatus.choices)
    reopen_scope = models.CharField(_("reopened for"), max_length=8, choices=ReopenScope.choices, blank=True)
    replaced_figures = models.JSONField(
        _("figures replaced"),
        default=dict,
        blank=True,
        help_text=_("When reopened in full: each figure as it was locked (value, SHA-256 of its records)."),
    )

    class Meta:
        verbose_name = _("period step")
        verbose_name_plural = _("period steps")
        ordering = ["report", "at", "pk"]


class LockedFigure(ProjectScopedModel):
    """An indicator's figure as reported for a period: the value, the records behind it and their digest."""

    report = models.ForeignKey(
        PeriodReport, verbose_name=_("period report"), on_delete=models.CASCADE, related_name="figures"
    )
    code = models.CharField(_("indicator"), max_length=40)
    value = figure_field(_("this period"))
    record_ids = models.JSONField(_("records"), default=list)
    late_ids = models.JSONField(
        _("late additions"),
        default=list,
        help_text=_("Records dated in an earlier, already reported period."),
    )
    digest = models.CharField(_("SHA-256 of the records"), max_length=64)
    partner_ids = models.JSONField(
        _("records per partner"),
        null=True,
        blank=True,
        help_text=_(
            "Each partner's records in the figure, as its partner report showed them when locked: "
            "{partner id: [record ids]}. Empty for figures locked before it was stored."
        ),
    )
    target = figure_field(_("target"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked"), auto_now_add=True)

    class Meta:
        verbose_name = _("locked figure")
        verbose_name_plural = _("locked figures")
        ordering = ["report", "code"]
        constraints = [models.UniqueConstraint(fields=["report", "code"], name="one_figure_per_indicator")]

    def __str__(self):
        return f"{self.code}: {self.value}"
