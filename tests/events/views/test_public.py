import datetime
import json
import re
from unittest import mock

import pytest

from django.core import mail

from secon.events.models import Registration
from secon.events.services import agenda, registrations
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    VenueFactory,
    at,
    confirm_by_email,
    published,
    registration_values,
    session_url,
    session_values,
)
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(
        project=project,
        slug="caceres",
        title={"en": "Project meeting in Cáceres", "es": "Reunión del proyecto en Cáceres"},
        capacity=30,
    )


def url(event, suffix=""):
    return f"/en/{event.project.slug}/events/{event.slug}/{suffix}"


def add_sessions(event, count):
    venue = VenueFactory(project=event.project)
    organisation = OrganisationFactory()
    for n in range(count):
        day, slot = divmod(n, 10)
        session = SessionFactory(
            event=event,
            venue=venue,
            room=f"Room {slot}",
            capacity=10 if n % 3 == 0 else None,
            starts_at=at(event, day % 4, 8 + slot),
            ends_at=at(event, day % 4, 8 + slot, 45),
        )
        session.presenters.add(PersonFactory(organisation=organisation))
        session.presenting_organisations.add(organisation)
        session.visited_organisations.add(organisation)


@pytest.mark.parametrize("count", [3, 30, 120])
def test_agenda_page_runs_a_fixed_number_of_queries(client, event, count, django_assert_max_num_queries):
    add_sessions(event, count)
    # the same number whatever the number of sessions (places taken are counted apart, for an
    # event with a limit only), and the project's look
    with django_assert_max_num_queries(9):
        response = client.get(url(event))
    assert response.status_code == 200
    assert response.content.decode().count('class="session ') == count


def test_event_page_states_the_zone_and_shows_local_times(client, event):
    SessionFactory(
        event=event, title={"en": "Welcome"}, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 10)
    )
    html = client.get(url(event)).content.decode()
    assert "Europe/Madrid" in html
    assert ">09:30</time>" in html
    html = client.get(url(event) + "?tz=Europe/Athens").content.decode()
    assert "10:30–11:00 Europe/Athens" in html


def test_event_page_has_schema_org_json_ld(client, event):
    SessionFactory(event=event, title={"en": "Visit </script><b>"}, capacity=5)
    html = client.get(url(event)).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Project meeting in Cáceres"
    assert data["subEvent"][0]["name"] == "Visit </script><b>"
    assert data["subEvent"][0]["remainingAttendeeCapacity"] == 5
    assert "</script><b>" not in match.group(1)


def test_places_left_show_at_once_after_a_registration(client, event, django_capture_on_commit_callbacks):
    visit = SessionFactory(event=event, kind="study_visit", capacity=2, title={"en": "Shepherd school"})
    first = client.get(url(event))
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url(event))["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(event=event, sessions=[visit], **registration_values(1))
    response = client.get(url(event))
    assert response["X-Page-Cache"] == "miss"
    assert "1 place left" in response.content.decode()


def test_agenda_change_invalidates_every_language(client, event, django_capture_on_commit_callbacks):
    session = SessionFactory(event=event, title={"en": "Opening", "es": "Apertura"})
    assert "Apertura" in client.get(f"/es/secon/events/{event.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, title={"en": "Welcome", "es": "Bienvenida"})
    assert "Bienvenida" in client.get(f"/es/secon/events/{event.slug}/").content.decode()
    assert "Welcome" in client.get(url(event)).content.decode()


def test_session_page_and_visibility(client, event):
    public = SessionFactory(event=event, title={"en": "Public talk"})
    committee = SessionFactory(event=event, title={"en": "Steering committee"}, visibility="committee")
    assert client.get(url(event, f"sessions/{public.pk}/")).status_code == 200
    assert client.get(url(event, f"sessions/{committee.pk}/")).status_code == 404
    assert "Steering committee" not in client.get(url(event)).content.decode()


def test_drafts_are_not_public_and_lists_split_upcoming_and_past(client, event):
    EventFactory(project=event.project, slug="draft", status="draft")
    EventFactory(
        project=event.project,
        slug="kick-off",
        title={"en": "Kick-off"},
        start_date=datetime.date(2023, 5, 24),
        end_date=datetime.date(2023, 5, 25),
    )
    assert client.get(url(EventFactory.build(project=event.project, slug="draft"))).status_code == 404
    html = client.get("/en/secon/events/").content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert "Cáceres" in upcoming and "Kick-off" in past
    assert "Kick-off" in client.get("/en/events/").content.decode()


def test_registration_form_without_javascript(client, event, django_capture_on_commit_callbacks):
    visit = SessionFactory(event=event, kind="study_visit", capacity=1)
    response = client.get(url(event, "register/"))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(event, "register/"),
            {
                "first_name": "María",
                "last_name": "López",
                "email": "maria@example.org",
                "language": "es",
                "sessions": [str(visit.pk)],
                "consent_terms": "on",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == url(event, "register/check-your-email/")
    assert not Registration.objects.exists()  # counts once the address confirms it
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_by_email(client, "maria@example.org")
    registration = Registration.objects.get(person__email="maria@example.org")
    assert registration.language == "es"
    assert registration.signups.get().status == "confirmed"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "María López" in page.content.decode()
    assert len(mail.outbox) == 2  # the confirmation link, then the registration with the personal link


def test_registration_errors_are_on_the_fields_in_the_users_language(client, event):
    registration_values(1)
    registrations.register_participant(event=event, **registration_values(1))
    response = client.post(
        f"/es/secon/events/{event.slug}/register/",
        {"first_name": "", "last_name": "López", "email": "ANA1@example.org", "language": "es"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Este campo es obligatorio." in html  # Django's own catalogue: the page speaks Spanish
    assert 'id="id_first_name_error"' in html
    assert Registration.objects.count() == 1


def test_a_known_address_is_held_for_confirmation_and_reveals_nothing(client, event):
    """Registered already or not: the form says the same for any known address (see test_holds)."""
    registrations.register_participant(event=event, **registration_values(1))
    response = client.post(
        url(event, "register/"),
        {
            "first_name": "Ana",
            "last_name": "X",
            "email": "ana1@example.org",
            "language": "en",
            "consent_terms": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/register/check-your-email/")
    assert Registration.objects.count() == 1


def test_registration_closed_after_deadline(client, event):
    event.registration_closes_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    event.save()
    response = client.post(url(event, "register/"), {"first_name": "A"})
    assert response.status_code == 409
    assert not Registration.objects.exists()


def test_personal_link_change_and_cancel(client, event, django_capture_on_commit_callbacks):
    from secon.events.links import make_token

    visit = SessionFactory(event=event, kind="study_visit", capacity=1)
    first = registrations.register_participant(event=event, sessions=[visit], **registration_values(1))
    second = registrations.register_participant(event=event, sessions=[visit], **registration_values(2))
    link = url(event, f"me/{make_token(first)}/")
    assert client.get(link).status_code == 200
    assert client.get(url(event, f"me/{make_token(first)}x/")).status_code == 404
    mail.outbox.clear()
    # The first POST only asks: nothing changes until the person says yes on the confirmation page.
    response = client.post(link, {"action": "cancel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cancel your registration?" in html
    assert 'name="confirmed" value="yes"' in html and 'name="action" value="cancel"' in html
    assert f'href="{link}"' in html  # "No, go back"
    first.refresh_from_db()
    assert first.status == "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "cancel", "confirmed": "yes"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "cancelled"
    assert second.signups.get().status == "confirmed"
    assert [m.to for m in mail.outbox] == [["ana2@example.org"]]
    ics = client.get(url(event, f"me/{make_token(second)}/agenda.ics"))
    assert ics["Content-Type"].startswith("text/calendar")


def test_an_event_is_only_reachable_under_its_own_project(client, event):
    other = ProjectFactory(slug="other")
    session = SessionFactory(event=event)
    assert client.get(f"/en/other/events/{event.slug}/").status_code == 404
    assert client.get(f"/en/other/events/{event.slug}/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/en/other/events/{event.slug}/schedule.xml").status_code == 404
    assert "Cáceres" not in client.get(f"/en/{other.slug}/events/").content.decode()


@pytest.mark.parametrize(
    "suffix",
    [
        "?tz=../../etc/passwd",
        "?tz=Mars/Olympus",
        "?tz=%00",
        "me/garbage/",
        "me/eyJyIjoxfQ:bad:sig/",
        "me/x/agenda.ics",
        "me/x/certificate.pdf",
        "sessions/999999/",
        "sessions/999999/calendar.ics",
    ],
)
def test_bad_input_gets_a_4xx_not_a_500(client, event, suffix):
    response = client.get(url(event, suffix))
    assert response.status_code in (200, 400, 404)


def test_personal_link_of_another_event_is_refused(client, event):
    from secon.events.links import make_token

    other = EventFactory(project=event.project, slug="other")
    registration = registrations.register_participant(event=other, **registration_values(1))
    assert client.get(url(event, f"me/{make_token(registration)}/")).status_code == 404


def test_a_registration_refreshes_places_but_not_the_exports(
    client, event, django_capture_on_commit_callbacks
):
    visit = SessionFactory(event=event, kind="study_visit", capacity=2)
    for suffix in ("", "schedule.xml", "calendar.ics", f"sessions/{visit.pk}/"):
        assert client.get(url(event, suffix))["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(event=event, sessions=[visit], **registration_values(1))
    assert client.get(url(event, "schedule.xml"))["X-Page-Cache"] == "hit"
    assert client.get(url(event, "calendar.ics"))["X-Page-Cache"] == "hit"
    assert client.get(url(event))["X-Page-Cache"] == "miss"
    session_page = client.get(url(event, f"sessions/{visit.pk}/"))
    assert session_page["X-Page-Cache"] == "miss"
    assert "1 / 2" in session_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=visit, title={"en": "Shepherd school"})
    assert client.get(url(event, "schedule.xml"))["X-Page-Cache"] == "miss"


def test_public_attendee_list_follows_each_persons_latest_consent(
    client, event, django_capture_on_commit_callbacks
):
    from secon.events.links import make_token
    from secon.organisations.selectors import has_consent

    listed = registrations.register_participant(
        event=event,
        **registration_values(1, last_name="Listed", consents={"terms": True, "public_list": True}),
    )
    registrations.register_participant(event=event, **registration_values(2, last_name="Private"))
    html = client.get(url(event)).content.decode()
    assert "Listed" in html and "Private" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(event, f"me/{make_token(listed)}/"), {"action": "consents", "photos": "on"}
        )
    assert response.status_code == 302
    assert "Listed" not in client.get(url(event)).content.decode()
    assert has_consent(person=listed.person, kind="photos")
    assert not has_consent(person=listed.person, kind="public_list")


def test_the_session_page_lists_its_published_practices_with_links(client, event):
    practice = published(event.project, title="ACTYVA: an integral cooperative")
    session = agenda.add_session(actor=None, event=event, practices=[practice], **session_values(event))
    # A practice linked earlier but no longer published (written directly: the service refuses it).
    session.practices.add(published(event.project, title="Hidden draft", status="draft"))
    html = client.get(session_url(session)).content.decode()
    assert 'id="practices"' in html
    assert f'href="/en/secon/practices/{practice.pk}/"' in html
    assert "ACTYVA: an integral cooperative" in html
    assert "Hidden draft" not in html


def test_a_session_without_practices_has_no_practice_section(client, event):
    session = SessionFactory(event=event)
    assert 'id="practices"' not in client.get(session_url(session)).content.decode()


@pytest.mark.parametrize("links", [1, 5])
def test_the_session_page_runs_a_fixed_number_of_queries(client, event, links, django_assert_max_num_queries):
    practices = [published(event.project, title=f"Practice {n}") for n in range(links)]
    session = agenda.add_session(actor=None, event=event, practices=practices, **session_values(event))
    with django_assert_max_num_queries(8):  # 7, and the project's look
        response = client.get(session_url(session))
    assert response.status_code == 200
    assert response.content.decode().count('href="/en/secon/practices/') == links


#: Rows written before the bounds existed (or by an import): the pages must not fail on them.
UNSUPPORTED_DATES = {
    "year 9999": (datetime.date(9999, 12, 28), datetime.date(9999, 12, 31)),
    "year 1": (datetime.date(1, 1, 1), datetime.date(1, 1, 3)),
    "10,000 days": (datetime.date(2026, 1, 1), datetime.date(2026, 1, 1) + datetime.timedelta(days=10_000)),
}


@pytest.mark.parametrize("dates", UNSUPPORTED_DATES.values(), ids=UNSUPPORTED_DATES.keys())
def test_an_event_stored_with_unsupported_dates_is_not_public_and_breaks_no_page(
    client, organiser_client, dates
):
    project = ProjectFactory(slug="secon")
    good = EventFactory(project=project, slug="good")
    odd = EventFactory(project=project, slug="odd", start_date=dates[0], end_date=dates[1])
    SessionFactory(event=good)
    for suffix in ("", "calendar.ics", "schedule.xml", "schedule.json", "programme.pdf", "register/"):
        assert client.get(url(odd, suffix)).status_code == 404, suffix
    assert client.get("/en/secon/").status_code == 200
    for path in ("/en/events/", "/en/secon/events/"):
        response = client.get(path)
        assert response.status_code == 200
        assert url(good) in response.content.decode(), path
        assert url(odd) not in response.content.decode()
    organiser = organiser_client(odd)
    for suffix in ("", "edit/", "registrations/", "check-in/", "sessions/add/", "registrations.csv"):
        response = organiser.get(url(odd, "manage/" + suffix))
        assert response.status_code == 200, suffix


def test_an_invalid_or_variant_tz_is_served_from_the_cache(client, event):
    """Any ?tz= value forced a fresh render before; now the key holds the canonical name or nothing."""
    session = SessionFactory(event=event, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 10))
    for page in (url(event), session_url(session)):
        assert client.get(page)["X-Page-Cache"] == "miss"
        for junk in ("Mars/Olympus", "", "%20", "x" * 5000, "../../etc/passwd", "Europe/Madrid/../x"):
            response = client.get(f"{page}?tz={junk}")
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "hit", junk
        assert client.get(page + "?tz=Europe/Athens")["X-Page-Cache"] == "miss"
        for variant in ("europe/athens", "EUROPE/ATHENS", "%20Europe/Athens%20"):
            response = client.get(f"{page}?tz={variant}")
            assert response["X-Page-Cache"] == "hit", variant
            assert "Europe/Athens" in response.content.decode()
    html = client.get(url(event) + "?tz=europe/athens").content.decode()
    assert "10:30–11:00 Europe/Athens" in html


def _full_visit(event):
    visit = SessionFactory(event=event, kind="study_visit", capacity=1, title={"en": "Visit to REMUDARTE"})
    registrations.register_participant(event=event, sessions=[visit], **registration_values(1))
    return visit


def test_a_full_visit_of_an_open_event_has_its_waiting_list_open(client, event):
    visit = _full_visit(event)
    assert "Full – waiting list open" in client.get(url(event)).content.decode()
    assert "waiting list open" in client.get(url(event, f"sessions/{visit.pk}/")).content.decode()


def test_a_past_event_never_says_waiting_list_open(client, event):
    visit = _full_visit(event)
    later = datetime.datetime.combine(
        event.end_date + datetime.timedelta(days=2), datetime.time(12), tzinfo=datetime.UTC
    )
    for page in (url(event), url(event, f"sessions/{visit.pk}/")):
        with mock.patch("django.utils.timezone.now", return_value=later):
            html = client.get(page).content.decode()
        assert "waiting list open" not in html
        assert "place left" not in html and "places left" not in html.replace("Places left", "")
        assert "The event is over." in html


def test_a_closed_registration_says_so_instead_of_places(client, event):
    visit = _full_visit(event)
    event.registration_closes_at = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    event.save()
    agenda.update_event(actor=None, event=event, city="Cáceres")  # refreshes the cached pages
    for page in (url(event), url(event, f"sessions/{visit.pk}/")):
        html = client.get(page).content.decode()
        assert "waiting list open" not in html
        assert "Registration is closed." in html


def test_the_registration_form_is_rendered_once_and_each_visitor_gets_their_own_token(
    event, django_capture_on_commit_callbacks
):
    """A burst opens the form hundreds of times: it is stored once, with each visitor's CSRF token."""
    from django.test import Client

    visit = SessionFactory(event=event, kind="study_visit", capacity=2, title={"en": "Shepherd school"})
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    opened = first.get(url(event, "register/"))
    again = second.get(url(event, "register/"))
    assert (opened["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    for response in (opened, again):
        assert "private" in response["Cache-Control"]
        assert "csrftoken" in response.cookies
        assert "placeholder" not in response.content.decode()
        assert "2 places left" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        posted = second.post(
            url(event, "register/"),
            {
                "csrfmiddlewaretoken": token.search(again.content.decode()).group(1),
                "first_name": "María",
                "last_name": "López",
                "email": "maria@example.org",
                "language": "es",
                "sessions": [str(visit.pk)],
                "consent_terms": "on",
            },
        )
    assert posted.status_code == 302  # the token written into the stored page is accepted
    with django_capture_on_commit_callbacks(execute=True):
        confirm_by_email(Client(), "maria@example.org")
    fresh = Client().get(url(event, "register/"))
    assert fresh["X-Page-Cache"] == "miss"  # a place was taken: rendered again
    assert "1 place left" in fresh.content.decode()


def test_a_signed_in_visitor_gets_the_form_rendered_for_them(client, event):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(url(event, "register/"))["X-Page-Cache"] == "off"


def test_every_public_page_and_export_is_revalidated_and_a_change_changes_its_tag(
    client, event, django_capture_on_commit_callbacks
):
    visit = SessionFactory(event=event, kind="study_visit", capacity=2, title={"en": "Shepherd school"})
    pages = ["", "schedule.json", "schedule.xml", "calendar.ics", f"sessions/{visit.pk}/"]
    tags = {}
    for suffix in pages:
        first = client.get(url(event, suffix))
        assert client.get(url(event, suffix))["X-Page-Cache"] == "hit", suffix
        assert first["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600", suffix
        assert "Cookie" in first["Vary"] and first["Last-Modified"], suffix
        tags[suffix] = first["ETag"]
        again = client.get(url(event, suffix), HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and not again.content, suffix
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=visit, title={"en": "School of shepherds"})
    for suffix in pages:
        changed = client.get(url(event, suffix), HTTP_IF_NONE_MATCH=tags[suffix])
        assert changed.status_code == 200 and changed["ETag"] != tags[suffix], suffix
        assert "School of shepherds" in changed.content.decode(), suffix


def test_an_organiser_never_gets_the_public_copy_or_a_304(client, event):
    page = url(event)
    tag = client.get(page)["ETag"]
    assert client.get(page)["X-Page-Cache"] == "hit"
    client.force_login(UserFactory())
    personal = client.get(page, HTTP_IF_NONE_MATCH=tag)
    assert personal.status_code == 200 and personal["X-Page-Cache"] == "off"
    assert "private" in personal["Cache-Control"] and not personal.has_header("ETag")


def test_an_early_hit_still_refuses_an_unknown_host(client, event):
    client.get(url(event))
    assert client.get(url(event))["X-Page-Cache"] == "hit"
    assert client.get(url(event), HTTP_HOST="evil.example").status_code == 400
