"""The edge middleware: control characters and oversized bodies refused with a page that says why, a
busy database answered 503; nothing saved in either case."""

import pytest

from django.db import OperationalError
from django.test import Client
from django.utils import translation

from secon.core.middleware import BusyDatabaseMiddleware
from secon.events.models import Registration
from tests.events.factories import EventFactory, confirm_by_email
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "invisible control characters"


@pytest.fixture
def event():
    return EventFactory(project=ProjectFactory(slug="secon"), slug="caceres")


@pytest.mark.parametrize(
    "address",
    [
        "/en/practices/?region=%00",  # a 500 on PostgreSQL before (text cannot hold NUL)
        "/en/practices/export.csv?country=%00",
        "/en/practices/?q=a%00b",
        "/en/practices/?theme=%1B%5B31m",
        "/en/practices/?%00=1",
        "/en/secon/events/caceres/?tz=Europe/Madrid%00",
        "/en/events/%00/",
        "/admin/?q=%00",
    ],
)
def test_control_characters_in_the_address_get_a_400_page_that_says_why(client, event, address):
    response = client.get(address)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_the_message_is_in_the_page_language(client, event):
    response = client.get("/de/practices/?q=%00")
    assert response.status_code == 400
    assert "unsichtbare Steuerzeichen" in response.content.decode()


def test_control_characters_in_a_form_field_save_nothing(event):
    client = Client()
    data = {
        "first_name": "Ana\x00",
        "last_name": "López\tGarcía",
        "email": "ana@example.org",
        "language": "es",
        "consent_terms": "on",
    }
    response = client.post("/en/secon/events/caceres/register/", data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Registration.objects.exists()
    data["first_name"] = "Ana"  # the same form without the NUL is saved
    assert client.post("/en/secon/events/caceres/register/", data).status_code == 302
    assert confirm_by_email(client, "ana@example.org").status_code == 302
    assert Registration.objects.get().person.last_name == "López\tGarcía"


def test_tabs_line_breaks_and_any_script_pass(client, event):
    response = client.get("/en/practices/?q=%CE%95%CE%BB%CE%BB%CE%AC%CE%B4%CE%B1%09coop%0Aer%0D")
    assert response.status_code == 200


def test_a_200_mb_body_is_refused_before_it_is_read(client, event):
    """The length declared is enough: nothing of the body is read, spooled or saved."""
    body = b"x" * 1024  # what is sent; the declared length is what the middleware judges

    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body must not be read")

        readline = read

    before = Registration.objects.count()
    response = client.generic(
        "POST",
        f"/es/{event.project.slug}/events/{event.slug}/register/",
        body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "200,0" in page or "200.0" in page  # the size sent, in the page's language
    assert 'lang="es"' in page
    assert response["Connection"] == "close"
    assert Registration.objects.count() == before


def test_a_body_within_the_limit_goes_through(client, event, settings):
    settings.MAX_REQUEST_BYTES = 2048
    response = client.post("/en/practices/", {"q": "x" * 100})
    assert response.status_code != 413
    response = client.post("/en/practices/", {"q": "x" * 4000})
    assert response.status_code == 413
    assert "at most 2.0" in response.content.decode()


def test_a_database_still_locked_after_its_timeout_gets_a_503_that_says_nothing_was_saved(rf):
    request = rf.post("/es/secon/events/caceres/register/")
    with translation.override("es"):
        response = BusyDatabaseMiddleware(lambda r: None).process_exception(
            request, OperationalError("database is locked")
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert "Nada se ha guardado" in response.content.decode()


def test_the_api_gets_the_busy_answer_as_a_problem_document(rf):
    request = rf.post("/api/v1/registrations/")
    response = BusyDatabaseMiddleware(lambda r: None).process_exception(
        request, OperationalError("database is locked")
    )
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"


def test_other_database_errors_stay_server_errors(rf):
    middleware = BusyDatabaseMiddleware(lambda r: None)
    assert middleware.process_exception(rf.get("/en/"), OperationalError("no such table: x")) is None
    assert middleware.process_exception(rf.get("/en/"), ValueError("database is locked")) is None


@pytest.mark.django_db
def test_the_busy_page_shows_the_account_as_stored_not_as_the_form_changed_it(rf):
    user = UserFactory(first_name="Jan", last_name="Demo")
    request = rf.post("/en/home/profile/")
    request.user = user
    user.first_name = "Janek"  # what the profile form did in memory before its write failed
    response = BusyDatabaseMiddleware(lambda r: None).process_exception(
        request, OperationalError("database is locked")
    )
    page = response.content.decode()
    assert response.status_code == 503
    assert "Jan Demo" in page
    assert "Janek" not in page
