"""Page-cache scopes of the good-practice pages, and the invalidation the practice services make."""

from secon.core import cache
from secon.practices.enums import LIBRARY_SCOPE
from secon.practices.models import GoodPractice
from secon.projects.services import project_scope


def practice_scope(project_slug: str, pk: int) -> str:
    """Name the page-cache scope of one practice's page (its links to event sessions)."""
    return f"practice:{project_slug}:{pk}"


def touch_library(practice: GoodPractice) -> None:
    """Invalidate the public library pages (lists, the practice page, the project's pages)."""
    cache.touch(LIBRARY_SCOPE, project_scope(practice.project.slug))
