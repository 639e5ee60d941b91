"""Django's makemessages without fuzzy matching and without the extraction date in the header.

A guessed translation is worse than none. The date would change every catalogue on every run, so
that two branches that each add a string would always conflict on that one line.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
    xgettext_options = [*makemessages.Command.xgettext_options, "--no-location"]

    def handle(self, *args, **options):
        super().handle(*args, **options)
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                text = po_path.read_text(encoding="utf-8")
                stable = _CREATION_DATE.sub("", text)
                if stable != text:
                    po_path.write_text(stable, encoding="utf-8")
