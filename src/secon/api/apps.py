from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "secon.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from secon.api import schema, scopes  # noqa: F401  (schema extensions, cache declarations)
