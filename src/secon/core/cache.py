"""Cache rendered public pages per language, invalidated exactly when their data change.

A page declares the *scopes* it depends on (``"projects"``, ``"project:secon"``). Each scope has a
version token in the cache; the page's cache key contains the tokens, so changing data only has to
replace the token of every scope it touches (:func:`touch`) and every page built on it is stale.
New tokens are random, so two processes touching the same scope at once cannot undo each other, and
a token lost from the cache (eviction, restart) only costs a new rendering, never a stale page.

The key is computed *before* the view reads its data: a page rendered while a write commits is
stored under the token that write replaces, so it is never served afterwards.

Only anonymous GET/HEAD requests are served from the cache, and only plain 200 responses that set
no cookie (session, CSRF, language) and are not marked private are stored. The ``X-Page-Cache``
response header says what happened: ``hit``, ``miss`` (rendered and stored), ``pass`` (rendered, not
storable) or ``off`` (not cached for this request: logged in, not a GET, or caching disabled).
``SECON_PAGE_CACHE_SECONDS=0`` turns the page cache off.

A cached page also carries an ``ETag`` made from its key (language, address, query, day, scope
tokens), a ``Last-Modified`` (each token begins with the time its scope changed) and
``Cache-Control: public, max-age=…, stale-while-revalidate=…`` (:func:`cache_control`): a browser,
proxy or CDN may keep it and asks again with ``If-None-Match`` or ``If-Modified-Since``, which is
answered ``304 Not Modified`` (``X-Page-Cache: not-modified``) from the key alone, before the page
is even read from the cache. The tag changes exactly when the page's key does. Pages of signed-in
users are marked ``private``.

Hits of addresses a process has served before are answered by
:class:`secon.core.middleware.PageCacheMiddleware`, before the session, language and authentication
middleware, for visitors who cannot be signed in (its store: :mod:`secon.core.page_store`).

Which scopes a record belongs to is declared once per model, in its app's ``scopes.py`` (loaded by
the core at start-up), next to the functions that name the scopes (which the pages use too)::

    @record_scopes(Event)
    def event_scopes(event: Event) -> list[str]:
        return [event_page(event.project.slug, event.slug), project_events(event.project.slug)]

and :func:`secon.core.audit.record_change` — called by every write service — touches them, for
the record as it is now and as it was before the change (a renamed slug frees its old pages).
A model that no cached page shows says so with :func:`not_on_cached_pages`; a test fails on a
model that does neither.
"""

import copy
import datetime
import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from secon.core.page_store import learn_route as _learn_route
from secon.core.page_store import read_page as _read_page
from secon.core.page_store import write_page as _write_page

logger = logging.getLogger(__name__)

VERSION_PREFIX = "secon:scope:"
PAGE_PREFIX = "secon:page:"
HEADER = "X-Page-Cache"
#: The cache of page parts addressed by a digest of what they show (settings.CACHES["fragments"]):
#: never stale, so never invalidated; the agenda's rows, iCal entries and the kept page frame.
FRAGMENTS = "fragments"
#: Response headers that are never stored with a page.
_UNSTORED_HEADERS = {"set-cookie", HEADER.lower()}


def fragments() -> BaseCache:
    """Return the cache of page parts kept under a digest of their content."""
    return caches[FRAGMENTS]


def _version_keys(scopes: Iterable[str]) -> list[str]:
    return [VERSION_PREFIX + scope for scope in scopes]


def is_enabled() -> bool:
    """Tell whether rendered pages are cached at all (``SECON_PAGE_CACHE_SECONDS`` > 0)."""
    return settings.PAGE_CACHE_SECONDS > 0


def _new_token() -> str:
    """Return a new scope token: the time of the change (seconds), then a random part."""
    return f"{int(time.time())}.{uuid.uuid4().hex}"


def _token_time(token: str) -> int | None:
    """Return when the scope of ``token`` last changed (None for a token without its time)."""
    head, dot, _rest = token.partition(".")
    return int(head) if dot and head.isdigit() else None


def touch(*scopes: str) -> None:
    """Mark the scopes as changed once the current transaction commits."""
    if not scopes:
        return
    keys = sorted(set(_version_keys(scopes)))

    def replace_tokens():
        try:
            cache.set_many({key: _new_token() for key in keys}, timeout=None)
        except Exception:
            # The data are committed; the pages built on the old tokens may be served until
            # they expire (SECON_PAGE_CACHE_SECONDS). Say so loudly rather than fail the request.
            logger.exception("could not invalidate cached pages for %s", ", ".join(keys))

    transaction.on_commit(replace_tokens)


#: {model: function(record) -> scope names}, filled by the apps' ``scopes`` modules.
_RECORD_SCOPES: dict[type[models.Model], Callable[[models.Model], Iterable[str]]] = {}
#: {model: function(record) -> scopes of the lists that count its records}.
_COUNTED_IN: dict[type[models.Model], Callable[[models.Model], Iterable[str]]] = {}
#: {model: why no cached page shows its records}.
_UNCACHED: dict[type[models.Model], str] = {}


def record_scopes(
    model: type[models.Model], *, counted_in: Callable[[models.Model], Iterable[str]] | None = None
):
    """Declare (as a decorator) the function that names the cache scopes of a model's records.

    ``counted_in(record)`` names the pages that only count the records (the partners of each project
    on the list of projects): they are touched when a record is added or removed, not when it changes.
    """

    def register(function: Callable[[models.Model], Iterable[str]]):
        if model in _RECORD_SCOPES or model in _UNCACHED:
            raise ValueError(f"cache scopes of {model._meta.label} are declared twice")
        _RECORD_SCOPES[model] = function
        if counted_in is not None:
            _COUNTED_IN[model] = counted_in
        return function

    return register


def not_on_cached_pages(model: type[models.Model], *, reason: str) -> None:
    """Declare that no cached page shows the model's records (``reason`` says why, for reviewers)."""
    if model in _RECORD_SCOPES or model in _UNCACHED:
        raise ValueError(f"cache scopes of {model._meta.label} are declared twice")
    _UNCACHED[model] = reason


def declared_models() -> tuple[set[type[models.Model]], set[type[models.Model]]]:
    """Return the models with declared scopes and those declared as never cached."""
    return set(_RECORD_SCOPES), set(_UNCACHED)


def _as_before(instance: models.Model, before: dict) -> models.Model:
    """Return a copy of ``instance`` holding the field values of ``before`` (an audit snapshot)."""
    old = copy.copy(instance)
    old._state = copy.copy(instance._state)
    old._state.fields_cache = dict(instance._state.fields_cache)
    for field in instance._meta.concrete_fields:
        if field.name not in before:
            continue
        if getattr(old, field.attname) != before[field.name]:
            setattr(old, field.attname, before[field.name])
            # A changed key: the related record cached on the copy is not the old one.
            old._state.fields_cache.pop(field.name, None)
    return old


def scopes_of_record(
    instance: models.Model, *, before: dict | None = None, added_or_removed: bool = False
) -> set[str]:
    """Return the scopes of the record as it is and, given its earlier values, as it was (and of the
    lists that count it, when it is added or removed)."""
    model = instance._meta.concrete_model
    function = _RECORD_SCOPES.get(model)
    if function is None:
        return set()
    names = set(function(instance))
    if before:
        names.update(function(_as_before(instance, before)))
    if added_or_removed and model in _COUNTED_IN:
        names.update(_COUNTED_IN[model](instance))
    return names


def touch_record(
    instance: models.Model, *, before: dict | None = None, added_or_removed: bool = False
) -> None:
    """Mark the record's scopes (now and before the change) as changed once the transaction commits."""
    touch(*scopes_of_record(instance, before=before, added_or_removed=added_or_removed))


def _tokens(scopes: Sequence[str]) -> list[str]:
    keys = _version_keys(scopes)
    tokens = cache.get_many(keys)
    missing = {key: _new_token() for key in keys if key not in tokens}
    if missing:
        # add() keeps a token another process has just set, so nobody serves a page built on
        # data older than its token.
        for key, token in missing.items():
            cache.add(key, token, timeout=None)
        tokens = cache.get_many(keys)
    return [tokens.get(key, "x") for key in keys]


def _scope_tokens(scopes: Sequence[str]) -> str:
    return "-".join(_tokens(scopes))


def scopes_version(*scopes: str) -> str:
    """Return a token that changes whenever one of the scopes does (a key for data derived from them)."""
    return _scope_tokens(scopes)


#: The query parameters a page reads: names, or {name: normaliser}. A normaliser turns the value a
#: visitor sent into the one the page uses (``"europe/madrid"`` → ``"Europe/Madrid"``), or None
#: when the page ignores it; so neither a variant spelling nor a made-up value renders the page again.
Params = Sequence[str] | Mapping[str, Callable[[str], str | None]]


def _query_part(request: HttpRequest, params: Params | None) -> str:
    """Return the part of the query string the page depends on, normalised, in a canonical order."""
    if params is None:
        items = request.GET.lists()
    elif isinstance(params, Mapping):
        items = (
            (name, [normalise(value) for value in request.GET.getlist(name)])
            for name, normalise in params.items()
            if name in request.GET
        )
    else:
        items = ((name, request.GET.getlist(name)) for name in params if name in request.GET)
    return urlencode(sorted((name, value) for name, values in items for value in values if value is not None))


class PageKey:
    """Where a page is stored, its entity tag and when what it shows last changed (or None)."""

    __slots__ = ("etag", "key", "modified")

    def __init__(self, key: str, modified: int | None):
        self.key = key
        self.etag = _etag(key)
        self.modified = modified


def _page_key(
    request: HttpRequest, scopes: Sequence[str], *, params: Params | None, daily: bool, language: str
) -> PageKey:
    tokens = _tokens(scopes)
    today = timezone.localdate() if daily else None
    parts = [request.path, _query_part(request, params), today.isoformat() if today else "", "-".join(tokens)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    times = [_token_time(token) for token in tokens]
    modified = max(times) if times and None not in times else None
    if modified is not None and today is not None:
        # A daily page changes at midnight too (in the installation's time zone).
        midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone())
        modified = max(modified, int(midnight.timestamp()))
    return PageKey(f"{PAGE_PREFIX}{language}:{digest}", modified)


def page_key(
    request: HttpRequest,
    scopes: Sequence[str],
    *,
    params: Params | None = None,
    daily: bool = False,
) -> str:
    """Return the cache key of the page: language, path, query string, day and scope tokens."""
    return _page_key(request, scopes, params=params, daily=daily, language=translation.get_language()).key


def _etag(key: str) -> str:
    """Return the entity tag of the page stored under ``key`` (it changes whenever the key does)."""
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Answer 304 (or 412 for a failed ``If-Match``) when the client's copy is current, else ``response``.

    The validators are the response's own (a feed sets its ETag and Last-Modified; other pages get
    those of their key from :func:`_mark_public`).
    """
    modified = response.get("Last-Modified")
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(modified) if modified else None,
        response=response,
    )
    if answer is not response:
        answer[HEADER] = "not-modified"
    return answer


def _not_modified(request: HttpRequest, page: PageKey) -> HttpResponse | None:
    """Answer 304 (or 412) from the key alone when the client's copy is current, else None."""
    response = get_conditional_response(request, etag=page.etag, last_modified=page.modified)
    if response is not None:
        _mark_public(response, page)
        response[HEADER] = "not-modified"
    return response


def cache_control() -> dict:
    """Return the ``Cache-Control`` of a public cached page (for :func:`patch_cache_control`).

    Browsers and shared caches (a proxy, a CDN) may reuse it for ``SECON_PAGE_MAX_AGE`` seconds
    without asking, and then serve it stale for ten times as long while they revalidate it with
    its ETag or Last-Modified (a 304 costs the server less than a hit). With 0, every reuse is
    revalidated first (``no-cache``).
    """
    seconds = settings.PAGE_MAX_AGE
    if seconds <= 0:
        return {"public": True, "no_cache": True}
    return {"public": True, "max_age": seconds, "stale_while_revalidate": seconds * 10}


def _mark_public(response: HttpResponse, page: PageKey) -> None:
    """Let browsers and shared caches keep the page and revalidate it with its tag and date."""
    if not response.has_header("ETag"):
        response["ETag"] = page.etag
    if page.modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(page.modified)
    patch_cache_control(response, **cache_control())
    patch_vary_headers(response, ["Cookie"])


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie"):
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    # Cookies that middleware adds after the view: a CSRF token used in the page, a changed session.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def cached_page(
    scopes: Callable[..., list[str]],
    *,
    params: Params | None = None,
    daily: bool = False,
):
    """Serve the view's response from the cache for anonymous GET and HEAD requests.

    ``scopes(request, *args, **kwargs)`` names what the page depends on; it must run no SQL query
    and depend on nothing but the address (the next hits of the address are served by
    :class:`secon.core.middleware.PageCacheMiddleware` with the scopes named the first time).
    ``params`` lists the query parameters the page reads (others, e.g. ``utm_source``, then share
    the cached page), optionally with a normaliser each (see :data:`Params`); by default the whole
    query string is part of the key. ``daily`` makes the
    page expire at midnight, for pages that show what is current today.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or not is_enabled() or request.user.is_authenticated:
                response = view(request, *args, **kwargs)
                response[HEADER] = "off"
                if request.user.is_authenticated and not response.has_header("Cache-Control"):
                    patch_cache_control(response, private=True)
                return response
            names = scopes(request, *args, **kwargs)
            try:
                language = translation.get_language()
                page = _page_key(request, names, params=params, daily=daily, language=language)
                not_modified = _not_modified(request, page)
                if not_modified is not None:
                    return not_modified
                stored = _read_page(page.key)
            except Exception:
                # A cache server that does not answer must not take the site down: render instead.
                logger.exception("page cache unavailable; rendering %s", request.path)
                page, stored = None, None
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response[HEADER] = "hit"
                _mark_public(response, page)
                _learn_route(request, names, params, daily)
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if page is not None and _may_store(request, response):
                headers = [
                    (name, value) for name, value in response.items() if name.lower() not in _UNSTORED_HEADERS
                ]
                try:
                    _write_page(page.key, (response.content, headers))
                except Exception:
                    logger.exception("could not store %s in the page cache", request.path)
                response[HEADER] = "miss"
                _mark_public(response, page)
                _learn_route(request, names, params, daily)
            else:
                response[HEADER] = "pass"
            patch_vary_headers(response, ["Cookie"])
            return response

        # Tests find the cached pages by this mark (and check that what they show has scopes).
        wrapper.page_cache_scopes = scopes
        return wrapper

    return decorator
