"""``secon backup``: every record and uploaded file in one zip archive."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from secon.core.management.base import fail, require_database


class Command(BaseCommand):
    help = "write every record and uploaded file into one zip file"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="archive to write (default: secon-backup-<date>.zip here)")
        parser.add_argument("--overwrite", action="store_true", help="replace the archive if it exists")

    def handle(self, *args, output: str | None, overwrite: bool, **options):
        from secon.core.management.backup import BackupError, write_backup

        require_database()
        path = Path(output or f"secon-backup-{datetime.now():%Y%m%d-%H%M%S}.zip").expanduser().resolve()
        if path.exists() and not overwrite:
            fail(f"--output: {str(path)!r} exists (add --overwrite to replace it)")
        try:
            manifest = write_backup(path, report=self.report)
        except BackupError as error:
            fail(str(error))
        except OSError as error:
            fail(f"--output: cannot write {str(path)!r} ({error.strerror})")
        records = sum(manifest["records"].values())
        size = path.stat().st_size / 1e6
        self.stdout.write(
            f"Backed up {records} records and {manifest['media']} media files to {path} ({size:.1f} MB)."
        )

    def report(self, step: str) -> None:
        self.stdout.write(f"Backing up {step}")
        self.stdout.flush()
