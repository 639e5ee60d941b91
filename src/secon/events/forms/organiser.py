"""Forms of the organiser side: the event, its sessions and venues, messages to participants.

Business rules stay in the services; the forms check types and shapes.
"""

import datetime
import zoneinfo

from django import forms
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.core.validators import INTEGER_MAX, SMALL_INTEGER_MAX, DateInRange
from secon.events.enums import EventKind, EventStatus, RegistrationStatus, SessionKind, Visibility
from secon.events.models import Event, Session, Venue
from secon.events.validators import time_zone_names, validate_material
from secon.organisations.models import Organisation, Partner
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import GoodPractice
from secon.practices.selectors.practices import project_practices


class PracticeChoiceField(forms.ModelMultipleChoiceField):
    """Good practices named by their title in the page's language (the project's fallbacks apply)."""

    def __init__(self, *args, fallbacks: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallbacks = fallbacks or []

    def label_from_instance(self, obj: GoodPractice) -> str:
        return obj.texts("title").render(translation.get_language(), self.fallbacks).text or str(obj)


class SessionForm(forms.Form):
    """A session of the agenda; times are wall-clock times in the event's zone."""

    #: The service's moments are shown on the day/time fields (see ``core.forms.add_service_errors``).
    service_error_fields = {"starts_at": "start", "ends_at": "end"}

    kind = forms.ChoiceField(label=_("Type"), choices=SessionKind.choices)
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    description = TranslatedFormField(label=_("Description"), required=False, multiline=True)
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    start = forms.TimeField(label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(
        label=_("End"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("00:00 means midnight at the end of the day."),
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none(), required=False)
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    meeting_point = TranslatedFormField(label=_("Meeting point"), required=False, max_length=250)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=0,
        max_value=INTEGER_MAX,
        required=False,
        help_text=_("Only for sessions participants sign up for, such as study visits."),
    )
    language = forms.ChoiceField(label=_("Spoken language"), required=False)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices)
    presenting_organisations = forms.ModelMultipleChoiceField(
        label=_("Presenting organisations"),
        queryset=Organisation.objects.order_by("sort_key"),
        required=False,
    )
    visited_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations visited"), queryset=Organisation.objects.order_by("sort_key"), required=False
    )
    practices = PracticeChoiceField(
        label=_("Good practices presented or visited"),
        queryset=GoodPractice.objects.none(),
        required=False,
        help_text=_(
            "Approved good practices of the project; the session and practice pages link to each other."
        ),
    )
    accessibility_notes = TranslatedFormField(label=_("Accessibility"), required=False, multiline=True)
    materials_url = forms.URLField(label=_("Materials (link)"), required=False, assume_scheme="https")
    materials_file = forms.FileField(
        label=_("Materials (file)"),
        required=False,
        validators=[validate_material],
        help_text=_("PDF, office document or image, at most 20 MB."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        from secon.core.languages import CONTENT_LANGUAGES

        self.event = event
        languages = event.project.content_languages or ["en"]
        for name in ("title", "description", "meeting_point", "accessibility_notes"):
            self.fields[name].set_languages(languages)
        self.fields["day"].choices = [
            (day.isoformat(), formats.date_format(day, "l j E Y")) for day in event.days
        ]
        self.fields["venue"].queryset = Venue.objects.filter(project=event.project)
        self.fields["practices"].queryset = (
            project_practices(project=event.project).filter(status__in=PUBLIC_STATUSES).order_by("pk")
        )
        self.fields["practices"].fallbacks = event.project.fallback_languages
        self.fields["language"].choices = [("", "—"), *CONTENT_LANGUAGES]

    @classmethod
    def initial_for(cls, session: Session) -> dict:
        zone = session.event.zone
        start = timezone.localtime(session.starts_at, zone)
        end = timezone.localtime(session.ends_at, zone)
        return {
            "kind": session.kind,
            "title": session.title,
            "description": session.description,
            "day": start.date().isoformat(),
            "start": start.time(),
            "end": end.time(),
            "venue": session.venue_id,
            "room": session.room,
            "meeting_point": session.meeting_point,
            "capacity": session.capacity,
            "language": session.language,
            "visibility": session.visibility,
            "presenting_organisations": list(session.presenting_organisations.all()),
            "visited_organisations": list(session.visited_organisations.all()),
            "practices": list(session.practices.all()),
            "accessibility_notes": session.accessibility_notes,
            "materials_url": session.materials_url,
        }

    def service_values(self) -> dict:
        data = self.cleaned_data
        zone = self.event.zone
        starts_at = datetime.datetime.combine(data["day"], data["start"], tzinfo=zone)
        end_day = data["day"]
        if data["end"] == datetime.time(0, 0):
            end_day += datetime.timedelta(days=1)
        ends_at = datetime.datetime.combine(end_day, data["end"], tzinfo=zone)
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "venue": data["venue"],
            "room": data["room"],
            "meeting_point": data["meeting_point"],
            "capacity": data["capacity"],
            "language": data["language"],
            "visibility": data["visibility"],
            "accessibility_notes": data["accessibility_notes"],
            "materials_url": data["materials_url"],
            **({"materials_file": data["materials_file"]} if data.get("materials_file") else {}),
            "presenting_organisations": data["presenting_organisations"],
            "visited_organisations": data["visited_organisations"],
            "practices": list(data["practices"]),
        }


class EventForm(forms.Form):
    """An event's settings; registration times are wall-clock times in the event's zone."""

    slug = forms.SlugField(label=_("Address name"), max_length=80, help_text=_("Used in the web address."))
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    description = TranslatedFormField(label=_("Description"), required=False, multiline=True)
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}), validators=[DateInRange()]
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}), validators=[DateInRange()]
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.CharField(label=_("Country code"), max_length=2, required=False, help_text=_("E.g. ES"))
    host_partner = forms.ModelChoiceField(
        label=_("Host partner"), queryset=Partner.objects.none(), required=False
    )
    venues = forms.ModelMultipleChoiceField(
        label=_("Venues"), queryset=Venue.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Status"), choices=EventStatus.choices)
    is_public = forms.BooleanField(label=_("Open to the public (otherwise by invitation)"), required=False)
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"),
        required=False,
        validators=[DateInRange()],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        validators=[DateInRange()],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=0,
        max_value=INTEGER_MAX,
        required=False,
        help_text=_("Empty for no limit."),
    )
    waiting_list = forms.BooleanField(label=_("Waiting list when full"), required=False)
    requires_approval = forms.BooleanField(label=_("Organisers approve registrations"), required=False)
    delegate_quota = forms.IntegerField(
        label=_("Places per partner delegation"),
        min_value=1,
        max_value=SMALL_INTEGER_MAX,
        required=False,
        help_text=_("Empty for no limit."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation into"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        from secon.core.languages import CONTENT_LANGUAGES

        self.project = project
        languages = project.content_languages or ["en"]
        for name in ("title", "description"):
            self.fields[name].set_languages(languages)
        self.fields["time_zone"].choices = [(name, name) for name in sorted(time_zone_names())]
        self.fields["host_partner"].queryset = Partner.objects.filter(project=project).select_related(
            "organisation"
        )
        self.fields["host_partner"].label_from_instance = lambda partner: (
            f"{partner.code} – {partner.organisation}"
        )
        self.fields["venues"].queryset = Venue.objects.filter(project=project)
        self.fields["languages"].choices = CONTENT_LANGUAGES
        self.fields["interpretation"].choices = CONTENT_LANGUAGES

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        zone = event.zone

        def local(value):
            return timezone.localtime(value, zone).replace(tzinfo=None) if value else None

        return {
            "slug": event.slug,
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "time_zone": event.time_zone,
            "city": event.city,
            "country": event.country,
            "host_partner": event.host_partner_id,
            "venues": list(event.venues.all()),
            "status": event.status,
            "is_public": event.is_public,
            "registration_opens_at": local(event.registration_opens_at),
            "registration_closes_at": local(event.registration_closes_at),
            "capacity": event.capacity,
            "waiting_list": event.waiting_list,
            "requires_approval": event.requires_approval,
            "delegate_quota": event.delegate_quota,
            "languages": event.languages,
            "interpretation": event.interpretation,
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        for name in ("registration_opens_at", "registration_closes_at"):
            if data[name] is not None:
                # The form read the wall-clock time in the active zone; it was meant in the event's.
                data[name] = timezone.make_naive(data[name]).replace(tzinfo=zone)
        partner = data["host_partner"]
        data["host_organisation"] = partner.organisation if partner else None
        data["country"] = data["country"].upper()
        return data


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    latitude = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6, required=False)


class MessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[(s, label) for s, label in RegistrationStatus.choices if s != RegistrationStatus.CANCELLED],
        initial=[RegistrationStatus.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
