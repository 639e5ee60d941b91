"""Write accounts and roles; every change is atomic and logged (invitations: ``invitations``)."""

from allauth.account.models import EmailAddress
from django_scopes import scope

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.accounts.enums import Role
from secon.accounts.models import Membership, User, user_search_key
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry


def _record_user_change(*, actor, user: User, action: str, before=None, password_changed=False):
    """Log a change to a user; the log says that the password changed, never its hash."""
    entry = record_change(actor=actor, instance=user, action=action, before=before)
    if "password" in entry.changes:
        del entry.changes["password"]
        if password_changed:
            entry.changes["password"] = ["…", "…"]
        entry.save(update_fields=["changes"])
    return entry


@transaction.atomic
def create_user(
    *,
    actor,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
    preferred_language: str = "",
    email_verified: bool = True,
) -> User:
    """Create a user who signs in with their e-mail address.

    An address typed by an administrator (or proven by an invitation) counts as verified; a person
    who signs up from an event registration gets ``email_verified=False`` and a confirmation e-mail.
    """
    email = normalise_email(email)
    if address_taken(email):
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User(
        email=email,
        username=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        preferred_language=preferred_language or settings.LANGUAGE_CODE,
    )
    user.search_key = user_search_key(user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    _record_user_change(actor=actor, user=user, action=AuditEntry.Action.CREATE)
    return user


def normalise_email(email: str) -> str:
    return User.objects.normalize_email((email or "").strip()).lower()


def address_taken(email: str, *, exclude_user: User | None = None) -> bool:
    """Tell whether the address belongs to a user (as sign-in or as a verified second address)."""
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        addresses = addresses.exclude(user=exclude_user)
    return users.exists() or addresses.exists()


def check_role(*, project, role: str, organisation) -> None:
    """Refuse an unknown role, or a partner editor without a partner organisation of the project."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role == Role.PARTNER_EDITOR and organisation is None:
        raise ValidationError({"organisation": _("A partner editor needs the partner organisation.")})
    if role == Role.PARTNER_EDITOR:
        # In the project's own scope: an invitation is accepted from a link without a project.
        with scope(project=project.pk):
            is_partner = project.partners.filter(organisation=organisation).exists()
        if not is_partner:
            raise ValidationError({"organisation": _("This organisation is not a partner of the project.")})


@transaction.atomic
def grant_role(*, actor, user: User, project, role: str, organisation=None) -> Membership:
    """Give a user a role in a project (replacing any role they had there)."""
    check_role(project=project, role=role, organisation=organisation)
    membership = Membership.objects.select_for_update().filter(user=user, project=project).first()
    before = snapshot(membership) if membership else None
    if membership is None:
        membership = Membership(user=user, project=project)
    membership.role = role
    membership.organisation = organisation if role == Role.PARTNER_EDITOR else None
    membership.full_clean()
    membership.save()
    # Coordinators and partner editors work in the staff side, which Django opens to staff only.
    _sync_staff_flag(user)
    record_change(
        actor=actor,
        instance=membership,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        before=before,
        project_id=project.pk,
    )
    return membership


USER_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "is_active",
    "is_superuser",
    "preferred_language",
    "organisation_name",
)
#: What a person changes on their own profile page.
PROFILE_FIELDS = ("first_name", "last_name", "organisation_name", "preferred_language")


def _sync_staff_flag(user: User) -> None:
    """Open the staff side to superusers, coordinators and partner editors only."""
    is_staff = (
        user.is_superuser
        or user.memberships.filter(role__in=(Role.COORDINATOR, Role.PARTNER_EDITOR)).exists()
    )
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def update_user(*, actor, user: User, **values) -> User:
    """Change a user's name, e-mail address, active flag or superuser status."""
    unknown = set(values) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"unknown user fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user)
    email_changed = False
    if "email" in values:
        email = normalise_email(values["email"])
        if address_taken(email, exclude_user=user):
            raise ValidationError({"email": _("A user with this e-mail address already exists.")})
        email_changed = email != user.email
        values["email"] = email
        values["username"] = email
    for name, value in values.items():
        setattr(user, name, value)
    user.search_key = user_search_key(user)
    user.full_clean(exclude=["password"])
    user.save()
    if email_changed:
        # An administrator's change: the new address becomes the verified primary one.
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"primary": True, "verified": True}
        )
    _sync_staff_flag(user)
    _record_user_change(actor=actor, user=user, action=AuditEntry.Action.UPDATE, before=before)
    return user


@transaction.atomic
def set_password(*, actor, user: User, password: str | None) -> User:
    """Give a user a new password (validated), or make them unable to sign in with one."""
    from django.contrib.auth import password_validation

    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user)
    if password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    _record_user_change(
        actor=actor, user=user, action=AuditEntry.Action.UPDATE, before=before, password_changed=True
    )
    return user


@transaction.atomic
def delete_user(*, actor, user: User) -> None:
    """Delete a user and their roles; the audit log keeps what they did."""
    before = snapshot(user, fields=USER_FIELDS)
    for membership in list(user.memberships.all()):
        revoke_role(actor=actor, membership=membership)
    record_change(actor=actor, instance=user, action=AuditEntry.Action.DELETE, before=before)
    user.delete()


@transaction.atomic
def revoke_role(*, actor, membership: Membership) -> None:
    """Take a user's role in a project away; they leave the staff side when it was their last one."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    before = snapshot(membership)
    record_change(
        actor=actor,
        instance=membership,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=membership.project_id,
    )
    user = membership.user
    membership.delete()
    _sync_staff_flag(user)


@transaction.atomic
def update_profile(*, actor, user: User, **values) -> User:
    """Change one's own name and preferred language."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied("a profile is changed by its owner")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user)
    for name, value in values.items():
        setattr(user, name, value)
    user.search_key = user_search_key(user)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*values, "search_key"])
    _record_user_change(actor=actor, user=user, action=AuditEntry.Action.UPDATE, before=before)
    return user


@transaction.atomic
def record_email_change(*, user: User, before_email: str) -> None:
    """Log that a person changed their own sign-in address (allauth changed it after verification)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user)
    before["email"] = before_email
    if user.username != user.email:
        user.username = user.email
        user.search_key = user_search_key(user)
        user.save(update_fields=["username", "search_key"])
    _record_user_change(actor=user, user=user, action=AuditEntry.Action.UPDATE, before=before)


def verified_addresses(user: User) -> set[str]:
    """Return the addresses a user has proven to own (lower case)."""
    addresses = {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    return addresses
