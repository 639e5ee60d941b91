from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    PROJECT_MEETING = "project_meeting", _("project meeting")
    THEMATIC_SEMINAR = "thematic_seminar", _("thematic seminar")
    STUDY_VISIT = "study_visit", _("study visit")
    STAKEHOLDER_GROUP = "stakeholder_group", _("stakeholder group meeting")
    STEERING_COMMITTEE = "steering_committee", _("steering committee")
    WEBINAR = "webinar", _("webinar")
    OTHER = "other", _("other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    POSTPONED = "postponed", pgettext_lazy("event status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("opening")
    PRESENTATION = "presentation", _("presentation")
    EXPERT_SESSION = "expert_session", _("expert session")
    STUDY_VISIT = "study_visit", _("study visit")
    STEERING_COMMITTEE = "steering_committee", _("steering committee")
    WORKSHOP = "workshop", _("workshop")
    NETWORKING = "networking", _("networking")
    MEAL = "meal", _("meal")
    TRANSFER = "transfer", _("transfer")
    OTHER = "other", _("other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTICIPANTS = "participants", _("participants only")
    COMMITTEE = "committee", _("steering committee only")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "confirmed")
    WAITING = "waiting", pgettext_lazy("registration status", "on the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("sign-up status", "confirmed")
    WAITING = "waiting", pgettext_lazy("sign-up status", "on the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("sign-up status", "cancelled")


#: Registration states that hold a place at the event.
HOLDS_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
#: Registration states that still count (a second registration with the same e-mail is refused).
ACTIVE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
