"""Role predicates about organisations and people: they need the partnerships (the project roles come
from ``accounts.predicates``)."""

import rules

from secon.accounts.predicates import coordinated_project_ids, is_editor_of_organisation, organisation_id_of
from secon.organisations.models import Partner
from secon.organisations.people import is_project_person
from secon.projects.tenancy import scopes_disabled


@rules.predicate
def coordinates_a_project_of_organisation(user, obj) -> bool:
    """The user coordinates a project in which the record's organisation is partner."""
    organisation_id = organisation_id_of(obj)
    if organisation_id is None:
        return False
    coordinated = coordinated_project_ids(user)
    if not coordinated:
        return False
    with scopes_disabled():  # the projects the user coordinates, whichever project's page asks
        return Partner.objects.filter(organisation_id=organisation_id, project_id__in=coordinated).exists()


@rules.predicate
def coordinates_a_project_of_person(user, obj) -> bool:
    """The user coordinates a project the person is connected to (partner, member, participant)."""
    if obj is None:
        return False
    coordinated = coordinated_project_ids(user)
    return bool(coordinated) and is_project_person(getattr(obj, "person", obj), coordinated)


@rules.predicate
def may_see_person(user, obj) -> bool:
    """Personal data: the person's organisation is a partner the user coordinates or edits for."""
    if obj is None:
        return False
    person = getattr(obj, "person", obj)
    return is_editor_of_organisation.test(user, person) or coordinates_a_project_of_organisation.test(
        user, person
    )
