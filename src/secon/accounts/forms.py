"""Forms of the accounts app: the staff side's rate-limited sign-in and audited password change."""

import math

from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from secon.accounts import services, throttle


class RateLimitedAuthenticationForm(AdminAuthenticationForm):
    """Refuse sign-ins for an account from an address after too many failures in a short time."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request)
        wait = throttle.seconds_blocked(username=username, address=address)
        if wait:
            minutes = math.ceil(wait / 60)
            raise ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. Please wait %(minutes)d minute and try again.",
                    "Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.",
                    minutes,
                ),
                code="too_many_attempts",
                params={"minutes": minutes},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                throttle.record_failure(username=username, address=address)
            raise
        throttle.reset(username=username, address=address)
        return cleaned


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """Change one's own password through the service, so that the audit log records it."""

    def save(self, commit=True):
        changed = services.set_password(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"]
        )
        # The view keeps the session signed in with the new hash of this very object.
        self.user.password = changed.password
        return self.user
