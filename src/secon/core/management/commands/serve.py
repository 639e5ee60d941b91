"""``secon serve``: the production server (gunicorn, with whitenoise for the static files)."""

import argparse
import contextlib
import ctypes
import errno
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
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


#: How the supervisor starts the processes it supervises: the ``secon`` command installed beside
#: this Python (as ``make run`` installs it), else the one this process was started as.
_INSTALLED = Path(sys.executable).with_name("secon")
SECON = [str(_INSTALLED)] if _INSTALLED.exists() else [sys.executable, sys.argv[0]]


def _die_with_parent() -> None:  # pragma: no cover  (runs in the child, between fork and exec)
    """Linux: the child gets SIGTERM when the supervisor dies, however it dies (no orphans)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def supervise(commands: dict[str, list[str]]) -> int:
    """Run the web server and the task workers as child processes; one Ctrl+C (or SIGTERM) stops all.

    A worker that stops on its own is started again (after a pause that grows to 30 s); when the web
    server stops, everything stops, with its exit status. The children die with this process even
    when it is killed (Linux's parent-death signal; the workers also watch their parent).
    """
    stop = {"signal": None}

    def on_signal(signum, frame):
        stop["signal"] = signum

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)

    def start(argv: list[str]) -> subprocess.Popen:
        return subprocess.Popen(argv, preexec_fn=_die_with_parent, stdin=subprocess.DEVNULL)

    children = {name: start(argv) for name, argv in commands.items()}
    pauses = dict.fromkeys(commands, 1.0)
    status = 0
    try:
        while stop["signal"] is None:
            if children["web"].poll() is not None:
                status = children["web"].returncode
                break
            for name, child in children.items():
                if name != "web" and child.poll() is not None:
                    sys.stderr.write(
                        f"secon: {name} stopped (exit status {child.returncode}); starting it again\n"
                    )
                    time.sleep(pauses[name])
                    pauses[name] = min(pauses[name] * 2, 30.0)
                    children[name] = start(commands[name])
            time.sleep(0.2)
    finally:
        _stop_all(children, interrupted=stop["signal"] == signal.SIGINT)
    return 0 if stop["signal"] is not None else status


def _stop_all(children: dict[str, subprocess.Popen], *, interrupted: bool) -> None:
    """Stop the children: after Ctrl+C they have the signal too; otherwise send SIGTERM. Then wait."""
    running = [child for child in children.values() if child.poll() is None]
    if interrupted:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and any(child.poll() is None for child in running):
            time.sleep(0.05)
    for child in running:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 30
    for child in running:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


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
        parser.add_argument(
            "--control-socket",
            type=Path,
            metavar="PATH",
            help="a gunicorn control socket at PATH, for gunicornc (default: none, so that several "
            "servers run side by side)",
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=1,
            choices=range(0, 17),
            metavar="N",
            help="background workers started beside the server (default 1; 0 when `secon worker` "
            "runs elsewhere)",
        )
        parser.add_argument(
            "--task-niceness",
            type=int,
            default=10,
            choices=range(0, 20),
            metavar="N",
            help="how much lower the background workers' CPU priority is than the web server's "
            "(nice, 0–19; default 10): a burst of requests gets the processor first, e-mails follow",
        )
        parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)

    def handle(
        self,
        *args,
        host: str,
        port: int,
        workers: int,
        threads: int,
        access_log: bool,
        control_socket: Path | None,
        task_workers: int,
        task_niceness: int,
        quiet: bool,
        **options,
    ):
        ensure_port_free(host, port)
        require_ready()
        from django.conf import settings

        collect_static()
        # Again, right before gunicorn binds: another program may have taken the port meanwhile.
        ensure_port_free(host, port)
        from gunicorn.app.base import BaseApplication

        from django.core.servers.basehttp import get_internal_wsgi_application

        application = get_internal_wsgi_application()
        if not task_workers:
            # Here, in gunicorn's master: the worker processes it forks start with all of it done.
            from django.db import connections

            from secon.core.warmup import warm_up

            warm_up()
            connections.close_all()  # (none is opened; a forked process must not share one)

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
                # gunicorn's default socket is one path per user: a second server would take it over.
                if control_socket:
                    self.cfg.set("control_socket", str(control_socket.resolve()))
                else:
                    self.cfg.set("control_socket_disable", True)

            def load(self):
                return application

        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        if ":" in shown:
            shown = f"[{shown}]"
        if not quiet:
            self.stdout.write(f"SECON Hub is running on http://{shown}:{port}/  (Ctrl+C stops it)")
            if task_workers:
                self.stdout.write(
                    f"Background tasks: {task_workers} worker(s) beside the server; "
                    f"links use {settings.SITE_URL}"
                )
            if settings.DEBUG:
                self.stderr.write("warning: SECON_DEBUG is on; never expose this server to the public")
        self.stdout.flush()
        if not task_workers:
            Server().run()
            return
        web = [
            *SECON,
            "serve",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--task-workers",
            "0",
            "--quiet",
            *(["--access-log"] if access_log else []),
            *(["--control-socket", str(control_socket)] if control_socket else []),
        ]
        worker = [*SECON, "worker", "--parent-pid", str(os.getpid()), "--niceness", str(task_niceness)]
        status = supervise({"web": web, **{f"worker {n + 1}": worker for n in range(task_workers)}})
        if status:
            fail(f"the web server stopped (exit status {status})", status)
