"""The ``secon`` command: run, set up and check SECON Hub (wraps Django's manage.py).

Configuration errors end with one line naming the ``SECON_*`` variable and exit status 2.
"""

import argparse
import os
import sys

EXIT_CONFIG = 2


def fail(message: str) -> "NoReturn":  # noqa: F821
    print(f"secon: error: {message}", file=sys.stderr)
    sys.exit(EXIT_CONFIG)


def setup_django() -> None:
    """Load the settings, turning configuration errors into one clear line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    from secon.config import ConfigurationError

    try:
        import django

        django.setup()
    except ConfigurationError as error:
        fail(str(error))


def require_database() -> None:
    """Stop with one line when the configured database cannot be reached."""
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as error:
        detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
        fail(f"SECON_DATABASE_URL: cannot connect to the database ({detail})")


def manage(*args: str, **options) -> None:
    from django.core.management import call_command

    call_command(*args, **options)


def cmd_serve(options) -> None:
    """Serve with gunicorn (production server) and whitenoise for static files."""
    require_database()
    from django.conf import settings

    manage("collectstatic", "--noinput", verbosity=0)
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
    print(f"SECON Hub is running on http://{host}:{options.port}/  (Ctrl+C stops it)")
    if options.banner:
        print_admin_login(f"http://{host}:{options.port}/admin/")
    if settings.DEBUG:
        print("warning: SECON_DEBUG is on; never expose this server to the public", file=sys.stderr)
    sys.stdout.flush()
    Server().run()


def print_admin_login(admin_url: str) -> None:
    from secon.demo.loader import read_demo_admin

    login = read_demo_admin()
    if login:
        print(f"Staff side: {admin_url}  login {login[0]}  password {login[1]}")


def cmd_demo(options) -> None:
    require_database()
    from secon.demo.loader import demo_is_loaded, load_demo

    if options.if_missing and demo_is_loaded():
        print("The SECON demo is already loaded.")
        return
    load_demo(reset=options.reset, progress=print_progress)
    print("The SECON demo is loaded.")


def print_progress(step: int, total: int, label: str) -> None:
    width = 24
    filled = int(width * step / total)
    print(f"[{'#' * filled}{'.' * (width - filled)}] {step}/{total} {label}", flush=True)


def cmd_migrate(options) -> None:
    require_database()
    manage("migrate", "--noinput", verbosity=options.verbosity)


def cmd_createadmin(options) -> None:
    require_database()
    import getpass

    from django.core.exceptions import ValidationError

    from secon.accounts.services import create_user

    email = options.email or input("E-mail: ").strip()
    password = options.password or os.environ.get("SECON_ADMIN_PASSWORD")
    if not password:
        password = getpass.getpass("Password: ")
    try:
        create_user(actor=None, email=email, password=password, is_superuser=True)
    except ValidationError as error:
        fail("; ".join(message for messages in error.message_dict.values() for message in messages))
    print(f"Administrator {email} created.")


def cmd_check(options) -> None:
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    require_database()
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as error:
        print(error, file=sys.stderr)
        sys.exit(1)


def cmd_compiletranslations(options) -> None:
    manage("compiletranslations")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="secon", description="Run and administer SECON Hub.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the site with the production server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=min(4, 2 * (os.cpu_count() or 1) + 1))
    serve.add_argument("--threads", type=int, default=2)
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument("--banner", action="store_true", help="also print the demo login")
    serve.set_defaults(func=cmd_serve)

    demo = commands.add_parser("demo", help="load the SECON demo project (idempotent)")
    demo.add_argument("--reset", action="store_true", help="delete the demo's records and load them anew")
    demo.add_argument("--if-missing", action="store_true", help="do nothing if the demo is loaded")
    demo.set_defaults(func=cmd_demo)

    migrate = commands.add_parser("migrate", help="create or update the database tables")
    migrate.add_argument("-v", "--verbosity", type=int, default=1)
    migrate.set_defaults(func=cmd_migrate)

    admin = commands.add_parser("createadmin", help="create an administrator account")
    admin.add_argument("--email")
    admin.add_argument("--password", help="or set SECON_ADMIN_PASSWORD; asked when absent")
    admin.set_defaults(func=cmd_createadmin)

    check = commands.add_parser("check", help="Django's deployment checks and our own")
    check.set_defaults(func=cmd_check)

    compile_ = commands.add_parser("compiletranslations", help="build the .mo files (no gettext needed)")
    compile_.set_defaults(func=cmd_compiletranslations)

    manage_ = commands.add_parser("manage", help="any manage.py command, e.g. `secon manage shell`")
    manage_.add_argument("args", nargs=argparse.REMAINDER)
    manage_.set_defaults(func=None)
    return parser


def main(argv: list[str] | None = None) -> None:
    options = build_parser().parse_args(argv)
    setup_django()
    if options.func is None:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["secon manage", *options.args])
        return
    options.func(options)


if __name__ == "__main__":
    main()
