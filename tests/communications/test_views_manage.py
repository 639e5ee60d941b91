"""The communication officer's pages: who may open and use them, the matrix, bad input on the forms."""

import pytest

from django.urls import reverse

from secon.communications.models import Article
from tests.accounts.world import ROLES, client_for, expected, outcome
from tests.communications.conftest import published_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_is_for_the_project_members(client, world, role):
    published_article(world.projects["a"], languages=("en", "es"))
    response = client_for(client, world, role).get(reverse("communications:matrix", args=["alpha"]))
    allowed = expected("login", 200, 200, 200, 403, 200)
    assert outcome(response) == allowed[role]
    if response.status_code == 200:
        assert response["Cache-Control"] == "private, no-store"
        html = response.content.decode()
        assert "caceres" in html and "status-chip--published" in html and "status-chip--missing" in html


@pytest.mark.parametrize("role", ROLES)
def test_creating_an_article(client, world, role):
    data = {"kind": "news", "slug": "new-one", "source_language": "en", "title": "New", "body": "Text"}
    response = client_for(client, world, role).post(
        reverse("communications:article_create", args=["alpha"]), data
    )
    allowed = expected("login", 403, 302, 302, 403, 302)
    result = outcome(response)
    assert (result if result in ("login", 403) else response.status_code) == allowed[role]
    assert Article.objects.filter(slug="new-one").exists() == (allowed[role] == 302)


def test_bad_input_shows_messages_on_the_fields_and_saves_nothing(client, world):
    client_for(client, world, "editor")
    data = {
        "kind": "news",
        "slug": "x",
        "source_language": "en",
        "title": "x",
        "body": "<script>alert(1)</script>",
    }
    response = client.post(reverse("communications:article_create", args=["alpha"]), data)
    assert response.status_code == 400
    assert "Remove the HTML &lt;script&gt;" in response.content.decode()
    assert not Article.objects.exists()
    response = client.post(reverse("communications:article_create", args=["alpha"]), {**data, "slug": "a b"})
    assert response.status_code == 400


def test_the_matrix_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for n in range(3):
        published_article(world.projects["a"], slug=f"a{n}", languages=("en", "es"))
    client_for(client, world, "viewer")
    url = reverse("communications:matrix", args=["alpha"])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(3, 13):
        published_article(world.projects["a"], slug=f"a{n}", languages=("en", "es"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_version_page_edits_moves_and_publishes(client, world):
    client_for(client, world, "editor")
    client.post(
        reverse("communications:article_create", args=["alpha"]),
        {"kind": "news", "slug": "story", "source_language": "en", "title": "Story", "body": "Text"},
    )
    article = Article.objects.get(slug="story")
    url = reverse("communications:version", args=["alpha", article.pk, "es"])
    response = client.post(url, {"action": "save", "title": "Historia", "body": "Texto"})
    assert response.status_code == 302
    response = client.post(url, {"action": "status", "status": "approved"})
    assert response.status_code == 403
    client.post(url, {"action": "status", "status": "needs_review"})
    client.force_login(world.users["coordinator"])
    client.post(url, {"action": "status", "status": "approved"})
    response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    assert article.versions.get(language="es").published_at is not None
    assert article.versions.get(language="en").published_at is None
    page = client.get(url)
    assert "Take this language off the site" in page.content.decode()


def test_a_wrong_status_move_is_a_message_not_a_500(client, world):
    article = published_article(world.projects["a"])
    client_for(client, world, "coordinator")
    url = reverse("communications:version", args=["alpha", article.pk, "en"])
    response = client.post(url, {"action": "status", "status": "draft"})
    assert response.status_code == 400
    assert "Take the version off the site first" in response.content.decode()
    assert client.post(url, {"action": "status", "status": "bogus"}).status_code == 400


def test_a_language_outside_the_project_is_404(client, world):
    article = published_article(world.projects["a"])
    client_for(client, world, "coordinator")
    assert client.get(reverse("communications:version", args=["alpha", article.pk, "el"])).status_code == 404


def test_another_projects_article_is_not_found(client, world):
    article = published_article(world.projects["b"], slug="beta-news")
    client_for(client, world, "coordinator")
    assert client.get(reverse("communications:article_manage", args=["alpha", article.pk])).status_code == 404
