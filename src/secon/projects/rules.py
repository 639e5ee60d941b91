"""Permissions of the projects app: coordinators edit their projects, partner editors read them."""

import rules

from secon.accounts.predicates import (
    is_any_coordinator,
    is_coordinator,
    is_project_staff,
    is_project_staff_of,
    is_superuser,
    no_object,
)

sees_project = is_superuser | (no_object & is_project_staff) | is_project_staff_of

rules.add_perm("projects.view_project", sees_project)
rules.add_perm("projects.add_project", is_superuser)
rules.add_perm("projects.change_project", is_superuser | (no_object & is_any_coordinator) | is_coordinator)
rules.add_perm("projects.delete_project", is_superuser)

# Phases and periods are derived from the project's dates: readable, never edited by hand.
rules.add_perm("projects.view_phase", sees_project)
rules.add_perm("projects.view_period", sees_project)
