"""Invitations to a project, and signing up (with an invitation, or from an event registration)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.accounts.enums import Role
from secon.accounts.models import Invitation, Membership, User
from secon.accounts.services import (
    address_taken,
    check_role,
    create_user,
    grant_role,
    normalise_email,
    verified_addresses,
)
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry

#: How long the link of an invitation stays valid.
INVITATION_VALID_FOR = datetime.timedelta(days=14)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_problem(invitation: Invitation | None, *, now: datetime.datetime | None = None) -> str | None:
    """Return why an invitation can no longer be used ("accepted", "revoked", "expired", "missing")."""
    if invitation is None:
        return "missing"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if (now or timezone.now()) >= invitation.expires_at:
        return "expired"
    return None


def find_invitation(*, token: str) -> Invitation | None:
    """Return the invitation a link's token belongs to (whatever its state), or None."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("project", "organisation", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


@transaction.atomic
def invite(
    *,
    actor,
    project,
    email: str,
    role: str,
    organisation=None,
    language: str = "",
    on_commit=None,
) -> tuple[Invitation, str]:
    """Invite a person to a role in a project; return the invitation and the token of its link.

    A newer invitation for the same address and project replaces the open one. ``on_commit`` is
    called with (invitation, token) once the invitation is saved: it sends the e-mail.
    """
    email = normalise_email(email)
    check_role(project=project, role=role, organisation=organisation)
    if organisation is not None and role != Role.PARTNER_EDITOR:
        organisation = None
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        membership = existing.memberships.filter(project=project).first()
        if membership and (membership.role, membership.organisation_id) == (
            role,
            organisation.pk if organisation else None,
        ):
            raise ValidationError({"email": _("This person already has this role in the project.")})
    now = timezone.now()
    for open_invitation in Invitation.objects.select_for_update().filter(
        project=project, email=email, accepted_at=None, revoked_at=None
    ):
        before = snapshot(open_invitation, fields=_LOGGED_INVITATION_FIELDS)
        open_invitation.revoked_at = now
        open_invitation.save(update_fields=["revoked_at"])
        _record_invitation(actor=actor, invitation=open_invitation, before=before)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        project=project,
        email=email,
        role=role,
        organisation=organisation,
        language=language or (existing.preferred_language if existing else settings.LANGUAGE_CODE),
        token_hash=_token_hash(token),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    _record_invitation(actor=actor, invitation=invitation, before=None)
    if on_commit is not None:
        transaction.on_commit(lambda: on_commit(invitation, token))
    return invitation, token


_LOGGED_INVITATION_FIELDS = (
    "project",
    "email",
    "role",
    "organisation",
    "language",
    "invited_by",
    "expires_at",
    "accepted_at",
    "accepted_by",
    "revoked_at",
)


def _record_invitation(*, actor, invitation: Invitation, before: dict | None) -> None:
    entry = record_change(
        actor=actor,
        instance=invitation,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        before=before,
        project_id=invitation.project_id,
    )
    if "token_hash" in entry.changes:
        del entry.changes["token_hash"]
        entry.save(update_fields=["changes"])


@transaction.atomic
def revoke_invitation(*, actor, invitation: Invitation) -> Invitation:
    """Withdraw an open invitation: its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation_problem(invitation) in ("accepted", "revoked"):
        raise ValidationError(_("This invitation is no longer open."))
    before = snapshot(invitation, fields=_LOGGED_INVITATION_FIELDS)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _record_invitation(actor=actor, invitation=invitation, before=before)
    return invitation


@transaction.atomic
def accept_invitation(*, user: User, invitation: Invitation) -> Membership:
    """Give the user the invited role; the invitation must be open and sent to one of their addresses."""
    invitation = Invitation.objects.select_for_update().select_related("project").get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(INVITATION_PROBLEMS[problem]())
    if invitation.email.lower() not in verified_addresses(user):
        raise ValidationError(
            _("This invitation was sent to another e-mail address; it cannot be used by this account.")
        )
    before = snapshot(invitation, fields=_LOGGED_INVITATION_FIELDS)
    membership = grant_role(
        actor=user,
        user=user,
        project=invitation.project,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _record_invitation(actor=user, invitation=invitation, before=before)
    return membership


#: What a person is told about an invitation that cannot be used (lazily, in their language).
INVITATION_PROBLEMS = {
    "missing": lambda: _("This invitation link is not valid. Check that you copied the whole link."),
    "accepted": lambda: _("This invitation has already been accepted."),
    "revoked": lambda: _("This invitation was withdrawn or replaced by a newer one."),
    "expired": lambda: _("This invitation has expired. Ask the coordinator who invited you for a new one."),
}


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    preferred_language: str,
    invitation: Invitation | None = None,
) -> User:
    """Create the account of a person who signs up (invited, or from an event registration).

    With an invitation the address is proven by the invitation's e-mail, so it is verified and
    the invited role is granted in the same transaction; otherwise it waits for confirmation.
    """
    email = normalise_email(email)
    proven = invitation is not None and invitation.email.lower() == email
    if invitation is not None and not proven:
        raise ValidationError({"email": _("This invitation was sent to another e-mail address.")})
    if address_taken(email):
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists. Sign in instead.")}
        )
    candidate = User(email=email, username=email, first_name=first_name, last_name=last_name)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    user = create_user(
        actor=None,
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
        email_verified=proven,
    )
    if invitation is not None:
        accept_invitation(user=user, invitation=invitation)
    return user
