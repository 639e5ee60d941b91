"""The ``secon`` command: run, set up and check SECON Hub.

A thin layer over Django's management commands: it parses the arguments (with the commands' own
``add_arguments``), loads the settings, runs the command and turns every failure caused by the
configuration into one line on standard error that names the ``SECON_*`` variable (or the
command-line option) at fault, with exit status 2, never a traceback: this holds for errors found
while the settings load and for those that surface later (an unreachable database during
``migrate``, an unusable cache, a folder that cannot be written, a port already in use).
The commands live in the apps that own them (``core/management/commands/``, ``accounts/…``,
``demo/…``); ``secon manage`` runs any other.
"""

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

EXIT_CONFIG = 2
EXIT_INTERRUPTED = 130

#: ``secon`` command -> (app that owns it, management command). ``None`` for Django's own.
COMMANDS = {
    "serve": ("secon.core", "serve"),
    "worker": ("secon.core", "worker"),
    "demo": ("secon.demo", "demo"),
    "migrate": (None, "migrate"),
    "createadmin": ("secon.accounts", "createadmin"),
    "check": ("secon.core", "checkinstallation"),
    "backup": ("secon.core", "backup"),
    "restore": ("secon.core", "restore"),
    "compiletranslations": ("secon.core", "compiletranslations"),
    "import": ("secon.core", "importfile"),
    "feeds": ("secon.practices", "feeds"),
}


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


def build_parser() -> argparse.ArgumentParser:
    from django.core.management import load_command_class

    parser = Parser(
        prog="secon",
        description="Run and administer SECON Hub. Configuration comes from SECON_* variables "
        "(see the README); every command stops with one line naming a wrong one.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for name, (app, command_name) in COMMANDS.items():
        if app is None:
            migrate = commands.add_parser(name, help="create or update the database tables")
            migrate.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
            continue
        command = load_command_class(app, command_name)
        command.add_arguments(commands.add_parser(name, help=command.help))
    manage_ = commands.add_parser("manage", help="any manage.py command, e.g. `secon manage shell`")
    manage_.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _derive_site_url(host: str, port: int) -> None:
    """In embedded mode without SECON_SITE_URL, links point where `secon serve` listens.

    Set before the settings load, so the web server and the task workers it starts (which inherit
    the environment) build the same links: ``make run PORT=8123`` gives ``http://127.0.0.1:8123``.
    """
    from secon import config

    if config.env("SECON_SITE_URL") is not None or config.production_mode():
        return
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    os.environ["SECON_SITE_URL"] = f"http://{shown}:{port}"


def run(options, argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    if options.command == "serve":
        _derive_site_url(options.host, options.port)
    import django

    django.setup()  # a ConfigurationError here is turned into one line by main
    from django_scopes import scopes_disabled

    from django.core.management import call_command, execute_from_command_line

    # Commands act for the whole installation: every project's records are theirs to read (a
    # request is scoped again by ProjectScopeMiddleware).
    with scopes_disabled():
        if options.command == "manage":
            execute_from_command_line(["secon manage", *options.args])
        elif options.command == "migrate":
            from secon.core.management.base import require_database

            require_database()
            call_command("migrate", "--noinput", verbosity=options.verbosity)
        else:
            # The arguments were checked by the same add_arguments: the command parses them again.
            call_command(COMMANDS[options.command][1], *argv[argv.index(options.command) + 1 :])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    options = build_parser().parse_args(argv)
    try:
        run(options, argv)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        from secon.core.management.base import Stop

        if isinstance(error, Stop):
            message, status = str(error), error.returncode
        else:
            message, status = explain(error), EXIT_CONFIG
            if message is None:
                raise
    else:
        return
    print(f"secon: error: {message}", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
