"""A participant downloads their own data: asked on the personal page, built by a worker, e-mailed,
the link valid 7 days."""

import datetime
import io
import json
import re
import zipfile

import pytest

from django.core import mail
from django.utils import timezone

from secon.core import retention
from secon.core.permissions import SYSTEM
from secon.events.links import make_token
from secon.events.services import attendance, registrations
from secon.organisations.models import DataExport
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    event = EventFactory(
        project=ProjectFactory(slug="secon"), slug="caceres", title={"en": "Meeting in Cáceres"}
    )
    found = registrations.register_participant(
        event=event,
        **registration_values(
            first_name="Eleni", last_name="Papadopoulou", email="eleni@example.org", dietary_needs="=vegan"
        ),
    )
    attendance.check_in(actor=SYSTEM, registration=found, day=event.start_date)
    return found


def _ask(client, registration, capture):
    page = f"/en/secon/events/caceres/me/{make_token(registration)}/"
    assert "Download my data" in client.get(page).content.decode()
    with capture(execute=True):
        response = client.post(page, {"action": "export"}, follow=True)
    assert "You will receive an e-mail with a download link" in response.content.decode()
    return page


def test_the_data_arrive_by_e_mail_as_a_zip_of_json_and_csv(
    client, registration, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _ask(client, registration, django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if "download" in m.subject.lower()]
    assert message.to == ["eleni@example.org"]
    link = re.search(r"http://testserver(/en/events/my-data/[^/\s]+/)", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data.zip"')
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert {"data.json", "profile.csv", "consents.csv", "registrations.csv"} <= set(archive.namelist())
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["last_name"] == "Papadopoulou"
    assert {row["consent"] for row in data["consents"]} >= {"terms", "public_list"}
    (row,) = data["registrations"]
    assert row["event"] == "Meeting in Cáceres" and row["days_attended"]
    assert "'=vegan" in archive.read("registrations.csv").decode("utf-8-sig")  # never a formula


def test_a_repeated_click_makes_one_export(client, registration, django_capture_on_commit_callbacks):
    _ask(client, registration, django_capture_on_commit_callbacks)
    _ask(client, registration, django_capture_on_commit_callbacks)
    assert DataExport.objects.count() == 1


def test_an_expired_or_unknown_link_gets_a_clear_410(
    client, registration, django_capture_on_commit_callbacks
):
    _ask(client, registration, django_capture_on_commit_callbacks)
    export = DataExport.objects.get()
    DataExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    for key in (export.key, "forged"):
        response = client.get(f"/en/events/my-data/{key}/")
        assert response.status_code == 410
        assert "expired" in response.content.decode()
    assert retention.purge()["events.data-exports"] == 1
    assert not DataExport.objects.exists()
