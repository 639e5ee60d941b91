from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "secon.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from secon.core import (
            checks,  # noqa: F401  (registers the system checks)
            retention,  # noqa: F401  (the nightly purge of personal data past their period)
            tasks,  # noqa: F401  (registers the core's background tasks)
        )

        # Every app declares the cache scopes of its models in its scopes.py: load them all, so
        # that the audit log touches them (see secon.core.cache).
        autodiscover_modules("scopes")
