"""Permissions of the mail app: a project's coordinators see its e-mails and send failed ones again."""

import rules

from secon.accounts.predicates import is_coordinator, is_superuser

rules.add_perm("mail.view_email", is_superuser | is_coordinator)
rules.add_perm("mail.resend_email", is_superuser | is_coordinator)
rules.add_perm("mail.lift_suppression", is_superuser | is_coordinator)
