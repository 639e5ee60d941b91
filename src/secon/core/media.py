"""Uploaded files served through one view that asks the file's owner app who may see it.

Every file field whose files the site shows is declared once, in its app's ``ready()``, with
:func:`register_media`: the folder its files are stored under, the model and field, and two
functions — ``is_public(record)`` (shown to everyone: a published practice's pictures, the materials
of a public session) and ``may_see(user, record)`` (the rules predicate for the others). The view
finds the record that owns the requested name; a name no record owns, or a file the visitor may not
see, is a 404 (the same answer, so that nobody learns which private files exist).

The answer carries the Content-Type of the stored type (from the extension the site chose: pictures
are re-encoded, documents checked against their extension), ``X-Content-Type-Options: nosniff``,
a sandboxing Content-Security-Policy, and ``Content-Disposition: attachment`` for everything but
pictures. ``SECON_MEDIA_SENDFILE`` hands the sending to the proxy in front (``X-Accel-Redirect`` for
nginx, ``X-Sendfile`` for Apache and lighttpd); with S3 storage (``SECON_STORAGE_URL``) the view
redirects to a signed address valid for a few minutes.
"""

import dataclasses
import posixpath
from collections.abc import Callable
from urllib.parse import quote

from django_scopes import scopes_disabled

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from secon.core.uploads import INLINE_TYPES, content_type_for

#: Seconds a public file may be kept by browsers and proxies; private files are never stored by them.
PUBLIC_MAX_AGE = 3600


@dataclasses.dataclass(frozen=True)
class MediaSource:
    """Files of one model field: where they are stored, and who may see each one."""

    prefix: str
    model: type
    field: str
    is_public: Callable[[object], bool]
    may_see: Callable[[object, object], bool]
    select_related: tuple[str, ...] = ()


_SOURCES: list[MediaSource] = []


def register_media(
    *,
    prefix: str,
    model: type,
    field: str = "file",
    is_public: Callable[[object], bool],
    may_see: Callable[[object, object], bool],
    select_related: tuple[str, ...] = (),
) -> None:
    """Declare that files stored under ``prefix`` belong to ``model.field`` (called from ``ready()``)."""
    source = MediaSource(prefix, model, field, is_public, may_see, tuple(select_related))
    _SOURCES[:] = [s for s in _SOURCES if (s.prefix, s.model) != (prefix, model)] + [source]


def registered_sources() -> list[MediaSource]:
    return list(_SOURCES)


def clean_name(name: str) -> str | None:
    """Return the stored name asked for, or None when it climbs out of the media folder."""
    if not name or "\\" in name or name.startswith("/"):
        return None
    normal = posixpath.normpath(name)
    if normal != name or normal.startswith("..") or normal == ".":
        return None
    return normal


def find_record(name: str):
    """Return (source, record) owning the stored file ``name``, or (None, None)."""
    for source in _SOURCES:
        if not name.startswith(source.prefix):
            continue
        # Media addresses carry no project: the record found decides who may see it.
        with scopes_disabled():
            record = (
                source.model._default_manager.filter(**{source.field: name})
                .select_related(*source.select_related)
                .first()
            )
        if record is not None:
            return source, record
    return None, None


def visible_to(request: HttpRequest, source: MediaSource, record) -> tuple[bool, bool]:
    """Return (may see, is public) for the visitor."""
    with scopes_disabled():
        if source.is_public(record):
            return True, True
        return bool(request.user.is_authenticated and source.may_see(request.user, record)), False


@require_http_methods(["GET", "HEAD"])
def serve(request: HttpRequest, name: str) -> HttpResponse:
    """Send an uploaded file to a visitor who may see it; 404 for everyone else."""
    name = clean_name(name)
    if name is None:
        raise Http404("No such file")
    source, record = find_record(name)
    if record is None:
        raise Http404("No such file")
    allowed, public = visible_to(request, source, record)
    if not allowed:
        raise Http404("No such file")
    return file_response(name, public=public)


def file_response(name: str, *, public: bool, download_name: str | None = None) -> HttpResponse:
    """Answer with the stored file ``name``: its type, nosniff, attachment unless a picture, proxy-sent
    when ``SECON_MEDIA_SENDFILE`` says so; a redirect to a signed address with S3 storage."""
    content_type = content_type_for(name)
    inline = content_type in INLINE_TYPES
    filename = download_name or posixpath.basename(name)
    mode = settings.MEDIA_SENDFILE
    if hasattr(default_storage, "signed_url"):
        if not default_storage.exists(name):
            raise Http404("No such file")
        response = HttpResponseRedirect(
            default_storage.signed_url(
                name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseContentDisposition": _disposition(filename, inline),
                },
            )
        )
    elif mode["kind"] == "none" or not isinstance(default_storage, FileSystemStorage):
        try:
            handle = default_storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError):
            raise Http404("No such file") from None
        response = FileResponse(handle, content_type=content_type)
    else:
        if not default_storage.exists(name):
            raise Http404("No such file")
        response = HttpResponse(content_type=content_type)
        if mode["kind"] == "x-accel-redirect":
            response["X-Accel-Redirect"] = mode["location"] + quote(name)
        else:
            response["X-Sendfile"] = default_storage.path(name)
    response["Content-Type"] = content_type
    response["Content-Disposition"] = _disposition(filename, inline)
    response["X-Content-Type-Options"] = "nosniff"
    # A file is never a page: no script runs and nothing loads even if a browser tried to render it.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response


def _disposition(filename: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "").replace("?", "_")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
