"""The real ``secon`` command, run as a subprocess: wrong configuration ends with one clear line.

Every run gets a fresh environment (no SECON_* or DJANGO_* variable of the developer's shell or of
other tests, such as DJANGO_ALLOW_ASYNC_UNSAFE) and its own SECON_VAR_DIR under pytest's tmp_path.
"""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import pytest

SECON = Path(sys.executable).with_name("secon")
POSTGRES_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
STRONG_PASSWORD = "correct-horse-battery-7"


def run_secon(
    *args: str, var_dir: Path, timeout: float = 300, **variables: str
) -> subprocess.CompletedProcess:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith(("SECON_", "DJANGO_"))
    }
    environment["SECON_VAR_DIR"] = str(var_dir)
    environment.update(variables)
    return subprocess.run(
        [str(SECON), *args],
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *names: str) -> str:
    """The command failed with exactly one line on stderr naming each of the variables."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("secon"), line
    for name in names:
        assert name in line
    return line


def assert_ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def test_the_command_is_installed():
    assert SECON.is_file(), f"{SECON} is missing: install the package with `pip install -e .`"


# --- wrong configuration: one line, naming the variable -------------------------------------------------

UNREACHABLE_DATABASE = "postgresql://postgres@127.0.0.1:1/secon"

BAD_CONFIGURATIONS = {
    "database-url-garbage": ({"SECON_DATABASE_URL": "garbage"}, "SECON_DATABASE_URL"),
    "database-url-bad-scheme": ({"SECON_DATABASE_URL": "mysql://user@host/db"}, "SECON_DATABASE_URL"),
    "database-url-bad-port": (
        {"SECON_DATABASE_URL": "postgresql://postgres@127.0.0.1:port/x"},
        "SECON_DATABASE_URL",
    ),
    "database-url-port-out-of-range": (
        {"SECON_DATABASE_URL": "postgresql://postgres@127.0.0.1:99999/x"},
        "SECON_DATABASE_URL",
    ),
    "database-url-no-database": (
        {"SECON_DATABASE_URL": "postgresql://postgres@127.0.0.1"},
        "SECON_DATABASE_URL",
    ),
    "database-unreachable": ({"SECON_DATABASE_URL": UNREACHABLE_DATABASE}, "SECON_DATABASE_URL"),
    "production-without-anything": (
        {"SECON_MODE": "production"},
        "SECON_SECRET_KEY",
        "SECON_ALLOWED_HOSTS",
        "SECON_DATABASE_URL",
        "SECON_SITE_URL",
    ),
    "production-without-secret-key": (
        {
            "SECON_MODE": "production",
            "SECON_ALLOWED_HOSTS": "hub.example.org",
            "SECON_DATABASE_URL": UNREACHABLE_DATABASE,
        },
        "SECON_SECRET_KEY",
    ),
    "production-without-hosts": (
        {
            "SECON_MODE": "production",
            "SECON_SECRET_KEY": "k" * 60,
            "SECON_DATABASE_URL": UNREACHABLE_DATABASE,
        },
        "SECON_ALLOWED_HOSTS",
    ),
    "production-without-database": (
        {
            "SECON_MODE": "production",
            "SECON_SECRET_KEY": "k" * 60,
            "SECON_ALLOWED_HOSTS": "hub.example.org",
            "SECON_SITE_URL": "https://hub.example.org",
        },
        "SECON_DATABASE_URL",
    ),
    "production-without-site-url": (
        {
            "SECON_MODE": "production",
            "SECON_SECRET_KEY": "k" * 60,
            "SECON_ALLOWED_HOSTS": "hub.example.org",
            "SECON_DATABASE_URL": UNREACHABLE_DATABASE,
        },
        "SECON_SITE_URL",
    ),
    "site-url-with-path": ({"SECON_SITE_URL": "https://hub.example.org/secon"}, "SECON_SITE_URL"),
    "site-url-not-allowed": (
        {"SECON_SITE_URL": "https://hub.example.org", "SECON_ALLOWED_HOSTS": "other.example.org"},
        "SECON_ALLOWED_HOSTS",
    ),
    "tasks-bad-scheme": ({"SECON_TASKS_URL": "amqp://127.0.0.1"}, "SECON_TASKS_URL"),
    "tasks-keep-days": ({"SECON_TASKS_KEEP_DAYS": "0"}, "SECON_TASKS_KEEP_DAYS"),
    "unknown-mode": ({"SECON_MODE": "staging"}, "SECON_MODE"),
    "debug-not-a-boolean": ({"SECON_DEBUG": "maybe"}, "SECON_DEBUG"),
    "email-bad-scheme": ({"SECON_EMAIL_URL": "sendmail://localhost"}, "SECON_EMAIL_URL"),
    "email-bad-port": ({"SECON_EMAIL_URL": "smtp://mail.example.org:abc"}, "SECON_EMAIL_URL"),
    "cache-bad-scheme": ({"SECON_CACHE_URL": "memcached://127.0.0.1"}, "SECON_CACHE_URL"),
    "cache-relative-file": ({"SECON_CACHE_URL": "file://cache"}, "SECON_CACHE_URL"),
    "time-zone": ({"SECON_TIME_ZONE": "Mars/Olympus"}, "SECON_TIME_ZONE"),
    "page-cache-seconds": ({"SECON_PAGE_CACHE_SECONDS": "a day"}, "SECON_PAGE_CACHE_SECONDS"),
    "from-email": ({"SECON_DEFAULT_FROM_EMAIL": "nobody"}, "SECON_DEFAULT_FROM_EMAIL"),
    "map-tiles": ({"SECON_MAP_TILE_URL": "tiles.example.org"}, "SECON_MAP_TILE_URL"),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGURATIONS))
def test_bad_configuration_ends_with_one_line(case, tmp_path):
    variables, *names = BAD_CONFIGURATIONS[case]
    result = run_secon("check", var_dir=tmp_path, **variables)
    assert result.returncode == 2
    assert_one_line_error(result, *names)


def test_secrets_are_not_printed(tmp_path):
    result = run_secon("check", var_dir=tmp_path, SECON_DATABASE_URL="mysql://hub:topsecret@db/hub")
    line = assert_one_line_error(result, "SECON_DATABASE_URL")
    assert "topsecret" not in line


@pytest.mark.parametrize(
    "command",
    [
        ["migrate"],
        ["demo"],
        ["serve", "--port", "0"],
        ["createadmin", "--email", "a@example.org"],
        ["manage", "migrate"],
    ],
    ids=lambda command: command[0] if command[0] != "manage" else "manage-migrate",
)
def test_unreachable_database_stops_every_command(command, tmp_path):
    if command[0] == "serve":
        command = ["serve", "--port", str(free_port())]
    result = run_secon(*command, var_dir=tmp_path, SECON_DATABASE_URL=UNREACHABLE_DATABASE)
    assert_one_line_error(result, "SECON_DATABASE_URL", "cannot connect" if command[0] != "manage" else "")


def test_unwritable_var_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the folder should be")
    result = run_secon("migrate", var_dir=blocker / "var")
    assert_one_line_error(result, "SECON_VAR_DIR")


def test_unmigrated_database_says_to_migrate(tmp_path):
    for command in ("demo", "createadmin"):
        line = assert_one_line_error(run_secon(command, var_dir=tmp_path), "SECON_DATABASE_URL")
        assert "secon migrate" in line


def test_bad_option_takes_one_line(tmp_path):
    result = run_secon("serve", "--port", "eighty", var_dir=tmp_path)
    assert_one_line_error(result, "--port")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_on_a_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_secon("serve", "--port", str(port), var_dir=tmp_path)
    line = assert_one_line_error(result, "--port", str(port))
    assert "already in use" in line


# --- a working site, on SQLite and on PostgreSQL ----------------------------------------------------------


def postgres_server_url() -> str:
    url = os.environ.get("SECON_TEST_DATABASE_URL", "")
    return url if url.startswith("postgres") else POSTGRES_SERVER_URL


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory):
    """A migrated installation in a temporary SECON_VAR_DIR, on a fresh database of each kind."""
    var_dir = tmp_path_factory.mktemp(f"secon-{request.param}")
    variables = {}
    if request.param == "postgresql":
        psycopg = pytest.importorskip("psycopg")
        from psycopg import sql

        server = postgres_server_url()
        try:
            admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
        except psycopg.OperationalError as error:
            pytest.skip(f"no PostgreSQL server at {server}: {str(error).strip().splitlines()[0]}")
        name = f"secon_cli_{uuid.uuid4().hex[:12]}"
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        variables["SECON_DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    assert_ok(run_secon("migrate", "-v", "0", var_dir=var_dir, **variables))
    yield var_dir, variables
    if request.param == "postgresql":
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def sqlite_only(site) -> None:
    """Skip on PostgreSQL the tests of the command itself, which do not depend on the database."""
    if site[1]:
        pytest.skip("the same on every database; run on SQLite only to keep this file fast")


def test_demo_loads_once_with_progress_then_does_nothing(site):
    var_dir, variables = site
    first = assert_ok(run_secon("demo", "--if-missing", var_dir=var_dir, **variables))
    steps = re.findall(r"^\[[#.]+\] (\d+)/(\d+) ", first, flags=re.MULTILINE)
    assert len(steps) >= 3
    assert steps[0][0] == "1"
    assert steps[-1][0] == steps[-1][1]
    assert "NUTS" in first.splitlines()[0]
    assert "The SECON demo is loaded." in first
    assert "Content-Type:" not in first, "the demo must not print or send e-mails"
    second = assert_ok(run_secon("demo", "--if-missing", var_dir=var_dir, **variables))
    assert second.strip() == "The SECON demo is already loaded."


def test_unreachable_cache_stops_the_demo(site):
    sqlite_only(site)
    var_dir, variables = site
    result = run_secon("demo", var_dir=var_dir, SECON_CACHE_URL="redis://127.0.0.1:1/0", **variables)
    assert_one_line_error(result, "SECON_CACHE_URL")


def test_check_passes_on_a_migrated_site(site):
    var_dir, variables = site
    output = assert_ok(run_secon("check", var_dir=var_dir, **variables))
    assert "secon check: no errors." in output


def test_migrate_twice_changes_nothing(site):
    var_dir, variables = site
    output = assert_ok(run_secon("migrate", var_dir=var_dir, **variables))
    assert "No migrations to apply" in output


def test_createadmin(site):
    var_dir, variables = site
    email = f"admin-{uuid.uuid4().hex[:6]}@example.org"
    if not variables:  # the checks before any write, once
        check_createadmin_refusals(var_dir, email)
    created = run_secon(
        "createadmin", "--email", email, var_dir=var_dir, SECON_ADMIN_PASSWORD=STRONG_PASSWORD, **variables
    )
    assert f"Administrator {email} created." in assert_ok(created)
    taken = run_secon(
        "createadmin", "--email", email.upper(), "--password", STRONG_PASSWORD, var_dir=var_dir, **variables
    )
    assert "already exists" in assert_one_line_error(taken, "--email")


def check_createadmin_refusals(var_dir: Path, email: str) -> None:
    weak = run_secon("createadmin", "--email", email, "--password", "secon", var_dir=var_dir)
    assert "too short" in assert_one_line_error(weak, "--password")
    common = run_secon("createadmin", "--email", email, var_dir=var_dir, SECON_ADMIN_PASSWORD="password123")
    assert "too common" in assert_one_line_error(common, "SECON_ADMIN_PASSWORD")
    no_password = run_secon("createadmin", "--email", email, var_dir=var_dir)
    assert_one_line_error(no_password, "--password", "SECON_ADMIN_PASSWORD")
    bad_email = run_secon(
        "createadmin",
        "--email",
        "not-an-address",
        "--password",
        STRONG_PASSWORD,
        var_dir=var_dir,
    )
    assert_one_line_error(bad_email, "--email")


def test_check_names_the_app_with_unapplied_migrations(site):
    sqlite_only(site)
    var_dir, variables = site
    assert_ok(run_secon("manage", "migrate", "sessions", "zero", "-v", "0", var_dir=var_dir, **variables))
    try:
        result = run_secon("check", var_dir=var_dir, **variables)
        assert result.returncode == 1
        assert "sessions (1)" in result.stderr
        assert "secon migrate" in result.stderr
        assert result.stderr.splitlines()[-1].startswith("secon: error: check:")
        assert "Traceback" not in result.stderr
    finally:
        assert_ok(run_secon("migrate", "-v", "0", var_dir=var_dir, **variables))


def test_production_check_reports_weak_key_and_debug(site):
    sqlite_only(site)
    var_dir, variables = site
    production = {
        "SECON_MODE": "production",
        "SECON_SECRET_KEY": "too-short",
        "SECON_ALLOWED_HOSTS": "hub.example.org",
        "SECON_SITE_URL": "https://hub.example.org",
        "SECON_DATABASE_URL": variables.get("SECON_DATABASE_URL", f"sqlite:///{var_dir}/secon.sqlite3"),
        "SECON_DEBUG": "true",
    }
    result = run_secon("check", var_dir=var_dir, **production)
    assert result.returncode == 1
    assert "SECON_SECRET_KEY: too weak" in result.stderr
    assert "SECON_DEBUG: must be off" in result.stderr
    assert "Traceback" not in result.stderr


def wait_until_listening(port: int, server: subprocess.Popen) -> None:
    """Wait for the server to accept connections (gunicorn binds right after printing the URL)."""
    while server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server stopped: {server.stderr.read()}")


@contextlib.contextmanager
def kept_static(var_dir: Path):
    """Link the installation's static files to a folder kept between test runs; hold a file lock
    while a server started inside collects them.

    Collecting and compressing the static files takes 16 s of CPU; `serve` skips it when the sources
    have not changed, so the kept folder makes it once per machine and change — and the lock makes
    a second process (pytest-xdist: `tests/test_serve.py`, the two installations) wait for the first
    one's collection instead of collecting the same files into the same folder beside it.
    """
    import fcntl

    kept = Path(tempfile.gettempdir()) / f"secon-test-static-{os.getuid()}"
    kept.mkdir(exist_ok=True)
    if not (var_dir / "static").exists():
        (var_dir / "static").symlink_to(kept, target_is_directory=True)
    with open(kept.with_suffix(".lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def test_serve_prints_the_url_and_serves(site):
    sqlite_only(site)
    var_dir, _variables = site
    port = free_port()
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith(("SECON_", "DJANGO_"))
    }
    environment["SECON_VAR_DIR"] = str(var_dir)
    with kept_static(var_dir):
        server = subprocess.Popen(
            [str(SECON), "serve", "--port", str(port), "--workers", "1"],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first_line = server.stdout.readline()
    try:
        assert first_line.startswith(f"SECON Hub is running on http://127.0.0.1:{port}/"), (
            first_line + server.stderr.read() if server.poll() is not None else first_line
        )
        wait_until_listening(port, server)
        with urlopen(f"http://127.0.0.1:{port}/en/", timeout=30) as response:
            assert response.status == 200
            assert "SECON" in response.read().decode()
        # A second server on the same port is refused with one line.
        result = run_secon("serve", "--port", str(port), var_dir=var_dir)
        assert "already in use" in assert_one_line_error(result, "--port")
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- backup and restore ------------------------------------------------------------------------------------


def archived_records(archive: Path) -> list[dict]:
    with zipfile.ZipFile(archive) as zipped:
        records = json.loads(zipped.read("data.json"))
    return sorted(records, key=lambda record: (record["model"], str(record["pk"])))


@pytest.fixture
def restore_target():
    """An empty PostgreSQL database (so the round trip also crosses databases), else a new SQLite file."""
    psycopg = pytest.importorskip("psycopg")
    from psycopg import sql

    server = postgres_server_url()
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield {}
        return
    name = f"secon_restore_{uuid.uuid4().hex[:12]}"
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {"SECON_DATABASE_URL": urlunsplit(urlsplit(server)._replace(path=f"/{name}"))}
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def test_backup_and_restore_lose_nothing(site, restore_target, tmp_path):
    """Back up the SQLite site, restore it into PostgreSQL: nothing lost, to the microsecond."""
    sqlite_only(site)
    var_dir, variables = site
    assert_ok(run_secon("demo", "--if-missing", var_dir=var_dir, **variables))
    upload = var_dir / "media" / "practices" / "photo.jpg"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(bytes(range(256)) * 40)
    archive = tmp_path / "backup.zip"
    backed_up = assert_ok(run_secon("backup", "--output", str(archive), var_dir=var_dir, **variables))
    assert f"to {archive}" in backed_up
    # Everyone's personal data: the archive and the database are readable by their owner only.
    assert archive.stat().st_mode & 0o777 == 0o600
    assert (var_dir / "secon.sqlite3").stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(archive) as zipped:
        assert {"manifest.json", "data.json", "media/practices/photo.jpg"} <= set(zipped.namelist())

    target = tmp_path / "restored"
    restored = assert_ok(run_secon("restore", str(archive), var_dir=target, **restore_target))
    assert "Restored" in restored
    assert (target / "media" / "practices" / "photo.jpg").read_bytes() == upload.read_bytes()
    # Backing up the restored site gives the same records, to the microsecond.
    second = tmp_path / "second.zip"
    assert_ok(run_secon("backup", "--output", str(second), var_dir=target, **restore_target))
    before, after = archived_records(archive), archived_records(second)
    assert len(after) > 3000
    assert after == before
    assert any(re.search(r"\.\d{6}Z", str(record["fields"])) for record in after)

    # The restored site takes new records (its id sequences follow) and refuses a second restore.
    created = run_secon(
        "createadmin",
        "--email",
        "after-restore@example.org",
        "--password",
        STRONG_PASSWORD,
        var_dir=target,
        **restore_target,
    )
    assert_ok(created)
    again = run_secon("restore", str(archive), var_dir=target, **restore_target)
    assert "empty database" in assert_one_line_error(again, "SECON_DATABASE_URL")


def test_restore_of_something_else(tmp_path):
    not_a_backup = tmp_path / "notes.zip"
    not_a_backup.write_text("not a zip file")
    result = run_secon("restore", str(not_a_backup), var_dir=tmp_path)
    assert_one_line_error(result, "notes.zip")


# --- errors after django.setup(), explained in one line (in-process) --------------------------------------


def test_database_errors_are_explained():
    from django.core.management.base import CommandError
    from django.db.utils import OperationalError, ProgrammingError

    from secon.cli import explain

    assert "run `secon migrate`" in explain(OperationalError("no such table: events_event"))
    assert "run `secon migrate`" in explain(
        ProgrammingError('relation "events_event" does not exist\nLINE 1')
    )
    assert "does not match the code" in explain(OperationalError("no such column: events_session.x"))
    wrapped = CommandError("Unable to serialize database: no such column: events_session.x")
    wrapped.__context__ = OperationalError("no such column: events_session.x")  # as dumpdata raises it
    assert explain(wrapped).startswith("SECON_DATABASE_URL: the database does not match the code")
    assert explain(CommandError("Unknown command")) == "Unknown command"


def test_other_errors_keep_their_traceback():
    from secon.cli import explain

    assert explain(ZeroDivisionError("a bug")) is None
    assert explain(PermissionError(13, "Permission denied", "/somewhere/else")) is None
