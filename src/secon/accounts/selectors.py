"""Read accounts, roles and invitations."""

from django.db.models import QuerySet
from django.utils import timezone

from secon.accounts.enums import Role
from secon.accounts.models import Invitation, Membership, User


def list_memberships(*, user: User) -> list[Membership]:
    """Return the user's roles, one per project, with the project and organisation."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("project", "organisation")
        .order_by("project__acronym", "project__pk")
    )


def list_project_members(*, project) -> QuerySet[Membership]:
    """Return the people with a role in a project: coordinators first, then editors, then viewers."""
    order = {Role.COORDINATOR: 0, Role.PARTNER_EDITOR: 1, Role.VIEWER: 2}
    members = list(
        Membership.objects.filter(project=project)
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    return sorted(members, key=lambda membership: (order.get(membership.role, 9), membership.user.email))


def list_open_invitations(*, project) -> list[Invitation]:
    """Return the invitations of a project that can still be accepted."""
    return list(
        Invitation.objects.filter(
            project=project, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def get_open_invitation(*, project, pk) -> Invitation | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Invitation.objects.filter(project=project, pk=pk, accepted_at=None, revoked_at=None).first()


def get_membership(*, project, pk) -> Membership | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Membership.objects.filter(project=project, pk=pk).select_related("user").first()
