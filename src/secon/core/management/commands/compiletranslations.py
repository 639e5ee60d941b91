"""Build the .mo catalogues from the .po files with Babel, so no gettext install is needed."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "build the .mo files from the .po catalogues (pure Python, no gettext needed)"

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as handle:
                    catalog = read_po(handle, locale=po_path.parts[-3])
                with mo_path.open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
                count += 1
        if options["verbosity"] > 1:
            self.stdout.write(f"{count} catalogue(s) compiled")
