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
        # few dozen searches (120-190 ms of CPU each at load 10 on the 2 cores: the slowest searches
        # at 100,000 practices). A search makes tens of thousands of short-lived tuples (its
        # matches): with the young generation collected every 10,000 new objects instead of 700,
        # fewer of a search's live objects are counted as long-lived and full collections are rarer
        # (measured over 52 searches at load 8-10: one full collection of 56 ms and no other
        # collection over 16 ms; before, two of 135-189 ms; frozen alone, seven of 40-75 ms).
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, 10, 10)
