"""Account pages of our own around django-allauth's: sign-up with a ticket, the e-mail confirmation
page that tells an expired link from a used one, and the invitation link."""

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from allauth.account.views import SignupView as AllauthSignupView

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.accounts import services, tickets
from secon.accounts.services import invitations


class SignupView(AllauthSignupView):
    """allauth's sign-up, for the address of the session's ticket only; closed without one (403)."""

    def closed(self):
        return render(self.request, "account/signup_closed.html", status=403)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["ticket"] = tickets.current(self.request)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ticket"] = tickets.current(self.request)
        return context

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except ValidationError:
            # sign_up() saved nothing and put the reason on the form.
            return self.form_invalid(form)
        tickets.discard(self.request)
        return response


class ConfirmEmailView(AllauthConfirmEmailView):
    """The link in the e-mail opens this page; only its button (POST) confirms the address.

    A link that cannot be used says why: already used (the address is confirmed), expired (a new one
    is sent on the next sign-in) or not a link of ours. Nothing is changed by any of them.
    """

    def link_state(self) -> str:
        key = self.kwargs["key"]
        try:
            pk = signing.loads(key, salt=allauth_settings.SALT)
        except signing.SignatureExpired:
            return "expired"
        except signing.BadSignature:
            return "invalid"
        address = EmailAddress.objects.filter(pk=pk).first() if isinstance(pk, int) else None
        if address is None:
            return "invalid"
        if address.verified:
            return "used"
        return "expired"

    def unusable(self) -> HttpResponse:
        state = self.link_state()
        status = 404 if state == "invalid" else 410
        return render(
            self.request,
            "account/email_confirm_unusable.html",
            {"state": state, "days": allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS},
            status=status,
        )

    def get(self, *args, **kwargs):
        try:
            self.get_object()
        except Http404:
            return self.unusable()
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        try:
            self.get_object()
        except Http404:
            return self.unusable()
        return super().post(*args, **kwargs)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation e-mail: see the invitation, then create an account or accept it."""
    found = invitations.find_invitation(token=token)
    problem = invitations.invitation_problem(found)
    context = {"invitation": found, "token": token}
    if problem:
        context["problem"] = invitations.INVITATION_PROBLEMS[problem]()
        return render(
            request, "accounts/invitation.html", context, status=404 if problem == "missing" else 410
        )
    user = request.user
    has_account = services.User.objects.filter(email__iexact=found.email).exists()
    context["has_account"] = has_account
    if user.is_authenticated and found.email.lower() not in services.verified_addresses(user):
        context["problem"] = _(
            "This invitation was sent to %(invited)s, but you are signed in as %(current)s. Sign out "
            "and open the link again, or ask the coordinator to invite this account's address."
        ) % {"invited": found.email, "current": user.email}
        return render(request, "accounts/invitation.html", context, status=403)
    if request.method == "POST":
        if user.is_authenticated:
            try:
                invitations.accept_invitation(user=user, invitation=found)
            except ValidationError as error:
                context["problem"] = " ".join(error.messages)
                return render(request, "accounts/invitation.html", context, status=409)
            messages.success(
                request,
                _("Welcome to %(project)s: you are now %(role)s.")
                % {"project": found.project.acronym, "role": found.get_role_display()},
            )
            return redirect("public:dashboard")
        if has_account:
            login = reverse("account_login")
            return redirect(f"{login}?{urlencode({REDIRECT_FIELD_NAME: request.path})}")
        tickets.issue_for_invitation(request, invitation=found)
        return redirect("account_signup")
    return render(request, "accounts/invitation.html", context)
