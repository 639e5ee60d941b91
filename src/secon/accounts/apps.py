from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "secon.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from allauth.account.signals import email_changed

        from secon.accounts import tasks  # noqa: F401  (registers the account e-mail task)

        email_changed.connect(_email_changed, dispatch_uid="secon.accounts.email_changed")


def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    """allauth switched a person's sign-in address after its confirmation: log it, keep the login."""
    from secon.accounts.services import record_email_change

    record_email_change(user=user, before_email=from_email_address.email if from_email_address else "")
