"""The "draft press release" command on the event's organiser page leads to the drafting of that event."""

import pytest

from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from secon.accounts.services import grant_role
from secon.communications.event_panel import press_release_panel
from secon.communications.models import Article
from tests.accounts.world import enable_two_factor
from tests.communications.press_world import build_press_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _coordinator(project):
    user = UserFactory()
    grant_role(actor=None, user=user, project=project, role="coordinator")
    enable_two_factor(user)
    client = Client()
    client.force_login(user)
    return client


def _manage_url(event, language="en"):
    with translation.override(language):
        return reverse("events:manage", kwargs={"project": event.project.slug, "event": event.slug})


def test_the_organiser_drafts_the_press_release_from_the_event_page():
    world = build_press_world()
    client = _coordinator(world.project)
    page = client.get(_manage_url(world.event, "de")).content.decode()
    assert "Pressemitteilung entwerfen" in page
    assert 'action="/de/secon/communications/press-releases/"' in page
    assert '<option value="de" selected>' in page  # the reader's language comes first to hand
    assert 'name="mode"' in page  # the event is over: a report by default, an announcement on request

    response = client.post(
        "/de/secon/communications/press-releases/",
        {"event": world.event.pk, "language": "el", "mode": "before"},
    )
    article = Article.objects.get(event=world.event)
    assert response.status_code == 302
    assert response["Location"] == f"/de/secon/communications/articles/{article.pk}/el/"
    assert article.versions.get().language == "el"

    again = client.get(_manage_url(world.event)).content.decode()
    assert f'href="/en/secon/communications/articles/{article.pk}/el/"' in again
    assert "Drafted so far:" in again


def test_an_event_without_a_host_says_so_on_the_drafting_page_and_saves_nothing():
    world = build_press_world(host=False)
    client = _coordinator(world.project)
    assert "Draft the press release" in client.get(_manage_url(world.event)).content.decode()
    response = client.post(
        "/en/secon/communications/press-releases/", {"event": world.event.pk, "language": "de"}
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("role", "shown"), [("viewer", False), ("partner_editor", True), ("coordinator", True)]
)
def test_the_panel_follows_the_article_permission(role, shown):
    world = build_press_world()
    user = UserFactory()
    grant_role(
        actor=None,
        user=user,
        project=world.project,
        role=role,
        organisation=world.event.host_partner.organisation if role == "partner_editor" else None,
    )
    request = RequestFactory().get("/")
    request.user = user
    assert (press_release_panel(request, world.event) is not None) is shown
