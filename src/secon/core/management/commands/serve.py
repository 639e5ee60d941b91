"""``secon serve``: the production server (gunicorn, with whitenoise for the static files)."""

import errno
import hashlib
import os
import socket
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from secon.core.management.base import fail, port_number, positive_number, require_ready


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


def collect_static() -> None:
    """Run collectstatic (compressing takes seconds) only when the static sources have changed."""
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
    call_command("collectstatic", "--noinput", verbosity=0)
    stamp.write_text(digest.hexdigest())


class Command(BaseCommand):
    help = "serve the site with the production server (gunicorn)"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=port_number, default=8000, help="port to listen on (default 8000)")
        parser.add_argument(
            "--workers",
            type=positive_number,
            default=min(4, 2 * (os.cpu_count() or 1) + 1),
            help="server processes (default: 2 per CPU + 1, at most 4)",
        )
        parser.add_argument(
            "--threads", type=positive_number, default=2, help="threads per process (default 2)"
        )
        parser.add_argument("--access-log", action="store_true", help="log every request")

    def handle(self, *args, host: str, port: int, workers: int, threads: int, access_log: bool, **options):
        ensure_port_free(host, port)
        require_ready()
        from django.conf import settings

        collect_static()
        # Again, right before gunicorn binds: another program may have taken the port meanwhile.
        ensure_port_free(host, port)
        from gunicorn.app.base import BaseApplication

        from django.core.servers.basehttp import get_internal_wsgi_application

        application = get_internal_wsgi_application()

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-" if access_log else None)
                self.cfg.set("errorlog", "-")
                self.cfg.set("loglevel", "warning")
                self.cfg.set("graceful_timeout", 5)

            def load(self):
                return application

        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        if ":" in shown:
            shown = f"[{shown}]"
        self.stdout.write(f"SECON Hub is running on http://{shown}:{port}/  (Ctrl+C stops it)")
        if settings.DEBUG:
            self.stderr.write("warning: SECON_DEBUG is on; never expose this server to the public")
        self.stdout.flush()
        Server().run()
