"""The public good-practice library: search with facets and map, and the practice page."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from secon.core.cache import cached_page
from secon.core.languages import CONTENT_LANGUAGE_CODES, CONTENT_LANGUAGES
from secon.practices import exporters, scopes
from secon.practices.enums import LIBRARY_SCOPE, TransferStage
from secon.practices.forms import (
    TransferInterestForm,
    TransferStepForm,
)
from secon.practices.models import TEXT_SECTIONS
from secon.practices.pages import page_sections
from secon.practices.selectors.concepts import list_practice_concepts
from secon.practices.selectors.library import FACETS, search_practices
from secon.practices.selectors.practices import get_public_practice, list_similar_practices
from secon.practices.selectors.transfers import list_transfer_partners
from secon.practices.views.concepts import concept_link
from secon.projects import selectors as project_selectors
from secon.projects.models import Project
from secon.projects.scopes import project_scope

FACET_LABELS = {
    "theme": gettext_lazy("Theme"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "organisation_type": gettext_lazy("Type of organisation"),
    "project": gettext_lazy("Project"),
    "status": gettext_lazy("Status"),
    "concept": gettext_lazy("Concept"),
}


def _page_number(value: str) -> str | None:
    return str(int(value)) if value.strip().isdecimal() and len(value) < 12 and int(value) > 1 else None


#: The parameters the library reads (the key of its cached page): others, or an unknown language,
#: or a page number that is not one, share the page a visitor would get without them.
LIBRARY_PARAMS = {
    "q": lambda value: value[:10_000],
    "lang": lambda value: value if value in CONTENT_LANGUAGE_CODES else None,
    "page": _page_number,
    **{name: lambda value: value for name in FACETS},
}


def _querystring(params: dict, **changes) -> str:
    merged = {key: value for key, value in {**params, **changes}.items() if value not in (None, "")}
    return "?" + urlencode(merged) if merged else "?"


def _library_context(request: HttpRequest, *, project: Project | None) -> dict:
    language = translation.get_language()
    query = request.GET.get("q", "")[:10_000]
    search_language = request.GET.get("lang", "")
    if search_language not in CONTENT_LANGUAGE_CODES:
        search_language = ""
    raw_filters = {name: request.GET.get(name, "") for name in FACETS}
    page = int(_page_number(request.GET.get("page", "")) or 1)
    results = search_practices(
        query=query,
        language=search_language or None,
        project=project,
        filters=raw_filters,
        page=page,
    )
    params = {"q": results.query.raw if results.query else "", "lang": search_language, **results.filters}
    facets = []
    for name in FACETS:
        if project is not None and name == "project":
            continue
        values = [
            {
                "label": value.label,
                "count": value.count,
                "selected": value.selected,
                "url": _querystring(params, **{name: "" if value.selected else value.value}, page=None),
            }
            for value in results.facets[name]
        ]
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    rows = []
    for hit in results.hits:
        practice = hit.practice
        fallbacks = practice.project.fallback_languages
        title = practice.texts("title").render(language, fallbacks)
        rows.append(
            {
                "practice": practice,
                "title": title,
                "title_marked": hit.title_snippet if hit.language == title.language else [],
                "summary": practice.texts("summary").render(language, fallbacks),
                "snippet": hit.snippet,
                "snippet_language": hit.language,
                "concepts": [concept_link(concept, language) for concept in hit.concepts],
            }
        )
    messages_by_code = {
        "no_words": _("Type at least one word to search; signs and operators alone cannot be searched."),
        "truncated": _("Your search was long; only its first words were used."),
        "broad": _(
            "Every word you searched for occurs in more than a fifth of all practices, so the "
            "matches are shown newest first, not by relevance, and the filters carry no counts. "
            "Add a less common word to rank them by relevance."
        ),
    }
    pages = {
        "number": results.page,
        "count": results.pages,
        "previous": _querystring(params, page=results.page - 1) if results.has_previous else "",
        "next": _querystring(params, page=results.page + 1) if results.has_next else "",
    }
    return {
        "project": project,
        "content_fallbacks": project.fallback_languages if project else [],
        "results": results,
        "rows": rows,
        "facets": facets,
        "active_filters": [
            {"label": FACET_LABELS[name], "url": _querystring(params, **{name: ""}, page=None)}
            for name in results.filters
        ],
        "query": results.query.raw if query.strip() else "",
        "search_language": search_language,
        "search_languages": CONTENT_LANGUAGES,
        "message": messages_by_code.get(results.message, ""),
        "pages": pages,
        "filters": results.filters,
        "export_query": _querystring(params)[1:],
        "markers": exporters.practice_markers([row["practice"] for row in rows]),
        "matched_concepts": [concept_link(concept, language) for concept in results.concepts],
    }


@require_safe
@cached_page(lambda request: [LIBRARY_SCOPE, "projects"], params=LIBRARY_PARAMS)
def library(request: HttpRequest) -> HttpResponse:
    """The library across every project of the installation."""
    return render(request, "practices/library.html", _library_context(request, project=None))


@require_safe
@cached_page(lambda request, project: [LIBRARY_SCOPE, project_scope(project)], params=LIBRARY_PARAMS)
def project_library(request: HttpRequest, project: str) -> HttpResponse:
    """One project's library."""
    current = project_selectors.get_public_project(slug=project)
    return render(request, "practices/library.html", _library_context(request, project=current))


def _detail_context(practice, *, language: str) -> dict:
    fallbacks = practice.project.fallback_languages
    sections = [
        (name, practice._meta.get_field(name).verbose_name, practice.texts(name).render(language, fallbacks))
        for name in TEXT_SECTIONS
        if name not in ("title", "summary")
    ]
    # The public reads in which languages the practice is written; whether a translation is a draft or
    # reviewed is the partners' internal business (their side shows it).
    written = set(practice.text_languages())
    languages = [{"code": code, "name": name} for code, name in CONTENT_LANGUAGES if code in written]
    return {
        "practice": practice,
        "project": practice.project,
        "content_fallbacks": fallbacks,
        "title": practice.texts("title").render(language, fallbacks),
        "summary": practice.texts("summary").render(language, fallbacks),
        "expert_opinion": practice.texts("expert_opinion").render(language, fallbacks),
        "sections": sections,
        "languages": languages,
        "steps": list(practice.steps.all()),
        "transfers": list(practice.transfers.all()),
        "concepts": [
            concept_link(concept, language) for concept in list_practice_concepts(practice=practice)
        ],
    }


@require_safe
@cached_page(
    lambda request, project, pk: [
        LIBRARY_SCOPE,
        project_scope(project),
        scopes.practice_sessions_scope(project),
    ]
)
def detail(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """A published practice with every section of the form, its history and similar practices."""
    current = project_selectors.get_public_project(slug=project)
    practice = get_public_practice(project=current, pk=pk)
    context = _detail_context(practice, language=translation.get_language())
    similar = list_similar_practices(practice=practice)
    context["similar"] = [
        {
            "practice": other,
            "title": other.texts("title").render(
                translation.get_language(), other.project.fallback_languages
            ),
        }
        for other in similar
    ]
    context["markers"] = exporters.practice_markers([practice])
    context["added_sections"] = page_sections(practice=practice)
    if request.user.is_authenticated:
        partners = list_transfer_partners(user=request.user, practice=practice)
        if partners:
            context["transfer_form"] = TransferInterestForm(partners=partners)
        context["step_forms"] = [
            (transfer, TransferStepForm(initial={"transfer": transfer.pk}))
            for transfer in context["transfers"]
            if request.user.has_perm("practices.add_transfer", transfer)
            and transfer.stage != TransferStage.IMPLEMENTED
        ]
    return render(request, "practices/detail.html", context)
