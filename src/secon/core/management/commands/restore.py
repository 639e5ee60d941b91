"""``secon restore``: load a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from secon.core.management.base import fail, require_database


class Command(BaseCommand):
    help = "load a backup into an empty database"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="a zip file written by `secon backup`")

    def handle(self, *args, file: str, **options):
        from secon.core.management.backup import BackupError, restore_backup

        require_database()
        try:
            manifest = restore_backup(Path(file), report=self.report)
        except BackupError as error:
            fail(str(error))
        records = sum(manifest["records"].values())
        self.stdout.write(
            f"Restored {records} records and {manifest['media']} media files "
            f"(backup of {manifest['created']})."
        )

    def report(self, step: str) -> None:
        self.stdout.write(f"Restoring {step}")
        self.stdout.flush()
