"""Read projects: public listings and one project with what its page shows."""

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from secon.projects.models import Period, Phase, Project


def list_public_projects() -> QuerySet[Project]:
    """Return the projects shown on the public site, with their partner counts."""
    return (
        Project.objects.filter(is_public=True).annotate(partner_count=Count("partners")).order_by("acronym")
    )


def get_public_project(*, slug: str) -> Project:
    """Return a public project with its phases and periods, or raise Http404."""
    queryset = Project.objects.filter(is_public=True, slug=slug).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("start_date")),
        Prefetch("periods", queryset=Period.objects.order_by("number")),
    )
    project = queryset.first()
    if project is None:
        raise Http404("No such project")
    return project


def current_period(*, project: Project, day: datetime.date | None = None) -> Period | None:
    """Return the reporting period that contains ``day`` (today by default), if any."""
    day = day or timezone.localdate()
    return next((period for period in project.periods.all() if period.contains(day)), None)
