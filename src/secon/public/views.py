"""The public website: reads through the apps' selectors, renders, and caches per language."""

from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from secon.communications import scopes as news_scopes
from secon.communications import selectors as news_selectors
from secon.communications import structured
from secon.core.cache import cached_page
from secon.core.http import download
from secon.core.middleware import problem_response, wants_problem_details
from secon.organisations import selectors as organisation_selectors
from secon.organisations.open_data import organisations_jsonld, organisations_sse_csv
from secon.organisations.scopes import organisation_scope
from secon.policy import chain
from secon.projects import selectors as project_selectors
from secon.projects.scopes import project_scope
from secon.public.maps import partner_markers


@require_safe
def choose_language(request: HttpRequest) -> HttpResponse:
    """Send a first visit to the home page in the browser's language."""
    language = translation.get_language_from_request(request, check_path=False)
    target = f"/{language}/"
    response = HttpResponseRedirect(target)
    # A body for clients that do not follow redirects (and for people reading it).
    response.content = f'<!doctype html><title>SECON Hub</title><a href="{escape(target)}">SECON Hub</a>'
    response["Content-Type"] = "text/html; charset=utf-8"
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """Answer without touching the database: load balancers' probe and the benchmarks' ceiling."""
    return HttpResponse("ok", content_type="text/plain")


#: Projects per page of the home page (an installation may host a whole programme).
HOME_PAGE_SIZE = 50


@require_safe
@cached_page(lambda request: ["projects"], params=("page",))
def home(request: HttpRequest) -> HttpResponse:
    try:
        page = project_selectors.get_public_projects_page(
            number=request.GET.get("page", 1), per_page=HOME_PAGE_SIZE
        )
    except InvalidPage:
        raise Http404("No such page") from None
    context = {
        "projects": page.object_list,
        "page_obj": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }
    return render(request, "public/home.html", context)


@require_safe
# daily: the page marks the current reporting period.
@cached_page(lambda request, project: [project_scope(project), news_scopes.news_scope(project)], daily=True)
def project(request: HttpRequest, project: str) -> HttpResponse:
    return _project_page(request, slug=project)


def _project_page(request: HttpRequest, *, slug: str) -> HttpResponse:
    current = project_selectors.get_public_project(slug=slug)
    partners = list(organisation_selectors.list_partners(project=current))
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "partners": partners,
        "markers": partner_markers(partners),
        "current_period": project_selectors.current_period(project=current),
        "news": latest_news(current),
        "policy_changes": chain.changed_chains(project=current, public=True),
    }
    return render(request, "public/project.html", context)


NEWS_TEASERS = 3


def latest_news(project) -> list[dict]:
    """The project's newest articles in the page's language (or the nearest), each with its first
    picture described in the language shown."""
    page = news_selectors.get_news_page(project=project, number=1, per_page=NEWS_TEASERS)
    language, teasers = translation.get_language(), []
    for article in page.object_list:
        version = news_selectors.choose_version(article, language, project.fallback_languages)
        image = next(iter(article.images.all()), None)
        teasers.append(
            {
                "version": version,
                "url": structured.version_path(article, version.language),
                "image": image,
                "image_url": structured.image_url(image) if image else "",
                "alt": image.alt_text.get(version.language, "") if image else "",
            }
        )
    return teasers


@require_safe
@cached_page(lambda request, project, code: [project_scope(project)])
def partner(request: HttpRequest, project: str, code: str) -> HttpResponse:
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = organisation_selectors.get_partner(project=current, code=code)
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "partner": found,
        "organisation": found.organisation,
        "markers": partner_markers([found]),
    }
    return render(request, "public/partner.html", context)


@require_safe
@cached_page(lambda request, slug: [organisation_scope(slug)])
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    found = organisation_selectors.get_organisation(slug=slug)
    context = {"organisation": found, "partnerships": list(found.public_partnerships)}
    return render(request, "public/organisation.html", context)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    # An API address no route matches (``/api/v1/actions/0.05/``) answers as the API does.
    if wants_problem_details(request):
        return problem_response(404, "Not Found", _("There is no page at this address."))
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if wants_problem_details(request):
        return problem_response(400, "Bad Request", _("The request could not be understood."))
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: the error may come from there.
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@require_safe
def partner_organisations(request: HttpRequest, project: str, fmt: str) -> HttpResponse:
    """A project's partner organisations as open data: JSON-LD (schema.org, ESSGlobal) or SSE-Standard CSV."""
    current = project_selectors.get_public_project(slug=project)
    organisations = organisation_selectors.list_partner_organisations(project=current).select_related(
        "region"
    )
    if fmt == "jsonld":
        response = JsonResponse(
            organisations_jsonld(organisations),
            content_type="application/ld+json",
            json_dumps_params={"ensure_ascii": False},
        )
    elif fmt == "csv":
        response = download(
            organisations_sse_csv(organisations),
            content_type="text/csv; charset=utf-8",
            filename=f"{current.slug}-organisations.csv",
        )
    else:
        raise Http404("No such format")
    response["Access-Control-Allow-Origin"] = "*"
    return response
