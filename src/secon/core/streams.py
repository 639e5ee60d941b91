"""Exports built as a stream and kept in the page cache (see :mod:`secon.core.cache`)."""

import logging
from collections.abc import Callable, Iterable, Sequence

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation

from secon.core.cache import HEADER, Params, _mark_public, _not_modified, _page_key, is_enabled
from secon.core.page_store import learn_route, read_page, write_page

logger = logging.getLogger(__name__)


#: The largest export kept in the cache (a bigger one is streamed each time).
STREAM_CACHE_LIMIT = 32 * 1024 * 1024


def cached_stream(
    request: HttpRequest,
    scopes: Sequence[str],
    produce: Callable[[], Iterable[str]],
    *,
    content_type: str,
    params: Params | None = None,
) -> HttpResponse:
    """Answer with a file (an export) built by ``produce``, from the cache when the data it depends on
    (``scopes``) and the parameters it reads are unchanged; otherwise streamed while it is built, and
    stored once complete (up to :data:`STREAM_CACHE_LIMIT`). Served to everybody alike: use it only
    for public data, and only where what the view checks before calling it depends on ``scopes``
    alone (the next hits of the address are served by :class:`PageCacheMiddleware`).
    """
    try:
        page = _page_key(request, scopes, params=params, daily=False, language=translation.get_language())
        if is_enabled():
            not_modified = _not_modified(request, page)
            if not_modified is not None:
                return not_modified
        stored = read_page(page.key) if is_enabled() else None
    except Exception:
        logger.exception("page cache unavailable; building %s", request.path)
        page, stored = None, None
    if stored is not None:
        response = HttpResponse(stored, content_type=content_type)
        response[HEADER] = "hit"
        _mark_public(response, page)
        learn_route(request, scopes, params, False)
        return response

    def chunks():
        kept, size, buffer = [], 0, []
        for text in produce():
            buffer.append(text)
            if sum(map(len, buffer)) >= 65_536:
                data = "".join(buffer).encode()
                buffer = []
                size += len(data)
                if size <= STREAM_CACHE_LIMIT:
                    kept.append(data)
                yield data
        data = "".join(buffer).encode()
        size += len(data)
        kept.append(data)
        yield data
        if page is not None and size <= STREAM_CACHE_LIMIT and is_enabled():
            try:
                write_page(page.key, b"".join(kept))
            except Exception:
                logger.exception("could not store %s in the page cache", request.path)

    response = StreamingHttpResponse(chunks(), content_type=content_type)
    response[HEADER] = "miss"
    if page is not None and is_enabled():
        _mark_public(response, page)
    return response
