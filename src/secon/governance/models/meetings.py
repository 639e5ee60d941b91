"""Committees, their seats and the people holding them, meetings, agenda items and papers."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.validators import DateInRange
from secon.events.validators import validate_material, validate_time_zone
from secon.governance.enums import CommitteeKind, HolderRole, ItemKind, MeetingStatus
from secon.governance.models.defaults import QUORUM_FRACTION_AT_MOST_ONE, CommitteeRules
from secon.governance.validators import validate_agenda_position, validate_committee_code
from secon.projects.tenancy import ProjectScopedModel


class Committee(CommitteeRules, ProjectScopedModel):
    """A body of the partnership (the steering committee, a thematic board) and its rules."""

    slug = models.SlugField(_("address name"), max_length=40)
    kind = models.CharField(_("type"), max_length=16, choices=CommitteeKind.choices)
    name = TranslatedField(_("name"), max_length=200, blank=False)
    code = models.CharField(
        _("short code"),
        max_length=8,
        default="SC",
        validators=[validate_committee_code],
        help_text=_("Starts the decision numbers, e.g. SC for SC3-D04."),
    )
    follows_defaults = models.BooleanField(
        _("follows the project's defaults"),
        default=True,
        help_text=_("Notice period, comment period and quorum rule as set for all the project's committees."),
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chair = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("chairing partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="unique_committee_slug_per_project"),
            models.CheckConstraint(
                condition=QUORUM_FRACTION_AT_MOST_ONE,
                name="quorum_fraction_at_most_one",
            ),
        ]

    def __str__(self):
        return str(self.name) or self.slug


class Seat(ProjectScopedModel):
    """A partner's seat on a committee: its weight and whether it votes."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="seats"
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner"),
        on_delete=models.RESTRICT,
        related_name="committee_seats",
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    voting_right = models.BooleanField(_("voting right"), default=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["committee", "partner__number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "partner"], name="one_seat_per_partner"),
        ]

    def __str__(self):
        return str(self.partner)


class SeatHolder(ProjectScopedModel):
    """A person holding a seat for a while, as its representative or as a substitute.

    A holding is never deleted when the representative changes: it ends (``valid_until``), so the
    seat keeps its history.
    """

    seat = models.ForeignKey(Seat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="holders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="seat_holdings",
    )
    role = models.CharField(_("role"), max_length=16, choices=HolderRole.choices)
    voting_right = models.BooleanField(
        _("may vote"), default=True, help_text=_("A substitute votes only with this right.")
    )
    valid_from = models.DateField(_("from"), validators=[DateInRange()])
    valid_until = models.DateField(_("until"), null=True, blank=True, validators=[DateInRange()])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("seat holder")
        verbose_name_plural = _("seat holders")
        ordering = ["seat", "role", "-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="holding_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class Meeting(ProjectScopedModel):
    """A meeting of a committee: on its own (online) or as a session of an event."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    title = TranslatedField(_("title"), max_length=250, blank=False)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    starts_at = models.DateTimeField(_("start"), validators=[DateInRange()])
    ends_at = models.DateTimeField(_("end"), validators=[DateInRange()])
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    location = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session of an event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_meetings",
    )
    convened_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["committee", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="unique_meeting_number"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["committee", "status", "starts_at"], name="meeting_status_idx")]

    def __str__(self):
        return str(self.title) or f"#{self.number}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_notified(self) -> bool:
        return self.convened_at is not None


class AgendaItem(ProjectScopedModel):
    """An item of a meeting's agenda, numbered 1, 2 … and its sub-items 1.1, 1.2 …"""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("position"), validators=[validate_agenda_position])
    title = TranslatedField(_("title"), max_length=250, blank=False)
    description = TranslatedField(_("description"), multiline=True)
    kind = models.CharField(_("type"), max_length=16, choices=ItemKind.choices, default=ItemKind.INFORMATION)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    rapporteur = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("rapporteur (partner)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rapporteur_name = models.CharField(_("rapporteur (name)"), max_length=150, blank=True)
    changed_after_notice = models.BooleanField(_("changed after the notice"), default=False)
    minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("minutes of meeting"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        help_text=_("For an approval of minutes: the earlier meeting whose minutes are approved."),
    )
    reviews_actions = models.BooleanField(
        _("review of actions"),
        default=False,
        help_text=_("The open action items are listed under this item."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=models.Q(parent__isnull=True),
                name="unique_top_item_position",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=models.Q(parent__isnull=False),
                name="unique_sub_item_position",
            ),
        ]

    def __str__(self):
        return str(self.title)


class Paper(ProjectScopedModel):
    """A document for an agenda item; confidential to the committee unless published."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="papers"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to="governance/papers/%Y/",
        validators=[validate_material],
        help_text=_("PDF, office document or image, at most 20 MB."),
    )
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, validators=[MinValueValidator(1), MaxValueValidator(32_767)]
    )
    is_public = models.BooleanField(_("published"), default=False)
    updated_after_notice = models.BooleanField(_("updated after the notice"), default=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["item", "pk"]

    def __str__(self):
        return self.title
