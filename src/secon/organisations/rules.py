"""Permissions of the organisations app.

Coordinators edit the partners of their projects and the organisations and people of those
partners; partner editors edit their own organisation and its people; regions are reference data.
"""

import rules

from secon.accounts.predicates import (
    is_any_coordinator,
    is_coordinator,
    is_editor_of_organisation,
    is_project_staff,
    is_project_staff_of,
    is_superuser,
    no_object,
)
from secon.organisations.predicates import (
    coordinates_a_project_of_organisation,
    coordinates_a_project_of_person,
    may_see_person,
)

rules.add_perm("organisations.view_region", is_superuser | is_project_staff)
rules.add_perm("organisations.change_region", is_superuser)

edits_organisation = (
    is_superuser
    | (no_object & is_project_staff)
    | coordinates_a_project_of_organisation
    | is_editor_of_organisation
)
rules.add_perm("organisations.view_organisation", edits_organisation)
rules.add_perm("organisations.change_organisation", edits_organisation)
rules.add_perm("organisations.add_organisation", is_superuser | is_any_coordinator)
rules.add_perm("organisations.delete_organisation", is_superuser)

# Personal data: only for those who work with the person's organisation in a project, and for the
# coordinators of the projects the person takes part in (registered, attended, member).
sees_person = is_superuser | (no_object & is_project_staff) | may_see_person | coordinates_a_project_of_person
rules.add_perm("organisations.view_person", sees_person)
rules.add_perm("organisations.change_person", sees_person)
rules.add_perm("organisations.add_person", is_superuser | is_project_staff)
# Erasing a person also erases them for the other projects: only those who answer for their organisation.
rules.add_perm("organisations.delete_person", is_superuser | (no_object & is_project_staff) | may_see_person)
rules.add_perm("organisations.view_consent", sees_person)

rules.add_perm(
    "organisations.view_partner", is_superuser | (no_object & is_project_staff) | is_project_staff_of
)
rules.add_perm("organisations.add_partner", is_superuser | is_any_coordinator)
rules.add_perm(
    "organisations.change_partner", is_superuser | (no_object & is_any_coordinator) | is_coordinator
)
rules.add_perm(
    "organisations.delete_partner", is_superuser | (no_object & is_any_coordinator) | is_coordinator
)

# The project's privacy notice: written and published by its coordinators.
rules.add_perm("organisations.change_privacynotice", is_superuser | is_coordinator)
