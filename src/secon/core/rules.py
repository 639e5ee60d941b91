"""Permissions of the core app: the audit log is read by superusers and, per project, coordinators."""

import rules

from secon.accounts.predicates import is_any_coordinator, is_coordinator, is_superuser, no_object

rules.add_perm("core.view_auditentry", is_superuser | (no_object & is_any_coordinator) | is_coordinator)
