"""The project's defaults for its committees: notice period, comment period on minutes and quorum rule.

A committee follows them (``Committee.follows_defaults``) unless it sets its own: changing the
defaults changes every committee that follows them.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.governance.enums import Comparison, QuorumBasis, Rounding
from secon.projects.tenancy import ProjectScopedModel

#: A committee's quorum fraction is at most one (e.g. 1/2, 2/3), checked by the database.
QUORUM_FRACTION_AT_MOST_ONE = models.Q(quorum_numerator__lte=models.F("quorum_denominator"))


class CommitteeRules(models.Model):
    """Notice period, comment period on minutes and quorum rule: a committee's own or the defaults."""

    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"),
        default=14,
        validators=[MaxValueValidator(90)],
        help_text=_("The notice of a meeting goes out at least this many days before it."),
    )
    comment_days = models.PositiveSmallIntegerField(
        _("comment period on minutes (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Circulated minutes are open to the members' comments this many days by default."),
    )
    quorum_basis = models.CharField(
        _("quorum basis"), max_length=8, choices=QuorumBasis.choices, default=QuorumBasis.SEATS
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum fraction: numerator"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum fraction: denominator"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    quorum_comparison = models.CharField(
        _("quorum comparison"), max_length=4, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    quorum_rounding = models.CharField(
        _("quorum rounding"), max_length=4, choices=Rounding.choices, default=Rounding.UP
    )

    class Meta:
        abstract = True

    def values(self) -> dict:
        """Return the rule fields' values by name."""
        return {name: getattr(self, name) for name in DEFAULT_FIELDS}


#: The fields a committee takes from its project's defaults.
DEFAULT_FIELDS = tuple(field.name for field in CommitteeRules._meta.local_fields)


class CommitteeDefaults(CommitteeRules, ProjectScopedModel):
    """One per project (made when first saved; until then the built-in values above apply)."""

    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("defaults for committees")
        verbose_name_plural = _("defaults for committees")
        constraints = [
            models.UniqueConstraint(fields=["project"], name="one_committee_defaults_per_project"),
            models.CheckConstraint(
                condition=QUORUM_FRACTION_AT_MOST_ONE,
                name="default_quorum_fraction_at_most_one",
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)
