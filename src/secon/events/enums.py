from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PROJECT_MEETING = "project_meeting", _("project meeting")
    THEMATIC_SEMINAR = "thematic_seminar", _("thematic seminar")
    STUDY_VISIT = "study_visit", _("study visit")
    STAKEHOLDER_GROUP = "stakeholder_group", _("stakeholder group meeting")
    STEERING_COMMITTEE = "steering_committee", _("steering committee")
    WEBINAR = "webinar", _("webinar")
    OTHER = "other", _("other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


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
    PENDING = "pending", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


#: Registration states that hold a place at the event.
HOLDS_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
#: Registration states that still count (a second registration with the same e-mail is refused).
ACTIVE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
