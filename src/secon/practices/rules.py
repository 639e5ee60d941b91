"""Permissions of the good practice library.

Partner editors draft and submit practices their organisation documents; coordinators (the project's
web administrators) review them; superusers act as the programme secretariat. Nobody reviews a
practice they wrote.
"""

import rules

from secon.accounts.enums import Role
from secon.accounts.predicates import is_coordinator, is_member, is_superuser, roles_of
from secon.practices.enums import AWAITING_REVIEW, EDITABLE_STATUSES, PUBLIC_STATUSES, Status


@rules.predicate
def is_partner_editor(user, obj) -> bool:
    """The user is partner editor in the project of ``obj`` (a project or a practice)."""
    project_id = obj.pk if obj._meta.label_lower == "projects.project" else obj.project_id
    role = roles_of(user).get(project_id)
    return bool(role) and role[0] == Role.PARTNER_EDITOR


@rules.predicate
def edits_for_practice_organisation(user, practice) -> bool:
    """The user is partner editor in the practice's project for the organisation that documents it."""
    role = roles_of(user).get(practice.project_id)
    return bool(role) and role[0] == Role.PARTNER_EDITOR and role[1] == practice.organisation_id


@rules.predicate
def is_author(user, practice) -> bool:
    return user.is_authenticated and practice.author_id == user.pk


@rules.predicate
def is_editable(user, practice) -> bool:
    return practice.status in EDITABLE_STATUSES


@rules.predicate
def awaits_review(user, practice) -> bool:
    return practice.status in AWAITING_REVIEW


@rules.predicate
def is_published(user, practice) -> bool:
    return practice.status in PUBLIC_STATUSES


@rules.predicate
def is_draft(user, practice) -> bool:
    return practice.status == Status.DRAFT


@rules.predicate
def edits_for_partner(user, obj) -> bool:
    """The user is partner editor for this partner (or for the partner of this transfer)."""
    partner = obj.partner if hasattr(obj, "partner_id") else obj
    role = roles_of(user).get(partner.project_id)
    return bool(role) and role[0] == Role.PARTNER_EDITOR and role[1] == partner.organisation_id


@rules.predicate
def is_project(user, obj) -> bool:
    """The question is about a project (may the user open its partner side), not one practice."""
    return obj is not None and obj._meta.label_lower == "projects.project"


may_write = is_superuser | is_coordinator | edits_for_practice_organisation | (is_member & is_author)
#: Who may read a practice that is not published: its partner's editors and its author, the project's
#: coordinators and the secretariat — never another partner's editors, never viewers.
may_read_unpublished = may_write

rules.add_perm("practices.add_goodpractice", is_superuser | is_coordinator | is_partner_editor)
# On a project: may open its partner side; on a practice: may read it there.
rules.add_perm(
    "practices.view_goodpractice",
    is_superuser
    | (is_project & is_member)
    | (~is_project & ((is_member & is_published) | may_read_unpublished)),
)
# Coordinators may also correct or translate a practice after it has been approved.
rules.add_perm("practices.change_goodpractice", (may_write & is_editable) | is_superuser | is_coordinator)
rules.add_perm("practices.submit_goodpractice", may_write & is_editable)
rules.add_perm("practices.review_goodpractice", (is_superuser | is_coordinator) & ~is_author)
rules.add_perm("practices.validate_goodpractice", is_superuser & ~is_author)
rules.add_perm("practices.delete_goodpractice", may_write & is_draft)
# On a Partner (recording interest) or a Transfer (recording its next stage).
rules.add_perm("practices.add_transfer", is_superuser | is_coordinator | edits_for_partner)
