"""Read projects: public listings and one project with what its page shows."""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from secon.projects import prepared
from secon.projects.models import Period, Phase, Project
from secon.projects.tenancy import remember_project


def shown_publicly(path: str = "") -> Q:
    """The condition "its project is shown on the public site", the one rule every app's public pages use.

    ``path`` leads from the records filtered to their project: ``"project"`` for an event or a partner,
    ``"event__project"`` for a session; empty for projects themselves.
    """
    return Q(**{f"{path}__is_public" if path else "is_public": True})


def list_public_projects() -> QuerySet[Project]:
    """Return the projects shown on the public site, in the order of their acronyms."""
    return Project.objects.filter(shown_publicly()).order_by("acronym", "pk")


def get_public_projects_page(*, number, per_page: int) -> Page:
    """Return one page of the public projects with their partner counts, in four queries.

    Raise ``InvalidPage`` when ``number`` is not a page of the list. The page is cut on the
    projects' ids first (a narrow sort), then only its rows are read: with thousands of projects,
    sorting whole rows (their texts in every language) to skip to page 20 would cost far more.
    """
    projects = list_public_projects()
    page = Paginator(projects.values_list("pk", flat=True), per_page).page(number)
    ids = list(page.object_list)
    page.object_list = count_partners(projects=list(projects.filter(pk__in=ids))) if ids else []
    return page


def count_partners(*, projects: list[Project]) -> list[Project]:
    """Set ``partner_count`` on each of the projects, in one query; return them.

    Counting for one page of projects only keeps a list of thousands cheap: an annotation on the
    whole list would count every project's partners before the page is cut (OFFSET).
    """
    counts = dict(
        Project.objects.filter(pk__in=[project.pk for project in projects])
        .order_by()
        .annotate(count=Count("partners"))
        .values_list("pk", "count")
    )
    for project in projects:
        project.partner_count = counts.get(project.pk, 0)
    return projects


def get_project(*, slug: str) -> Project:
    """Return a project whether public or not (staff pages check permissions), or raise Http404."""
    project = Project.objects.filter(slug=slug).first()
    if project is None:
        raise Http404("No such project")
    remember_project(project)
    return project


def get_public_project(*, slug: str, with_schedule: bool = True) -> Project:
    """Return a public project (with its phases and periods unless told not to), or raise Http404."""
    if with_schedule:
        project = (
            Project.objects.filter(shown_publicly(), slug=slug)
            .prefetch_related(
                Prefetch("phases", queryset=Phase.objects.order_by("start_date")),
                Prefetch("periods", queryset=Period.objects.order_by("number")),
            )
            .first()
        )
    else:  # the event pages' read: compiled once per slug (secon.projects.prepared)
        found = prepared.rows(
            ("projects.public", slug),
            lambda: Project.objects.filter(shown_publicly(), slug=slug)[:1],
        )
        project = found[0] if found else None
    if project is None:
        raise Http404("No such project")
    remember_project(project)
    return project


def current_period(*, project: Project, day: datetime.date | None = None) -> Period | None:
    """Return the reporting period that contains ``day`` (today by default), if any."""
    day = day or timezone.localdate()
    return next((period for period in project.periods.all() if period.contains(day)), None)
