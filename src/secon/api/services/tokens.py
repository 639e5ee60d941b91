"""Create, revoke and use API tokens."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.accounts.predicates import roles_of
from secon.api.enums import ALL_SCOPES
from secon.api.models import KEY_START, MAX_LIFETIME_DAYS, Token, hash_key
from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require

#: ``last_used_at`` is written at most this often per token (a read costs no write in between).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    """A token just created and its key: the only moment the key is known."""

    token: Token
    key: str


def _new_key() -> tuple[str, str]:
    prefix = KEY_START + secrets.token_hex(4)
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def _expiry(expires_on: datetime.date | None) -> datetime.datetime:
    today = timezone.localdate()
    if expires_on is None:
        raise ValidationError({"expires_on": _("Choose the day the token expires.")})
    if expires_on <= today:
        raise ValidationError({"expires_on": _("The token must expire after today.")})
    if expires_on > today + datetime.timedelta(days=MAX_LIFETIME_DAYS):
        raise ValidationError({"expires_on": _("A token is valid for at most a year.")})
    # Valid until the end of the chosen day, in the installation's time zone.
    return timezone.make_aware(
        datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
    )


@transaction.atomic
def create_token(
    *,
    actor,
    name: str,
    kind: str,
    scopes: list[str],
    expires_on: datetime.date | None,
    project=None,
    partner=None,
) -> NewToken:
    """Create a token of ``actor`` (a signed-in user), acting as them; return it with its key."""
    require(actor, "api.add_token")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name (what uses it).")})
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise ValidationError({"scopes": _("Unknown scope: %(scope)s.") % {"scope": unknown[0]}})
    if not scopes:
        raise ValidationError({"scopes": _("Choose at least one thing the token may read or write.")})
    if partner is not None:
        if project is not None and partner.project_id != project.pk:
            raise ValidationError({"partner": _("This partner is not in the chosen project.")})
        project = partner.project
    if project is not None and not actor.is_superuser and project.pk not in roles_of(actor):
        raise ValidationError({"project": _("You are not a member of this project.")})
    prefix, key = _new_key()
    token = Token(
        user=actor,
        name=name,
        kind=kind,
        prefix=prefix,
        key_hash=hash_key(key),
        scopes=[scope for scope in ALL_SCOPES if scope in scopes],
        project=project,
        partner=partner,
        expires_at=_expiry(expires_on),
    )
    token.full_clean()
    token.save()
    record_change(actor=actor, instance=token, action=AuditEntry.Action.CREATE, project_id=token.project_id)
    return NewToken(token=token, key=key)


@transaction.atomic
def revoke_token(*, actor, token: Token) -> Token:
    """Revoke the token: the next request with its key is refused."""
    require(actor, "api.revoke_token", token)
    if token.revoked_at is not None:
        return token
    before = {"revoked_at": None}
    token.revoked_at = timezone.now()
    Token.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
    record_change(
        actor=actor,
        instance=token,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=token.project_id,
    )
    return token


def authenticate(*, key: str) -> Token:
    """Return the active token of ``key`` (its user loaded) and note its use; raise otherwise.

    The use is written at most once a minute per token (``last_used_at``), so a read costs one
    query; writes are logged one by one by :func:`record_use`.
    """
    token = Token.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not secrets.compare_digest(token.key_hash, hash_key(key)):
        raise PermissionDenied(_("This token is not valid."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise PermissionDenied(_("This token was revoked."))
    if token.expires_at <= now:
        raise PermissionDenied(_("This token has expired."))
    if not token.user.is_active:
        raise PermissionDenied(_("The account of this token is disabled."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        Token.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def record_use(*, token: Token, method: str, path: str, status: int) -> AuditEntry:
    """Log one write made with the token (the record it changed is logged by its own service)."""
    return AuditEntry.objects.create(
        actor=token.user,
        project_id=token.project_id,
        action=AuditEntry.Action.UPDATE,
        model=Token._meta.label_lower,
        object_id=str(token.pk),
        object_repr=str(token)[:200],
        changes={"request": [None, f"{method} {path} → {status}"]},
    )
