"""A practice as PDF or Word document, and the library as JSON or CSV."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from secon.core.http import download
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.links import absolute_url, site_url
from secon.core.streams import cached_stream
from secon.practices import exporters
from secon.practices.enums import LIBRARY_SCOPE
from secon.practices.selectors.library import FACETS, list_library_export
from secon.practices.selectors.practices import get_public_practice
from secon.practices.views.library import LIBRARY_PARAMS
from secon.projects import selectors as project_selectors
from secon.projects.scopes import project_scope


@require_safe
def practice_pdf(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """One published practice as a PDF laid out like the programme's form."""
    current = project_selectors.get_public_project(slug=project)
    practice = get_public_practice(project=current, pk=pk)
    language = translation.get_language()
    pdf = exporters.practice_pdf(practice, language=language, base_url=site_url())
    return download(
        pdf,
        content_type="application/pdf",
        filename=f"good-practice-{practice.pk}-{language}.pdf",
        inline=True,
    )


@require_safe
def practice_docx(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """One published practice as a Word document laid out like the programme's form."""
    current = project_selectors.get_public_project(slug=project)
    practice = get_public_practice(project=current, pk=pk)
    language = translation.get_language()
    content = exporters.practice_docx(
        practice, language=language, url=absolute_url(practice.get_absolute_url())
    )
    return download(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=f"good-practice-{practice.pk}-{language}.docx",
    )


#: The library's parameters an export reads (all results, so no page).
EXPORT_PARAMS = {name: normalise for name, normalise in LIBRARY_PARAMS.items() if name != "page"}
EXPORT_FORMATS = {
    "json": ("application/json", exporters.library_json_chunks),
    "csv": ("text/csv; charset=utf-8", exporters.library_csv_lines),
}


@require_safe
def export(request: HttpRequest, fmt: str, project: str | None = None) -> HttpResponse:
    """The library (filters and search applied) as JSON or CSV: streamed while it is built, then
    served from the cache until a published practice changes (the library's version)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404("Unknown format")
    current = project_selectors.get_public_project(slug=project) if project else None
    content_type, write = EXPORT_FORMATS[fmt]
    language = request.GET.get("lang", "")

    def produce():
        practices = list_library_export(
            project=current,
            filters={name: request.GET.get(name, "") for name in FACETS},
            query=request.GET.get("q", "")[:10_000],
            language=language if language in CONTENT_LANGUAGE_CODES else None,
        )
        return write(practices)

    scopes = [LIBRARY_SCOPE, "projects", *([project_scope(current.slug)] if current else [])]
    response = cached_stream(request, scopes, produce, content_type=content_type, params=EXPORT_PARAMS)
    name = f"good-practices-{current.slug if current else 'all'}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
