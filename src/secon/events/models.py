import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.fields import latitude_field, longitude_field
from secon.core.i18n import TranslatedField
from secon.core.languages import CONTENT_LANGUAGES
from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.events.enums import (
    EventKind,
    EventStatus,
    RegistrationStatus,
    SessionKind,
    SignupStatus,
    Visibility,
)
from secon.events.holds import HeldRegistration  # noqa: F401  (one of the app's models)
from secon.events.validators import (
    MAX_EVENT_DAYS,
    validate_language_list,
    validate_material,
    validate_time_zone,
)
from secon.projects.tenancy import ProjectScopedModel, scoped_manager


def new_check_in_code() -> str:
    """Return a short random code for the QR code on a registration (no ambiguous letters)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _i in range(10))


def new_link_key() -> str:
    return secrets.token_urlsafe(12)


class Venue(ProjectScopedModel):
    """A place where sessions happen: a building with an address (rooms are named per session)."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation on site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_venue_name_per_project"),
        ]

    def __str__(self):
        return f"{self.name}, {self.city}" if self.city else self.name


class Event(ProjectScopedModel):
    """A meeting of a project: days, a time zone, a host, an agenda and a registration."""

    slug = models.SlugField(_("address name"), max_length=80)
    kind = models.CharField(_("type"), max_length=24, choices=EventKind.choices)
    title = TranslatedField(_("title"), max_length=250, blank=False)
    description = TranslatedField(_("description"), multiline=True)
    start_date = models.DateField(_("first day"), validators=[DateInRange()])
    end_date = models.DateField(_("last day"), validators=[DateInRange()])
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name of the zone the times are given in, e.g. Europe/Madrid."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country code"), max_length=2, blank=True)
    host_partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("host partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    host_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("host organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text=_("The department or body that organises it on the partner's behalf."),
    )
    venues = models.ManyToManyField(Venue, verbose_name=_("venues"), blank=True, related_name="events")
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    is_public = models.BooleanField(
        _("open to the public"),
        default=True,
        help_text=_("If not, the event is by invitation: organisers register participants."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, validators=[DateInRange()]
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, validators=[DateInRange()]
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=integer_bounds(), help_text=_("Empty for no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"), default=True, help_text=_("When full, further registrations wait for a place.")
    )
    requires_approval = models.BooleanField(_("organiser approves registrations"), default=False)
    delegate_quota = models.PositiveSmallIntegerField(
        _("places per partner delegation"),
        null=True,
        blank=True,
        validators=integer_bounds(SMALL_INTEGER_MAX),
        help_text=_("Empty for no limit; further delegates of the partner wait for a place."),
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, validators=[validate_language_list]
    )
    interpretation = models.JSONField(
        _("interpretation into"), default=list, blank=True, validators=[validate_language_list]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["project", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="unique_event_slug_per_project"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"], name="event_status_start_idx")]

    def __str__(self):
        return str(self.title) or self.slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:event", kwargs={"project": self.project.slug, "event": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self) -> list[datetime.date]:
        """Return the event's days (at most MAX_EVENT_DAYS: a row stored before that bound shows
        its first days, so that no page or PDF renders thousands)."""
        count = min((self.end_date - self.start_date).days + 1, MAX_EVENT_DAYS)
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start_date, datetime.time.min, tzinfo=self.zone)

    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=self.zone
        )

    def is_over(self, now: datetime.datetime | None = None) -> bool:
        """The event's last day has ended (in its own time zone)."""
        return (now or timezone.now()) >= self.ends_at()


class Session(ProjectScopedModel):
    """One item of an event's agenda: a talk, a study visit, a meal, the steering committee …"""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("type"), max_length=24, choices=SessionKind.choices)
    title = TranslatedField(_("title"), max_length=250, blank=False)
    description = TranslatedField(_("description"), multiline=True)
    starts_at = models.DateTimeField(_("start"), validators=[DateInRange()])
    ends_at = models.DateTimeField(_("end"), validators=[DateInRange()])
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="sessions",
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    meeting_point = TranslatedField(_("meeting point"), max_length=250)
    presenters = models.ManyToManyField(
        "organisations.Person", verbose_name=_("presenters"), blank=True, related_name="presented_sessions"
    )
    presenting_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("presenting organisations"),
        blank=True,
        related_name="presented_sessions",
    )
    visited_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations visited"),
        blank=True,
        related_name="visited_in_sessions",
    )
    practices = models.ManyToManyField(
        "practices.GoodPractice",
        verbose_name=_("good practices presented or visited"),
        blank=True,
        related_name="sessions",
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=integer_bounds(),
        help_text=_("Set it for sessions participants sign up for, such as study visits."),
    )
    language = models.CharField(_("spoken language"), max_length=8, choices=CONTENT_LANGUAGES, blank=True)
    accessibility_notes = TranslatedField(_("accessibility"), multiline=True)
    materials_url = models.URLField(_("materials (link)"), blank=True)
    materials_file = models.FileField(
        _("materials (file)"),
        upload_to="events/materials/%Y/",
        blank=True,
        validators=[validate_material],
        help_text=_("PDF, office document or image, at most 20 MB."),
    )
    visibility = models.CharField(
        _("visible to"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "starts_at", "ends_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["event", "starts_at"], name="session_event_start_idx")]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(
            "events:session",
            kwargs={"project": self.event.project.slug, "event": self.event.slug, "session": self.pk},
        )

    @property
    def needs_signup(self) -> bool:
        return self.capacity is not None

    def overlaps(self, other: "Session") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class Registration(ProjectScopedModel):
    """A person's registration for an event; no account needed, a signed link opens it."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The organisation the person represented at the event: their organisation when they "
            "registered, updated at their first check-in. The indicators count it, not the person's "
            "organisation today."
        ),
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    check_in_code = models.CharField(
        _("check-in code"), max_length=16, unique=True, default=new_check_in_code
    )
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_person",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_status_idx")]

    def __str__(self):
        return f"{self.person} – {self.event}"


class Signup(models.Model):
    """A registration's choice of a session that needs sign-up (a study visit …)."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="signups"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(_("status"), max_length=16, choices=SignupStatus.choices)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    objects = scoped_manager("registration__project")

    class Meta:
        verbose_name = _("session sign-up")
        verbose_name_plural = _("session sign-ups")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=~models.Q(status="cancelled"),
                name="one_active_signup_per_session",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="signup_status_idx")]

    def __str__(self):
        return f"{self.registration.person} – {self.session}"


class Attendance(ProjectScopedModel):
    """Proof that a registered person was there: on one day, or at one session."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.DateField(_("day"), validators=[DateInRange()])
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    checked_in_at = models.DateTimeField(_("checked in"), validators=[DateInRange()])
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "checked_in_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=models.Q(session__isnull=True),
                name="one_attendance_per_day",
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=models.Q(session__isnull=False),
                name="one_attendance_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.registration.person} – {self.day}"


class Message(ProjectScopedModel):
    """An e-mail the organisers sent to the event's participants (kept as a record)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="messages"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    statuses = models.JSONField(_("sent to"), default=list)
    recipients = models.ManyToManyField(Registration, verbose_name=_("recipients"), related_name="messages")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
