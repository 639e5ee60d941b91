"""The project's look on its pages: the officer's form, the stylesheet under a strict CSP, the band,
the news teasers with pictures on the project page, the press-release PDF with the logos."""

import io

import pytest
from pypdf import PdfReader

from django.urls import reverse

from secon.communications.models import ProjectLook
from secon.communications.services import images
from secon.communications.services.look import save_look
from secon.core.permissions import SYSTEM
from secon.governance.services import committees
from tests.accounts.world import ROLES, client_for, expected, outcome
from tests.communications.conftest import published_article
from tests.communications.test_look import png, values
from tests.events.factories import EventFactory, published

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    return {
        "primary_colour": "#0b5e3b",
        "accent_colour": "#7a2e8e",
        "funding_statement_0": "Co-funded by the European Union",
        **changes,
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_and_save_the_look(client, world, role):
    client_for(client, world, role)
    url = reverse("communications:look", args=["alpha"])
    allowed = expected("login", 403, 403, 200, 403, 200)
    assert outcome(client.get(url)) == allowed[role]
    response = client.post(url, {**_form(), "logo": png()})
    assert response.status_code in (302, 403)
    assert ProjectLook.objects.filter(project=world.projects["a"]).exists() == (allowed[role] == 200)


def test_low_contrast_and_bad_colours_are_shown_on_the_fields(client, world):
    client_for(client, world, "coordinator")
    url = reverse("communications:look", args=["alpha"])
    response = client.post(url, _form(primary_colour="#ffd700", accent_colour="red", logo=png()))
    assert response.status_code == 400
    html = response.content.decode()
    assert "White text on #ffd700, and links in it on light grey, have a contrast of 1.2:1" in html
    assert "“red” is not a colour" in html and "Nothing was saved" in html
    assert not ProjectLook.objects.exists()


def test_the_stylesheet_sets_the_projects_colours_and_the_pages_keep_a_strict_csp(client, world):
    save_look(actor=SYSTEM, project=world.projects["a"], logo=png(), **values(primary_colour="#0b5e3b"))
    css = client.get("/en/alpha/look.css")
    assert css["Content-Type"].startswith("text/css")
    body = css.content.decode()
    assert "--brand:#0b5e3b;" in body and "--brand-dark:#08462c;" in body and "--accent:#8a3b12;" in body
    published_article(world.projects["a"])
    for path in ("/en/alpha/", "/en/alpha/news/", "/en/alpha/news/caceres/", "/en/alpha/newsletter/"):
        response = client.get(path)
        html = response.content.decode()
        assert "/en/alpha/look.css?v=0b5e3b8a3b12" in html, path
        assert 'class="project-band"' in html and "Co-funded by the European Union" in html
        assert "style-src 'self';" in response["Content-Security-Policy"] and "style=" not in html
    look = ProjectLook.objects.get()
    assert client.get(look.logo.url)["Content-Type"] == "image/png"


def test_a_changed_look_refreshes_the_cached_pages(client, world, django_capture_on_commit_callbacks):
    published_article(world.projects["a"])
    for path in ("/en/alpha/", "/en/alpha/news/", "/en/alpha/news/caceres/"):
        assert "?v=1d4e898a3b12" in client.get(path).content.decode(), path
    with django_capture_on_commit_callbacks(execute=True):
        save_look(actor=SYSTEM, project=world.projects["a"], **values(primary_colour="#5a2d82"))
    for path in ("/en/alpha/", "/en/alpha/news/", "/en/alpha/news/caceres/"):
        assert "?v=5a2d828a3b12" in client.get(path).content.decode(), path


def test_a_hidden_projects_stylesheet_and_logo_are_not_found(client, world):
    save_look(actor=SYSTEM, project=world.projects["a"], logo=png(), **values())
    project = world.projects["a"]
    project.is_public = False
    project.save(update_fields=["is_public"])
    assert client.get("/en/alpha/look.css").status_code == 404
    assert client.get(ProjectLook.objects.get().logo.url).status_code == 404


def test_the_project_page_shows_the_latest_news_with_their_pictures(
    client, world, django_assert_max_num_queries
):
    article = published_article(world.projects["a"], languages=("en", "es"))
    images.add_image(
        actor=SYSTEM,
        article=article,
        file=png("photo.png"),
        alt_text={"en": "Partners at the cheese dairy", "es": "Socios en la quesería"},
        credit="KMOP",
        photo_consent="recorded",
    )
    with django_assert_max_num_queries(20):
        html = client.get("/es/alpha/").content.decode()
    assert 'alt="Socios en la quesería"' in html and "Title caceres es" in html
    assert f"/es/alpha/news/caceres/images/{article.images.get().pk}/" in html


def test_the_press_release_pdf_carries_the_logos_and_the_funding_statement(client, world):
    published_article(world.projects["a"], languages=("en", "es"), kind="press_release")
    save_look(
        actor=SYSTEM,
        project=world.projects["a"],
        logo=png(size=(300, 100)),
        programme_logo=png("programme.png", size=(200, 100), colour="gold"),
        **values(),
    )
    response = client.get("/es/alpha/news/caceres/press-release.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Cofinanciado por la UE" in text
    assert len(reader.pages[0].images) == 2


def test_the_event_practice_and_committee_pages_wear_the_look_too(client, world):
    project = world.projects["a"]
    save_look(actor=SYSTEM, project=project, logo=png(), **values(primary_colour="#0b5e3b"))
    event = EventFactory(project=project, slug="caceres")
    practice = published(project)
    committees.create_committee(
        actor=SYSTEM,
        project=project,
        slug="sc",
        kind="steering",
        name={"en": "Steering committee"},
        code="SC",
    )
    for path in (
        "/en/alpha/events/",
        f"/en/alpha/events/{event.slug}/",
        f"/en/alpha/events/{event.slug}/register/",
        "/en/alpha/practices/",
        f"/en/alpha/practices/{practice.pk}/",
        "/en/alpha/committee/sc/public/decisions/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "/en/alpha/look.css?v=0b5e3b8a3b12" in html, path
        assert 'class="project-band"' in html and "Co-funded by the European Union" in html, path
        assert 'class="project-band__logo"' in html, path
        assert "style-src 'self';" in response["Content-Security-Policy"] and "style=" not in html, path
    # Pages of no single project keep the site's colours.
    for path in ("/en/events/", "/en/practices/"):
        html = client.get(path).content.decode()
        assert "look.css" not in html and "project-band" not in html, path


def test_a_changed_look_refreshes_the_cached_event_and_practice_pages(
    client, world, django_capture_on_commit_callbacks
):
    project = world.projects["a"]
    event = EventFactory(project=project, slug="caceres")
    practice = published(project)
    paths = ("/en/alpha/events/", f"/en/alpha/events/{event.slug}/", f"/en/alpha/practices/{practice.pk}/")
    for path in paths:
        assert "?v=1d4e898a3b12" in client.get(path).content.decode(), path
    with django_capture_on_commit_callbacks(execute=True):
        save_look(actor=SYSTEM, project=project, **values(primary_colour="#5a2d82"))
    for path in paths:
        assert "?v=5a2d828a3b12" in client.get(path).content.decode(), path
