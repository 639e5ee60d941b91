"""Whose personal data a project's coordinators handle: the people of its partner organisations, its
members, and the people the apps to the right of organisations connect to it (events: those who
registered for or attended its events). Those apps register a source in their ``AppConfig.ready()``
(organisations may not import them; see DESIGN.md's order of apps).
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from secon.organisations.models import Partner, Person
from secon.projects.tenancy import scopes_disabled

#: A source returns a query of person ids for a set of project ids.
Source = Callable[[set[int]], QuerySet]
_sources: list[Source] = []


def register_people_source(source: Source) -> Source:
    """Count the people a source names as people of the projects (registering twice adds it once)."""
    if source not in _sources:
        _sources.append(source)
    return source


def project_people(project_ids: Iterable[int]) -> Q:
    """Return a condition on Person: connected to one of these projects."""
    ids = set(project_ids)
    if not ids:
        return Q(pk__in=[])
    members = get_user_model().objects.filter(memberships__project_id__in=ids).values("email")
    with scopes_disabled():  # the projects given, whichever project's page asks
        partners = Partner.objects.filter(project_id__in=ids).values("organisation_id")
    condition = Q(organisation_id__in=partners) | Q(email__in=members)
    for source in _sources:
        condition |= Q(pk__in=source(ids))
    return condition


def is_project_person(person: Person, project_ids: Iterable[int]) -> bool:
    """Say whether the person is connected to one of these projects."""
    return Person.objects.filter(project_people(project_ids), pk=person.pk).exists()
