"""Reads of API tokens."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from secon.api.models import Token
from secon.organisations.models import Partner
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def list_tokens(*, user) -> QuerySet[Token]:
    """The user's tokens, newest first, with their project and partner."""
    return Token.objects.filter(user=user).select_related("project", "partner__organisation")


def get_token(*, user, pk: int) -> Token:
    return get_object_or_404(Token, user=user, pk=pk)


def limit_choices(*, user) -> tuple[list, list]:
    """The projects and partners a user may limit a token to: those of their roles (all for admins)."""
    projects = Project.objects.order_by("acronym", "pk")
    if not user.is_superuser:
        projects = projects.filter(memberships__user=user)
    projects = list(projects)
    with scopes_disabled():  # the partners of every project of the user's (the page has no project)
        partners = list(
            Partner.objects.filter(project__in=[project.pk for project in projects])
            .select_related("project", "organisation")
            .order_by("project__acronym", "number", "pk")
        )
    return projects, partners
