"""Template helpers shared by every app: translated content, language alternates, canonical links."""

import re
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from secon.core.i18n import Rendering, Translations
from secon.core.links import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, value, *fallbacks) -> Rendering:
    """Render a translated field in the page's language, falling back along the project order.

    Usage: ``{% translated project.summary as summary %}`` then ``{{ summary }}`` and
    ``{% if summary.is_fallback %}``. The fallback order is the ``content_fallbacks`` list of the
    context (set by project pages) unless given.
    """
    if not isinstance(value, Translations):
        value = Translations(value or {})
    order = list(fallbacks) or list(context.get("content_fallbacks", ()))
    return value.render(translation.get_language(), order)


def _in_language(url: str, path: str, code: str) -> str:
    """Return ``url`` (the absolute form of ``path``) in the language ``code``."""
    translated_url = translate_url(url, code)
    if translated_url != url:
        return translated_url
    # translate_url only knows paths that resolve (not those of a 404 page): swap the prefix.
    languages = "|".join(re.escape(language) for language, _name in settings.LANGUAGES)
    match = re.match(rf"^/({languages})/", path)
    rest = path[match.end() :] if match else path.lstrip("/")
    return url[: len(url) - len(path)] + f"/{code}/" + rest


#: Query parameters that name a distinct page (kept in canonical and alternate links); others
#: (tracking, cache busting) are dropped.
PAGE_PARAMETERS = ("page",)


def _page_query(request) -> str:
    kept = {name: request.GET[name] for name in PAGE_PARAMETERS if request.GET.get(name, "1") != "1"}
    return f"?{urlencode(kept)}" if kept else ""


@register.simple_tag(takes_context=True)
def alternate_urls(context) -> list[tuple[str, str, str]]:
    """Return (code, name, absolute URL) of the current page in every interface language."""
    request = context["request"]
    url = absolute_url(request.path)
    query = _page_query(request)
    return [
        (code, name, _in_language(url, request.path, code) + query)
        for code, name in context.get("interface_languages", settings.LANGUAGES)
    ]


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """Return the absolute URL of the current page, keeping only the parameters that name a page."""
    request = context["request"]
    return absolute_url(request.path) + _page_query(request)


@register.simple_tag
def site_link(path: str) -> str:
    """Return the absolute URL of a path of this site (on SECON_SITE_URL): ``{% site_link url %}``."""
    return absolute_url(path)


@register.filter
def language_url(alternates, code: str) -> str:
    """Pick the URL of one language from the list ``alternate_urls`` returned."""
    return next((url for language, _name, url in alternates if language == code), "")
