"""The ``secon`` command: run, set up and check SECON Hub (wraps Django's manage.py).

A wrong configuration ends with one line on standard error that names the ``SECON_*`` variable (or
the command-line option) at fault, and exit status 2, never a traceback: this holds for errors found
while the settings load and for those that surface later (an unreachable database during
``migrate``, an unusable cache, a folder that cannot be written, a port already in use).
"""

import argparse
import errno
import os
import socket
import sys
from pathlib import Path
from typing import NoReturn

EXIT_FAILURE = 1
EXIT_CONFIG = 2
EXIT_INTERRUPTED = 130


class Stop(Exception):
    """End the command with one line on standard error and an exit status."""

    def __init__(self, message: str, status: int = EXIT_CONFIG):
        super().__init__(message)
        self.status = status


def fail(message: str, status: int = EXIT_CONFIG) -> NoReturn:
    raise Stop(message, status)


def setup_django() -> None:
    """Load the settings (a ConfigurationError there is turned into one line by main)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    import django

    django.setup()


def preflight() -> None:
    """Stop with one line when the database, cache, media folder or security settings are wrong."""
    from secon.core.checks import preflight as first_problem

    problem = first_problem()
    if problem:
        fail(problem)


def require_database() -> None:
    """Stop with one line when the configured database cannot be reached."""
    from secon.core.checks import database_problem

    problem = database_problem()
    if problem:
        fail(problem)


def manage(*args: str, **options) -> None:
    from django.core.management import call_command

    call_command(*args, **options)


# --- serve ----------------------------------------------------------------------------------------


def ensure_port_free(host: str, port: int) -> None:
    """Stop with one line when the server could not listen on host:port."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        fail(f"--host: cannot listen on {host!r} ({error.strerror})")
    family, kind, proto, _name, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        # Same option as gunicorn's, so a port in TIME_WAIT counts as free and a listener does not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                fail(
                    f"--port: {host}:{port} is already in use by another program; "
                    f"choose another port (secon serve --port {port + 1}, or make run PORT={port + 1})"
                )
            if error.errno == errno.EACCES:
                fail(f"--port: not allowed to listen on port {port} (ports below 1024 need root)")
            if error.errno == errno.EADDRNOTAVAIL:
                fail(f"--host: {host} is not an address of this machine")
            fail(f"--host/--port: cannot listen on {host}:{port} ({error.strerror})")


def cmd_serve(options) -> None:
    """Serve with gunicorn (production server) and whitenoise for static files."""
    ensure_port_free(options.host, options.port)
    preflight()
    from django.conf import settings

    collect_static()
    # Again, right before gunicorn binds: another program may have taken the port meanwhile.
    ensure_port_free(options.host, options.port)
    from gunicorn.app.base import BaseApplication

    from secon.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{options.host}:{options.port}")
            self.cfg.set("workers", options.workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", options.threads)
            self.cfg.set("accesslog", "-" if options.access_log else None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("graceful_timeout", 5)

        def load(self):
            return application

    host = "127.0.0.1" if options.host in ("0.0.0.0", "::") else options.host
    if ":" in host:
        host = f"[{host}]"
    print(f"SECON Hub is running on http://{host}:{options.port}/  (Ctrl+C stops it)")
    if options.banner:
        print_admin_login(f"http://{host}:{options.port}/admin/")
    if settings.DEBUG:
        print("warning: SECON_DEBUG is on; never expose this server to the public", file=sys.stderr)
    sys.stdout.flush()
    Server().run()


def collect_static() -> None:
    """Run collectstatic (compressing takes seconds) only when the static sources have changed."""
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    stamp = Path(settings.STATIC_ROOT) / ".secon-sources"
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    manage("collectstatic", "--noinput", verbosity=0)
    stamp.write_text(digest.hexdigest())


def print_admin_login(admin_url: str) -> None:
    from secon.demo.loader import read_demo_admin

    login = read_demo_admin()
    if login:
        print(f"Staff side: {admin_url}  login {login[0]}  password {login[1]}")


# --- demo, migrate --------------------------------------------------------------------------------


def cmd_demo(options) -> None:
    preflight()
    from secon.demo.loader import demo_is_loaded, load_demo

    if options.if_missing and not options.reset and demo_is_loaded():
        print("The SECON demo is already loaded.")
        return
    from django.conf import settings
    from django.core import mail

    # The demo's people have made-up addresses: keep the notifications its workflow triggers
    # (submitted, approved …) in memory instead of printing or sending them.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo(reset=options.reset, progress=print_progress)
    kept = len(getattr(mail, "outbox", []))
    print(
        "The SECON demo is loaded."
        + (f" ({kept} notification e-mails to demo people not sent)" if kept else "")
    )


def print_progress(step: int, total: int, label: str) -> None:
    width = 24
    filled = int(width * step / total)
    print(f"[{'#' * filled}{'.' * (width - filled)}] {step}/{total} {label}", flush=True)


def cmd_migrate(options) -> None:
    require_database()
    manage("migrate", "--noinput", verbosity=options.verbosity)


# --- createadmin ----------------------------------------------------------------------------------


def cmd_createadmin(options) -> None:
    """Create a superuser; every problem with the e-mail or password is said in one line."""
    require_database()
    import getpass

    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from secon.accounts.models import User
    from secon.accounts.services import create_user
    from secon.core.checks import migrations_problem

    problem = migrations_problem()
    if problem:
        fail(problem)
    interactive = sys.stdin.isatty()
    email = (options.email or "").strip()
    if not email:
        if not interactive:
            fail("--email: required (no terminal to ask on)")
        email = input("E-mail: ").strip()
    try:
        validate_email(email)
    except ValidationError:
        fail(f"--email: {email!r} is not a valid e-mail address")
    if User.objects.filter(email__iexact=email).exists():
        fail(f"--email: a user with the e-mail address {email} already exists")

    source = "--password"
    password = options.password
    if not password and os.environ.get("SECON_ADMIN_PASSWORD"):
        source, password = "SECON_ADMIN_PASSWORD", os.environ["SECON_ADMIN_PASSWORD"]
    if not password:
        if not interactive:
            fail("--password: required (or set SECON_ADMIN_PASSWORD; no terminal to ask on)")
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            fail("--password: the two passwords differ")
    try:
        validate_password(password, user=User(email=email, username=email))
    except ValidationError as error:
        fail(f"{source}: too weak: {' '.join(error.messages)}")
    try:
        create_user(actor=None, email=email, password=password, is_superuser=True)
    except ValidationError as error:
        field_option = {"email": "--email", "password": source}
        fail(
            "; ".join(
                f"{field_option.get(field, field)}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
        )
    print(f"Administrator {email} created.")


# --- backup, restore ------------------------------------------------------------------------------


def cmd_backup(options) -> None:
    """Write every record and uploaded file into one zip archive."""
    from datetime import datetime

    from secon.core.management.backup import BackupError, write_backup

    require_database()
    path = Path(options.output or f"secon-backup-{datetime.now():%Y%m%d-%H%M%S}.zip").expanduser().resolve()
    if path.exists() and not options.overwrite:
        fail(f"--output: {str(path)!r} exists (add --overwrite to replace it)")
    try:
        manifest = write_backup(path, report=lambda step: print(f"Backing up {step}", flush=True))
    except BackupError as error:
        fail(str(error))
    except OSError as error:
        fail(f"--output: cannot write {str(path)!r} ({error.strerror})")
    records = sum(manifest["records"].values())
    size = path.stat().st_size / 1e6
    print(f"Backed up {records} records and {manifest['media']} media files to {path} ({size:.1f} MB).")


def cmd_restore(options) -> None:
    """Load a backup into an empty database."""
    from secon.core.management.backup import BackupError, restore_backup

    require_database()
    try:
        manifest = restore_backup(
            Path(options.file), report=lambda step: print(f"Restoring {step}", flush=True)
        )
    except BackupError as error:
        fail(str(error))
    records = sum(manifest["records"].values())
    print(
        f"Restored {records} records and {manifest['media']} media files (backup of {manifest['created']})."
    )


# --- check, compiletranslations -------------------------------------------------------------------


def cmd_check(options) -> None:
    """Django's deployment checks plus ours; exit status 1 when any error is found."""
    from django.conf import settings
    from django.core.management.base import SystemCheckError

    require_database()
    if not settings.PRODUCTION:
        print(
            "Embedded mode (SECON_MODE is not production): Django's security.W0xx warnings about HTTPS "
            "and secure cookies matter only when the site is public; set SECON_MODE=production there.\n"
        )
    try:
        manage("check", deploy=True, fail_level="ERROR", databases=["default"])
    except SystemCheckError as error:
        print(str(error).strip(), file=sys.stderr)
        fail("check: fix the errors above (each names the SECON_* variable to change)", EXIT_FAILURE)
    print("secon check: no errors.")


def cmd_compiletranslations(options) -> None:
    manage("compiletranslations")


# --- turning errors into one line -----------------------------------------------------------------


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _path_variable(filename: str | None) -> str | None:
    """Name the variable that configures the folder a file belongs to."""
    if not filename:
        return None
    from django.conf import settings

    if not settings.configured:
        return None
    path = Path(filename).resolve()
    for variable, folder in (("SECON_MEDIA_ROOT", settings.MEDIA_ROOT), ("SECON_VAR_DIR", settings.VAR_DIR)):
        if path.is_relative_to(Path(folder).resolve()):
            return variable
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and path.is_relative_to(Path(database["NAME"]).parent):
        return "SECON_DATABASE_URL"
    return None


def explain(error: BaseException) -> str | None:
    """Return one line naming the configuration behind an error, or None for a genuine bug."""
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management.base import CommandError
    from django.db import utils

    from secon.config import ConfigurationError

    if isinstance(error, ConfigurationError):
        return str(error)
    if isinstance(error, ImproperlyConfigured):
        return f"configuration: {_first_line(error)}"
    underlying = error.__cause__ or error.__context__
    if isinstance(error, CommandError) and isinstance(underlying, utils.DatabaseError):
        error = underlying  # e.g. dumpdata's "Unable to serialize database: …"
    if isinstance(error, (utils.OperationalError, utils.InterfaceError, utils.ProgrammingError)):
        detail = _first_line(error)
        if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
            return f"SECON_DATABASE_URL: the database is not set up ({detail}); run `secon migrate`"
        if "no such column" in detail or ("column" in detail and "does not exist" in detail):
            return (
                f"SECON_DATABASE_URL: the database does not match the code ({detail}); "
                "run `secon migrate` (developers: `secon manage makemigrations`)"
            )
        return f"SECON_DATABASE_URL: the database failed ({detail})"
    if isinstance(error, CommandError):
        return _first_line(error)
    if type(error).__module__.startswith("redis"):
        return f"SECON_CACHE_URL: cannot use the cache ({_first_line(error)})"
    if isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EPERM):
        variable = _path_variable(error.filename)
        if variable:
            return f"{variable}: cannot write {error.filename!r} ({error.strerror})"
    return None


# --- the parser -----------------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line, like the configuration errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_CONFIG, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {port}")
    return port


def positive_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="secon",
        description="Run and administer SECON Hub. Configuration comes from SECON_* variables "
        "(see the README); every command stops with one line naming a wrong one.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    serve = commands.add_parser("serve", help="serve the site with the production server (gunicorn)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=port_number, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--workers",
        type=positive_number,
        default=min(4, 2 * (os.cpu_count() or 1) + 1),
        help="server processes (default: 2 per CPU + 1, at most 4)",
    )
    serve.add_argument("--threads", type=positive_number, default=2, help="threads per process (default 2)")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument("--banner", action="store_true", help="also print the demo administrator's login")
    serve.set_defaults(func=cmd_serve)

    demo = commands.add_parser("demo", help="load the SECON demo project (idempotent)")
    demo.add_argument("--reset", action="store_true", help="delete the demo's records and load them anew")
    demo.add_argument("--if-missing", action="store_true", help="do nothing if the demo is loaded")
    demo.set_defaults(func=cmd_demo)

    migrate = commands.add_parser("migrate", help="create or update the database tables")
    migrate.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
    migrate.set_defaults(func=cmd_migrate)

    admin = commands.add_parser("createadmin", help="create an administrator account")
    admin.add_argument("--email", help="asked when absent and a terminal is attached")
    admin.add_argument("--password", help="or set SECON_ADMIN_PASSWORD; asked when absent")
    admin.set_defaults(func=cmd_createadmin)

    check = commands.add_parser("check", help="Django's deployment checks and our own")
    check.set_defaults(func=cmd_check)

    backup = commands.add_parser("backup", help="write every record and uploaded file into one zip file")
    backup.add_argument("-o", "--output", help="archive to write (default: secon-backup-<date>.zip here)")
    backup.add_argument("--overwrite", action="store_true", help="replace the archive if it exists")
    backup.set_defaults(func=cmd_backup)

    restore = commands.add_parser("restore", help="load a backup into an empty database")
    restore.add_argument("file", help="a zip file written by `secon backup`")
    restore.set_defaults(func=cmd_restore)

    compile_ = commands.add_parser("compiletranslations", help="build the .mo files (no gettext needed)")
    compile_.set_defaults(func=cmd_compiletranslations)

    manage_ = commands.add_parser("manage", help="any manage.py command, e.g. `secon manage shell`")
    manage_.add_argument("args", nargs=argparse.REMAINDER)
    manage_.set_defaults(func=None)
    return parser


def run(options) -> None:
    setup_django()
    if options.func is None:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["secon manage", *options.args])
        return
    options.func(options)


def main(argv: list[str] | None = None) -> None:
    options = build_parser().parse_args(argv)
    try:
        run(options)
    except Stop as stop:
        message, status = str(stop), stop.status
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        message = explain(error)
        if message is None:
            raise
        status = EXIT_CONFIG
    else:
        return
    print(f"secon: error: {message}", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
