"""The languages content can be written in, beside the four complete interface languages."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

#: Content languages a project may declare, in a stable order (ISO 639-1 codes).
CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("el", _("Greek")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("lv", _("Latvian")),
    ("bg", _("Bulgarian")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
]
CONTENT_LANGUAGE_CODES = [code for code, _name in CONTENT_LANGUAGES]

#: The languages the site's pages and e-mails are written in (``settings.LANGUAGES``).
INTERFACE_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def interface_language(code: str) -> str:
    """Return ``code`` if the interface speaks it, else the installation's language."""
    return code if code in INTERFACE_LANGUAGES else settings.LANGUAGE_CODE


def language_name(code: str) -> str:
    """Return the translated name of a content language, or the code itself."""
    return str(dict(CONTENT_LANGUAGES).get(code, code))
