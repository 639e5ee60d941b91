"""Our own deployment checks, run by ``secon check`` beside Django's ``--deploy`` checks."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connection
from django.db.utils import OperationalError


@register(Tags.database, deploy=True)
def check_database_reachable(app_configs, **kwargs):
    """Say when the configured database cannot be reached."""
    try:
        connection.ensure_connection()
    except OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return [
            Error(
                f"SECON_DATABASE_URL: cannot connect to the database ({first_line})",
                id="secon.E001",
            )
        ]
    return []


@register(deploy=True)
def check_production_settings(app_configs, **kwargs):
    """Warn about embedded defaults that do not belong on a public server."""
    problems = []
    if settings.PRODUCTION and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "SECON_DATABASE_URL: SQLite in production mode serves one machine "
                "only; use PostgreSQL to scale out",
                id="secon.W001",
            )
        )
    if settings.PRODUCTION and settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        problems.append(
            Warning(
                "SECON_CACHE_URL: a file cache is not shared between machines; "
                "use Redis behind a load balancer",
                id="secon.W002",
            )
        )
    return problems
