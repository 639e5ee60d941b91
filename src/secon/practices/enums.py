"""Choices of the good practice library: programme themes, workflow states, translation states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """The six policy objectives (themes) of Interreg Europe 2021-2027."""

    SMARTER = "smarter", _("Smarter Europe")
    GREENER = "greener", _("Greener Europe")
    CONNECTED = "connected", _("More connected Europe")
    SOCIAL = "social", _("More social Europe")
    CITIZENS = "citizens", _("Europe closer to citizens")
    GOVERNANCE = "governance", _("Better cooperation governance")


class Status(models.TextChoices):
    """Where a practice stands in the validation workflow."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INFO_REQUESTED = "info_requested", _("more information requested")
    RESUBMITTED = "resubmitted", _("resubmitted")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    COUNTED = "counted", _("counted in a reporting period")
    SELECTED = "selected", _("selected for the programme library")


#: The page-cache scope of every public library page; touched whenever a published practice changes.
LIBRARY_SCOPE = "practices"

#: States in which a practice is published on the public site.
PUBLIC_STATUSES = (Status.APPROVED, Status.COUNTED, Status.SELECTED)
#: States in which the author and their colleagues may still change the text.
EDITABLE_STATUSES = (Status.DRAFT, Status.INFO_REQUESTED)
#: States that wait for the project's web administrators.
AWAITING_REVIEW = (Status.SUBMITTED, Status.RESUBMITTED)


class Action(models.TextChoices):
    """A workflow transition, named after what the person does."""

    CREATE = "create", _("created the draft")
    SUBMIT = "submit", _("submitted")
    REQUEST_INFO = "request_info", _("asked for more information")
    RESUBMIT = "resubmit", _("resubmitted")
    APPROVE = "approve", _("approved")
    DECLINE = "decline", _("declined")
    COUNT = "count", _("counted in a reporting period")
    SELECT = "select", _("selected for the programme library")


#: action → (states it starts from, state it leads to). No other move exists: no skipping steps.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    Action.SUBMIT: ((Status.DRAFT,), Status.SUBMITTED),
    Action.REQUEST_INFO: (AWAITING_REVIEW, Status.INFO_REQUESTED),
    Action.RESUBMIT: ((Status.INFO_REQUESTED,), Status.RESUBMITTED),
    Action.APPROVE: (AWAITING_REVIEW, Status.APPROVED),
    Action.DECLINE: (AWAITING_REVIEW, Status.DECLINED),
    Action.COUNT: ((Status.APPROVED,), Status.COUNTED),
    Action.SELECT: ((Status.COUNTED,), Status.SELECTED),
}


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("missing")
    DRAFT = "draft", _("draft")
    REVIEWED = "reviewed", _("reviewed")


class TransferStage(models.TextChoices):
    """The steps of a practice's journey into another region's policy."""

    INTEREST = "interest", _("interest recorded")
    EXCHANGE = "exchange", _("exchange or study visit")
    ADAPTATION = "adaptation", _("adaptation to the region")
    ACTION_PLAN = "action_plan", _("included in the action plan")
    IMPLEMENTED = "implemented", _("implemented")
