"""Factories for events; tests act through the services."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.events.models import Event, Session, Venue
from secon.events.services import registrations
from tests.factories import ProjectFactory
from tests.practices.factories import GoodPracticeFactory


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Venue {n}")
    city = "Cáceres"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    project = factory.SubFactory(ProjectFactory)
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    kind = "project_meeting"
    title = factory.LazyAttribute(lambda o: {"en": f"Meeting {o.slug}", "es": f"Reunión {o.slug}"})
    description = factory.LazyFunction(lambda: {"en": "Partners meet."})
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=3))
    time_zone = "Europe/Madrid"
    city = "Cáceres"
    status = "published"


def at(event: Event, day_index: int, hour: int, minute: int = 0) -> datetime.datetime:
    """Return a moment on the event's n-th day, wall-clock time in its zone."""
    day = event.start_date + datetime.timedelta(days=day_index)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=event.zone)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    project = factory.SelfAttribute("event.project")
    kind = "presentation"
    title = factory.Sequence(lambda n: {"en": f"Session {n}"})
    starts_at = factory.LazyAttribute(lambda o: at(o.event, 0, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))


def registration_values(n: int = 0, **overrides) -> dict:
    values = {
        "first_name": "Ana",
        "last_name": f"García {n}",
        "email": f"ana{n}@example.org",
        "language": "en",
        "consents": {"terms": True, "photos": False, "share_contact": True, "public_list": False},
    }
    values.update(overrides)
    return values


def register(event, n=0, **overrides):
    # An organiser's registration needs an organiser: the installation itself here.
    actor = overrides.pop("actor", SYSTEM if overrides.get("by_organiser") else None)
    return registrations.register_participant(actor=actor, event=event, **registration_values(n, **overrides))


def confirm_by_email(client, email: str, **extra):
    """Do what the owner of the address does with the e-mailed link: POST its confirmation page."""
    from secon.events.holds import HeldRegistration

    held = HeldRegistration.objects.select_related("event__project").filter(email__iexact=email).first()
    assert held is not None, f"no registration of {email} waits for confirmation"
    event = held.event
    return client.post(f"/en/{event.project.slug}/events/{event.slug}/register/confirm/{held.key}/", **extra)


def published(project, title="REMUDARTE: textile reuse", **values):
    return GoodPracticeFactory(
        project=project,
        title={"en": title},
        status=values.pop("status", "approved"),
        published_at=timezone.now(),
        **values,
    )


def session_url(session):
    return f"/en/{session.event.project.slug}/events/{session.event.slug}/sessions/{session.pk}/"


def session_values(event, title="REMUDARTE"):
    return {
        "kind": "presentation",
        "title": {"en": title},
        "starts_at": at(event, 0, 11),
        "ends_at": at(event, 0, 12),
    }
