"""Every group of checkboxes or radio buttons is a fieldset named by a legend (WCAG 1.3.1, 3.3.2):
a screen reader says which question the boxes answer."""

import re

import pytest

from django.test import Client

from secon.events.services import registrations
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

GROUP = re.compile(r'<input type="(checkbox|radio)" name="([^"]+)"')


def _groups_without_legend(html: str) -> list[str]:
    """Names of the inputs that share their name with others but sit in no fieldset with a legend."""
    names = [name for _kind, name in GROUP.findall(html)]
    shared = {name for name in names if names.count(name) > 1}
    missing = []
    for name in sorted(shared):
        first = html.index(f'name="{name}"')
        opened = html.rfind("<fieldset", 0, first)
        closed = html.rfind("</fieldset>", 0, first)
        legend = html.find("<legend", opened)
        if opened == -1 or closed > opened or not (0 <= legend < first):
            missing.append(name)
    return missing


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", content_languages=["en", "es"])
    event = EventFactory(project=project, slug="caceres", capacity=30)
    SessionFactory(event=event, kind="study_visit", capacity=5, title={"en": "Visit A"})
    SessionFactory(event=event, kind="study_visit", capacity=5, title={"en": "Visit B"})
    VenueFactory(project=project)
    VenueFactory(project=project)
    return event


def test_public_forms_name_their_choice_groups(event):
    from secon.events.links import make_token

    client = Client()
    registration = registrations.register_participant(event=event, **registration_values(1))
    for url in (
        "/en/secon/events/caceres/register/",
        f"/en/secon/events/caceres/me/{make_token(registration)}/",
    ):
        html = client.get(url).content.decode()
        assert GROUP.search(html), url
        assert _groups_without_legend(html) == [], url


def test_organiser_forms_name_their_choice_groups(event, organiser_client):
    client = organiser_client(event)
    for suffix in ("edit/", "registrations/add/", "sessions/add/"):
        html = client.get(f"/en/secon/events/caceres/manage/{suffix}").content.decode()
        assert _groups_without_legend(html) == [], suffix
