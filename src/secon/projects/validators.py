import functools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.projects.enums import RESERVED_SLUGS


@functools.cache
def site_url_segments() -> frozenset[str]:
    """Return the first path segments the site's own pages use (``events`` in ``/en/events/``,
    ``admin`` in ``/admin/``): read from the URL configuration, so a new page reserves its name."""
    from django.urls import LocalePrefixPattern, URLResolver, get_resolver  # the URLconf imports every app

    found = set()

    def walk(patterns) -> None:
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLResolver) and (
                isinstance(pattern.pattern, LocalePrefixPattern) or route == ""
            ):
                walk(pattern.url_patterns)  # the language prefix, or apps included at the top
                continue
            first = route.split("/", 1)[0]
            if re.fullmatch(r"[-\w.]+", first):
                found.add(first.lower())

    walk(get_resolver().url_patterns)
    return frozenset(found)


def validate_project_slug(value: str) -> None:
    """A project's address name may not be one the site uses for its own pages (``/en/events/``)."""
    if value.lower() in RESERVED_SLUGS or value.lower() in site_url_segments():
        raise ValidationError(
            _("“%(slug)s” is the address of another part of the site; choose another address name."),
            code="reserved",
            params={"slug": value},
        )


def validate_content_languages(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one content language."), code="required")
    unknown = [code for code in value if code not in CONTENT_LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            code="unknown",
            params={"codes": ", ".join(map(str, unknown))},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A language is listed twice."), code="duplicate")
