"""Template helpers shared by every app: translated content, language alternates."""

from django import template
from django.urls import translate_url
from django.utils import translation

from secon.core.i18n import Rendering, Translations

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


@register.simple_tag(takes_context=True)
def alternate_urls(context) -> list[tuple[str, str, str]]:
    """Return (code, name, absolute URL) of the current page in every interface language."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    return [(code, name, translate_url(url, code)) for code, name in context["interface_languages"]]
