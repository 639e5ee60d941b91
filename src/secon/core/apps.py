from django.apps import AppConfig
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
