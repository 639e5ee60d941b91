"""Choices of the good practice library: programme themes, workflow states, translation states; its facets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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

    DRAFT = "draft", pgettext_lazy("practice status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("practice status", "submitted")
    INFO_REQUESTED = "info_requested", pgettext_lazy("practice status", "more information requested")
    RESUBMITTED = "resubmitted", pgettext_lazy("practice status", "resubmitted")
    APPROVED = "approved", pgettext_lazy("practice status", "approved")
    DECLINED = "declined", pgettext_lazy("practice status", "declined")
    COUNTED = "counted", pgettext_lazy("practice status", "counted in a reporting period")
    SELECTED = "selected", pgettext_lazy("practice status", "selected for the programme library")


#: The page-cache scope of every public library page; touched whenever a published practice changes.
LIBRARY_SCOPE = "practices"

#: Each facet of the library → its column in the index table (``IndexedPractice``): read by the
#: library's counts and by the recount of the counts the database keeps (migration 0012).
FACET_COLUMNS = {
    "theme": "theme",
    "country": "country",
    "region": "region_code",
    "organisation_type": "organisation_kind",
    "project": "project_id",
    "status": "status",
}

#: States in which a practice is published on the public site.
PUBLIC_STATUSES = (Status.APPROVED, Status.COUNTED, Status.SELECTED)
#: States in which the author and their colleagues may still change the text.
EDITABLE_STATUSES = (Status.DRAFT, Status.INFO_REQUESTED)
#: States that wait for the project's web administrators.
AWAITING_REVIEW = (Status.SUBMITTED, Status.RESUBMITTED)


class Action(models.TextChoices):
    """A workflow transition, named after what the person does."""

    CREATE = "create", pgettext_lazy("practice workflow", "created the draft")
    SUBMIT = "submit", pgettext_lazy("practice workflow", "submitted")
    REQUEST_INFO = "request_info", pgettext_lazy("practice workflow", "asked for more information")
    RESUBMIT = "resubmit", pgettext_lazy("practice workflow", "resubmitted")
    APPROVE = "approve", pgettext_lazy("practice workflow", "approved")
    DECLINE = "decline", pgettext_lazy("practice workflow", "declined")
    COUNT = "count", pgettext_lazy("practice workflow", "counted in a reporting period")
    SELECT = "select", pgettext_lazy("practice workflow", "selected for the programme library")


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
    MISSING = "missing", pgettext_lazy("translation status", "missing")
    DRAFT = "draft", pgettext_lazy("translation status", "draft")
    REVIEWED = "reviewed", pgettext_lazy("translation status", "reviewed")


class TransferStage(models.TextChoices):
    """The steps of a practice's journey into another region's policy."""

    INTEREST = "interest", pgettext_lazy("transfer stage", "interest recorded")
    EXCHANGE = "exchange", pgettext_lazy("transfer stage", "exchange or study visit")
    ADAPTATION = "adaptation", pgettext_lazy("transfer stage", "adaptation to the region")
    ACTION_PLAN = "action_plan", pgettext_lazy("transfer stage", "included in the action plan")
    IMPLEMENTED = "implemented", pgettext_lazy("transfer stage", "implemented")
