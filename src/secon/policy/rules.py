"""Permissions of the policy app, always asked about a project (to add) or an instrument.

Coordinators edit every instrument of their project and validate changes; a partner editor edits
the instruments of the partner they act for; every member of the project reads them.
"""

import rules

from secon.accounts.predicates import (
    edited_organisation_ids,
    is_coordinator,
    is_member,
    is_project_staff_of,
    is_superuser,
)


@rules.predicate
def edits_for_partner(user, instrument) -> bool:
    """The user is partner editor for the organisation of the instrument's partner, in its project."""
    if instrument is None or not is_project_staff_of.test(user, instrument):
        return False
    return instrument.partner.organisation_id in edited_organisation_ids(user)


rules.add_perm("policy.view_instruments", is_superuser | is_member)
rules.add_perm("policy.add_instrument", is_superuser | is_coordinator | is_project_staff_of)
rules.add_perm("policy.edit_instrument", is_superuser | is_coordinator | edits_for_partner)
rules.add_perm("policy.validate_instrument", is_superuser | is_coordinator)
