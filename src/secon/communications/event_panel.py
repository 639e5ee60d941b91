"""The "draft press release" panel on an event's organiser page (registered with events, see apps.py)."""

from django.http import HttpRequest
from django.utils import translation

from secon.communications import selectors
from secon.communications.drafting.compose import available_languages, choose_mode
from secon.core.languages import language_name


def press_release_panel(request: HttpRequest, event) -> dict | None:
    """Offer the press release of the event to those who may write the project's articles."""
    if not request.user.has_perm("communications.change_article", event.project):
        return None
    drafted = set(available_languages())
    languages = [(code, language_name(code)) for code in event.project.content_languages if code in drafted]
    if not languages:
        return None
    reader = translation.get_language()
    return {
        "template": "communications/manage/_event_press_panel.html",
        "context": {
            "article": selectors.press_release_of_event(event=event),
            "languages": languages,
            "chosen": reader if reader in dict(languages) else languages[0][0],
            "mode": choose_mode(event),
        },
    }
