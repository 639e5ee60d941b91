from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "secon.practices"
    label = "practices"
    verbose_name = _("Good practices")
    #: Left out of backups: rebuild_derived_data() writes them anew after a restore.
    derived_models = ("ConceptTag",)

    def ready(self):
        from secon.practices import (
            imports,
            media,  # noqa: F401  (who may open its uploaded files)
        )
        from secon.practices import tasks as search_tasks  # noqa: F401  (ranks the queries asked lately)
        from secon.practices.exchange import tasks  # noqa: F401  (the hourly synchronisation of feeds)
        from secon.practices.services import notifications  # noqa: F401  (registers its e-mails)

        imports.register()
        from secon.organisations.export import register_account_exporter
        from secon.practices import personal_data

        register_account_exporter("practices", personal_data.authored_practices)
        register_account_exporter("practice_comments", personal_data.practice_comments)

    def rebuild_derived_data(self) -> None:
        """After a restore or a flush: write the full-text side of search (FTS5 / tsvector), tags and facet
        counts anew."""
        from secon.practices.models import SearchEntry
        from secon.practices.search import clear_full_text, write_entries
        from secon.practices.services.indexing import recount_facets, tag_entries

        clear_full_text()
        recount_facets()
        entries = list(SearchEntry.objects.all())
        write_entries(entries)
        tag_entries(entries)
