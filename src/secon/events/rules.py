"""Permissions of the events app: coordinators of the project, and editors of the host partner."""

import rules

from secon.accounts.enums import Role
from secon.accounts.predicates import is_coordinator, is_superuser, roles_of


@rules.predicate
def is_host_editor(user, event) -> bool:
    """The user is partner editor for the partner (or organisation) hosting the event."""
    if event is None:
        return False
    role = roles_of(user).get(event.project_id)
    if not role or role[0] != Role.PARTNER_EDITOR:
        return False
    host_ids = {event.host_organisation_id}
    if event.host_partner_id:
        host_ids.add(event.host_partner.organisation_id)
    return role[1] in host_ids


can_organise = is_superuser | is_coordinator | is_host_editor

rules.add_perm("events.manage_event", can_organise)
rules.add_perm("events.add_event", is_superuser | is_coordinator)
rules.add_perm("events.change_event", can_organise)
rules.add_perm("events.view_registration", can_organise)
rules.add_perm("events.change_registration", can_organise)
rules.add_perm("events.add_attendance", can_organise)
