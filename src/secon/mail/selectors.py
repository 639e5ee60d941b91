"""Reads of the mail app."""

import datetime

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower

from secon.mail.models import Email, Suppression
from secon.mail.suppression import active_suppressions
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled

#: What the "failed e-mails" page shows: not sent, and not on its way.
UNDELIVERED = [Email.Status.FAILING, Email.Status.FAILED]


def list_undelivered_emails(*, project: Project, limit: int = 200) -> QuerySet[Email]:
    """Return the project's e-mails that failed or are failing, newest first (one query)."""
    return Email.objects.filter(project=project, status__in=UNDELIVERED).order_by("-created_at", "-id")[
        :limit
    ]


def count_undelivered_emails(*, project: Project) -> int:
    return Email.objects.filter(project=project, status__in=UNDELIVERED).count()


def _project_addresses(project: Project) -> QuerySet:
    """The addresses the project has e-mailed, lower-cased (a subquery)."""
    return Email.objects.filter(project=project).annotate(address=Lower("recipient")).values("address")


def list_suppressions(*, project: Project, limit: int = 500) -> list[Suppression]:
    """Return the suppressed addresses the project has e-mailed, newest first (two queries).

    Each carries ``withheld``: how many of the project's e-mails were not sent to it. Addresses the
    project never wrote to are not shown: a bounce reported for another project is not its business.
    """
    found = list(
        active_suppressions()
        .filter(address__in=_project_addresses(project))
        .order_by("-suppressed_at")[:limit]
    )
    counts = dict(
        Email.objects.filter(project=project, status=Email.Status.SUPPRESSED)
        .annotate(address=Lower("recipient"))
        .filter(address__in=[item.address for item in found])
        .values_list("address")
        .annotate(count=Count("pk"))
    )
    for item in found:
        item.withheld = counts.get(item.address, 0)
    return found


def list_lifted_suppressions(*, project: Project, limit: int = 50) -> QuerySet[Suppression]:
    """Return the lifted suppressions of addresses the project has e-mailed, latest first (one query)."""
    return (
        Suppression.objects.filter(lifted_at__isnull=False, address__in=_project_addresses(project))
        .select_related("lifted_by")
        .order_by("-lifted_at")[:limit]
    )


def get_suppression(*, project: Project, pk: int) -> Suppression | None:
    """Return a suppression of an address the project has e-mailed, or None."""
    return Suppression.objects.filter(pk=pk, address__in=_project_addresses(project)).first()


def count_suppressions(*, project: Project) -> int:
    return active_suppressions().filter(address__in=_project_addresses(project)).count()


def count_suppressed_emails(*, project: Project, kind: str, params: dict) -> int:
    """Count the project's e-mails of ``kind`` with these parameters that were suppressed (one query),
    e.g. those of one organisers' message: ``params={"message": 7}``."""
    filters = {f"params__{name}": value for name, value in params.items()}
    return Email.objects.filter(project=project, kind=kind, status=Email.Status.SUPPRESSED, **filters).count()


def has_emailed(*, kind: str, address: str, since: datetime.datetime | None = None, **params) -> bool:
    """Say whether an e-mail of ``kind`` (with these parameters) went to the address, in any project.

    Limits and retries count the address's e-mails wherever they were queued (one query).
    """
    filters = {f"params__{name}": value for name, value in params.items()}
    if since is not None:
        filters["created_at__gte"] = since
    with scopes_disabled():  # the address's e-mails in every project; the caller may have no project
        return Email.objects.filter(kind=kind, recipient__iexact=address, **filters).exists()
