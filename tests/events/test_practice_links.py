"""Sessions link to the good practices presented or visited in them: services, pages, organiser form."""

import pytest

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from secon.accounts.services import grant_role
from secon.core.models import AuditEntry
from secon.events import services
from secon.events.models import Session
from tests.events.factories import EventFactory, SessionFactory, at
from tests.factories import ProjectFactory, UserFactory
from tests.practices.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(
        project=project,
        slug="caceres",
        title={"en": "Project meeting in Cáceres", "es": "Reunión del proyecto en Cáceres"},
    )


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


# --- services ---------------------------------------------------------------------------------


def test_a_session_records_the_practices_it_presented_and_the_audit_log_says_so(event):
    practice = published(event.project)
    session = services.add_session(actor=None, event=event, practices=[practice], **session_values(event))
    assert list(session.practices.all()) == [practice]
    assert list(practice.sessions.all()) == [session]
    created = AuditEntry.objects.get(model="events.session", object_id=str(session.pk), action="create")
    assert created.changes["practices"] == [[], [practice.pk]]

    other = published(event.project, title="PLACEAT")
    services.update_session(actor=None, session=session, practices=[other])
    assert list(session.practices.all()) == [other]
    updated = AuditEntry.objects.get(model="events.session", object_id=str(session.pk), action="update")
    assert updated.changes["practices"] == [[practice.pk], [other.pk]]

    services.update_session(actor=None, session=session, title={"en": "REMUDARTE and PLACEAT"})
    assert list(session.practices.all()) == [other], "leaving practices out keeps the links"


def test_another_projects_practice_is_refused_and_nothing_is_saved(event):
    foreign = published(ProjectFactory(slug="other-project"))
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.add_session(actor=None, event=event, practices=[foreign], **session_values(event))
    assert "practices" in error.value.message_dict
    assert not Session.objects.filter(event=event).exists()
    assert AuditEntry.objects.count() == entries

    own = published(event.project)
    session = services.add_session(actor=None, event=event, practices=[own], **session_values(event))
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.update_session(
            actor=None, session=session, practices=[own, foreign], title={"en": "Changed title"}
        )
    assert "practices" in error.value.message_dict
    session.refresh_from_db()
    assert session.title["en"] == "REMUDARTE"
    assert list(session.practices.all()) == [own]
    assert AuditEntry.objects.count() == entries


def test_an_unpublished_practice_cannot_be_linked(event):
    draft = published(event.project, status="submitted")
    with pytest.raises(ValidationError) as error:
        services.add_session(actor=None, event=event, practices=[draft], **session_values(event))
    assert "practices" in error.value.message_dict
    assert not Session.objects.filter(event=event).exists()


# --- public session page ----------------------------------------------------------------------


def test_the_session_page_lists_its_published_practices_with_links(client, event):
    practice = published(event.project, title="ACTYVA: an integral cooperative")
    session = services.add_session(actor=None, event=event, practices=[practice], **session_values(event))
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
    session = services.add_session(actor=None, event=event, practices=practices, **session_values(event))
    with django_assert_max_num_queries(9):
        response = client.get(session_url(session))
    assert response.status_code == 200
    assert response.content.decode().count('href="/en/secon/practices/') == links


# --- cached pages -----------------------------------------------------------------------------


def test_linking_refreshes_the_cached_session_and_practice_pages(
    client, event, django_capture_on_commit_callbacks
):
    practice = published(event.project, title="Cooprado's shepherd school")
    session = SessionFactory(event=event, title={"en": "Study visit: the shepherd school"})
    practice_url = f"/en/secon/practices/{practice.pk}/"
    assert 'id="practices"' not in client.get(session_url(session)).content.decode()
    assert "Study visit: the shepherd school" not in client.get(practice_url).content.decode()
    assert client.get(practice_url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(actor=None, session=session, practices=[practice])
    assert "Cooprado&#x27;s shepherd school" in client.get(session_url(session)).content.decode()
    assert "Study visit: the shepherd school" in client.get(practice_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(actor=None, event=event, title={"en": "Meeting in Extremadura"})
    assert "Meeting in Extremadura" in client.get(practice_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(actor=None, session=session, practices=[])
    assert "Study visit: the shepherd school" not in client.get(practice_url).content.decode()
    assert 'id="practices"' not in client.get(session_url(session)).content.decode()


def test_deleting_a_session_refreshes_the_practice_page(client, event, django_capture_on_commit_callbacks):
    practice = published(event.project)
    session = services.add_session(actor=None, event=event, practices=[practice], **session_values(event))
    practice_url = f"/en/secon/practices/{practice.pk}/"
    assert "Presented or visited at" in client.get(practice_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_session(actor=None, session=session)
    assert "Presented or visited at" not in client.get(practice_url).content.decode()


# --- organiser form ---------------------------------------------------------------------------


def test_organisers_choose_among_the_projects_published_practices(event):
    user = UserFactory()
    grant_role(actor=None, user=user, project=event.project, role="coordinator")
    client = Client()
    client.force_login(user)
    approved = published(event.project, title="PLACEAT: jobs and support")
    draft = published(event.project, title="Unfinished draft", status="draft")
    foreign = published(ProjectFactory(slug="other-project"), title="Elsewhere")
    form_url = "/en/secon/events/caceres/manage/sessions/add/"
    html = client.get(form_url).content.decode()
    assert "PLACEAT: jobs and support" in html
    assert "Unfinished draft" not in html and "Elsewhere" not in html

    data = {
        "kind": "presentation",
        "title_en": "PLACEAT",
        "day": event.start_date.isoformat(),
        "start": "12:15",
        "end": "13:00",
        "visibility": "public",
    }
    refused = client.post(form_url, {**data, "practices": [draft.pk, foreign.pk]})
    assert refused.status_code == 400
    assert not Session.objects.filter(event=event).exists()

    response = client.post(form_url, {**data, "practices": [approved.pk]})
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert list(session.practices.all()) == [approved]
    change = client.get(f"/en/secon/events/caceres/manage/sessions/{session.pk}/").content.decode()
    assert f'value="{approved.pk}" selected' in change
