"""The schedule read as plain values: every field the agenda and the exports show, as the model has it."""

import decimal

import pytest

from django.db.models import Count, Q

from secon.events import schedule
from secon.events.enums import SignupStatus
from secon.events.models import Session
from secon.events.services import registrations
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, registration_values
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db

FIELDS = (
    "pk", "kind", "title", "description", "meeting_point", "accessibility_notes", "starts_at", "ends_at",
    "venue_id", "room", "capacity", "language", "materials_url", "visibility",
)  # fmt: skip


@pytest.fixture
def event(django_capture_on_commit_callbacks):
    project = ProjectFactory(slug="secon", content_languages=["en", "es"])
    event = EventFactory(project=project, slug="caceres", capacity=40)
    venue = VenueFactory(
        project=project,
        name="Casa & <Cultura>",
        address="Plaza 1",
        latitude=decimal.Decimal("39.4753"),
        longitude=decimal.Decimal("-6.3724"),
    )
    talk = SessionFactory(
        event=event,
        venue=venue,
        room="Sala 2",
        description={"en": "About", "es": "Sobre"},
        meeting_point={"en": "Gate"},
        accessibility_notes={"en": "Step-free"},
        materials_url="https://example.org/m",
        language="es",
        starts_at=at(event, 0, 9),
        ends_at=at(event, 0, 10),
    )
    talk.presenters.add(PersonFactory(first_name="Ana", last_name="Núñez"))
    talk.presenting_organisations.add(OrganisationFactory(name="Beta"), OrganisationFactory(name="Alfa"))
    visit = SessionFactory(event=event, kind="study_visit", capacity=1, starts_at=at(event, 1, 9))
    visit.visited_organisations.add(OrganisationFactory(name="Gamma"))
    SessionFactory(event=event, visibility="participants", starts_at=at(event, 2, 9))
    with django_capture_on_commit_callbacks(execute=True):
        for n in (1, 2):  # one confirmed, one waiting
            registrations.register_participant(event=event, sessions=[visit], **registration_values(n))
    return event


@pytest.mark.parametrize("audience", ["public", "organisers"])
def test_the_plain_values_are_the_models_fields(event, audience, django_assert_num_queries):
    with django_assert_num_queries(4):
        sessions = schedule.list_schedule(event=event, audience=audience)
    models = list(
        Session.objects.filter(event=event, visibility__in=schedule.AUDIENCES[audience])
        .select_related("venue")
        .annotate(
            taken=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED), distinct=True),
            waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITING), distinct=True),
        )
        .order_by("starts_at", "ends_at", "pk")
    )
    assert len(sessions) == len(models) == (2 if audience == "public" else 3)
    for session, model in zip(sessions, models, strict=True):
        assert session.event is event
        assert {name: getattr(session, name) for name in FIELDS} == {
            name: getattr(model, name) for name in FIELDS
        }
        assert (session.places_taken, session.waiting_count) == (model.taken, model.waiting)
        if model.venue is None:
            assert session.venue is None
        else:
            for name in ("pk", "name", "address", "city", "latitude", "longitude"):
                assert getattr(session.venue, name) == getattr(model.venue, name)
    talk, visit = sessions[:2]
    assert [str(person) for person in talk.presenter_list] == ["Ana Núñez"]
    assert talk.organisation_names == ["Alfa", "Beta"]
    assert visit.visited_names == ["Gamma"]
    assert (visit.places_taken, visit.waiting_count) == (1, 1)


def test_without_texts_the_long_texts_are_not_read(event):
    [talk, _visit] = schedule.list_schedule(event=event, texts=False)
    assert talk.description is None and talk.meeting_point is None
    assert str(talk.title) and talk.venue.name == "Casa & <Cultura>"
