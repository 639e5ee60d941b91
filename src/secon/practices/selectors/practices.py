"""Read one practice: its public page, similar practices, and the partner side's lists."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from secon.practices.models import GoodPractice, Transfer, TransferStep, WorkflowStep
from secon.practices.selectors.library import public_practices
from secon.projects.models import Project


def get_public_practice(*, project: Project, pk: int) -> GoodPractice:
    """Return a published practice of the project with what its page shows, or raise Http404."""
    practice = (
        public_practices()
        .filter(project=project, pk=pk)
        .select_related("project", "region__parent", "main_institution", "period")
        .prefetch_related(
            "images",
            "documents",
            Prefetch(
                "steps", queryset=WorkflowStep.objects.select_related("period").order_by("created_at", "id")
            ),
            Prefetch(
                "transfers",
                queryset=Transfer.objects.select_related(
                    "partner__organisation", "region", "project"
                ).prefetch_related(Prefetch("steps", queryset=TransferStep.objects.order_by("date", "id"))),
            ),
        )
        .first()
    )
    if practice is None:
        raise Http404("No such practice")
    return practice


def list_similar_practices(*, practice: GoodPractice, limit: int = 4) -> list[GoodPractice]:
    """Return other published practices on the same theme, those sharing keywords first."""
    candidates = list(
        public_practices()
        .filter(theme=practice.theme)
        .exclude(pk=practice.pk)
        .select_related("project", "region")
        .order_by("-published_at", "-id")[:50]
    )
    keywords = {keyword.casefold() for keyword in practice.keywords or []}

    def shared(other: GoodPractice) -> int:
        return len(keywords & {keyword.casefold() for keyword in other.keywords or []})

    candidates.sort(key=lambda other: (-shared(other), other.region_id != practice.region_id))
    return candidates[:limit]


def list_practices_for_staff(*, project: Project, status: str | None = None) -> QuerySet[GoodPractice]:
    """Return every practice of a project, in every state, for its members' side."""
    queryset = GoodPractice.objects.filter(project=project).select_related("author", "organisation", "region")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-updated_at", "-id")


def get_practice_for_staff(*, project: Project, pk: int) -> GoodPractice:
    """Return a practice of the project in any state, with its workflow history, or raise Http404."""
    practice = (
        GoodPractice.objects.filter(project=project, pk=pk)
        .select_related("project", "region", "main_institution", "organisation", "author", "period")
        .prefetch_related(
            "images",
            "documents",
            Prefetch(
                "steps",
                queryset=WorkflowStep.objects.select_related("actor", "period").order_by("created_at", "id"),
            ),
        )
        .first()
    )
    if practice is None:
        raise Http404("No such practice")
    return practice
