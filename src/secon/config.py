"""Read the deployment configuration from ``SECON_*`` environment variables.

Every function raises :class:`ConfigurationError` naming the variable at fault, so that the
``secon`` command can end with one clear line instead of a traceback.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url


class ConfigurationError(Exception):
    """A ``SECON_*`` variable is missing or malformed."""

    def __init__(self, variable: str, problem: str):
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}

#: One row per variable: (name, default shown in the README, meaning). The README table and
#: ``secon check`` are generated from this list so the documentation cannot drift from the code.
VARIABLES = [
    (
        "SECON_MODE",
        "embedded",
        "`embedded` (one machine, defaults for everything) or `production` "
        "(SECON_SECRET_KEY, SECON_ALLOWED_HOSTS and SECON_DATABASE_URL must be set)",
    ),
    (
        "SECON_DATABASE_URL",
        "sqlite:///var/secon.sqlite3",
        "database, e.g. `postgresql://user:pass@host:5432/secon`",
    ),
    ("SECON_SECRET_KEY", "generated once into var/secret_key", "Django secret key"),
    (
        "SECON_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "comma-separated host names the site answers to",
    ),
    ("SECON_DEBUG", "false", "Django debug pages (never in production)"),
    ("SECON_EMAIL_URL", "console:", "`smtp://user:pass@host:587?tls=1`, `console:` or `memory:`"),
    ("SECON_DEFAULT_FROM_EMAIL", "SECON Hub <noreply@localhost>", "sender of outgoing e-mail"),
    ("SECON_MEDIA_ROOT", "var/media", "where uploads are stored"),
    (
        "SECON_VAR_DIR",
        "<repository>/var",
        "folder for the SQLite file, secret key, cache, static files",
    ),
    ("SECON_TIME_ZONE", "Europe/Brussels", "default IANA time zone of the installation"),
    (
        "SECON_CACHE_URL",
        "file:///var/cache",
        "`redis://127.0.0.1:6379/0`, `file:///path`, `locmem:`",
    ),
    ("SECON_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "map tile server"),
    (
        "SECON_PAGE_CACHE_SECONDS",
        "86400",
        "how long a rendered public page may stay cached (it is invalidated at once when its data change)",
    ),
]


def env(name: str, default: str | None = None) -> str | None:
    """Return the variable's value, or ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    """Parse a yes/no variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ConfigurationError(name, f"expected true or false, got {value!r}")


def env_int(name: str, default: int) -> int:
    """Parse a whole-number variable."""
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(name, f"expected a whole number, got {value!r}") from None


def production_mode() -> bool:
    """Tell whether ``SECON_MODE`` asks for the strict production configuration."""
    mode = (env("SECON_MODE", "embedded") or "").lower()
    if mode not in {"embedded", "production"}:
        raise ConfigurationError("SECON_MODE", f"expected embedded or production, got {mode!r}")
    return mode == "production"


def require(name: str) -> str:
    """Return a variable that production mode cannot do without."""
    value = env(name)
    if value is None:
        raise ConfigurationError(name, "is required when SECON_MODE=production")
    return value


def database(var_dir: Path) -> dict:
    """Parse ``SECON_DATABASE_URL`` into Django's DATABASES entry."""
    url = env("SECON_DATABASE_URL")
    if url is None:
        if production_mode():
            require("SECON_DATABASE_URL")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(var_dir / "secon.sqlite3"),
            "OPTIONS": sqlite_options(),
        }
    return parse_database_url(url, variable="SECON_DATABASE_URL")


def sqlite_options() -> dict:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the start of a
    # transaction so that concurrent writers queue (busy timeout) instead of failing mid-transaction.
    return {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }


def parse_database_url(url: str, *, variable: str) -> dict:
    """Turn a database URL into a DATABASES entry, or say what is wrong with it."""
    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(
            variable,
            f"unsupported database URL {redact(url)!r} (use sqlite:///path or postgresql://…)",
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ConfigurationError(variable, f"malformed database URL ({error})") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if not config.get("NAME") or config["NAME"] == ":memory:":
            raise ConfigurationError(variable, "a SQLite URL needs a file path: sqlite:////abs/path.db")
        config["OPTIONS"] = sqlite_options()
        config["CONN_MAX_AGE"] = 0
    elif not config.get("NAME"):
        raise ConfigurationError(variable, "the database URL names no database (…/dbname)")
    return config


def redact(url: str) -> str:
    """Hide the password in a URL before it is printed."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def secret_key(var_dir: Path) -> str:
    """Return ``SECON_SECRET_KEY``, or a key generated once and kept under ``var/``."""
    value = env("SECON_SECRET_KEY")
    if value is not None:
        return value
    if production_mode():
        require("SECON_SECRET_KEY")
    path = var_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: when two processes start at once, one key wins and both read it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def allowed_hosts() -> list[str]:
    """Parse ``SECON_ALLOWED_HOSTS``."""
    value = env("SECON_ALLOWED_HOSTS")
    if value is None:
        if production_mode():
            require("SECON_ALLOWED_HOSTS")
        return ["127.0.0.1", "localhost", "[::1]"]
    hosts = [host.strip() for host in value.split(",") if host.strip()]
    if not hosts:
        raise ConfigurationError("SECON_ALLOWED_HOSTS", "names no host")
    return hosts


def email(default_backend: str = "console:") -> dict:
    """Parse ``SECON_EMAIL_URL`` into Django's e-mail settings."""
    url = env("SECON_EMAIL_URL", default_backend)
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ConfigurationError(
            "SECON_EMAIL_URL",
            f"unsupported scheme in {redact(url)!r} (use smtp://, smtps://, console: or memory:)",
        )
    settings = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        if not parts.hostname:
            raise ConfigurationError("SECON_EMAIL_URL", "names no SMTP host")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise ConfigurationError("SECON_EMAIL_URL", "has a malformed port") from None
        settings.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port,
            EMAIL_HOST_USER=parts.username or "",
            EMAIL_HOST_PASSWORD=parts.password or "",
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS="tls=1" in parts.query or "tls=true" in parts.query,
        )
    return settings


def cache(var_dir: Path) -> dict:
    """Parse ``SECON_CACHE_URL``; the default is a file cache shared by all server processes."""
    url = env("SECON_CACHE_URL")
    if url is None:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / "cache"),
        }
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ConfigurationError("SECON_CACHE_URL", f"unsupported scheme in {redact(url)!r}")
