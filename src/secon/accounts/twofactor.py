"""Two-factor authentication (TOTP + recovery codes, django-allauth's MFA) is required of
administrators and coordinators: they hold the keys to other people's data."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from secon.accounts.enums import Role
from secon.accounts.predicates import roles_of


def requires_two_factor(user) -> bool:
    """Tell whether the user must sign in with a second factor (superuser or coordinator anywhere)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(role == Role.COORDINATOR for role, _organisation in roles_of(user).values())


def has_two_factor(user) -> bool:
    """Tell whether the user has set up an authenticator app."""
    cached = getattr(user, "_secon_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
        user._secon_has_totp = cached
    return cached


def current_code(secret: str, *, at: float | None = None) -> str:
    """Return the code an authenticator app shows now for this secret (RFC 6238, as allauth checks)."""
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def secret_of(user) -> str | None:
    """Return the secret of the user's authenticator app, if they set one up."""
    authenticator = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return decrypt(authenticator.data["secret"])
