"""The practice page shows the event sessions where the practice was presented or visited."""

import datetime

import pytest

from secon.events.services import agenda
from tests.events.factories import EventFactory


def practice_url(practice, language="en"):
    return f"/{language}/{practice.project.slug}/practices/{practice.pk}/"


def add_session(event, practice, title, *, start, end, visibility="public"):
    return agenda.add_session(
        actor=None,
        event=event,
        kind="study_visit",
        title=title,
        starts_at=start,
        ends_at=end,
        visibility=visibility,
        practices=[practice],
    )


@pytest.mark.django_db
def test_the_practice_page_lists_public_sessions_with_event_date_in_the_events_zone(client, publish, project):
    practice = publish()
    athens = EventFactory(
        project=project,
        slug="kalamata",
        title={"en": "Kick-off in Kalamata", "es": "Lanzamiento en Kalamata"},
        start_date=datetime.date(2024, 10, 22),
        end_date=datetime.date(2024, 10, 23),
        time_zone="Europe/Athens",
    )
    zone = athens.zone
    # 00:30 in Athens on 23 October is still 22 October in UTC: the page shows the event's day.
    visit = add_session(
        athens,
        practice,
        {"en": "Study visit: the textile shop", "es": "Visita de estudio: la tienda textil"},
        start=datetime.datetime(2024, 10, 23, 0, 30, tzinfo=zone),
        end=datetime.datetime(2024, 10, 23, 2, 0, tzinfo=zone),
    )
    add_session(
        athens,
        practice,
        {"en": "Committee lunch"},
        start=datetime.datetime(2024, 10, 22, 13, 0, tzinfo=zone),
        end=datetime.datetime(2024, 10, 22, 14, 0, tzinfo=zone),
        visibility="committee",
    )
    draft = EventFactory(project=project, slug="draft-event", status="draft")
    add_session(
        draft,
        practice,
        {"en": "Session of a draft event"},
        start=datetime.datetime.combine(draft.start_date, datetime.time(10), tzinfo=draft.zone),
        end=datetime.datetime.combine(draft.start_date, datetime.time(11), tzinfo=draft.zone),
    )

    html = client.get(practice_url(practice, "es")).content.decode()
    assert 'id="section-events"' in html
    assert "Visita de estudio: la tienda textil" in html
    assert "Lanzamiento en Kalamata" in html
    assert 'datetime="2024-10-23T00:30:00+03:00"' in html
    assert "23 de octubre de 2024" in html
    assert f'href="/es/{project.slug}/events/kalamata/sessions/{visit.pk}/"' in html
    assert "Committee lunch" not in html
    assert "Session of a draft event" not in html


@pytest.mark.django_db
def test_a_practice_never_presented_has_no_event_section(client, publish):
    assert 'id="section-events"' not in client.get(practice_url(publish())).content.decode()
