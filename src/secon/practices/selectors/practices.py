"""Read one practice: its public page, similar practices, and the partner side's lists."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from secon.accounts.enums import Role
from secon.accounts.predicates import roles_of
from secon.practices.enums import AWAITING_REVIEW, PUBLIC_STATUSES
from secon.practices.models import GoodPractice, Transfer, TransferStep, WorkflowStep
from secon.practices.selectors.library import public_practices
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def project_practices(*, project: Project | int) -> QuerySet[GoodPractice]:
    """Return the project's own practices, in every state: where every read of one project's starts.

    GoodPractice has no scoped manager (its published practices are read across projects on purpose,
    see tests/projects/test_tenancy.py), so its filter by project is written here once.
    """
    return GoodPractice.objects.filter(project=project)


def practices_open_to(*, project: Project | int) -> QuerySet[GoodPractice]:
    """Return the practices a project's records may name: its own in every state, the hub's published."""
    return GoodPractice.objects.filter(Q(project=project) | Q(status__in=PUBLIC_STATUSES))


def get_public_practice(*, project: Project, pk: int) -> GoodPractice:
    """Return a published practice of the project with what its page shows, or raise Http404."""
    practice = (
        public_practices()
        .filter(project=project, pk=pk)
        .select_related("project", "region__parent", "main_institution", "period", "origin__subscription")
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


def _readable_by(*, user, project: Project) -> Q:
    """The practices of the project a member may read on the partner side (see ``rules.py``):
    coordinators and the secretariat every one; others the published ones, those they wrote and, for a
    partner editor, those of their own partner — never another partner's drafts."""
    if user.is_superuser:
        return Q()
    role = roles_of(user).get(project.pk)
    if role is None:
        return Q(pk__in=[])
    if role[0] == Role.COORDINATOR:
        return Q()
    readable = Q(status__in=PUBLIC_STATUSES) | Q(author_id=user.pk)
    if role[0] == Role.PARTNER_EDITOR and role[1] is not None:
        readable |= Q(organisation_id=role[1])
    return readable


def list_practices_for_staff(*, project: Project, user, status: str | None = None) -> QuerySet[GoodPractice]:
    """Return the project's practices this member may read, in every state, for the partner side."""
    queryset = (
        project_practices(project=project)
        .filter(_readable_by(user=user, project=project))
        .select_related("author", "organisation", "region")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-updated_at", "-id")


def get_practice_for_staff(*, project: Project, pk: int, user) -> GoodPractice:
    """Return a practice of the project in any state that this member may read, with its workflow
    history, or raise Http404 (another partner's draft is not even said to exist)."""
    practice = (
        project_practices(project=project)
        .filter(pk=pk)
        .filter(_readable_by(user=user, project=project))
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


# --- for a signed-in person's home and profile ------------------------------------------------------


def list_practices_of_person(*, user, edited: dict[int, int], limit: int = 50) -> list[GoodPractice]:
    """Return the practices a person wrote or documents for their organisation (any state)."""
    query = Q(author_id=user.pk)
    for project_id, organisation_id in edited.items():
        query |= Q(project_id=project_id, organisation_id=organisation_id)
    with scopes_disabled():  # the person's own practices, in every project
        return list(
            GoodPractice.objects.filter(query)
            .select_related("project")
            .order_by("-updated_at", "-id")[:limit]
        )


def count_practices_awaiting_review(*, project_ids: set[int]) -> dict[int, int]:
    """Return {project id: number of practices waiting for a reviewer}."""
    if not project_ids:
        return {}
    with scopes_disabled():  # the projects given, which the caller coordinates
        rows = (
            GoodPractice.objects.filter(project_id__in=project_ids, status__in=AWAITING_REVIEW)
            .values("project_id")
            .annotate(count=Count("id"))
        )
        return {row["project_id"]: row["count"] for row in rows}


def list_practices_awaiting_review(*, project_ids: set[int], user, limit: int = 50) -> list[GoodPractice]:
    """Return the practices waiting for a reviewer in these projects (not those the person wrote)."""
    if not project_ids:
        return []
    with scopes_disabled():  # the projects given, which the caller coordinates
        return list(
            GoodPractice.objects.filter(project_id__in=project_ids, status__in=AWAITING_REVIEW)
            .exclude(author_id=user.pk)
            .select_related("project")
            .order_by("updated_at", "id")[:limit]
        )
