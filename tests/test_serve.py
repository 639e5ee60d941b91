"""`secon serve` starts a background worker beside the web server: one command, one Ctrl+C, no orphans."""

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.installations import migrated_database
from tests.test_cli import SECON, assert_ok, free_port, kept_static, run_secon, wait_until_listening


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated SQLite installation (the command does not depend on the database; tests/test_cli.py
    runs `secon` on both, and tests `secon migrate` there): a copy of the migrated database kept
    for the machine, not a migration of its own, which cost 20–45 s of CPU."""
    var_dir = tmp_path_factory.mktemp("secon-serve")
    shutil.copy(migrated_database(tmp_path_factory.mktemp("migrating")), var_dir / "secon.sqlite3")
    return var_dir, {}


def processes_with(text: str) -> list[int]:
    """Return the pids of the processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline:
                found.append(int(entry.name))
    return found


def wait_until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@contextlib.contextmanager
def started_server(var_dir: Path, *arguments: str, home: Path | None = None, **variables: str):
    """Run `secon serve` on a free port in its own process group; yield (process, port).

    ``variables`` are more environment variables (SECON_…) for the server."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SECON_", "DJANGO_"))}
    environment["SECON_VAR_DIR"] = str(var_dir)
    environment.update(variables)
    if home:
        environment["HOME"] = str(home)
        environment.pop("XDG_RUNTIME_DIR", None)
    with kept_static(var_dir):
        server = subprocess.Popen(
            [str(SECON), "serve", "--port", str(port), "--workers", "1", *arguments],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        first_line = server.stdout.readline()
    try:
        assert first_line.startswith(f"SECON Hub is running on http://127.0.0.1:{port}/")
        if "--task-workers" not in arguments:
            assert f"links use http://127.0.0.1:{port}" in server.stdout.readline()
        wait_until_listening(port, server)
        yield server, port
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


@pytest.fixture
def serving(site):
    var_dir, _variables = site
    with started_server(var_dir) as (server, port):
        yield server, port, var_dir


def test_serve_runs_a_worker_and_one_ctrl_c_stops_everything(serving):
    server, port, var_dir = serving
    workers = processes_with(f"worker --parent-pid {server.pid}")
    assert len(workers) == 1
    # The worker runs what the site enqueues (here the nightly prune, enqueued by hand).
    code = (
        "from secon.core.tasks import prune_finished_tasks as t; from secon.core.models import Job; "
        "from django.db import transaction\n"
        "with transaction.atomic(): print(t.enqueue().pk)"
    )
    job_id = run_secon("manage", "shell", "-c", code, var_dir=var_dir).stdout.strip().splitlines()[-1]
    check = f"from secon.core.models import Job; print(Job.objects.get(pk={job_id}).status)"
    wait_until(
        lambda: (
            run_secon("manage", "shell", "-c", check, var_dir=var_dir).stdout.strip().endswith("succeeded")
        ),
        "the worker to run the job",
    )
    os.killpg(server.pid, signal.SIGINT)  # Ctrl+C: the terminal signals the whole group
    assert server.wait(timeout=60) in (0, 130)
    wait_until(lambda: not processes_with(f"--port {port}"), "the web server to stop")
    assert not processes_with(f"worker --parent-pid {server.pid}")


def niceness(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def test_the_worker_beside_the_server_runs_at_a_lower_cpu_priority(serving):
    server, port, _var_dir = serving
    (worker,) = processes_with(f"worker --parent-pid {server.pid}")
    # The worker lowers its own priority once it has started (before its first job).
    wait_until(lambda: niceness(worker) == min(19, niceness(server.pid) + 10), "the worker's niceness")
    web = [pid for pid in processes_with(f"--port {port}") if pid != server.pid]
    assert web  # the web server and its gunicorn processes keep the priority they were started with
    assert {niceness(pid) for pid in web} == {niceness(server.pid)}


def test_the_workers_priority_is_an_option(site):
    var_dir, _variables = site
    with started_server(var_dir, "--task-niceness", "3") as (server, _port):
        (worker,) = processes_with(f"worker --parent-pid {server.pid}")
        wait_until(lambda: niceness(worker) == min(19, niceness(server.pid) + 3), "the worker's niceness")


def test_a_killed_serve_leaves_no_orphans(serving):
    server, port, _var_dir = serving
    assert processes_with(f"worker --parent-pid {server.pid}")
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=30)
    wait_until(lambda: not processes_with(f"worker --parent-pid {server.pid}"), "the worker to stop")
    wait_until(lambda: not processes_with(f"--port {port}"), "the web server to stop")


def test_terminate_stops_server_and_worker(serving):
    server, port, _var_dir = serving
    server.terminate()
    assert server.wait(timeout=60) == 0
    assert not processes_with(f"worker --parent-pid {server.pid}")
    wait_until(lambda: not processes_with(f"--port {port}"), "the web server to stop")


def test_worker_alone_runs_due_jobs_and_stops(site):
    var_dir, _variables = site
    result = run_secon("worker", "--burst", var_dir=var_dir)
    assert_ok(result)
    assert "background task(s)" in result.stdout


def test_two_servers_run_side_by_side_without_a_control_socket(site, tmp_path):
    var_dir, _variables = site
    home = tmp_path / "home"
    home.mkdir()
    with (
        started_server(var_dir, "--task-workers", "0", home=home) as (_first, first_port),
        started_server(var_dir, "--task-workers", "0", home=home) as (_second, second_port),
    ):
        for port in (first_port, second_port):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=30) as response:
                assert response.status == 200
    # gunicorn's default would be one socket per user ($HOME/.gunicorn/gunicorn.ctl), shared by both.
    assert not (home / ".gunicorn").exists()


def test_a_server_takes_the_control_socket_it_is_given(site, tmp_path):
    var_dir, _variables = site
    socket_path = tmp_path / "secon.ctl"
    with started_server(var_dir, "--task-workers", "0", "--control-socket", str(socket_path)):
        wait_until(socket_path.is_socket, "the control socket")
