"""Permissions of communications: members read the drafts, partner editors write and translate,
coordinators (the project's communication officers) approve and publish."""

import rules

from secon.accounts.enums import Role
from secon.accounts.predicates import (
    is_any_coordinator,
    is_coordinator,
    is_editor_of_organisation,
    is_member,
    is_superuser,
    roles_of,
)


@rules.predicate
def is_partner_editor(user, obj) -> bool:
    """The user is partner editor in the project of ``obj`` (a project or an article)."""
    if obj is None:
        return False
    project_id = obj.pk if obj._meta.label_lower == "projects.project" else obj.project_id
    role = roles_of(user).get(project_id)
    return bool(role) and role[0] == Role.PARTNER_EDITOR


may_publish = is_superuser | is_coordinator

rules.add_perm("communications.view_article", is_superuser | is_member)
rules.add_perm("communications.change_article", may_publish | is_partner_editor)
rules.add_perm("communications.publish_article", may_publish)

# Names in running text belong to the organisation (shared by every project): its editors, any
# coordinator (who writes press releases mentioning it) and administrators may set them.
rules.add_perm(
    "communications.change_nameform", is_superuser | is_any_coordinator | is_editor_of_organisation
)
