import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.projects.enums import PhaseKind
from secon.projects.validators import validate_content_languages, validate_project_slug


def default_content_languages():
    return ["en"]


class Project(models.Model):
    """A cooperation project: the tenant every domain record belongs to."""

    slug = models.SlugField(
        _("address name"),
        max_length=50,
        unique=True,
        validators=[validate_project_slug],
        help_text=_("Used in the project's web addresses, e.g. “secon”."),
    )
    acronym = models.CharField(_("acronym"), max_length=30)
    title = TranslatedField(_("title"), max_length=250, blank=False)
    summary = TranslatedField(_("summary"), multiline=True)
    objectives = TranslatedField(_("objectives"), multiline=True, help_text=_("One objective per line."))
    programme = models.CharField(_("programme"), max_length=120, blank=True)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    start_date = models.DateField(_("start"), validators=[DateInRange()])
    end_date = models.DateField(_("end"), validators=[DateInRange()])
    core_months = models.PositiveSmallIntegerField(
        _("core phase (months)"),
        default=36,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up phase (months)"), default=12, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    period_months = models.PositiveSmallIntegerField(
        _("reporting period (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    content_languages = models.JSONField(
        _("content languages"),
        default=list,
        validators=[validate_content_languages],
        help_text=_("Languages the project publishes in, in fallback order."),
    )
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    is_public = models.BooleanField(_("shown on the public site"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["acronym"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:project", kwargs={"project": self.slug})

    @property
    def fallback_languages(self) -> list[str]:
        return list(self.content_languages or [])


class Phase(models.Model):
    """A phase of the project's life cycle, derived from its dates."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("phase"), max_length=16, choices=PhaseKind.choices)
    start_date = models.DateField(_("start"), validators=[DateInRange()])
    end_date = models.DateField(_("end"), validators=[DateInRange()])

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["project", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_phase_of_each_kind"),
        ]

    def __str__(self):
        return f"{self.project} – {self.get_kind_display()}"

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class Period(models.Model):
    """A reporting period (a semester in Interreg Europe), derived from the project's dates."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="periods"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=integer_bounds(SMALL_INTEGER_MAX))
    phase = models.CharField(_("phase"), max_length=16, choices=PhaseKind.choices)
    start_date = models.DateField(_("start"), validators=[DateInRange()])
    end_date = models.DateField(_("end"), validators=[DateInRange()])

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_period_number"),
        ]

    def __str__(self):
        return _("Period %(number)s") % {"number": self.number}

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date
