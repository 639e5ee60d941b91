"""The coordinators' import page: upload → dry-run preview → confirm."""

import datetime
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secon.events.models import Session
from secon.organisations.models import Consent, Person
from tests.events.factories import EventFactory
from tests.factories import ProjectFactory

FIXTURES = Path(__file__).parents[2]
SCHEDULE = FIXTURES / "events" / "imports" / "fixtures" / "pretalx-schedule.json"
CONTACTS = FIXTURES / "organisations" / "fixtures" / "contacts-latin1-bom.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(content_languages=["en", "es"])
    return EventFactory(
        project=project, start_date=datetime.date(2027, 3, 10), end_date=datetime.date(2027, 3, 11)
    )


def page(event):
    return reverse("events:imports", kwargs={"project": event.project.slug})


def upload(client, into, path: Path, kind: str, **extra):
    data = {
        "action": "upload",
        "kind": kind,
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
        **extra,
    }
    return client.post(page(into), data, follow=True)


def test_a_coordinator_previews_a_pretalx_schedule_then_confirms_it(event, organiser_client):
    client = organiser_client(event)

    preview = upload(client, event, SCHEDULE, "schedule", event=event.pk)

    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Cláusulas sociales en la contratación pública" in text
    assert "Import (5 changes)" in text
    assert not Session.objects.exists()

    token = preview.context["token"]
    done = client.post(page(event), {"action": "confirm", "token": token}, follow=True)

    assert "Imported: 5 new, 0 changed, 0 removed, 0 unchanged." in done.content.decode()
    assert Session.objects.filter(event=event).count() == 2

    again = upload(client, event, SCHEDULE, "schedule", event=event.pk)
    assert "there is nothing to import" in again.content.decode()


def test_contacts_are_mapped_on_the_page_before_the_import(event, organiser_client):
    client = organiser_client(event)
    preview = upload(client, event, CONTACTS, "contacts")
    columns = [row["column"] for row in preview.context["mapping_rows"]]
    token = preview.context["token"]
    mapping = {f"map-{index}": "" for index in range(len(columns))}
    mapping.update(
        {
            f"map-{columns.index(c)}": f
            for c, f in [
                ("E-mail", "email"),
                ("First name", "first_name"),
                ("Last name", "last_name"),
                ("Organisation", "organisation"),
                ("Organisation type", "organisation_kind"),
                ("Newsletter", "consent_newsletter"),
            ]
        }
    )

    mapped = client.post(page(event), {"action": "map", "token": token, **mapping})

    assert mapped.status_code == 200
    assert "Pérez" in mapped.content.decode()
    client.post(page(event), {"action": "confirm", "token": token})
    assert Person.objects.get(email="ana.perez@remudarte.example").organisation.kind == "cooperative"
    assert Consent.objects.filter(kind="newsletter", granted=True).count() == 3
    assert not Consent.objects.filter(kind="photos").exists()


def test_a_bad_file_shows_a_line_per_problem_and_imports_nothing(event, organiser_client):
    client = organiser_client(event)
    bad = Path(__file__).parents[1] / "imports" / "fixtures" / "schedule-overlapping.xml"

    response = upload(client, event, bad, "schedule", event=event.pk)

    assert response.status_code == 400
    assert "overlaps" in response.content.decode()
    assert not Session.objects.exists()


def test_a_schedule_needs_an_event_and_others_may_not_import(event, organiser_client, client):
    coordinator = organiser_client(event)
    response = upload(coordinator, event, SCHEDULE, "schedule")
    assert response.status_code == 400
    assert "Choose the event the schedule goes into." in response.content.decode()

    editor = organiser_client(event, role="viewer")
    assert editor.get(page(event)).status_code == 403
