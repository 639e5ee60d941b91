from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommitteeKind(models.TextChoices):
    STEERING = "steering", _("steering committee")
    THEMATIC = "thematic", _("thematic board")
    OTHER = "other", _("other committee")


class HolderRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("representative")
    SUBSTITUTE = "substitute", _("substitute")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("meeting status", "draft")
    CONVENED = "convened", pgettext_lazy("meeting status", "convened")
    IN_SESSION = "in_session", pgettext_lazy("meeting status", "in session")
    CLOSED = "closed", pgettext_lazy("meeting status", "closed")
    MINUTES_APPROVED = "minutes_approved", pgettext_lazy("meeting status", "minutes approved")


#: A meeting whose notice has gone out: its agenda and papers are frozen as version 1.
NOTIFIED_STATUSES = (
    MeetingStatus.CONVENED,
    MeetingStatus.IN_SESSION,
    MeetingStatus.CLOSED,
    MeetingStatus.MINUTES_APPROVED,
)


class ItemKind(models.TextChoices):
    INFORMATION = "information", _("information")
    DISCUSSION = "discussion", _("discussion")
    DECISION = "decision", _("decision")
    MINUTES = "minutes", _("approval of minutes")


class QuorumBasis(models.TextChoices):
    SEATS = "seats", _("voting seats")
    WEIGHT = "weight", _("weight of the voting seats")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("at least (≥)")
    MORE_THAN = "gt", _("more than (>)")


class Rounding(models.TextChoices):
    UP = "up", _("round up")
    DOWN = "down", _("round down")
    NONE = "none", _("no rounding")


class VoteRule(models.TextChoices):
    SIMPLE = "simple", _("simple majority of votes cast")
    ABSOLUTE = "absolute", _("absolute majority of voting seats")
    TWO_THIRDS = "two_thirds", _("two-thirds of votes cast")
    UNANIMITY = "unanimity", _("unanimity")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("vote status", "draft")
    OPEN = "open", pgettext_lazy("vote status", "open")
    CLOSED = "closed", pgettext_lazy("vote status", "closed")
    PUBLISHED = "published", pgettext_lazy("vote status", "published")


class Choice(models.TextChoices):
    YES = "yes", pgettext_lazy("ballot", "yes")
    NO = "no", pgettext_lazy("ballot", "no")
    ABSTAIN = "abstain", pgettext_lazy("ballot", "abstain")


class AttendanceSource(models.TextChoices):
    SECRETARY = "secretary", _("marked by the secretary")
    CHECK_IN = "check_in", _("checked in at the event")


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("decision status", "in force")
    SUPERSEDED = "superseded", pgettext_lazy("decision status", "superseded")
    REVOKED = "revoked", pgettext_lazy("decision status", "revoked")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "in progress")
    DONE = "done", pgettext_lazy("action status", "done")
    CANCELLED = "cancelled", pgettext_lazy("action status", "cancelled")


#: An action still to be done: reminded, listed as overdue, reviewed at the next meeting.
PENDING_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes status", "draft")
    CIRCULATED = "circulated", pgettext_lazy("minutes status", "circulated")
    APPROVED = "approved", pgettext_lazy("minutes status", "approved")
    PUBLISHED = "published", pgettext_lazy("minutes status", "published")


#: Minutes that no longer change except by an erratum.
APPROVED_MINUTES = (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED)


class VersionKind(models.TextChoices):
    DRAFTED = "drafted", pgettext_lazy("minutes version", "drafted from the records")
    EDITED = "edited", pgettext_lazy("minutes version", "edited")
    ERRATUM = "erratum", pgettext_lazy("minutes version", "erratum")


class CommentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("comment status", "not answered yet")
    TAKEN = "taken", pgettext_lazy("comment status", "taken into account")
    ANSWERED = "answered", pgettext_lazy("comment status", "answered")


class ProcedureKind(models.TextChoices):
    QUESTION = "question", _("a question")
    DECISION = "decision", _("a draft decision")
    MINUTES = "minutes", _("approval of minutes")


class ProcedureStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("procedure status", "open")
    CLOSED = "closed", pgettext_lazy("procedure status", "closed")
    CANCELLED = "cancelled", pgettext_lazy("procedure status", "cancelled")
