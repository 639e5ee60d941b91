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
