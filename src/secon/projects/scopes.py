"""Page-cache scopes of the project pages, and which records belong to them."""

from secon.core import cache
from secon.projects.models import Period, Phase, Project
from secon.projects.tenancy import scopes_disabled

#: The list of public projects (the home page).
PROJECTS_SCOPE = "projects"


def project_scope(slug: str) -> str:
    """Name the page-cache scope of everything shown on a project's pages."""
    return f"project:{slug}"


@cache.record_scopes(Project)
def _project(project: Project) -> list[str]:
    # Its partners' organisation pages list the project too.
    organisations = []
    if project.pk:
        with scopes_disabled():  # its own partners, whichever scope the change was made in
            organisations = list(project.partners.values_list("organisation__slug", flat=True))
    return [project_scope(project.slug), PROJECTS_SCOPE, *(f"organisation:{slug}" for slug in organisations)]


@cache.record_scopes(Phase)
def _phase(phase: Phase) -> list[str]:
    return [project_scope(phase.project.slug)]


@cache.record_scopes(Period)
def _period(period: Period) -> list[str]:
    return [project_scope(period.project.slug)]
