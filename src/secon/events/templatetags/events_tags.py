"""Template helpers of the events pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def json_ld(data) -> str:
    """Emit ``<script type="application/ld+json">`` with the data as JSON, escaped for HTML.

    ``|json_script`` writes ``type="application/json"``, which search engines ignore; the CSP lets
    this non-executable block through because browsers never run it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # (str.replace: several times faster than str.translate on long non-ASCII text)
    text = text.replace("&", "\\u0026").replace("<", "\\u003C").replace(">", "\\u003E")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def language_name(code: str) -> str:
    """Return the translated name of a content language."""
    from secon.core.languages import language_name as name

    return name(code)
