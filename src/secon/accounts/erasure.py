"""Erase an account at its owner's request: the user row is anonymised, not deleted.

Why not deleted: the audit log, seat holdings, ballots, meeting attendance, authored practices and
validations point to the user, and the records of a project (who validated, that a seat's holder
voted) must stay whole. So the row stays, holding no name, address or organisation
("Erased user #12", ``erased-user-12@erased.invalid``), inactive and without a password; its roles
are revoked (logged), its addresses, authenticators, throttle records and invitations are deleted,
and every session ends (the password hash changes). Apps above accounts register what they must
end for such a user (governance: current seat holdings) with :func:`register_account_eraser`.

The people records of the account's addresses are erased by ``organisations.account_data``, which
calls this module and refuses first when one of them is under legal hold.
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog

from django.utils.translation import gettext as _

from secon.accounts.enums import Role
from secon.accounts.models import Invitation, Membership, User, user_search_key
from secon.accounts.services import revoke_role, verified_addresses
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry

#: Each takes the user (before anonymisation) and ends what the app holds for them.
AccountEraser = Callable[[User], None]
_erasers: list[AccountEraser] = []


def register_account_eraser(eraser: AccountEraser) -> AccountEraser:
    if eraser not in _erasers:
        _erasers.append(eraser)
    return eraser


def account_erasure_problem(user: User) -> str | None:
    """Say why the account cannot be erased now (a project would lose its last coordinator …)."""
    if (
        user.is_superuser
        and not User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()
    ):
        return _("You are the only administrator of this site: make someone else an administrator first.")
    alone = [
        membership.project.acronym
        for membership in Membership.objects.filter(user=user, role=Role.COORDINATOR).select_related(
            "project"
        )
        if not Membership.objects.filter(project_id=membership.project_id, role=Role.COORDINATOR)
        .exclude(user=user)
        .exists()
    ]
    if alone:
        return _(
            "You are the only coordinator of %(projects)s: give the role to someone else on the members "
            "page first, so that the project keeps someone who can act for it."
        ) % {"projects": ", ".join(sorted(alone))}
    return None


def anonymise_account(*, actor, user: User) -> set[str]:
    """Anonymise the user (in the caller's transaction); return the personal values it held."""
    personal = {
        user.email,
        user.first_name,
        user.last_name,
        user.get_full_name(),
        user.organisation_name,
        *verified_addresses(user),
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    for eraser in _erasers:
        eraser(user)
    for membership in list(Membership.objects.filter(user=user)):
        revoke_role(actor=actor, membership=membership)
    addresses = {address.lower() for address in personal if "@" in (address or "")}
    Invitation.objects.filter(email__in=addresses).delete()
    AccessAttempt.objects.filter(username__in=addresses).delete()
    AccessFailureLog.objects.filter(username__in=addresses).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    before = snapshot(user, fields=("email", "first_name", "last_name", "organisation_name", "is_active"))
    user.first_name = _erased_word()
    user.last_name = f"#{user.pk}"
    user.email = user.username = f"erased-user-{user.pk}@erased.invalid"
    user.organisation_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()  # every session of the account ends with the old hash
    user.search_key = user_search_key(user)
    user.save()
    entry = record_change(actor=None, instance=user, action=AuditEntry.Action.UPDATE, before=before)
    entry.changes.pop("password", None)
    entry.save(update_fields=["changes"])
    return {value for value in personal if value}


def _erased_word() -> str:
    return "Erased user"
