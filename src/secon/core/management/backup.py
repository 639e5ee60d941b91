"""Back up an installation into one zip file, and restore it into an empty database.

The archive holds ``manifest.json`` (format, date, the migration each app was at, record counts),
``data.json`` (every record, as Django's ``dumpdata`` writes it but with datetimes to the
microsecond, with natural keys for content types and permissions, which ``migrate`` recreates
with other ids) and ``media/…`` (every uploaded file).
Primary keys are kept, so links between records, and ids kept in the audit log, stay valid.
"""

import io
import json
import os
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from django_scopes import scopes_disabled

from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.exceptions import InconsistentMigrationHistory, NodeNotFoundError
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
#: Rebuilt by ``migrate`` (content types, permissions) or short-lived (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}

#: Django's JSON, with datetimes to the microsecond (Django's own encoder cuts them to milliseconds).
SERIALIZATION_FORMAT = "seconjson"

Report = Callable[[str], None]


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why in one line."""


def _applied_leaves() -> dict[str, str]:
    """Return the last applied migration of every app."""
    executor = MigrationExecutor(connection)
    applied = set(MigrationRecorder(connection).applied_migrations())
    leaves: dict[str, str] = {}
    for app_label, name in executor.loader.graph.leaf_nodes():
        chain = [
            node for node in executor.loader.graph.forwards_plan((app_label, name)) if node[0] == app_label
        ]
        done = [node for node in chain if node in applied]
        if done:
            leaves[app_label] = done[-1][1]
    return leaves


def _media_names(directory: str = "") -> list[str]:
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{name}" if directory else name for name in files]
    for folder in folders:
        names += _media_names(f"{directory}/{folder}" if directory else folder)
    return sorted(names)


@scopes_disabled()  # every project's records: scoped managers refuse to list them outside a scope
def write_backup(path: Path, *, report: Report = print) -> dict:
    """Write every record and media file into the zip archive at ``path``; return its manifest."""
    from secon.core.checks import migrations_problem

    problem = migrations_problem()
    if problem:
        raise BackupError(problem)
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One snapshot for every table, even while the site keeps writing.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        report("records …")
        serializers.register_serializer(SERIALIZATION_FORMAT, "secon.core.management.serializer")
        call_command(
            "dumpdata",
            format=SERIALIZATION_FORMAT,
            exclude=[*EXCLUDED, *_derived_models()],
            use_natural_foreign_keys=True,
            stdout=data,
            verbosity=0,
        )
        migrations = _applied_leaves()
    records = json.loads(data.getvalue())
    media = _media_names()
    manifest = {
        "format": FORMAT,
        "application": "SECON Hub",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": migrations,
        "records": dict(sorted(Counter(record["model"] for record in records).items())),
        "media": len(media),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    # The archive holds everyone's personal data: readable by its owner only (0600), from its first byte.
    partial.unlink(missing_ok=True)
    handle = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
    with handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        archive.writestr("data.json", data.getvalue())
        report(f"{len(media)} media files …")
        for name in media:
            with default_storage.open(name, "rb") as handle, archive.open(f"media/{name}", "w") as target:
                while chunk := handle.read(1 << 20):
                    target.write(chunk)
    partial.replace(path)
    return manifest


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("not a SECON Hub backup (no manifest.json)") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unsupported backup format {manifest.get('format')!r} (expected {FORMAT})")
    return manifest


def _derived_models() -> list[str]:
    """Return the models that apps rebuild after a restore (``derived_models`` on their AppConfig).

    They are left out of the archive: a restore writes them anew from the records and the data
    shipped with the code, which may be newer than the archive's.
    """
    return [
        f"{config.label}.{name}"
        for config in apps.get_app_configs()
        for name in getattr(config, "derived_models", ())
    ]


def _non_empty_models() -> list[str]:
    labels = []
    for model in apps.get_models():
        if model._meta.label_lower in EXCLUDED_MODELS or not model._meta.managed:
            continue
        if model._base_manager.exists():
            labels.append(model._meta.label_lower)
    return labels


def _migrate_to(targets: list[tuple[str, str | None]]) -> None:
    """Bring the tables to the migrations named; a database that cannot be brought there (its
    history does not match the code's, or a migration fails) stops the restore in one line."""
    try:
        executor = MigrationExecutor(connection)
        executor.loader.check_consistent_history(connection)
        executor.migrate(targets)
    except (InconsistentMigrationHistory, NodeNotFoundError, DatabaseError) as error:
        lines = str(error).strip().splitlines() or [type(error).__name__]
        raise BackupError(
            f"SECON_DATABASE_URL: cannot prepare the tables ({lines[0]}); restore into a new, empty "
            "database (create it, point SECON_DATABASE_URL at it, run `secon restore` again)"
        ) from None


#: Fields whose values a database may refuse although another stored them (SQLite stores any
#: integer in any integer column and any length in any text column).
CHECKED_FIELDS = (models.IntegerField, models.CharField, models.DecimalField)


def unstorable_values(records: list[dict], *, limit: int = 20) -> list[str]:
    """Return (at most ``limit``) descriptions of the values in the records that this database
    cannot store: integers beyond its columns, text longer than its column or holding NUL, numbers
    with too many digits — each naming the record, the field and the value."""
    problems = []
    for record in records:
        try:
            model = apps.get_model(record["model"])
        except (LookupError, ValueError, KeyError):
            continue
        for name, value in (record.get("fields") or {}).items():
            if value is None or value == "":
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            message = None
            if isinstance(value, str) and "\x00" in value:
                message = "text holding a NUL character"
            elif isinstance(field, CHECKED_FIELDS) and not field.is_relation:
                try:
                    field.run_validators(field.to_python(value))
                except ValidationError as error:
                    message = " ".join(str(text) for text in error.messages)
            if message:
                shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
                problems.append(f"{record['model']} #{record.get('pk')}: {name} = {shown}: {message}")
                if len(problems) >= limit:
                    return problems
    return problems


@scopes_disabled()  # a restore loads every project's records
def restore_backup(path: Path, *, report: Report = print) -> dict:
    """Load the archive at ``path`` into the empty database (migrating it as needed)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"cannot read {str(path)!r} ({error})") from None
    with archive:
        manifest = _read_manifest(archive)
        executor = MigrationExecutor(connection)
        known = set(executor.loader.graph.nodes)
        unknown = [
            f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known
        ]
        if unknown:
            raise BackupError(
                f"the backup comes from a newer SECON Hub (unknown migrations {', '.join(unknown)}); "
                "upgrade before restoring"
            )
        # Bring the tables to the shape the records were saved in, load them, then migrate forward.
        report("database tables …")
        targets = [
            (app, manifest["migrations"].get(app))
            for app in sorted({app for app, _name in executor.loader.graph.leaf_nodes()})
        ]
        _migrate_to(targets)
        filled = _non_empty_models()
        if filled:
            raise BackupError(
                "restore needs an empty database, but it holds "
                f"{', '.join(filled[:5])}{' …' if len(filled) > 5 else ''}; "
                "point SECON_DATABASE_URL at a new database"
            )
        with tempfile.TemporaryDirectory() as folder:
            data_path = Path(folder) / "data.json"
            data_path.write_bytes(archive.read("data.json"))
            report(f"{sum(manifest['records'].values())} records …")
            problems = unstorable_values(json.loads(data_path.read_bytes()))
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise BackupError(
                    f"nothing was restored: {problems[0]}{more}; this database cannot store such "
                    "values: correct them on the site the backup comes from and back up again"
                )
            try:
                with transaction.atomic():
                    call_command("loaddata", str(data_path), verbosity=0)
            except (DatabaseError, CommandError, DeserializationError) as error:
                first_line = (
                    str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                )
                raise BackupError(f"nothing was restored: {first_line}") from None
        media = [name for name in archive.namelist() if name.startswith("media/") and not name.endswith("/")]
        report(f"{len(media)} media files …")
        for entry in media:
            name = entry.removeprefix("media/")
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(archive.read(entry)))
            if saved != name:
                raise BackupError(f"SECON_MEDIA_ROOT: the file {name!r} was stored as {saved!r}")
    report("migrations made since the backup …")
    _migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    rebuild_derived_data()
    cache.clear()
    return manifest


def rebuild_derived_data() -> None:
    """Rebuild what the database keeps beside the records (e.g. the full-text side of search).

    Each app that keeps such data says how in its AppConfig's ``rebuild_derived_data()``.
    """
    for config in apps.get_app_configs():
        rebuild = getattr(config, "rebuild_derived_data", None)
        if rebuild is not None:
            rebuild()
