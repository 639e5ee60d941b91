"""The public news: list, article pages with hreflang, JSON-LD and social tags, the page cache, pictures."""

import datetime
import io
import json
import re

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from secon.communications.services import articles, images
from secon.core.permissions import SYSTEM
from tests.communications.conftest import published_article

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_news_list_shows_published_articles_in_the_page_language(client, world):
    published_article(world.projects["a"], slug="both", languages=("en", "es"))
    published_article(world.projects["a"], slug="english-only", languages=("en",))
    draft = articles.create_article(
        actor=SYSTEM, project=world.projects["a"], slug="draft", source_language="en", title="Secret draft"
    )
    assert draft
    html = client.get("/es/alpha/news/").content.decode()
    assert "Title both es" in html and "Title english-only en" in html and "Secret draft" not in html
    assert 'lang="en"' in html  # the English-only item says which language it is in


def test_another_projects_news_and_unknown_pages_are_404(client, world):
    published_article(world.projects["b"], slug="beta-news")
    assert client.get("/en/alpha/news/beta-news/").status_code == 404
    assert client.get("/en/alpha/news/?page=9").status_code == 404
    assert client.get("/en/nowhere/news/").status_code == 404


def test_the_article_page_has_hreflang_alternates_json_ld_and_social_tags(client, world):
    article = published_article(world.projects["a"], languages=("en", "es", "pl"))
    images.add_image(
        actor=SYSTEM,
        article=article,
        file=_png(),
        alt_text={"en": "Partners", "es": "Socios", "pl": "Partnerzy"},
        credit="Junta de Extremadura",
        photo_consent="recorded",
    )
    response = client.get("/es/alpha/news/caceres/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/alpha/news/caceres/">' in html
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/en/alpha/news/caceres/pl/">' in html
    assert '<link rel="canonical" href="http://testserver/es/alpha/news/caceres/">' in html
    data = _json_ld(html)
    assert (
        data["@type"] == "NewsArticle"
        and data["inLanguage"] == "es"
        and data["headline"] == "Title caceres es"
    )
    assert data["translationOfWork"]["inLanguage"] == "en"
    assert data["datePublished"].endswith("+00:00") and data["publisher"]["name"] == "ALPHA"
    assert data["image"][0].startswith("http://testserver/es/alpha/news/caceres/images/")
    assert '<meta property="og:locale" content="es_ES">' in html
    assert '<meta property="og:locale:alternate" content="pl_PL">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'alt="Socios"' in html and "Junta de Extremadura" in html
    english = _json_ld(client.get("/en/alpha/news/caceres/").content.decode())
    assert {item["inLanguage"] for item in english["workTranslation"]} == {"es", "pl"}
    polish = client.get("/en/alpha/news/caceres/pl/")
    assert polish.status_code == 200 and _json_ld(polish.content.decode())["inLanguage"] == "pl"
    assert (
        client.get("/en/alpha/news/caceres/es/").status_code == 404
    )  # an interface language has its own page


def test_a_missing_language_falls_back_and_says_so(client, world):
    published_article(world.projects["a"], languages=("en",))
    html = client.get("/es/alpha/news/caceres/").content.decode()
    assert "Title caceres en" in html and 'class="fallback-note"' in html


def test_markdown_is_rendered_safely(client, world):
    published_article(world.projects["a"], body="Hello **world** and [a link](https://example.org).")
    html = client.get("/en/alpha/news/caceres/").content.decode()
    assert "<strong>world</strong>" in html
    assert 'href="https://example.org" rel="noopener noreferrer nofollow"' in html


def test_an_embargoed_article_stays_hidden_until_its_time(client, world):
    later = timezone.now() + datetime.timedelta(hours=3)
    published_article(world.projects["a"], embargo_until=later)
    assert client.get("/en/alpha/news/caceres/").status_code == 404
    assert "Title caceres" not in client.get("/en/alpha/news/").content.decode()


def test_the_pages_are_cached_and_refreshed_when_a_version_changes(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    article = published_article(world.projects["a"], languages=("en", "es"))
    assert client.get("/en/alpha/news/")["X-Page-Cache"] == "miss"
    assert client.get("/en/alpha/news/")["X-Page-Cache"] == "hit"
    assert client.get("/en/alpha/news/caceres/")["X-Page-Cache"] == "miss"
    assert client.get("/en/alpha/news/caceres/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        articles.unpublish_version(actor=SYSTEM, version=article.versions.get(language="es"))
    assert client.get("/en/alpha/news/")["X-Page-Cache"] == "miss"
    page = client.get("/en/alpha/news/caceres/")
    assert page["X-Page-Cache"] == "miss"
    assert '<link rel="alternate" hreflang="es"' not in page.content.decode()


def test_the_news_list_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for n in range(2):
        published_article(world.projects["a"], slug=f"n{n}", languages=("en", "es"))
    with django_assert_max_num_queries(8) as few:
        client.get("/en/alpha/news/")
    for n in range(2, 12):
        published_article(world.projects["a"], slug=f"n{n}", languages=("en", "es"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/en/alpha/news/").status_code == 200


def test_pictures_are_served_only_for_public_articles(client, world):
    article = published_article(world.projects["a"])
    picture = images.add_image(
        actor=SYSTEM,
        article=article,
        file=_png(),
        alt_text={"en": "x"},
        credit="c",
        photo_consent="no_people",
    )
    url = reverse("communications:image", args=["alpha", "caceres", picture.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    articles.unpublish_version(actor=SYSTEM, version=article.versions.get())
    assert client.get(url).status_code == 404


def test_publishing_needs_alt_text_in_that_language(world):
    article = articles.create_article(
        actor=SYSTEM, project=world.projects["a"], slug="pics", source_language="en", title="x", body="y"
    )
    images.add_image(
        actor=SYSTEM,
        article=article,
        file=_png(),
        alt_text={"es": "x"},
        credit="c",
        photo_consent="no_people",
    )
    version = article.versions.get()
    articles.set_version_status(actor=SYSTEM, version=version, status="approved")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        articles.publish_version(actor=SYSTEM, version=version)
    assert "alternative text" in str(error.value)


def test_a_huge_or_fake_image_is_refused(world):
    from django.core.exceptions import ValidationError

    article = articles.create_article(
        actor=SYSTEM, project=world.projects["a"], slug="pics", source_language="en", title="x"
    )
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError):
        images.add_image(
            actor=SYSTEM, article=article, file=fake, alt_text={}, credit="c", photo_consent="no_people"
        )
    huge = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (50 * 1024 * 1024), content_type="image/png")
    with pytest.raises(ValidationError):
        images.add_image(
            actor=SYSTEM, article=article, file=huge, alt_text={}, credit="c", photo_consent="no_people"
        )
    assert not article.images.exists()
    translation.activate("en")
