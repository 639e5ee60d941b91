"""Our own deployment checks, run by ``secon check`` beside Django's ``--deploy`` checks.

Every message starts with the ``SECON_*`` variable to change, so that the fix is obvious. ``secon
serve``, ``secon demo`` and ``secon migrate`` run the preflight subset (:func:`preflight`) and stop
on the first error with its message.
"""

import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError

STRONG_KEY_LENGTH = 50
STRONG_KEY_UNIQUE_CHARACTERS = 5


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Say why the database cannot be reached, or return None when it can."""
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        return f"SECON_DATABASE_URL: cannot connect to the database ({_first_line(error)})"
    return None


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Return how many migrations each app still has to apply to the database."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending: dict[str, int] = {}
    for migration, backwards in plan:
        if not backwards:
            pending[migration.app_label] = pending.get(migration.app_label, 0) + 1
    return pending


def migrations_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Say which apps have unapplied migrations, or return None when the database is up to date."""
    from django.db.migrations.recorder import MigrationRecorder

    pending = unapplied_migrations(alias)
    if not pending:
        return None
    if not MigrationRecorder(connections[alias]).has_table():
        return (
            "SECON_DATABASE_URL: the database has no tables yet; run `secon migrate` "
            f"(database {connections[alias].settings_dict['NAME']})"
        )
    apps = ", ".join(f"{label} ({count})" for label, count in sorted(pending.items()))
    return (
        f"SECON_DATABASE_URL: the database lacks migrations of {apps}; run `secon migrate` "
        f"(database {connections[alias].settings_dict['NAME']})"
    )


def models_without_migrations() -> list[str]:
    """Return our apps whose models have changed since their last migration (makemigrations --check)."""
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("secon.")}
    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(
        graph=loader.graph, trim_to_apps=ours
    )
    return sorted(label for label in changes if label in ours)


def cache_problem() -> str | None:
    """Say why the cache cannot store and return a value, or return None when it works."""
    from django.core.cache import cache

    key = f"secon:check:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=30)
        value = cache.get(key)
        cache.delete(key)
    except Exception as error:  # every backend raises its own errors
        return f"SECON_CACHE_URL: cannot use the cache ({type(error).__name__}: {_first_line(error)})"
    if value != "ok":
        return "SECON_CACHE_URL: the cache does not keep what is stored in it"
    return None


def media_root_problem() -> str | None:
    """Say why uploads cannot be stored under MEDIA_ROOT, or return None when they can."""
    if not settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        return None
    path = Path(settings.MEDIA_ROOT)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return f"SECON_MEDIA_ROOT: cannot write uploads to {str(path)!r} ({reason})"
    return None


def _is_strong(key: str) -> bool:
    return (
        len(key) >= STRONG_KEY_LENGTH
        and len(set(key)) >= STRONG_KEY_UNIQUE_CHARACTERS
        and not key.startswith("django-insecure-")
    )


@register(deploy=True)
def check_database(app_configs, **kwargs):
    """The database answers and has every migration applied."""
    problem = database_problem()
    if problem:
        return [Error(problem, id="secon.E001")]
    problem = migrations_problem()
    if problem:
        return [Error(problem, id="secon.E002")]
    return []


@register(deploy=True)
def check_models_migrated(app_configs, **kwargs):
    """Every model change has its migration (else the code expects columns the database lacks)."""
    labels = models_without_migrations()
    if labels:
        return [
            Error(
                f"models of {', '.join(labels)} have changes without a migration: the database will "
                "not match the code",
                hint=f"Developers: secon manage makemigrations {' '.join(labels)}",
                id="secon.E009",
            )
        ]
    return []


@register(deploy=True)
def check_secret_key(app_configs, **kwargs):
    """Production needs a long, random secret key."""
    if settings.PRODUCTION and not _is_strong(settings.SECRET_KEY):
        return [
            Error(
                f"SECON_SECRET_KEY: too weak for production (at least {STRONG_KEY_LENGTH} random "
                f"characters, got {len(settings.SECRET_KEY)})",
                hint="Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="secon.E003",
            )
        ]
    return []


@register(deploy=True)
def check_debug(app_configs, **kwargs):
    """Debug pages show code and settings to every visitor: never in production."""
    if settings.PRODUCTION and settings.DEBUG:
        return [
            Error(
                "SECON_DEBUG: must be off when SECON_MODE=production (debug pages show code and settings)",
                id="secon.E004",
            )
        ]
    return []


@register(deploy=True)
def check_allowed_hosts(app_configs, **kwargs):
    """The site answers to named hosts; in embedded mode, only on this machine."""
    hosts = list(settings.ALLOWED_HOSTS)
    if not hosts:
        return [Error("SECON_ALLOWED_HOSTS: names no host, so every request is refused", id="secon.E005")]
    if settings.PRODUCTION and "*" in hosts:
        return [
            Warning(
                "SECON_ALLOWED_HOSTS: '*' accepts any Host header; name the site's host names",
                id="secon.W003",
            )
        ]
    local = {"127.0.0.1", "localhost", "[::1]", "::1"}
    if not settings.PRODUCTION and any(host not in local for host in hosts):
        return [
            Warning(
                "SECON_MODE: the site answers to other hosts than this machine "
                f"({', '.join(host for host in hosts if host not in local)}) in embedded mode; "
                "set SECON_MODE=production for secure cookies and HTTPS",
                id="secon.W004",
            )
        ]
    return []


@register(deploy=True)
def check_cache(app_configs, **kwargs):
    """The cache works and, in production, is shared by every server process and machine."""
    problem = cache_problem()
    if problem:
        return [Error(problem, id="secon.E006")]
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        message = (
            "SECON_CACHE_URL: locmem: is private to each server process, so a page changed in one "
            "process stays stale in the others; use the default file cache or redis://"
        )
        if settings.PRODUCTION:
            return [Error(message, id="secon.E007")]
        return [Warning(message, id="secon.W005")]
    if settings.PRODUCTION and backend.endswith("FileBasedCache"):
        return [
            Warning(
                "SECON_CACHE_URL: a file cache is not shared between machines; "
                "use redis:// when several machines serve the site",
                id="secon.W002",
            )
        ]
    return []


@register(deploy=True)
def check_media_root(app_configs, **kwargs):
    """Uploads can be written."""
    problem = media_root_problem()
    return [Error(problem, id="secon.E008")] if problem else []


@register(deploy=True)
def check_production_services(app_configs, **kwargs):
    """Warn about embedded defaults that do not belong on a public server."""
    problems = []
    if not settings.PRODUCTION:
        return problems
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "SECON_DATABASE_URL: SQLite serves one machine only; use PostgreSQL to scale out",
                id="secon.W001",
            )
        )
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        problems.append(
            Warning(
                "SECON_EMAIL_URL: e-mails are not sent (console: or memory:); set smtp://…",
                id="secon.W006",
            )
        )
    return problems


def preflight() -> str | None:
    """Return the first problem that stops the site from working, or None.

    Run by ``secon serve`` and ``secon demo`` before they start, so that they stop with one line.
    """
    for check in (
        check_database,
        check_secret_key,
        check_debug,
        check_allowed_hosts,
        check_cache,
        check_media_root,
    ):
        for message in check(None):
            if message.is_serious():
                return message.msg
    return None
