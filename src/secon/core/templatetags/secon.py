"""Template helpers shared by every app: translated content, language alternates, canonical links."""

import hashlib
import re
from functools import lru_cache
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, get_urlconf, resolve, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

from secon.core import cache
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


def _in_languages(url: str, path: str, codes: list[str]) -> list[str]:
    """Return ``url`` (the absolute form of ``path``) in each language of ``codes``.

    What :func:`django.urls.translate_url` does for each language, with the address resolved once
    for all of them instead of once per language. The answer depends only on these, the active
    language (an address resolves under its own language's prefix), the URL map and the script
    prefix: it is remembered for the last 2,048 addresses.
    """
    key = (translation.get_language(), get_urlconf(), get_script_prefix())
    return list(_remembered_languages(url, path, tuple(codes), key))


@lru_cache(maxsize=2048)
def _remembered_languages(url: str, path: str, codes: tuple[str, ...], _context: tuple) -> tuple[str, ...]:
    return tuple(_resolve_languages(url, path, codes))


def _resolve_languages(url: str, path: str, codes: tuple[str, ...]) -> list[str]:
    parsed = urlsplit(url)
    try:
        match = resolve(unquote(parsed.path))  # the address may be encoded
    except Resolver404:
        match = None
    found = []
    for code in codes:
        translated_url = url
        if match is not None:
            name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
            with translation.override(code):
                try:
                    reversed_path = reverse(name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    pass
                else:
                    parts = (parsed.scheme, parsed.netloc, reversed_path, parsed.query, parsed.fragment)
                    translated_url = urlunsplit(parts)
        if translated_url == url:
            # Only addresses that resolve can be reversed (not those of a 404 page): swap the prefix.
            languages = "|".join(re.escape(language) for language, _name in settings.LANGUAGES)
            prefix = re.match(rf"^/({languages})/", path)
            rest = path[prefix.end() :] if prefix else path.lstrip("/")
            translated_url = url[: len(url) - len(path)] + f"/{code}/" + rest
        found.append(translated_url)
    return found


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
    languages = context.get("interface_languages", settings.LANGUAGES)
    urls = _in_languages(url, request.path, [code for code, _name in languages])
    return [(code, name, address + query) for (code, name), address in zip(languages, urls, strict=True)]


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


# --- Parts of the page's frame, rendered once for what they show ----------------------------------

#: Part of every kept fragment's key: raise it when what a fragment's values mean changes.
FRAGMENT_VERSION = 1


def _plain(value):
    """A vary value as plain data for a key: text, numbers, None, and lists, tuples and mappings of
    them (a lazy translation by its text in the active language); anything else is refused, so that
    no object's identity (its ``repr``) stands in for what it shows."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), _plain(item)) for key, item in value.items()))
    raise TypeError(f"{{% kept %}} varies on plain values only, not {type(value).__name__}")


class KeptNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context) -> str:
        if settings.DEBUG:  # an edited template shows at once under the development server
            return self.nodelist.render(context)
        values = (
            FRAGMENT_VERSION,
            self.name,
            translation.get_language(),
            get_script_prefix(),
            *(_plain(value.resolve(context)) for value in self.vary),
        )
        key = "kept:" + hashlib.blake2b(repr(values).encode(), digest_size=20).hexdigest()
        fragments = cache.fragments()
        html = fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.set(key, str(html))
        return mark_safe(html)


@register.tag
def kept(parser, token):
    """``{% kept "name" value … %}…{% endkept %}``: the part rendered once per process for its values.

    The part's HTML is kept in the ``fragments`` cache (each server process's memory, as the agenda's
    rows: ``secon.events.rows``) under a digest of its name, the interface language, the script
    prefix and the values given — which must be *everything* the part shows (plain values: text,
    numbers, lists): the key is then a content address, never stale, and nothing invalidates it.
    Visitor-specific parts (the user menu, a CSRF token, messages) stay outside. Not kept with
    ``DEBUG`` on.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]])
