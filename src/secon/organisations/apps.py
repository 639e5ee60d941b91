from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "secon.organisations"
    label = "organisations"
    verbose_name = _("Organisations and partners")

    def ready(self):
        # The account-export task, the page-cache declarations.
        from secon.organisations import account_data, imports, scopes  # noqa: F401

        imports.register()

    def rebuild_derived_data(self) -> None:
        """After a restore: recompute the names' search and collation keys (see core.text)."""
        from secon.organisations.services import refresh_name_keys

        refresh_name_keys()
