from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstrumentKind(models.TextChoices):
    PROGRAMME = "programme", _("regional programme")
    LAW = "law", _("law")
    STRATEGY = "strategy", _("strategy")
    OTHER = "other", _("other")


class InstrumentStatus(models.TextChoices):
    IDENTIFIED = "identified", pgettext_lazy("instrument status", "identified")
    ADDRESSED = "addressed", pgettext_lazy("instrument status", "addressed")
    PROPOSED = "proposed", pgettext_lazy("instrument status", "change proposed")
    ADOPTED = "adopted", pgettext_lazy("instrument status", "change adopted")
    VALIDATED = "validated", pgettext_lazy("instrument status", "validated")
    NOT_IMPROVED = "not_improved", pgettext_lazy("instrument status", "not improved")


#: The path of an instrument that is improved, in order; "not improved" stands beside it.
STATUS_ORDER = (
    InstrumentStatus.IDENTIFIED,
    InstrumentStatus.ADDRESSED,
    InstrumentStatus.PROPOSED,
    InstrumentStatus.ADOPTED,
    InstrumentStatus.VALIDATED,
)


class ImprovementKind(models.TextChoices):
    NEW_PROJECTS = "new_projects", _("new projects funded")
    MANAGEMENT = "management", _("better management")
    STRUCTURAL = "structural", _("structural change")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("action plan status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("action plan status", "submitted")
    APPROVED = "approved", pgettext_lazy("action plan status", "approved")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("action status", "not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "in progress")
    IMPLEMENTED = "implemented", pgettext_lazy("action status", "implemented")
    ABANDONED = "abandoned", pgettext_lazy("action status", "abandoned")
