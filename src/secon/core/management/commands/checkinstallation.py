"""``secon check``: Django's deployment checks and ours; exit status 1 when any error is found.

Named so that it does not replace Django's own ``check`` command, which it runs.
"""

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, SystemCheckError

from secon.core.management.base import EXIT_FAILURE, fail, require_database


class Command(BaseCommand):
    help = "Django's deployment checks and our own"
    requires_system_checks = []

    def handle(self, *args, **options):
        from django.conf import settings

        require_database()
        if not settings.PRODUCTION:
            self.stdout.write(
                "Embedded mode (SECON_MODE is not production): Django's security.W0xx warnings about HTTPS "
                "and secure cookies matter only when the site is public; set SECON_MODE=production there.\n"
            )
        self.stdout.flush()
        try:
            call_command("check", deploy=True, fail_level="ERROR", databases=["default"])
        except SystemCheckError as error:
            print(str(error).strip(), file=sys.stderr)
            fail("check: fix the errors above (each names the SECON_* variable to change)", EXIT_FAILURE)
        self.stdout.write("secon check: no errors.")
