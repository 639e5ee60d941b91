"""A session's materials: public sessions' to everyone, the others' to the organisers only."""

import io

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from secon.accounts.services import grant_role
from secon.events.services import agenda
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import PartnerFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon")
    return EventFactory(project=project, slug="caceres", host_partner=PartnerFactory(project=project))


def _session(event, visibility="public", name="slides.pdf", content=b"%PDF-1.7\n%%EOF"):
    session = SessionFactory(event=event, visibility=visibility)
    session.materials_file.save(name, ContentFile(content))
    return session


def test_materials_of_a_public_session_are_for_everyone(client, event):
    session = _session(event)
    response = client.get(session.materials_file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(f"/en/secon/events/caceres/sessions/{session.pk}/").content.decode()
    assert f'href="{session.materials_file.url}"' in page


@pytest.mark.parametrize("visibility", ["participants", "committee"])
def test_materials_of_other_sessions_are_for_the_organisers(client, event, organiser_client, visibility):
    session = _session(event, visibility=visibility)
    assert client.get(session.materials_file.url).status_code == 404
    response = organiser_client(event).get(session.materials_file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_materials_of_a_draft_event_are_not_public(client, event, organiser_client):
    session = _session(event)
    event.status = "draft"
    event.save(update_fields=["status"])
    assert client.get(session.materials_file.url).status_code == 404
    assert organiser_client(event).get(session.materials_file.url).status_code == 200
    assert Client().get(session.materials_file.url).status_code == 404


def test_a_picture_among_the_materials_is_stored_clean(event):
    buffer = io.BytesIO()
    Image.new("RGB", (5, 5), "green").save(buffer, "PNG")
    session = SessionFactory(event=event)
    actor = UserFactory()
    grant_role(actor=None, user=actor, project=event.project, role="coordinator")
    agenda.update_session(
        actor=actor,
        session=session,
        materials_file=SimpleUploadedFile("map.png", buffer.getvalue() + b"<html><script>x</script>"),
    )
    session.refresh_from_db()
    assert b"<script>" not in session.materials_file.read()
