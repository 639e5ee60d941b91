import gc

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

        # What is loaded at start lives as long as the process: modules, models, the libraries'
        # tables (django_countries' Unicode collation trie alone is ~100,000 objects). Frozen, they
        # are left out of Python's full garbage collections, which walked all ~225,000 of them every
        # few dozen searches (120-190 ms of CPU each on the loaded 2 cores, 6 ms frozen): the
        # slowest searches at 100,000 practices.
        gc.collect()
        gc.freeze()
