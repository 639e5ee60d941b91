"""The minutes of a meeting: drafted from its records, edited in versions, approved, published."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.validators import DateInRange
from secon.governance.enums import CommentStatus, MinutesStatus, VersionKind
from secon.governance.models.decisions import Decision
from secon.governance.models.meetings import Committee, Meeting, Seat
from secon.projects.tenancy import ProjectScopedModel


class Minutes(ProjectScopedModel):
    """A meeting's minutes; the text lives in its versions (the newest is the current one)."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(
        _("current version"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)
    comments_until = models.DateTimeField(_("comments until"), null=True, blank=True)
    early_approval_reason = models.TextField(
        _("reason for approval before the end of the comments"), max_length=2000, blank=True
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, validators=[DateInRange()])
    approved_by = models.ForeignKey(
        Decision,
        verbose_name=_("approved by decision"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="approved_minutes",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["committee", "meeting__number"]
        indexes = [models.Index(fields=["committee", "status"], name="minutes_status_idx")]

    def __str__(self):
        return f"{self.meeting}"


class MinutesVersion(ProjectScopedModel):
    """One saved state of the minutes: every section's title and text in each language.

    ``sections``: ``[{"key": "item-12", "number": "1.1", "title": {lang: …}, "text": {lang: …}}, …]``.
    """

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(
        _("version"), validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    kind = models.CharField(_("kind"), max_length=16, choices=VersionKind.choices)
    sections = models.JSONField(_("sections"), default=list)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("authorised by decision"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="errata",
        help_text=_("For an erratum: the decision that authorised it, or the one that approved the minutes."),
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        verbose_name = _("version of minutes")
        verbose_name_plural = _("versions of minutes")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="one_minutes_version_number"),
        ]

    def __str__(self):
        return f"{self.minutes} v{self.number}"


class MinutesComment(ProjectScopedModel):
    """A member's comment on circulated minutes, on one section (``section_key``) or in general (blank).

    It keeps the version it was made on, the author's language, and the secretary's answer.
    """

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.PositiveSmallIntegerField(
        _("on version"), validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    section_key = models.CharField(_("section"), max_length=40, blank=True)
    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("made"))
    status = models.CharField(
        _("status"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    reply = models.TextField(_("reply"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")
        ordering = ["minutes", "created_at", "pk"]
        indexes = [models.Index(fields=["minutes", "section_key"], name="minutes_comment_idx")]

    def __str__(self):
        return self.text[:60]
