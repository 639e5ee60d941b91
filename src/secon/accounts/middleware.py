"""Send coordinators and administrators without a second factor to set one up first."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from secon.accounts.twofactor import has_two_factor, requires_two_factor

#: What a person who still has to set up two-factor authentication may open: signing in and out,
#: the account pages (password, e-mail, the set-up itself) and the language switch.
OPEN_URL_NAMES = {"health", "root", "set_language"}
OPEN_URL_PREFIXES = ("account_", "mfa_")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not requires_two_factor(user) or has_two_factor(user):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in OPEN_URL_NAMES or name.startswith(OPEN_URL_PREFIXES):
            return None
        if request.path.startswith(("/static/", "/media/")):
            return None
        messages.warning(
            request,
            _(
                "As a coordinator or administrator you need two-factor authentication. Set up an "
                "authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
