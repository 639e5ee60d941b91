"""Forms of the accounts app: sign-up with a ticket, the second factor at sign-in (throttled),
the profile, invitations, and the staff side's audited password change."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.base.forms import AuthenticateForm
from axes.handlers.proxy import AxesProxyHandler

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.accounts import services, throttle
from secon.accounts.enums import Role
from secon.accounts.models import User
from secon.accounts.network import client_address
from secon.accounts.services import invitations


class SignupForm(AllauthSignupForm):
    """Open an account for the address of the session's ticket (an invitation or a registration)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The pages open in it after signing in; e-mails to you are written in it."),
    )
    field_order = ["email", "first_name", "last_name", "preferred_language", "password1", "password2"]

    def __init__(self, *args, ticket=None, **kwargs):
        self.ticket = ticket
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.disabled = True
        email.required = False
        email.initial = ticket.email if ticket else ""
        email.help_text = _("The address your invitation or registration was sent to.")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)

    def clean_email(self) -> str:
        if self.ticket is None:
            raise ValidationError(_("Signing up needs an invitation or an event registration."))
        return self.ticket.email

    def try_save(self, request):
        # Never allauth's silent "account exists" path: the address is fixed and known to the person.
        return self.save(request), None

    def save(self, request) -> User:
        data = self.cleaned_data
        try:
            return invitations.sign_up(
                email=self.ticket.email,
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                preferred_language=data["preferred_language"],
                invitation=self.ticket.invitation,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            raise


class AddEmailForm(AllauthAddEmailForm):
    """Add a sign-in address: one that belongs to another account is refused, and said so."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if services.address_taken(email, exclude_user=self.user):
            raise ValidationError(
                _(
                    "This e-mail address belongs to another account. "
                    "Each address signs in to one account only."
                ),
                code="email_taken",
            )
        return email


class TwoFactorAuthenticateForm(AuthenticateForm):
    """The code step of signing in: wrong codes count towards the same throttle as wrong passwords."""

    def clean_code(self) -> str:
        request = self._request()
        credentials = {"username": throttle.normalise(self.user.email)}
        if request is not None and not AxesProxyHandler.is_allowed(request, credentials):
            wait = throttle.seconds_blocked(username=self.user.email, address=client_address(request))
            raise ValidationError(throttle.lockout_message(wait), code="too_many_attempts")
        try:
            return super().clean_code()
        except ValidationError:
            if request is not None:
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            raise

    @staticmethod
    def _request():
        from allauth.core import context

        return getattr(context, "request", None)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(services.PROFILE_FIELDS)
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "organisation_name": _("Organisation"),
            "preferred_language": _("Preferred language"),
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=None,
        required=False,
        help_text=_("Only for partner editors: the partner they edit for."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation e-mail"), choices=settings.LANGUAGES)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["role"].choices = [
            (Role.VIEWER, _("viewer – reads the project's internal pages")),
            (Role.PARTNER_EDITOR, _("partner editor – edits for one partner organisation")),
            (Role.COORDINATOR, _("coordinator – runs the project (needs two-factor authentication)")),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PARTNER_EDITOR and not cleaned.get("organisation"):
            self.add_error("organisation", _("A partner editor needs the partner organisation."))
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
