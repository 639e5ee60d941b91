"""Permissions of the accounts app."""

import rules

from secon.accounts.predicates import is_coordinator, is_superuser

rules.add_perm("accounts.view_membership", is_superuser | is_coordinator)
rules.add_perm("accounts.add_membership", is_superuser | is_coordinator)
rules.add_perm("accounts.change_membership", is_superuser | is_coordinator)
rules.add_perm("accounts.delete_membership", is_superuser | is_coordinator)
