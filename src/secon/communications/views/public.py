"""The public news: a project's list, each article in its languages, and its pictures."""

import mimetypes

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from secon.communications import scopes, selectors, structured
from secon.core.cache import cached_page
from secon.core.markup import render_markdown
from secon.projects import selectors as project_selectors

PER_PAGE = 20


@require_safe
@cached_page(scopes.news_page_scopes, params=("page",))
def news(request: HttpRequest, project: str) -> HttpResponse:
    """The project's published articles, newest first, each in the page's language where it exists."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    try:
        page = selectors.get_news_page(project=current, number=request.GET.get("page", 1), per_page=PER_PAGE)
    except InvalidPage as error:
        raise Http404("No such page") from error
    language = translation.get_language()
    items = []
    for article in page.object_list:
        version = selectors.choose_version(article, language, current.fallback_languages)
        items.append(
            {
                "article": article,
                "version": version,
                "url": structured.version_path(article, version.language),
                "description": structured.description(version),
                "image": next(iter(article.images.all()), None),
            }
        )
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "page": page,
        "items": items,
    }
    return render(request, "communications/news_list.html", context)


def _article_page(request: HttpRequest, project: str, article: str, language: str | None) -> HttpResponse:
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_public_article(project=current, slug=article)
    interface = translation.get_language()
    if language is None:
        version = selectors.choose_version(found, interface, current.fallback_languages)
    else:
        version = next((item for item in found.public_versions if item.language == language), None)
        if version is None or language in structured.INTERFACE_LANGUAGES:
            raise Http404("No such version")
    images = [
        {"image": image, "url": structured.image_url(image), "alt": image.alt_text.get(version.language, "")}
        for image in found.images.all()
    ]
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "article": found,
        "version": version,
        "body": render_markdown(version.body),
        "description": structured.description(version),
        "is_fallback": version.language != (language or interface),
        "images": images,
        "attachments": selectors.list_attachments(version=version),
        "version_links": structured.alternates(found),
        "canonical": structured.absolute_url(structured.version_path(found, version.language)),
        "json_ld": structured.article_json_ld(article=found, version=version),
        "social_tags": structured.social_tags(article=found, version=version),
        "other_versions": [item for item in found.public_versions if item.language != version.language],
    }
    return render(request, "communications/article_detail.html", context)


@require_safe
@cached_page(scopes.article_page_scopes, params=())
def article(request: HttpRequest, project: str, article: str) -> HttpResponse:
    """An article in the page's language (or the nearest one the project publishes it in)."""
    return _article_page(request, project, article, None)


@require_safe
@cached_page(scopes.article_page_scopes, params=())
def article_in(request: HttpRequest, project: str, article: str, language: str) -> HttpResponse:
    """An article's version in a content language the interface does not have (Polish, Latvian …)."""
    return _article_page(request, project, article, language)


@require_safe
def image(request: HttpRequest, project: str, article: str, image: int) -> HttpResponse:
    """A picture of a published article (others are not served)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_public_article(project=current, slug=article)
    picture = next((item for item in found.images.all() if item.pk == image), None)
    if picture is None or not picture.file:
        raise Http404("No such picture")
    try:
        handle = picture.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    content_type = mimetypes.guess_type(picture.file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={min(settings.PAGE_CACHE_SECONDS, 3600)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
