"""The press-release pages: who may draft, the draft's paragraphs with their facts, edits kept."""

import pytest

from django.test import Client

from secon.accounts.services import grant_role
from secon.communications.models import Article, DraftParagraph
from tests.accounts.world import enable_two_factor
from tests.communications.press_world import build_press_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/secon/communications/press-releases/"


@pytest.fixture
def press_world(db):
    return build_press_world()


def _client(project, role):
    client = Client()
    if role == "anonymous":
        return client
    user = UserFactory()
    if role == "other":
        from secon.projects.services import create_project

        other = create_project(
            actor=None,
            slug="other",
            acronym="OTHER",
            title={"en": "Other"},
            start_date=project.start_date,
            end_date=project.end_date,
            content_languages=["en"],
        )
        grant_role(actor=None, user=user, project=other, role="coordinator")
        enable_two_factor(user)
    else:
        from secon.organisations.models import Partner

        organisation = Partner.objects.filter(project=project).first().organisation
        grant_role(
            actor=None,
            user=user,
            project=project,
            role=role,
            organisation=organisation if role == "partner_editor" else None,
        )
        if role == "coordinator":
            enable_two_factor(user)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "page", "drafts"),
    [
        ("anonymous", 302, 302),
        ("viewer", 200, 403),
        ("partner_editor", 200, 302),
        ("coordinator", 200, 302),
        ("other", 403, 403),
    ],
)
def test_who_may_open_and_draft(press_world, role, page, drafts):
    client = _client(press_world.project, role)
    assert client.get(URL).status_code == page
    response = client.post(URL, {"event": press_world.event.pk, "language": "de", "mode": "before"})
    assert response.status_code == drafts
    assert Article.objects.exists() == (drafts == 302 and role != "anonymous")


def test_drafting_editing_and_drafting_again_in_the_pages(press_world):
    client = _client(press_world.project, "coordinator")
    response = client.post(URL, {"event": press_world.event.pk, "language": "de", "mode": "before"})
    version_url = response["Location"]
    page = client.get(version_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Das SECON-Projekttreffen findet in Cáceres, Extremadura, statt" in html
    assert f"organisations.organisation:{press_world.host.pk}" in html  # the facts beside the paragraphs
    response = client.post(version_url, {"action": "paragraphs", "paragraph_lead": "Ein eigener Satz."})
    assert response.status_code == 302
    client.post(version_url, {"action": "redraft", "mode": "before"})
    lead = DraftParagraph.objects.get(key="lead")
    assert lead.text == "Ein eigener Satz." and lead.is_edited
    html = client.get(version_url).content.decode()
    assert "edited by a person" in html and "What the records give now" in html


def test_a_draft_without_host_is_a_message_not_a_500(db):
    world = build_press_world(host=False)
    client = _client(world.project, "coordinator")
    response = client.post(URL, {"event": world.event.pk, "language": "de", "mode": "before"})
    assert response.status_code == 400
    assert "without the host" in response.content.decode()
    assert not Article.objects.exists()


def test_bad_paragraph_input_is_shown_on_the_paragraph(press_world):
    client = _client(press_world.project, "coordinator")
    version_url = client.post(URL, {"event": press_world.event.pk, "language": "de", "mode": "before"})[
        "Location"
    ]
    response = client.post(version_url, {"action": "paragraphs", "paragraph_lead": "<iframe src=x></iframe>"})
    assert response.status_code == 400
    assert "Remove the HTML &lt;iframe&gt;" in response.content.decode()


def test_an_unknown_event_is_404(press_world):
    client = _client(press_world.project, "coordinator")
    assert client.post(URL, {"event": 99999, "language": "de"}).status_code == 404


def test_names_without_forms_are_listed_and_can_be_added(press_world):
    from secon.communications.models import NameForm

    NameForm.objects.filter(organisation=press_world.university, language="de").delete()
    client = _client(press_world.project, "coordinator")
    version_url = client.post(URL, {"event": press_world.event.pk, "language": "de", "mode": "before"})[
        "Location"
    ]
    html = client.get(version_url).content.decode()
    name_url = f"/en/secon/communications/names/{press_world.university.pk}/de/"
    assert name_url in html
    response = client.post(name_url, {"gender": "f", "nom": "", "next": version_url})
    assert response.status_code == 400  # the subject form is required
    response = client.post(
        name_url, {"gender": "f", "nom": "die Universität Extremadura", "next": version_url}
    )
    assert response["Location"] == version_url
    client.post(version_url, {"action": "redraft", "mode": "before"})
    assert "einen Vortrag der Universität Extremadura" in DraftParagraph.objects.get(key="talks").text
    assert name_url not in client.get(version_url).content.decode()


def test_only_coordinators_and_the_organisations_editors_name_it(press_world):
    client = _client(press_world.project, "viewer")
    url = f"/en/secon/communications/names/{press_world.university.pk}/de/"
    assert client.get(url).status_code == 403
    assert _client(press_world.project, "coordinator").get(url).status_code == 200
    assert _client(press_world.project, "coordinator").get(url.replace("/de/", "/pl/")).status_code == 404
