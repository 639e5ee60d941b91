"""How django-allauth fits SECON Hub: who may sign up, e-mails in the recipient's language,
the client address behind proxies, where a person lands after signing in, who must keep MFA."""

import time
from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from secon.accounts import tickets
from secon.accounts.models import User
from secon.accounts.network import client_address
from secon.accounts.tasks import queue_account_email
from secon.accounts.twofactor import requires_two_factor
from secon.core.links import site_host


def language_of(email: str) -> str | None:
    """Return the preferred language of the account with this address, if there is one."""
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    return user.preferred_language if user else None


@dataclass(frozen=True)
class Site:
    """What allauth's e-mails say of the site ("Hello from …"): its address, never the request's host."""

    name: str
    domain: str


def this_site() -> Site:
    return Site(name="SECON Hub", domain=site_host())


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Only with an invitation or from an event registration (see :mod:`secon.accounts.tickets`)."""
        return tickets.current(request) is not None

    def populate_username(self, request, user) -> None:
        # The e-mail address is the login; Django's username column holds it too.
        user.username = (user.email or "").lower()

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render every account e-mail (verification, password reset, notices) in the recipient's
        language and leave the sending to the worker."""
        request = allauth_context.request
        language = language_of(email) or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {"request": request, "email": email, "current_site": this_site(), **context},
            )
        queue_account_email(message)

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        # The link itself opens the confirmation page in the recipient's language too.
        language = emailconfirmation.email_address.user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_address(request) or "0.0.0.0"

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The signed-in home, in the person's preferred language."""
        language = getattr(request.user, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            return reverse(settings.LOGIN_REDIRECT_URL)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return self.get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Two-factor pages ask for no password again within minutes of signing in.

        (Coordinators are sent to the set-up at their first sign-in, then see their recovery codes.)
        Later, and for every other sensitive step — changing the e-mail address or the password —
        allauth asks again, as it does by default.
        """
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.core import context

        request = getattr(context, "request", None)
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            if records and time.time() - records[-1].get("at", 0) < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        """Coordinators and administrators keep their authenticator app (it is required of them)."""
        if authenticator.type == authenticator.Type.TOTP and requires_two_factor(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
