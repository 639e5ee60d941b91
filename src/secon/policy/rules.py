"""Permissions of the policy app, asked about a project (to add), an instrument or an action plan.

Coordinators edit every instrument of their project and validate changes; a partner editor edits
the instruments and action plans of the partner they act for; every member of the project reads
them. Only a coordinator approves an action plan.
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
def edits_for_partner(user, record) -> bool:
    """The user is partner editor for the organisation of the record's partner, in its project.

    ``record``: an instrument or an action plan (anything with ``partner`` and ``project_id``).
    """
    if record is None or not is_project_staff_of.test(user, record):
        return False
    return record.partner.organisation_id in edited_organisation_ids(user)


rules.add_perm("policy.view_instruments", is_superuser | is_member)
rules.add_perm("policy.add_instrument", is_superuser | is_coordinator | is_project_staff_of)
rules.add_perm("policy.edit_instrument", is_superuser | is_coordinator | edits_for_partner)
rules.add_perm("policy.validate_instrument", is_superuser | is_coordinator)

rules.add_perm("policy.add_plan", is_superuser | is_coordinator | is_project_staff_of)
rules.add_perm("policy.edit_plan", is_superuser | is_coordinator | edits_for_partner)
rules.add_perm("policy.approve_plan", is_superuser | is_coordinator)
