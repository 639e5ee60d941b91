"""Feeds: Atom parsed by feedparser, JSON Feed 1.1 checked against its schema, 304 on a repeat, 50 items,
the project's events as iCalendar, the press-release PDF."""

import datetime
import io

import feedparser
import icalendar
import jsonschema
import pytest
from pypdf import PdfReader

from secon.communications.selectors import FEED_ITEMS
from secon.communications.services import articles
from secon.core.permissions import SYSTEM
from tests.communications.conftest import published_article
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

#: The structure of JSON Feed 1.1 (https://jsonfeed.org/version/1.1), as far as we use it.
JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "language": {"type": "string"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string"},
                    "url": {"type": "string"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "language": {"type": "string"},
                    "authors": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"name": {"type": "string"}}},
                    },
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
                "additionalProperties": False,
            },
        },
    },
}


def test_the_atom_feed_parses_and_holds_the_languages_articles(client, world):
    published_article(world.projects["a"], slug="both", languages=("en", "es"))
    published_article(world.projects["a"], slug="english", languages=("en",))
    response = client.get("/es/alpha/news/atom.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Title both es"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver/es/alpha/news/both/"
    assert "<strong>meeting</strong>" in entry.content[0].value
    assert entry.published_parsed and entry.updated_parsed
    english = feedparser.parse(client.get("/en/alpha/news/atom.xml").content)
    assert {entry.title for entry in english.entries} == {"Title both en", "Title english en"}
    polish = feedparser.parse(client.get("/en/alpha/news/atom.xml?language=pl").content)
    assert polish.entries == []


def test_the_json_feed_follows_version_1_1(client, world):
    published_article(world.projects["a"], languages=("en",))
    response = client.get("/en/alpha/news/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    document = response.json()
    jsonschema.validate(document, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["items"][0]["url"] == "http://testserver/en/alpha/news/caceres/"
    assert document["language"] == "en"


def test_a_reader_asking_again_gets_304_until_something_changes(
    client, world, django_capture_on_commit_callbacks
):
    article = published_article(world.projects["a"], languages=("en",))
    for url in ("/en/alpha/news/atom.xml", "/en/alpha/news/feed.json"):
        first = client.get(url)
        assert first["ETag"] and first["Last-Modified"]
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    etag = client.get("/en/alpha/news/atom.xml")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        articles.save_version(actor=SYSTEM, article=article, language="en", title="Changed", body="New text.")
    response = client.get("/en/alpha/news/atom.xml", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"Changed" in response.content


def test_a_feed_holds_at_most_50_items(client, world):
    from secon.communications.models import Article, ArticleVersion

    project = world.projects["a"]
    now = datetime.datetime.now(datetime.UTC)
    for n in range(FEED_ITEMS + 5):
        article = Article.objects.create(project=project, slug=f"n{n}", source_language="en")
        ArticleVersion.objects.create(
            article=article,
            language="en",
            status="published",
            title=f"N{n}",
            body="x",
            published_at=now,
            first_published_at=now,
        )
    assert len(feedparser.parse(client.get("/en/alpha/news/atom.xml").content).entries) == 50
    assert len(client.get("/en/alpha/news/feed.json").json()["items"]) == 50


def test_the_installation_feed_and_other_projects(client, world):
    published_article(world.projects["a"], slug="alpha-news")
    published_article(world.projects["b"], slug="beta-news")
    titles = {entry.title for entry in feedparser.parse(client.get("/en/news/atom.xml").content).entries}
    assert titles == {"Title alpha-news en", "Title beta-news en"}
    alpha = {entry.title for entry in feedparser.parse(client.get("/en/alpha/news/atom.xml").content).entries}
    assert alpha == {"Title alpha-news en"}
    assert client.get("/en/nowhere/news/atom.xml").status_code == 404


def test_the_projects_events_as_icalendar(client, world):
    EventFactory(project=world.projects["a"], slug="coming", title={"en": "Coming seminar"})
    EventFactory(project=world.projects["a"], slug="hidden", status="draft")
    EventFactory(project=world.projects["b"], slug="elsewhere")
    response = client.get("/en/alpha/events/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == ["Coming seminar"]
    assert str(events[0]["url"]).startswith("http://testserver/")


def test_the_press_release_pdf_has_the_funding_statement(client, world):
    published_article(world.projects["a"], languages=("en", "es"), kind="press_release")
    response = client.get("/es/alpha/news/caceres/press-release.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Title caceres es" in text and "Cofinanciado por la Unión Europea" in text
    assert client.get("/de/alpha/news/caceres/press-release.pdf").status_code == 404


def test_each_feed_has_its_own_tag_and_a_renamed_project_changes_it(
    client, world, django_capture_on_commit_callbacks
):
    from secon.projects.services import update_project

    published_article(world.projects["a"], languages=("en",))
    atom = client.get("/en/alpha/news/atom.xml")["ETag"]
    json_feed = client.get("/en/alpha/news/feed.json")["ETag"]
    assert atom != json_feed
    with django_capture_on_commit_callbacks(execute=True):
        update_project(actor=SYSTEM, project=world.projects["a"], acronym="ALPHA2")
    response = client.get("/en/alpha/news/atom.xml", HTTP_IF_NONE_MATCH=atom)
    assert response.status_code == 200 and b"ALPHA2" in response.content
