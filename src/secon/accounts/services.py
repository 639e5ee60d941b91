"""Write accounts and roles; every change is atomic and logged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.accounts.enums import Role
from secon.accounts.models import Membership, User
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry


@transaction.atomic
def create_user(
    *,
    actor,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a user who signs in with their e-mail address."""
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User(
        email=email,
        username=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record_change(actor=actor, instance=user, action=AuditEntry.Action.CREATE)
    return user


@transaction.atomic
def grant_role(*, actor, user: User, project, role: str, organisation=None) -> Membership:
    """Give a user a role in a project (replacing any role they had there)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role == Role.PARTNER_EDITOR and organisation is None:
        raise ValidationError({"organisation": _("A partner editor needs the partner organisation.")})
    if role == Role.PARTNER_EDITOR and not project.partners.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is not a partner of the project.")})
    membership = Membership.objects.select_for_update().filter(user=user, project=project).first()
    before = snapshot(membership) if membership else None
    if membership is None:
        membership = Membership(user=user, project=project)
    membership.role = role
    membership.organisation = organisation if role == Role.PARTNER_EDITOR else None
    membership.full_clean()
    membership.save()
    # Coordinators and partner editors work in the staff side, which Django opens to staff only.
    if role in (Role.COORDINATOR, Role.PARTNER_EDITOR) and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    record_change(
        actor=actor,
        instance=membership,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        before=before,
        project_id=project.pk,
    )
    return membership
