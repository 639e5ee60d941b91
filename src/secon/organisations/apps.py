from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "secon.organisations"
    label = "organisations"
    verbose_name = _("Organisations and partners")

    def ready(self):
        from secon.organisations import imports, scopes  # noqa: F401  (page-cache declarations)

        imports.register()

    def rebuild_derived_data(self) -> None:
        """After a restore: recompute the names' search and collation keys (see core.text)."""
        from secon.organisations.services import refresh_name_keys

        refresh_name_keys()
