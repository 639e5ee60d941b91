"""Who attends a meeting, and the votes taken there (or by written procedure) with one ballot per seat."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.governance.enums import AttendanceSource, Choice, VoteRule, VoteStatus
from secon.governance.models.meetings import AgendaItem, Meeting, Seat
from secon.projects.tenancy import ProjectScopedModel


class MeetingAttendance(ProjectScopedModel):
    """A seat holder marked present at a meeting by the secretary (event check-ins count too)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("source"), max_length=16, choices=AttendanceSource.choices, default=AttendanceSource.SECRETARY
    )
    present = models.BooleanField(_("present"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked"))

    class Meta:
        verbose_name = _("attendance at a meeting")
        verbose_name_plural = _("attendances at meetings")
        ordering = ["meeting", "marked_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_meeting"),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"


class Vote(ProjectScopedModel):
    """A question put to the committee's voting seats, with its rule and, once closed, its result."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="votes",
    )
    committee = models.ForeignKey(
        "governance.Committee", verbose_name=_("committee"), on_delete=models.CASCADE, related_name="votes"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="votes",
    )
    question = TranslatedField(_("question"), max_length=1000, blank=False, multiline=True)
    rule = models.CharField(_("rule"), max_length=16, choices=VoteRule.choices, default=VoteRule.SIMPLE)
    status = models.CharField(
        _("status"), max_length=16, choices=VoteStatus.choices, default=VoteStatus.DRAFT
    )
    quorum = models.JSONField(_("quorum when the vote opened"), default=dict, blank=True)
    quorum_override = models.TextField(_("reason for voting without quorum"), max_length=1000, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["committee", "pk"]
        indexes = [models.Index(fields=["committee", "status"], name="vote_status_idx")]

    def __str__(self):
        return str(self.question)[:80]

    @property
    def passed(self) -> bool | None:
        return self.result.get("passed") if self.result else None


class Ballot(ProjectScopedModel):
    """One seat's ballot in a vote: the person who acted, for which partner, and the choice."""

    vote = models.ForeignKey(Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots")
    seat = models.ForeignKey(Seat, verbose_name=_("seat"), on_delete=models.RESTRICT, related_name="ballots")
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voted by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The secretary, when a show of hands was recorded for the seat."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    cast_at = models.DateTimeField(_("cast"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "seat__partner__number"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "seat"], name="one_ballot_per_seat"),
        ]

    def __str__(self):
        return f"{self.seat} – {self.get_choice_display()}"
