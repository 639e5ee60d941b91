"""Read the deployment configuration from ``SECON_*`` environment variables.

Every function raises :class:`ConfigurationError` naming the variable at fault, so that the
``secon`` command can end with one clear line instead of a traceback.
"""

import os
import secrets
import tempfile
import zoneinfo
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url


class ConfigurationError(Exception):
    """A ``SECON_*`` variable is missing or malformed."""

    def __init__(self, variable: str, problem: str):
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


#: Django's default (300 entries) is less than the demo's pages in four languages; each write lists
#: the folder to count, so the cap stays moderate (a large site should use Redis).
FILE_CACHE_OPTIONS = {"MAX_ENTRIES": 3000}

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}

#: One row per variable the code reads: (name, default shown in the README, meaning). The README
#: table is generated from this list, and a test fails when the code reads a ``SECON_*`` variable
#: that is not listed here, so the documentation cannot drift from the code.
VARIABLES = [
    (
        "SECON_MODE",
        "embedded",
        "`embedded` (one machine, defaults for everything) or `production` (SECON_SECRET_KEY, "
        "SECON_ALLOWED_HOSTS, SECON_DATABASE_URL and SECON_SITE_URL must be set; secure cookies, "
        "HTTPS redirect, HSTS)",
    ),
    (
        "SECON_SITE_URL",
        "http://<host>:<port> of `secon serve`",
        "the address people open, e.g. `https://hub.example.org`: every absolute link (e-mails, PDFs, "
        "QR codes, calendars, feeds, canonical links) is built on it, never on the request's Host header; "
        "its host is added to SECON_ALLOWED_HOSTS in embedded mode",
    ),
    (
        "SECON_DATABASE_URL",
        "sqlite:///<SECON_VAR_DIR>/secon.sqlite3",
        "database: `postgresql://user:pass@host:5432/secon` (options as `?sslmode=require`) "
        "or `sqlite:////absolute/path.sqlite3`",
    ),
    (
        "SECON_SECRET_KEY",
        "generated once into <SECON_VAR_DIR>/secret_key",
        "Django's secret key (signs sessions and tokens); at least 50 random characters in production",
    ),
    (
        "SECON_ALLOWED_HOSTS",
        "127.0.0.1,localhost,[::1]",
        "comma-separated host names the site answers to (`.example.org` includes subdomains)",
    ),
    ("SECON_DEBUG", "false", "Django's debug pages: `true` or `false` (never true in production)"),
    (
        "SECON_EMAIL_URL",
        "console:",
        "outgoing e-mail: `smtp://user:pass@host:587?tls=1`, `smtps://user:pass@host:465`, "
        "`console:` (printed) or `memory:` (kept in memory, for tests)",
    ),
    ("SECON_DEFAULT_FROM_EMAIL", "SECON Hub <noreply@localhost>", "sender of outgoing e-mail"),
    (
        "SECON_BOUNCE_WEBHOOK_SECRET",
        "(none: the webhook answers 404)",
        "shared secret (at least 24 characters) of the bounce and complaint webhook `/hooks/mail-events`: "
        "the mail service sends it as `Authorization: Bearer <secret>` or as the password of HTTP Basic "
        "authentication; hard bounces and complaints stop all newsletter mail to the address",
    ),
    (
        "SECON_TASKS_URL",
        "database:",
        "queue of the background tasks (e-mails, reminders, purges): `database:` (the site's database, "
        "nothing else to run) or `redis://host:6379/1` (Redis, for many workers); see `secon worker`",
    ),
    (
        "SECON_TASKS_KEEP_DAYS",
        "14",
        "days a finished background task stays recorded before the nightly prune deletes it",
    ),
    (
        "SECON_VAR_DIR",
        "<repository>/var",
        "writable folder for the SQLite file, secret key, file cache, uploads and collected static files",
    ),
    ("SECON_MEDIA_ROOT", "<SECON_VAR_DIR>/media", "writable folder where uploaded files are stored"),
    (
        "SECON_STORAGE_URL",
        "(files under SECON_MEDIA_ROOT)",
        "where uploads are stored: unset for the local folder, or an S3-compatible bucket "
        "`s3://KEY:SECRET@host[:port]/bucket[/folder]?region=eu-west-1` (AWS, MinIO, Ceph …; `secure=false` "
        "for http, `addressing=virtual`); files stay private and are handed out by signed addresses "
        "valid five minutes after the site has checked who may see them",
    ),
    (
        "SECON_MEDIA_SENDFILE",
        "none",
        "who sends an uploaded file once the site has allowed it: `none` (the application), "
        "`x-accel-redirect:/internal-media/` (nginx, from an `internal` location aliased to "
        "SECON_MEDIA_ROOT) or `x-sendfile` (Apache mod_xsendfile, lighttpd)",
    ),
    (
        "SECON_MAX_REQUEST_MB",
        "25",
        "largest request body in megabytes (uploads included); a larger one is refused with a 413 page "
        "before anything of it is read",
    ),
    ("SECON_TIME_ZONE", "Europe/Brussels", "default IANA time zone of the installation"),
    (
        "SECON_CACHE_URL",
        "file://<SECON_VAR_DIR>/cache",
        "page cache shared by the server processes: `redis://host:6379/0` (needed with several "
        "machines), `file:///absolute/path`, or `locmem:` (one process only)",
    ),
    (
        "SECON_PAGE_CACHE_SECONDS",
        "86400",
        "how long a rendered public page may stay cached (it is invalidated at once when its data change)",
    ),
    (
        "SECON_PAGE_MAX_AGE",
        "60",
        "seconds a browser, proxy or CDN may reuse a public cached page without asking (then it "
        "revalidates it with its ETag; stale for up to ten times as long meanwhile); 0: always ask",
    ),
    (
        "SECON_MAP_TILE_URL",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "map tile server (its origin is allowed by the Content-Security-Policy)",
    ),
    (
        "SECON_SSL_REDIRECT",
        "true",
        "in production mode, redirect http:// to https:// (`false` when a proxy already does)",
    ),
    (
        "SECON_EXCHANGE_ALLOW_PRIVATE",
        "false",
        "let practice-feed subscriptions fetch from private, loopback and link-local addresses "
        "(`true` for two installations on one machine or network, and for the tests)",
    ),
    (
        "SECON_TRUSTED_PROXIES",
        "(none)",
        "comma-separated addresses or networks (`10.0.0.0/8`, `::1`) of the reverse proxies in front of "
        "the site: only hops they add to `X-Forwarded-For` are believed when the sign-in throttle "
        "and the logs name a client's address; empty means the connecting address is the client",
    ),
    (
        "SECON_ADMIN_PASSWORD",
        "(asked)",
        "password for `secon createadmin` when `--password` is not given (non-interactive setup)",
    ),
    (
        "SECON_TEST_DATABASE_URL",
        "(SQLite)",
        "tests only: run the test suite on this database, e.g. "
        "`postgresql://postgres@127.0.0.1:5432/postgres`",
    ),
    (
        "SECON_TEST_REDIS_URL",
        "redis://127.0.0.1:6379/0",
        "tests only: the Redis server the task tests also run on (they skip, saying so, when none answers)",
    ),
    (
        "SECON_TEST_REQUIRE_REDIS",
        "false",
        "tests only: `true` turns the skip of the Redis task tests into a failure (`.ci/run` sets it)",
    ),
    (
        "SECON_CI_POSTGRES_URL",
        "postgresql://postgres@127.0.0.1:5432/postgres",
        "CI only: the PostgreSQL server `.ci/run` runs the suite on",
    ),
]


#: Variables that ``SECON_MODE=production`` cannot do without.
PRODUCTION_REQUIRED = ("SECON_SECRET_KEY", "SECON_ALLOWED_HOSTS", "SECON_DATABASE_URL", "SECON_SITE_URL")


def env(name: str, default: str | None = None) -> str | None:
    """Return the variable's value without surrounding blanks, or ``default`` when unset or empty."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    """Parse a yes/no variable."""
    value = env(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ConfigurationError(name, f"expected true or false, got {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Parse a whole-number variable."""
    value = env(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(name, f"expected a whole number, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ConfigurationError(name, f"expected a number of at least {minimum}, got {number}")
    return number


def bounce_webhook_secret() -> str:
    """The secret the bounce webhook's caller must send; empty when the webhook is off."""
    secret = env("SECON_BOUNCE_WEBHOOK_SECRET", "") or ""
    if secret and len(secret) < 24:
        raise ConfigurationError("SECON_BOUNCE_WEBHOOK_SECRET", "expected at least 24 characters")
    return secret


def production_mode() -> bool:
    """Tell whether ``SECON_MODE`` asks for the strict production configuration.

    In production mode every variable of :data:`PRODUCTION_REQUIRED` must be set; the error names
    all the missing ones at once, so that one run tells the whole story.
    """
    mode = (env("SECON_MODE", "embedded") or "").lower()
    if mode not in {"embedded", "production"}:
        raise ConfigurationError("SECON_MODE", f"expected embedded or production, got {mode!r}")
    if mode == "production":
        missing = [name for name in PRODUCTION_REQUIRED if env(name) is None]
        if missing:
            raise ConfigurationError(", ".join(missing), "required when SECON_MODE=production")
    return mode == "production"


def require(name: str) -> str:
    """Return a variable that production mode cannot do without."""
    value = env(name)
    if value is None:
        raise ConfigurationError(name, "required when SECON_MODE=production")
    return value


def ensure_writable_dir(path: Path, *, variable: str) -> Path:
    """Create the folder if needed and prove that a file can be written in it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigurationError(variable, f"cannot write to the folder {str(path)!r} ({reason})") from None
    return path


def var_dir(default: Path) -> Path:
    """Return ``SECON_VAR_DIR`` (created if needed); it must be writable."""
    path = Path(env("SECON_VAR_DIR", str(default))).expanduser().resolve()
    return ensure_writable_dir(path, variable="SECON_VAR_DIR")


def media_root(var_dir: Path) -> Path:
    """Return ``SECON_MEDIA_ROOT``; ``secon check`` proves it writable (it may be created later)."""
    return Path(env("SECON_MEDIA_ROOT", str(var_dir / "media"))).expanduser().resolve()


def time_zone() -> str:
    """Return ``SECON_TIME_ZONE`` once it is known to be an IANA time zone."""
    name = env("SECON_TIME_ZONE", "Europe/Brussels")
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            "SECON_TIME_ZONE", f"unknown time zone {name!r} (use an IANA name such as Europe/Madrid)"
        ) from None
    return name


def database(var_dir: Path) -> dict:
    """Parse ``SECON_DATABASE_URL`` into Django's DATABASES entry."""
    url = env("SECON_DATABASE_URL")
    if url is None:
        if production_mode():
            require("SECON_DATABASE_URL")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(owner_only_file(var_dir / "secon.sqlite3")),
            "OPTIONS": sqlite_options(),
            "CONN_MAX_AGE": SQLITE_CONN_MAX_AGE,
        }
    return parse_database_url(url, variable="SECON_DATABASE_URL")


def owner_only_file(path: Path) -> Path:
    """Make the SQLite file readable and writable by its owner only (0600), creating it empty if needed.

    An empty file is an empty SQLite database; SQLite gives its -wal and -shm files the database
    file's permissions. A file of another owner, or a folder that does not exist yet, is left alone
    (``secon check`` reports what cannot be written).
    """
    try:
        if not path.exists():
            if path.parent.is_dir():
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        elif path.is_file() and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        pass
    return path


#: Each server thread keeps its SQLite connection between requests: opening one (with its pragmas
#: and Django's SQL functions) costs about 4 ms of CPU, as much as a cached page.
SQLITE_CONN_MAX_AGE = 600


def sqlite_options() -> dict:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the start of a
    # transaction so that concurrent writers queue (busy timeout) instead of failing mid-transaction.
    return {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }


DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


def parse_database_url(url: str, *, variable: str) -> dict:
    """Turn a database URL into a DATABASES entry, or say what is wrong with it."""
    hint = "use postgresql://user:password@host:5432/dbname or sqlite:////absolute/path.sqlite3"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigurationError(variable, f"malformed host or port in {redact(url)!r} ({hint})") from None
    if not parts.scheme or "://" not in url:
        raise ConfigurationError(variable, f"{redact(url)!r} is not a database URL ({hint})")
    if parts.scheme not in DATABASE_SCHEMES:
        raise ConfigurationError(
            variable, f"unsupported database {parts.scheme!r} in {redact(url)!r} ({hint})"
        )
    if port == 0:
        raise ConfigurationError(variable, f"malformed port in {redact(url)!r} ({hint})")
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ConfigurationError(variable, f"malformed database URL {redact(url)!r} ({error})") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if not config.get("NAME") or config["NAME"] == ":memory:":
            raise ConfigurationError(
                variable, "a SQLite URL needs a file path: sqlite:////absolute/path.sqlite3"
            )
        # A relative path would depend on the folder the command runs in.
        config["NAME"] = str(owner_only_file(Path(config["NAME"]).expanduser().resolve()))
        config["OPTIONS"] = sqlite_options()
        config["CONN_MAX_AGE"] = SQLITE_CONN_MAX_AGE
    else:
        if not config.get("NAME"):
            raise ConfigurationError(variable, f"{redact(url)!r} names no database (…/dbname) ({hint})")
        # Fail within seconds, not minutes, when the server does not answer.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    return config


def redact(url: str) -> str:
    """Hide the password in a URL before it is printed."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if password:
        return url.replace(f":{password}@", ":***@")
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
        key = path.read_text().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    except OSError as error:
        raise ConfigurationError("SECON_VAR_DIR", f"cannot read {str(path)!r} ({error.strerror})") from None
    key = secrets.token_urlsafe(50)
    # O_EXCL: when two processes start at once, one key wins and both read it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        existing = path.read_text().strip()
        if existing:
            return existing
        # An empty file left behind by an interrupted start: replace it.
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC, 0o600)
    except OSError as error:
        raise ConfigurationError("SECON_VAR_DIR", f"cannot write {str(path)!r} ({error.strerror})") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def site_url() -> str | None:
    """Return ``SECON_SITE_URL`` as ``scheme://host[:port]``; None in embedded mode without it (then
    ``secon serve`` derives it from its --host and --port)."""
    value = env("SECON_SITE_URL")
    if value is None:
        if production_mode():
            require("SECON_SITE_URL")
        return None
    example = "e.g. https://hub.example.org or http://127.0.0.1:8000"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        raise ConfigurationError(
            "SECON_SITE_URL", f"malformed host or port in {value!r} ({example})"
        ) from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(
            "SECON_SITE_URL",
            f"expected the address people open, with http:// or https://, got {value!r} ({example})",
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(
            "SECON_SITE_URL",
            f"expected scheme, host and port only, got {value!r} "
            "(SECON Hub is served at the root of its address)",
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def site_host(url: str) -> str:
    """Return the host name of a site URL as ALLOWED_HOSTS writes it (IPv6 in brackets)."""
    host = urlsplit(url).hostname or ""
    return f"[{host}]" if ":" in host else host


def allowed_hosts(site: str | None = None) -> list[str]:
    """Parse ``SECON_ALLOWED_HOSTS``; the host of ``SECON_SITE_URL`` must be one of them."""
    value = env("SECON_ALLOWED_HOSTS")
    if value is None:
        if production_mode():
            require("SECON_ALLOWED_HOSTS")
        hosts = ["127.0.0.1", "localhost", "[::1]"]
        if site and site_host(site) not in hosts:
            hosts.append(site_host(site))
        return hosts
    hosts = [host.strip() for host in value.split(",") if host.strip()]
    if not hosts:
        raise ConfigurationError("SECON_ALLOWED_HOSTS", "names no host")
    for host in hosts:
        if "/" in host or " " in host:
            raise ConfigurationError(
                "SECON_ALLOWED_HOSTS",
                f"{host!r} is not a host name (write hosts without scheme or path, e.g. hub.example.org)",
            )
    if site:
        from django.http.request import validate_host

        if not validate_host(site_host(site), hosts):
            raise ConfigurationError(
                "SECON_ALLOWED_HOSTS", f"does not include {site_host(site)}, the host of SECON_SITE_URL"
            )
    return hosts


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email(default_backend: str = "console:") -> dict:
    """Parse ``SECON_EMAIL_URL`` into Django's e-mail settings."""
    url = env("SECON_EMAIL_URL", default_backend)
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ConfigurationError(
            "SECON_EMAIL_URL",
            f"unsupported scheme in {redact(url)!r} (use smtp://, smtps://, console: or memory:)",
        )
    settings = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
            hostname = parts.hostname
        except ValueError:
            raise ConfigurationError("SECON_EMAIL_URL", f"malformed port in {redact(url)!r}") from None
        if not hostname:
            raise ConfigurationError("SECON_EMAIL_URL", f"{redact(url)!r} names no SMTP host")
        query = {key.lower(): value.lower() for key, value in parse_qsl(parts.query)}
        use_tls = query.get("tls", "0")
        if use_tls not in TRUE_WORDS | FALSE_WORDS:
            raise ConfigurationError("SECON_EMAIL_URL", f"expected tls=1 or tls=0, got tls={use_tls}")
        settings.update(
            EMAIL_HOST=hostname,
            EMAIL_PORT=port,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=use_tls in TRUE_WORDS,
            EMAIL_TIMEOUT=30,
        )
    return settings


def default_from_email() -> str:
    """Return ``SECON_DEFAULT_FROM_EMAIL`` once it holds an address."""
    value = env("SECON_DEFAULT_FROM_EMAIL", "SECON Hub <noreply@localhost>")
    _name, address = parseaddr(value)
    if "@" not in address:
        raise ConfigurationError(
            "SECON_DEFAULT_FROM_EMAIL",
            f"{value!r} holds no e-mail address (e.g. SECON Hub <hub@example.org>)",
        )
    return value


def cache(var_dir: Path) -> dict:
    """Parse ``SECON_CACHE_URL``; the default is a file cache shared by all server processes."""
    url = env("SECON_CACHE_URL")
    if url is None:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / "cache"),
            "OPTIONS": FILE_CACHE_OPTIONS,
        }
    hint = "use redis://host:6379/0, file:///absolute/path or locmem:"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        raise ConfigurationError("SECON_CACHE_URL", f"malformed host or port in {redact(url)!r}") from None
    if parts.scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ConfigurationError("SECON_CACHE_URL", f"{redact(url)!r} names no Redis host ({hint})")
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # Fail within seconds when Redis does not answer, instead of hanging every request.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
    if parts.scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise ConfigurationError(
                "SECON_CACHE_URL", f"a file cache needs an absolute path: file:///absolute/path, got {url!r}"
            )
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            "OPTIONS": FILE_CACHE_OPTIONS,
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ConfigurationError("SECON_CACHE_URL", f"unsupported scheme in {redact(url)!r} ({hint})")


def trusted_proxies() -> tuple:
    """Parse ``SECON_TRUSTED_PROXIES`` into IP networks (a bare address is a network of one)."""
    import ipaddress

    value = env("SECON_TRUSTED_PROXIES", "") or ""
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigurationError(
                "SECON_TRUSTED_PROXIES",
                f"{item!r} is not an IP address or network (e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8)",
            ) from None
    return tuple(networks)


def map_tile_url() -> str:
    """Return ``SECON_MAP_TILE_URL`` once it looks like a tile URL template."""
    value = env("SECON_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    parts = urlsplit(value)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.netloc
        or not all(placeholder in value for placeholder in ("{z}", "{x}", "{y}"))
    ):
        raise ConfigurationError(
            "SECON_MAP_TILE_URL",
            f"expected an http(s) URL with {{z}}, {{x}} and {{y}} placeholders, got {value!r}",
        )
    return value


def admin_password() -> str | None:
    """Return SECON_ADMIN_PASSWORD exactly as given (``secon createadmin`` uses it), or None."""
    return os.environ.get("SECON_ADMIN_PASSWORD") or None


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
}


def tasks() -> dict:
    """Parse ``SECON_TASKS_URL``: ``{"backend": "database" | "redis", "url": …}``."""
    url = env("SECON_TASKS_URL", "database:")
    hint = "use database: or redis://host:6379/1"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        raise ConfigurationError(
            "SECON_TASKS_URL", f"malformed host or port in {redact(url)!r} ({hint})"
        ) from None
    if parts.scheme in {"database", "db"} and not parts.netloc and parts.path in {"", "/"}:
        return {"backend": "database", "url": "database:"}
    if parts.scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ConfigurationError("SECON_TASKS_URL", f"{redact(url)!r} names no Redis host ({hint})")
        database = parts.path.strip("/")
        if database and not database.isdigit():
            raise ConfigurationError(
                "SECON_TASKS_URL", f"the Redis database must be a number, got {database!r} ({hint})"
            )
        return {"backend": "redis", "url": url}
    raise ConfigurationError("SECON_TASKS_URL", f"unsupported queue {redact(url)!r} ({hint})")


#: Seconds a signed S3 address handed out by the media view stays valid.
S3_SIGNED_URL_SECONDS = 300


def storage() -> dict:
    """Parse ``SECON_STORAGE_URL`` into the options of the uploads' storage (``{}``: the local folder).

    Unset: files under SECON_MEDIA_ROOT. ``s3://KEY:SECRET@host[:port]/bucket[/folder]?region=…``:
    an S3-compatible service (AWS, MinIO, Ceph, Scaleway, OVH …) through django-storages; the key
    and secret may instead come from the usual ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``.
    Options: ``region``, ``secure=false`` (http:// to the service, e.g. a local MinIO),
    ``addressing=path|virtual``. Files stay private in the bucket: the media view checks who may see
    one and redirects to a signed address valid for five minutes.
    """
    url = env("SECON_STORAGE_URL")
    if url is None:
        return {}
    hint = "use s3://KEY:SECRET@host[:port]/bucket[/folder]?region=eu-west-1"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigurationError("SECON_STORAGE_URL", f"malformed host or port in {redact(url)!r}") from None
    if parts.scheme != "s3":
        raise ConfigurationError("SECON_STORAGE_URL", f"unsupported storage in {redact(url)!r} ({hint})")
    if not parts.hostname:
        raise ConfigurationError("SECON_STORAGE_URL", f"{redact(url)!r} names no host ({hint})")
    bucket, _, folder = parts.path.strip("/").partition("/")
    if not bucket:
        raise ConfigurationError("SECON_STORAGE_URL", f"{redact(url)!r} names no bucket ({hint})")
    query = dict(parse_qsl(parts.query))
    unknown = sorted(set(query) - {"region", "secure", "addressing"})
    if unknown:
        raise ConfigurationError("SECON_STORAGE_URL", f"unknown option {unknown[0]!r} ({hint})")
    secure = query.get("secure", "true").lower()
    if secure not in TRUE_WORDS | FALSE_WORDS:
        raise ConfigurationError("SECON_STORAGE_URL", f"secure= expects true or false, got {secure!r}")
    addressing = query.get("addressing", "path")
    if addressing not in {"path", "virtual"}:
        raise ConfigurationError(
            "SECON_STORAGE_URL", f"addressing= expects path or virtual, got {addressing!r}"
        )
    scheme = "https" if secure in TRUE_WORDS else "http"
    options = {
        "bucket_name": bucket,
        "location": folder,
        "endpoint_url": f"{scheme}://{parts.hostname}{f':{port}' if port else ''}",
        "region_name": query.get("region") or None,
        "addressing_style": addressing,
        "signature_version": "s3v4",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": S3_SIGNED_URL_SECONDS,
        "file_overwrite": False,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    return options


def media_sendfile() -> dict:
    """Parse ``SECON_MEDIA_SENDFILE``: who sends an uploaded file once the site has allowed it.

    ``none`` (default: the application sends it), ``x-accel-redirect:/internal-media/`` (nginx serves
    the file from its ``internal`` location of that path, aliased to SECON_MEDIA_ROOT) or
    ``x-sendfile`` (Apache mod_xsendfile, lighttpd: the header names the file's path).
    """
    value = env("SECON_MEDIA_SENDFILE", "none")
    kind, _, location = value.partition(":")
    kind = kind.lower()
    if kind in {"none", "x-sendfile"} and not location:
        return {"kind": kind, "location": ""}
    if kind == "x-accel-redirect":
        location = location or "/internal-media/"
        if not location.startswith("/") or not location.endswith("/"):
            raise ConfigurationError(
                "SECON_MEDIA_SENDFILE", f"the nginx location must start and end with /, got {location!r}"
            )
        return {"kind": kind, "location": location}
    raise ConfigurationError(
        "SECON_MEDIA_SENDFILE",
        f"expected none, x-sendfile or x-accel-redirect:/internal-media/, got {value!r}",
    )


def max_request_bytes() -> int:
    """Return ``SECON_MAX_REQUEST_MB`` in bytes: the largest request body the site reads."""
    return env_int("SECON_MAX_REQUEST_MB", 25, minimum=1) * 1024 * 1024
