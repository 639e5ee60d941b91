"""Reads of the mail app."""

from django.db.models import QuerySet

from secon.mail.models import Email
from secon.projects.models import Project

#: What the "failed e-mails" page shows: not sent, and not on its way.
UNDELIVERED = [Email.Status.FAILING, Email.Status.FAILED]


def list_undelivered_emails(*, project: Project, limit: int = 200) -> QuerySet[Email]:
    """Return the project's e-mails that failed or are failing, newest first (one query)."""
    return Email.objects.filter(project=project, status__in=UNDELIVERED).order_by("-created_at", "-id")[
        :limit
    ]


def count_undelivered_emails(*, project: Project) -> int:
    return Email.objects.filter(project=project, status__in=UNDELIVERED).count()
