"""Feeds of the public news: Atom (Django's syndication framework) and JSON Feed 1.1, per project and
language or for the whole installation, at most 50 items; and a project's public events as iCalendar."""

import datetime
import hashlib

import icalendar

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from secon.communications import selectors, structured
from secon.communications.models import ArticleVersion
from secon.core.links import absolute_url
from secon.core.markup import render_markdown
from secon.events.models import Event
from secon.projects.models import Project

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class _AtomWithContent(Atom1Feed):
    """Atom with the article's whole text as ``<content type="html">`` beside its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def feed_language(request: HttpRequest, project: Project | None) -> str:
    """The feed's content language: ``?language=`` when the project writes in it, else the page's."""
    asked = request.GET.get("language", "")
    languages = project.content_languages if project is not None else []
    return asked if asked and (asked in languages or project is None) else translation.get_language()


def feed_versions(request: HttpRequest, project: Project | None) -> list[ArticleVersion]:
    if getattr(request, "_secon_feed_versions", None) is None:
        request._secon_feed_versions = selectors.list_feed_versions(
            project=project, language=feed_language(request, project)
        )
    return request._secon_feed_versions


def feed_fingerprint(versions: list[ArticleVersion]) -> tuple[str, datetime.datetime | None]:
    """Return the ETag and Last-Modified of a feed: what its items are and when they last changed."""
    parts = [f"{v.pk}:{v.changed_at.isoformat()}:{v.published_at.isoformat()}" for v in versions]
    etag = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    modified = max((max(v.changed_at, v.published_at) for v in versions), default=None)
    return etag, modified


def _title(project: Project | None) -> str:
    return _("News of %(acronym)s") % {"acronym": project.acronym} if project else _("News from SECON Hub")


def _home(project: Project | None) -> str:
    if project is None:
        return absolute_url(reverse("public:home"))
    return absolute_url(reverse("communications:news", kwargs={"project": project.slug}))


class NewsAtomFeed(Feed):
    feed_type = _AtomWithContent

    def get_object(self, request, project: str | None = None):
        from secon.projects import selectors as project_selectors

        found = project_selectors.get_public_project(slug=project, with_schedule=False) if project else None
        self.request = request
        self.language = feed_language(request, found)
        return found

    def title(self, obj):
        return _title(obj)

    def link(self, obj):
        return _home(obj)

    def feed_url(self, obj):
        return absolute_url(self.request.get_full_path())

    def subtitle(self, obj):
        return str(obj.title) if obj else _("Articles of every project hosted here.")

    def items(self, obj):
        return feed_versions(self.request, obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return structured.description(item)

    def item_link(self, item):
        return absolute_url(structured.version_path(item.article, item.language))

    def item_guid(self, item):
        return self.item_link(item)

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.first_published_at or item.published_at

    def item_updateddate(self, item):
        return max(item.changed_at, item.published_at)

    def item_author_name(self, item):
        return item.article.project.acronym

    def item_categories(self, item):
        return [item.article.get_kind_display()]

    def item_extra_kwargs(self, item):
        return {"content_html": str(render_markdown(item.body))}


def json_feed(request: HttpRequest, project: Project | None) -> dict:
    """Return the JSON Feed 1.1 document of the news (https://jsonfeed.org/version/1.1)."""
    language = feed_language(request, project)
    items = []
    for version in feed_versions(request, project):
        url = absolute_url(structured.version_path(version.article, version.language))
        item = {
            "id": url,
            "url": url,
            "title": version.title,
            "content_html": str(render_markdown(version.body)),
            "summary": structured.description(version),
            "date_published": (version.first_published_at or version.published_at).isoformat(),
            "date_modified": max(version.changed_at, version.published_at).isoformat(),
            "language": version.language,
            "authors": [{"name": version.article.project.acronym}],
            "tags": [str(version.article.get_kind_display())],
        }
        images = list(version.article.images.all())
        if images:
            item["image"] = structured.image_url(images[0])
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": _title(project),
        "home_page_url": _home(project),
        "feed_url": absolute_url(request.get_full_path()),
        "language": language,
        "items": items,
    }


def events_calendar(*, project: Project, events: list[Event], language: str) -> bytes:
    """Return the project's public events as an iCalendar feed (all-day entries, one per event)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SECON Hub//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Events of %(acronym)s") % {"acronym": project.acronym})
    stamp = timezone.now()
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@secon-hub")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start_date)
        entry.add("dtend", event.end_date + datetime.timedelta(days=1))
        entry.add("summary", event.title.render(language, project.fallback_languages).text)
        description = event.description.render(language, project.fallback_languages).text
        if description:
            entry.add("description", description)
        entry.add("url", absolute_url(event.get_absolute_url()))
        if event.city:
            entry.add("location", event.city)
        entry.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        entry.add("last-modified", event.updated_at)
        calendar.add_component(entry)
    return calendar.to_ical()
