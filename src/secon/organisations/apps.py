from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "secon.organisations"
    label = "organisations"
    verbose_name = _("Organisations and partners")

    def ready(self):
        # The account-export task, the page-cache declarations.
        from secon.organisations import account_data, contact_notice, imports, scopes  # noqa: F401
        from secon.organisations.notice_services import on_material_change

        imports.register()
        # A privacy notice published as a material change: e-mail the contacts no other app asks.
        on_material_change(contact_notice.queue_requests)

    def rebuild_derived_data(self) -> None:
        """After a restore: recompute the names' search and collation keys (see core.text)."""
        from secon.organisations.services import refresh_name_keys

        refresh_name_keys()
