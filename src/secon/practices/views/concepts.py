"""The thesaurus page: every concept with its terms in every language, and its practices."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from secon.core.cache import cached_page
from secon.core.text import sort_key
from secon.practices.enums import LIBRARY_SCOPE
from secon.practices.selectors.concepts import count_practices_per_concept
from secon.practices.thesaurus import LANGUAGES, Concept, get_thesaurus

THEMES = {
    "organisations": _("Forms of the social economy"),
    "employment": _("Work, skills and enterprise"),
    "inclusion": _("People, inclusion and care"),
    "environment": _("Environment, energy and food"),
    "territory": _("Places, communities and culture"),
    "finance": _("Money, markets and ethics"),
    "policy": _("Innovation, policy and cooperation"),
    "activities": _("Sectors of activity"),
}


def concept_link(concept: Concept, language: str) -> dict:
    """The concept's name in the language and the library search for it."""
    label = concept.label(language)
    return {
        "id": concept.id,
        "label": label,
        "url": reverse("practices:library") + "?" + urlencode({"q": label}),
        "thesaurus_url": reverse("practices:concepts") + f"#concept-{concept.id}",
    }


@require_safe
@cached_page(lambda request: [LIBRARY_SCOPE, "projects"])
def thesaurus(request: HttpRequest) -> HttpResponse:
    """The concepts by theme, each with its terms in every language and how many practices it tags."""
    language = translation.get_language()
    data = get_thesaurus()
    counts = count_practices_per_concept()
    order = [language, *[code for code in LANGUAGES if code != language]]
    names = {code: translation.get_language_info(code)["name_translated"] for code in LANGUAGES}
    themes = []
    for theme, concept_ids in data.themes.items():
        concepts = []
        for cid in concept_ids:
            concept = data.concepts[cid]
            broader = data.concepts.get(concept.broader)
            concepts.append(
                {
                    **concept_link(concept, language),
                    "count": counts.get(cid, 0),
                    "broader": concept_link(broader, language) if broader else None,
                    "terms": [
                        {"code": code, "name": names[code], "terms": concept.terms[code]}
                        for code in order
                        if concept.terms.get(code)
                    ],
                }
            )
        concepts.sort(key=lambda item: sort_key(item["label"]))
        themes.append({"id": theme, "label": THEMES.get(theme, theme), "concepts": concepts})
    return render(
        request,
        "practices/concepts.html",
        {"themes": themes, "concept_count": len(data.concepts), "language_count": len(LANGUAGES)},
    )
