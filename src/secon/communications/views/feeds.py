"""Feeds: Atom and JSON Feed 1.1 of the news (with ETag and Last-Modified: a reader asking again gets
304 Not Modified), a project's events as iCalendar, and the printable press release."""

import hashlib
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import conditional_page, require_safe

from secon.communications import feeds, scopes, selectors, structured
from secon.communications.drafting.compose import press_label
from secon.communications.views.look import data_uri
from secon.core.cache import cached_page
from secon.core.http import download
from secon.core.markup import render_markdown
from secon.events import selectors as event_selectors
from secon.events.exporters import render_pdf
from secon.events.scopes import events_scope
from secon.projects import selectors as project_selectors
from secon.projects.scopes import project_scope


def _project(project: str | None):
    return project_selectors.get_public_project(slug=project, with_schedule=False) if project else None


def _project_once(request: HttpRequest, project: str | None):
    if not hasattr(request, "_secon_feed_project"):
        request._secon_feed_project = _project(project)
    return request._secon_feed_project


def _validators(request: HttpRequest, response: HttpResponse, project) -> HttpResponse:
    """Set the feed's ETag and Last-Modified, stored with the cached page (a hit runs no query).

    The tag names the feed (address and format: Atom and JSON Feed differ) and the project's name
    and title it shows, besides its items: renaming the project is news to a reader asking again.
    """
    etag, modified = feeds.feed_fingerprint(feeds.feed_versions(request, project))
    shown = [request.path, response["Content-Type"], etag]
    if project is not None:
        shown += [project.acronym, str(project.title)]
    response["ETag"] = quote_etag(hashlib.sha256("\n".join(shown).encode()).hexdigest()[:32])
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


def _feed_scopes(request: HttpRequest, project: str | None = None) -> list[str]:
    return [project_scope(project), scopes.news_scope(project)] if project else [scopes.ALL_NEWS_SCOPE]


@require_safe
@conditional_page  # answers 304 from the ETag and Last-Modified the (cached) feed carries
@cached_page(_feed_scopes, params=("language",))
def atom(request: HttpRequest, project: str | None = None) -> HttpResponse:
    """The news as an Atom feed (newest 50 items) in the page's language, or ``?language=``."""
    current = _project_once(request, project)
    # A feed object per request: the syndication view keeps the request on it while it renders.
    response = feeds.NewsAtomFeed()(request, project=project)
    response["Content-Type"] = "application/atom+xml; charset=utf-8"
    return _validators(request, response, current)


@require_safe
@conditional_page
@cached_page(_feed_scopes, params=("language",))
def json_feed(request: HttpRequest, project: str | None = None) -> HttpResponse:
    """The news as a JSON Feed 1.1 (newest 50 items)."""
    current = _project_once(request, project)
    document = feeds.json_feed(request, current)
    content = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/feed+json; charset=utf-8")
    return _validators(request, response, current)


@require_safe
@cached_page(lambda request, project: [project_scope(project), events_scope(project)], params=(), daily=True)
def events_calendar(request: HttpRequest, project: str) -> HttpResponse:
    """The project's public events as an iCalendar feed to subscribe to."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    events = list(event_selectors.list_public_events(project=current)) + list(
        event_selectors.list_public_events(project=current, past=True)[:50]
    )
    content = feeds.events_calendar(project=current, events=events, language=translation.get_language())
    return download(
        content,
        content_type="text/calendar; charset=utf-8",
        filename=f"{current.slug}-events.ics",
        inline=True,
    )


@require_safe
@cached_page(scopes.article_page_scopes, params=())
def press_pdf(request: HttpRequest, project: str, article: str) -> HttpResponse:
    """The article in the page's language as a printable press release, with the funding statement."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_public_article(project=current, slug=article)
    language = translation.get_language()
    version = next((item for item in found.public_versions if item.language == language), None)
    if version is None:
        raise Http404("Not published in this language")
    label = press_label(language) if found.kind == "press_release" else ""
    look = selectors.get_look(project=current)
    context = {
        "project": current,
        "article": found,
        "version": version,
        "label": label,
        "body": render_markdown(version.body),
        "url": structured.absolute_url(structured.version_path(found, language)),
        "look": look,
        "statement": look.funding_statement.render(language, current.fallback_languages),
        "logo": data_uri(look.logo),
        "programme_logo": data_uri(look.programme_logo),
    }
    content = render_pdf("communications/pdf/press_release.html", context, language=language)
    return download(
        content, content_type="application/pdf", filename=f"{found.slug}-{language}.pdf", inline=True
    )
