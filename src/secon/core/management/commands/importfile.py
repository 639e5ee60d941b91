"""``secon import KIND FILE --event PROJECT/EVENT | --project PROJECT [--dry-run]``.

The kinds are registered by the apps that own the records (see :mod:`secon.core.imports`): a
schedule (frab XML or pretalx JSON) or an Indico export into an event, contacts or good practices
from a CSV into a project. Prints one line per record (new, changed, unchanged, removed) and one
per problem; with any problem nothing is imported and the exit status is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from secon.core.management.base import EXIT_FAILURE, fail, require_ready


class Command(BaseCommand):
    help = "import a schedule, an Indico export, contacts or good practices (--dry-run first)"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds: schedule, indico, contacts or practices")
        parser.add_argument("file", type=Path, help="the file to import")
        parser.add_argument("--event", metavar="PROJECT/EVENT", help="the event a schedule goes into")
        parser.add_argument("--project", metavar="PROJECT", help="the project contacts or practices go into")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="read a column of a CSV as a field (repeatable; columns named like the fields need none)",
        )

    def handle(self, *args, kind: str, file: Path, event, project, dry_run: bool, map: list[str], **options):
        require_ready()
        from secon.core.imports import Change, importers
        from secon.core.permissions import SYSTEM

        importer = importers().get(kind)
        if importer is None:
            fail(f"unknown kind {kind!r}: choose one of {', '.join(sorted(importers()))}")
        reference = event if importer.target == "event" else project
        if not reference or (event and project):
            fail(f"secon import {kind} needs --{importer.target} (and only that)")
        target = importer.find(reference)
        if target is None:
            fail(f"no {importer.target} {reference!r}")
        try:
            data = file.read_bytes()
        except OSError as error:
            fail(f"cannot read {file}: {error.strerror}")
        mapping = {}
        for item in map:
            column, equals, field = item.partition("=")
            if not equals:
                fail(f"--map takes COLUMN=FIELD, not {item!r}")
            mapping[column.strip()] = field.strip()
        report = importer.run(
            actor=SYSTEM, target=target, data=data, dry_run=dry_run, mapping=mapping, filename=file.name
        )
        for row in report.rows:
            detail = f"  ({row.detail})" if row.detail else ""
            self.stdout.write(f"{row.action:<9} {row.kind:<12} {row.label}{detail}")
        for line in report.problems:
            self.stderr.write(f"problem: {line}")
        counts = ", ".join(f"{count} {action}" for action, count in report.summary().items())
        if report.problems:
            fail(f"{len(report.problems)} problem(s): nothing was imported ({counts} checked)", EXIT_FAILURE)
        if dry_run:
            self.stdout.write(f"Dry run: {counts}. Nothing was changed; run again without --dry-run.")
        else:
            unchanged = report.count(Change.UNCHANGED)
            self.stdout.write(
                f"Imported: {counts}." + (" Nothing had changed." if unchanged == len(report.rows) else "")
            )
