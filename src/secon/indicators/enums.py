from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PeriodStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("period status", "open")
    REVIEW = "review", pgettext_lazy("period status", "under review")
    REPORTED = "reported", pgettext_lazy("period status", "reported (locked)")
    REOPENED = "reopened", pgettext_lazy("period status", "reopened")


class ReopenScope(models.TextChoices):
    """How far a reported period is reopened: its texts only, or its figures too."""

    TEXT = "text", _("texts only (the figures stay locked)")
    FULL = "full", _("in full (the figures are computed again)")


class Unit(models.TextChoices):
    PARTICIPATIONS = "participations", _("participations")
    PEOPLE = "people", _("people")
    ORGANISATIONS = "organisations", _("organisations")
    PRACTICES = "practices", _("good practices")
    INSTRUMENTS = "instruments", _("policy instruments")
    ACTIONS = "actions", _("actions")
    MEETINGS = "meetings", _("meetings")
    OTHER = "other", pgettext_lazy("indicator unit", "other")


#: The statuses in which the figures are locked (stored, never computed again).
LOCKED_STATUSES = (PeriodStatus.REPORTED,)
