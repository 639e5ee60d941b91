"""The public records the API lists, built on each app's own rule for "shown publicly".

Each function returns a queryset (the API pages and filters it, in a fixed number of queries);
the rules themselves stay in the apps' selectors.
"""

from django.db.models import QuerySet

from secon.communications.models import Article
from secon.communications.selectors import list_public_articles
from secon.events.models import Event, Session
from secon.events.selectors import AUDIENCES, IN_SUPPORTED_YEARS, SHOWN_STATUSES
from secon.governance.models import Decision
from secon.organisations.models import Organisation, Partner, Region
from secon.policy.models import PolicyInstrument
from secon.practices.models import GoodPractice, Transfer
from secon.practices.selectors.library import public_practices
from secon.projects.models import Project
from secon.projects.selectors import list_public_projects, shown_publicly


def projects() -> QuerySet[Project]:
    return list_public_projects()


def partners() -> QuerySet[Partner]:
    return (
        Partner.objects.filter(shown_publicly("project"))
        .select_related("project")
        .prefetch_related("regions")
    )


def organisations() -> QuerySet[Organisation]:
    """Every organisation (their pages are public), with its region."""
    return Organisation.objects.select_related("region")


def regions() -> QuerySet[Region]:
    return Region.objects.select_related("parent")


def events() -> QuerySet[Event]:
    return Event.objects.filter(
        IN_SUPPORTED_YEARS, shown_publicly("project"), status__in=SHOWN_STATUSES
    ).select_related("project")


def sessions() -> QuerySet[Session]:
    return Session.objects.filter(
        visibility__in=AUDIENCES["public"],
        event__in=events().values("pk"),
    ).select_related("event")


def practices() -> QuerySet[GoodPractice]:
    return public_practices().select_related("project", "region", "organisation")


def transfers() -> QuerySet[Transfer]:
    return Transfer.objects.filter(practice__in=public_practices().values("pk")).select_related(
        "practice", "project", "partner", "region"
    )


def decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(
        is_public=True, project__in=list_public_projects().values("pk")
    ).select_related("committee", "project", "meeting")


def instruments() -> QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.filter(
        is_public=True, project__in=list_public_projects().values("pk")
    ).select_related("project", "partner", "region")


def articles() -> QuerySet[Article]:
    return list_public_articles()
