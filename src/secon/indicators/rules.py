"""Permissions of the indicators: every member of the project reads the figures and reports;
coordinators set targets, type the project's own figures and move the periods (review, lock, reopen)."""

import rules

from secon.accounts.predicates import is_coordinator, is_member, is_superuser

rules.add_perm("indicators.view_indicators", is_superuser | is_member)
rules.add_perm("indicators.manage_indicators", is_superuser | is_coordinator)
rules.add_perm("indicators.manage_period", is_superuser | is_coordinator)
