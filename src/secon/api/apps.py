from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "secon.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from secon.api import schema, scopes  # noqa: F401  (schema extensions, cache declarations)

    def warm_up(self):
        """Read the query parameters the schema documents (see ``secon.core.warmup``): generating
        the schema takes a moment that the first API request of each process would otherwise pay."""
        from secon.api.views.base import documented_query

        documented_query("/api/v1/", "GET")
