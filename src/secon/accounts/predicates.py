"""Role predicates for ``rules``: what a user may do depends on their role in the record's project."""

import rules

from secon.accounts.enums import Role


def _project_id(obj) -> int | None:
    """Find the project a record belongs to (a Project, or anything with ``project_id``)."""
    if obj is None:
        return None
    if obj._meta.label_lower == "projects.project":
        return obj.pk
    return getattr(obj, "project_id", None)


def _roles(user) -> dict[int, tuple[str, int | None]]:
    """Return {project_id: (role, organisation_id)}, cached on the user object per request."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_secon_roles", None)
    if cached is None:
        cached = {
            project_id: (role, organisation_id)
            for project_id, role, organisation_id in user.memberships.values_list(
                "project_id", "role", "organisation_id"
            )
        }
        user._secon_roles = cached
    return cached


def roles_of(user) -> dict[int, tuple[str, int | None]]:
    return _roles(user)


@rules.predicate
def is_superuser(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_member(user, obj) -> bool:
    return _project_id(obj) in _roles(user)


@rules.predicate
def is_coordinator(user, obj) -> bool:
    role = _roles(user).get(_project_id(obj))
    return bool(role) and role[0] == Role.COORDINATOR


@rules.predicate
def is_any_coordinator(user) -> bool:
    return any(role == Role.COORDINATOR for role, _org in _roles(user).values())


@rules.predicate
def is_project_staff(user) -> bool:
    """Coordinator or partner editor somewhere: may open the staff side."""
    return any(role in (Role.COORDINATOR, Role.PARTNER_EDITOR) for role, _org in _roles(user).values())


def organisation_id_of(obj) -> int | None:
    """Find the organisation a record is about (an Organisation, or anything with ``organisation_id``)."""
    if obj is None:
        return None
    if obj._meta.label_lower == "organisations.organisation":
        return obj.pk
    return getattr(obj, "organisation_id", None)


@rules.predicate
def is_editor_of_organisation(user, obj) -> bool:
    """The user is partner editor for the record's organisation (in any project)."""
    organisation_id = organisation_id_of(obj)
    return organisation_id is not None and any(
        role == Role.PARTNER_EDITOR and org == organisation_id for role, org in _roles(user).values()
    )


def coordinated_project_ids(user) -> set[int]:
    """Return the ids of the projects the user coordinates."""
    return {pid for pid, (role, _org) in _roles(user).items() if role == Role.COORDINATOR}


def staff_project_ids(user) -> set[int]:
    """Return the ids of the projects in which the user is coordinator or partner editor."""
    return {
        pid for pid, (role, _org) in _roles(user).items() if role in (Role.COORDINATOR, Role.PARTNER_EDITOR)
    }


def edited_organisation_ids(user) -> set[int]:
    """Return the ids of the organisations the user is partner editor for."""
    return {org for role, org in _roles(user).values() if role == Role.PARTNER_EDITOR and org is not None}


@rules.predicate
def no_object(user, obj) -> bool:
    """The question is about the kind of record (a list, an add form), not one record."""
    return obj is None


@rules.predicate
def is_project_staff_of(user, obj) -> bool:
    """Coordinator or partner editor in the record's project."""
    return _project_id(obj) in staff_project_ids(user)


@rules.predicate
def coordinates_a_project_of_user(user, obj) -> bool:
    """The record is a user who has a role in a project the acting user coordinates."""
    if obj is None:
        return False
    coordinated = coordinated_project_ids(user)
    return bool(coordinated) and obj.memberships.filter(project_id__in=coordinated).exists()
