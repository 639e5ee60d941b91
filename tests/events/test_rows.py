"""The agenda's session rows: cached by what they show, so a page built from reused rows is the page
rendered from nothing, and a change renders only the rows it touches."""

import pytest

from secon.events.services import agenda, registrations
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, registration_values
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    event = EventFactory(project=project, slug="caceres", capacity=30)
    venue = VenueFactory(project=project, name="Casa de Cultura")
    organisation = OrganisationFactory(name="Cooperativa La Vera")
    for n in range(12):
        session = SessionFactory(
            event=event,
            venue=venue,
            room=f"Room {n % 3}",
            title={"en": f"Session {n} <about> “co-ops”", "es": f"Sesión {n}"},
            capacity=10 if n % 4 == 0 else None,
            starts_at=at(event, n % 3, 9 + n // 3),
            ends_at=at(event, n % 3, 9 + n // 3, 45),
        )
        session.presenters.add(
            PersonFactory(first_name="Ana", last_name=f"Núñez {n}", organisation=organisation)
        )
        session.presenting_organisations.add(organisation)
    return event


def page(client, event, language="en", query=""):
    response = client.get(f"/{language}/{event.project.slug}/events/{event.slug}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def cold(client, event, fragments, **kwargs):
    fragments.clear()
    return page(client, event, **kwargs)


def test_a_page_of_reused_rows_is_the_page_rendered_from_nothing_after_a_session_edit(
    client, event, fragments, django_capture_on_commit_callbacks
):
    page(client, event)  # every row cached
    session = event.sessions.order_by("pk")[5]
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(
            actor=None,
            session=session,
            title={"en": "Moved & renamed <visit>"},
            starts_at=at(event, 2, 17),
            ends_at=at(event, 2, 18),
        )
    reused = page(client, event)
    assert reused == cold(client, event, fragments)
    assert "Moved &amp; renamed &lt;visit&gt;" in reused
    assert "<visit>" not in reused
    assert ">17:00</time>" in reused


def test_a_change_renders_only_the_rows_it_touches(
    client, event, fragments, django_capture_on_commit_callbacks
):
    page(client, event)
    assert rows_kept(fragments) == 12
    session = event.sessions.order_by("pk")[3]
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, room="Main hall")
    assert "Main hall" in page(client, event)
    assert rows_kept(fragments) == 13  # the one changed row, rendered once more


def rows_kept(fragments) -> int:
    """The rows in the fragment cache (the page's frame is kept there too: ``{% kept %}``)."""
    return sum(":agenda-row:" in key for key in fragments._cache)


def test_places_left_and_time_zones_show_at_once_with_reused_rows(
    client, event, fragments, django_capture_on_commit_callbacks
):
    visit = event.sessions.filter(capacity=10).order_by("pk").first()
    assert "10 places left" in page(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(event=event, sessions=[visit], **registration_values(1))
    html = page(client, event)
    assert "9 places left" in html
    # The list of sessions with limited places is cached with the rows, and changes with them.
    listed = html.split('<ul class="places-list">')[1].split("</ul>")[0]
    assert (
        f'<a href="/en/secon/events/caceres/sessions/{visit.pk}/">Session 0 &lt;about&gt; “co-ops”</a>:'
        in listed
    )
    assert listed.count("<li>") == 3 and listed.count("9 places left") == 1
    assert html == cold(client, event, fragments)
    athens = page(client, event, query="?tz=Europe/Athens")
    assert "(10:00–10:45 Europe/Athens)" in athens
    assert athens == cold(client, event, fragments, query="?tz=Europe/Athens")


def test_rows_are_kept_per_language(client, event, fragments):
    english, spanish = page(client, event), page(client, event, language="es")
    assert "Sesión 1" in spanish and "Presentación a cargo de" in spanish
    assert "Sesión 1" not in english and "Presented by" in english
    assert spanish == cold(client, event, fragments, language="es")


def test_a_renamed_presenter_shows_in_the_reused_rows(client, event, fragments):
    page(client, event)
    person = event.sessions.order_by("pk").first().presenters.get()
    person.last_name = "Pérez"
    person.save()  # whatever writes it: the row's key is what it shows
    html = page(client, event)
    assert "Ana Pérez (Cooperativa La Vera)" in html
    assert html == cold(client, event, fragments)
