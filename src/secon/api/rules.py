"""Permissions of API tokens: a user manages their own keys; administrators may revoke any."""

import rules

from secon.accounts.predicates import is_superuser


@rules.predicate
def is_owner(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated


rules.add_perm("api.add_token", is_signed_in)
rules.add_perm("api.revoke_token", is_owner | is_superuser)
