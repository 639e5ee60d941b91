"""Permissions of the accounts app: coordinators manage the roles in their projects."""

import rules

from secon.accounts.predicates import (
    coordinates_a_project_of_user,
    is_any_coordinator,
    is_coordinator,
    is_superuser,
    no_object,
)

#: A coordinator manages the memberships of the projects they coordinate.
manages_membership = is_superuser | (no_object & is_any_coordinator) | is_coordinator

rules.add_perm("accounts.view_membership", manages_membership)
rules.add_perm("accounts.add_membership", is_superuser | is_any_coordinator)
rules.add_perm("accounts.change_membership", manages_membership)
rules.add_perm("accounts.delete_membership", manages_membership)

# Users are managed by superusers; coordinators see the people who have a role in their projects.
rules.add_perm(
    "accounts.view_user", is_superuser | (no_object & is_any_coordinator) | coordinates_a_project_of_user
)
rules.add_perm("accounts.add_user", is_superuser)
rules.add_perm("accounts.change_user", is_superuser)
rules.add_perm("accounts.delete_user", is_superuser)

# The audit log (core) is read by superusers and, per project, coordinators.
rules.add_perm("core.view_auditentry", is_superuser | (no_object & is_any_coordinator) | is_coordinator)

#: The members page of a project: its coordinators (and administrators) invite and remove people.
rules.add_perm("accounts.manage_members", is_superuser | is_coordinator)
