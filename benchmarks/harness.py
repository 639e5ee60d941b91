"""What the benchmarks share, so that each script keeps only what it measures.

- a throwaway PostgreSQL database: create it (refusing, or replacing, one that exists), drop it,
  and tell the database's version;
- the environment of a throwaway, DEBUG-off site, and Django set up and migrated on it;
- the production server, ``secon serve`` (gunicorn + whitenoise, DEBUG off) in its own process
  group, started the same way by the scripts that load HTTP pages (the harness starts no server
  by itself: a script asks for one);
- the keep-alive load generator: client processes that each keep one HTTP/1.1 connection to
  127.0.0.1 busy, and the summary of their figures;
- percentiles and the description of the machine the figures were taken on.

The scripts run as ``python benchmarks/<name>.py`` and import this module as ``harness``.
"""

import contextlib
import http.client
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

HOST = "127.0.0.1"


# --- Throwaway database -----------------------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """Return the URL of the server's ``postgres`` database and the name of the database in ``url``."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"--database-url: give a plain database name to create, got {name!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def create_database(url: str, *, replace: bool = False, template: str | None = None) -> None:
    """Create the database named in ``url``; refuse one that exists, or drop it first with ``replace``.

    ``template``: a copy of this (migrated) database, made by the server in a second instead of
    migrating for minutes on a loaded machine."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        if replace:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        elif connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            raise SystemExit(
                f"--database-url: database {name!r} exists; name a new one (it is dropped after)"
            )
        if template and not template.replace("_", "").isalnum():
            raise SystemExit(f"template database: give a plain database name, got {template!r}")
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def drop_database(url: str) -> None:
    """Drop the database named in ``url``, closing the connections still open to it."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_version(url: str | None) -> str:
    """Name the database and its version: SQLite without ``url``, else the PostgreSQL server's."""
    if not url:
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(url) as connection:
        return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]


# --- Settings and migration -----------------------------------------------------------------


def server_env(var_dir: Path, *, database_url: str | None, **settings: str) -> dict[str, str]:
    """Return this process's environment without SECON settings, set for a throwaway, DEBUG-off site."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SECON_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(SECON_VAR_DIR=str(var_dir), SECON_MODE="embedded", SECON_DEBUG="0", **settings)
    if database_url:
        env["SECON_DATABASE_URL"] = database_url
    return env


def migrate(env: dict[str, str], *, database_url: str | None, var_dir: Path) -> Callable[[str], None]:
    """Set up Django in this process with ``env`` and migrate; return a printer of timed progress lines."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "secon.settings"
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()

    def progress(step: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {step}", flush=True)

    progress(f"migrating ({'PostgreSQL' if database_url else 'SQLite'} in {var_dir})")
    call_command("migrate", verbosity=0)
    return progress


# --- Server -----------------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port: int, path: str, *, timeout: float = 30) -> tuple[int, bytes, dict[str, str]]:
    """Request ``path`` once on a new connection; return the status, body and headers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


class Server:
    """Run ``secon serve`` (gunicorn + whitenoise, DEBUG off) in its own process group."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        workers: int,
        threads: int,
        wait: float = 90,
        poll: float = 0.2,
        command: Callable[[int], list[str]] | None = None,
        ready: str = "/healthz",
        port: int | None = None,
        arguments: tuple[str, ...] = (),
    ) -> None:
        self.env, self.workers, self.threads = env, workers, threads
        self.arguments = arguments  # more options of `secon serve`
        self.wait, self.poll = wait, poll
        self.port = port or free_port()
        # Another server (the peer of side_by_side.py) is started by its own command line, given
        # the port, and is ready when ``ready`` answers 200.
        self.command, self.ready = command, ready
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        if self.command:
            command = self.command(self.port)
        else:
            secon = Path(sys.executable).with_name("secon")
            command = [str(secon), "serve", "--host", HOST, "--port", str(self.port)]
            command += ["--workers", str(self.workers), "--threads", str(self.threads), *self.arguments]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + self.wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"the server stopped:\n{self.log.read().decode(errors='replace')}")
            try:
                if get(self.port, self.ready)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(self.poll)
        self.stop()
        raise SystemExit(f"the server did not answer {self.ready} within {self.wait:g} s")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def cpu_seconds(self) -> float:
        """Return the CPU time used so far by the server's processes (its process group)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the command: state, ppid, pgrp, … utime (12th), stime (13th).
            if int(fields[2]) == self.process.pid:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def cpu_by_role(self) -> dict[str, float]:
        """Return the CPU seconds used so far by the web server's processes ("web": gunicorn's master
        and workers), the background workers ("worker") and the supervisor ("other")."""
        ticks = os.sysconf("SC_CLK_TCK")
        totals = dict.fromkeys(("web", "worker", "other"), 0.0)
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(fields[2]) != self.process.pid:
                continue
            if b"worker" in command:
                role = "worker"
            elif b"--task-workers" in command and b"0" in command:
                role = "web"
            else:
                role = "other"
            totals[role] += (int(fields[11]) + int(fields[12])) / ticks
        return totals

    def stop(self) -> None:
        """Stop the server's process group: SIGTERM, then SIGKILL after 15 s."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- Load generator ---------------------------------------------------------------------------


def _client(
    port: int, paths: list[str], offset: int, seconds: float, max_requests: int, timeout: float = 30
) -> dict[str, Any]:
    """Run in a child process: one keep-alive connection, requests in a loop until time is up."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    cache_states: Counter = Counter()
    errors = 0
    received = 0
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Accept-Encoding": "identity"}
    index = offset
    started = time.perf_counter()
    deadline = started + seconds
    while len(latencies) < max_requests:
        now = time.perf_counter()
        if now >= deadline:
            break
        path = paths[index % len(paths)]
        index += 1
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            continue
        latencies.append(time.perf_counter() - now)
        received += len(body)
        statuses[response.status] += 1
        cache_states[response.getheader("X-Page-Cache", "-")] += 1
        if response.will_close:
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    elapsed = time.perf_counter() - started
    connection.close()
    return {
        "latencies": latencies,
        "statuses": statuses,
        "cache": cache_states,
        "errors": errors,
        "bytes": received,
        "elapsed": elapsed,
    }


def load(
    pool: Executor,
    port: int,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    timeout: float = 30,
) -> list[dict[str, Any]]:
    """Load the paths with ``clients`` processes for ``seconds``; return each client's raw figures."""
    spread = max(1, len(paths) // clients)
    futures = [
        pool.submit(_client, port, paths, client * spread, seconds, max_requests, timeout)
        for client in range(clients)
    ]
    return [future.result() for future in futures]


def summarise(rounds: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Combine the clients' figures of every round: requests/s over the measured time, percentiles."""
    results = [result for clients in rounds for result in clients]
    latencies = sorted(value for result in results for value in result["latencies"])
    statuses = sum((result["statuses"] for result in results), Counter())
    cache_states = sum((result["cache"] for result in results), Counter())
    # The clients of a round run side by side: a round lasts as long as its slowest client.
    elapsed = sum(max(result["elapsed"] for result in clients) for clients in rounds)
    ok = statuses.get(200, 0)
    return {
        "requests": len(latencies),
        "rps": ok / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "errors": sum(result["errors"] for result in results) + len(latencies) - ok,
        "kb_per_response": (sum(result["bytes"] for result in results) / len(latencies) / 1024)
        if latencies
        else 0,
        "cache": dict(cache_states),
    }


def percentile(values: list[float], q: float) -> float:
    """Return the ``q``-th percentile (nearest rank) of sorted ``values``; NaN when there are none."""
    if not values:
        return float("nan")
    rank = max(0, min(len(values) - 1, round(q / 100 * len(values) + 0.5) - 1))
    return values[rank]


# --- Machine ----------------------------------------------------------------------------------


def machine(
    *, workers: int, threads: int, clients: int, database: str, sqlite: bool = False
) -> dict[str, Any]:
    """Describe the machine and the settings the figures were taken with (``sqlite``: its library too)."""
    import django

    model = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    info: dict[str, Any] = {
        "cpu": model,
        "cores": os.cpu_count(),
        "load_average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "python": platform.python_version(),
        "django": django.get_version(),
    }
    if sqlite:
        info["sqlite"] = sqlite3.sqlite_version
    info.update(
        database=database,
        server=f"gunicorn gthread, {workers} workers × {threads} threads",
        clients=f"{clients} processes, one keep-alive connection each",
    )
    return info
