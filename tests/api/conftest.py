import datetime

import pytest

from django.utils import timezone

from secon.api.enums import ALL_SCOPES
from secon.api.services.tokens import create_token
from tests.accounts.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def make_token(user, *, scopes=ALL_SCOPES, project=None, partner=None, days=30, name="integration"):
    """Create a token through the service; return (token, key)."""
    created = create_token(
        actor=user,
        name=name,
        kind="integration",
        scopes=list(scopes),
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
        project=project,
        partner=partner,
    )
    return created.token, created.key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def api(client):
    """The test client with a helper: ``api.get(path, key, **params)`` sends the token."""

    class Api:
        def patch(self, path, key, body, **headers):
            return client.patch(
                path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}", **headers
            )

        def get(self, path, key, params=None, **headers):
            return client.get(path, params or {}, HTTP_AUTHORIZATION=f"Bearer {key}", **headers)

        def delete(self, path, key, **headers):
            return client.delete(path, HTTP_AUTHORIZATION=f"Bearer {key}", **headers)

        def post(self, path, key, body, **headers):
            return client.post(
                path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}", **headers
            )

    return Api()


@pytest.fixture
def data(world):
    """World plus public records in project alpha: a venue, an event with sessions, indexed practices."""
    from secon.practices.services.indexing import index_practice
    from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, published

    alpha = world.projects["a"]
    venue = VenueFactory(project=alpha, name="Palacio de Congresos")
    event = EventFactory(
        project=alpha, slug="caceres", title={"en": "Cáceres meeting", "es": "Reunión de Cáceres"}
    )
    event.venues.add(venue)
    sessions = [
        SessionFactory(
            event=event,
            title={"en": f"Session {n}", "es": f"Sesión {n}"},
            venue=venue,
            room=f"Room {n}",
            starts_at=at(event, 0, 9 + n),
            ends_at=at(event, 0, 10 + n),
        )
        for n in range(3)
    ]
    SessionFactory(event=event, title={"en": "Committee only"}, visibility="committee")
    practices = []
    for n, title in enumerate(["Textile reuse shop", "Cooperative bakery", "Solar energy community"]):
        practice = published(
            alpha,
            title=title,
            summary={"en": f"Summary {n}", "de": f"Zusammenfassung {n}"},
            theme="social" if n < 2 else "greener",
            region=world.region,
            organisation=world.organisations["a2"],
        )
        index_practice(practice=practice)
        practices.append(practice)
    world.event, world.venue, world.sessions, world.practices = event, venue, sessions, practices
    return world
