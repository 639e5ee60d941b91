"""Measure the server CPU of the four requests a person makes to register, in this process.

The burst of ``registrations.py`` (200 people at once through ``secon serve``) is bounded by the
CPU each request costs: on 2 cores, 800 requests of c ms each take 800 × c / 2 ms however they are
scheduled. This script builds the same event (one project, a 25-place study visit) in a throwaway
SECON_VAR_DIR and walks --people people through the same steps with Django's test client (the whole
middleware stack, CSRF checked, the real database and task queue; no worker runs; all register, then
all confirm, as in the burst), timing ``time.process_time()`` around each request (and the closing of
the database connection the server does after each) and counting its SQL queries, and the CPU and
queries spent holding the registration lock (SQLite: the whole transaction, its BEGIN IMMEDIATE takes
the database's write lock; PostgreSQL: from the event row's SELECT … FOR UPDATE to the COMMIT), for
which the burst's confirmations queue one after another:

1. GET the registration form;  2. POST it (the registration is held, one e-mail task queued);
3. GET the confirmation page of the e-mailed link;  4. POST its button (the registration is made).

Run:  .venv/bin/python benchmarks/registration_cpu.py
      .venv/bin/python benchmarks/registration_cpu.py --database-url postgresql://postgres@127.0.0.1:5432/secon_regcpu
      .venv/bin/python benchmarks/registration_cpu.py --profile "form POST" --sort tottime
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import create_database, drop_database, migrate, server_env
from registrations import LANGUAGES, create_event

STEPS = ("form GET", "form POST", "confirmation GET", "confirmation POST")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=60, help="people registering, one after another (60)")
    parser.add_argument("--profile", choices=STEPS, help="profile this step (cProfile, CPU time) instead")
    parser.add_argument("--sort", default="cumulative", help="order of the profile (cumulative, tottime)")
    parser.add_argument("--lines", type=int, default=70, help="lines of the profile shown (70)")
    parser.add_argument("--database-url", help="a new PostgreSQL database to create (dropped after)")
    parser.add_argument("--template", help="PostgreSQL: copy this migrated, empty database")
    parser.add_argument("--var-dir", type=Path, help="reuse (or create and keep) this var folder (SQLite)")
    return parser.parse_args(argv)


def people(client, numbers, path: str, visit_id: int, timer) -> None:
    """Each person registers (steps 1 and 2), then each confirms (3 and 4), as in the burst."""
    links = [register(client, n, path, visit_id, timer) for n in numbers]
    for link in links:
        confirm(client, link, timer)


def register(client, n: int, path: str, visit_id: int, timer) -> str:
    """GET and POST the form; return the e-mailed link's path."""
    from secon.events.holds import HeldRegistration

    client.cookies.clear()  # a new browser (one client: its handler loads the middleware once)
    address = f"cpu{n}-{time.time_ns()}@example.org"
    page = timer("form GET", lambda: client.get(path))
    token = CSRF.search(page.content.decode()).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "first_name": "Bench",
        "last_name": f"Person {n}",
        "email": address,
        "language": LANGUAGES[n % 4],
        "sessions": str(visit_id),
        "consent_terms": "on",
    }
    answer = timer("form POST", lambda: client.post(path, fields))
    assert answer.status_code == 302, (answer.status_code, answer.content[:2000])
    key = HeldRegistration.objects.get(email=address).key
    return f"{path}confirm/{key}/"


def confirm(client, link: str, timer) -> None:
    """GET the confirmation page and POST its button."""
    client.cookies.clear()
    page = timer("confirmation GET", lambda: client.get(link))
    token = CSRF.search(page.content.decode()).group(1)
    answer = timer("confirmation POST", lambda: client.post(link, {"csrfmiddlewaretoken": token}))
    assert answer.status_code == 302, (answer.status_code, answer.content[:2000])


def main(argv=None) -> None:
    options = parse_args(argv)
    var_dir = options.var_dir or Path(tempfile.mkdtemp(prefix="secon-reg-cpu-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(var_dir, database_url=options.database_url, SECON_EMAIL_URL="memory:")
    created = False
    try:
        if options.database_url:
            create_database(options.database_url, template=options.template)
            created = True
        migrate(env, database_url=options.database_url, var_dir=var_dir)
        from django.conf import settings
        from django.core.management import call_command

        from secon.projects.tenancy import scopes_disabled

        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        unscoped = scopes_disabled()  # this script acts for the installation, like a command
        unscoped.__enter__()
        from secon.events.models import Session

        visit = Session.objects.filter(event__slug="registration-bench").select_related("event").first()
        event, visit = (visit.event, visit) if visit else create_event()
        path = f"/en/{event.project.slug}/events/{event.slug}/register/"
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        spent: dict[str, list[float]] = {step: [] for step in STEPS}

        from django.db import close_old_connections, connection

        queries: dict[str, list[int]] = {step: [] for step in STEPS}
        # Inside the lock: on SQLite the whole transaction (BEGIN IMMEDIATE takes the write lock); on
        # PostgreSQL from the event row's SELECT … FOR UPDATE to the COMMIT. CPU ms and queries.
        locked_ms: dict[str, list[float]] = {step: [] for step in STEPS}
        locked_queries: dict[str, list[int]] = {step: [] for step in STEPS}
        counted = [0]
        lock = {"since": None, "queries": 0, "ms": 0.0}
        postgres = bool(options.database_url)

        shown = []

        def count(execute, sql, params, many, context):
            counted[0] += 1
            if lock["since"] is None and (
                (postgres and sql.startswith('SELECT "events_event"') and "FOR UPDATE" in sql)
                or (not postgres and sql.startswith("BEGIN"))
            ):
                lock["since"] = time.process_time()
            if lock["since"] is not None:
                lock["queries"] += 1
            if os.environ.get("SHOW_SQL") == current[0]:
                shown.append(("[locked] " if lock["since"] is not None else "") + sql[:160])
            return execute(sql, params, many, context)

        def released(end):
            def wrapped():
                try:
                    return end()
                finally:
                    if lock["since"] is not None:
                        lock["ms"] += (time.process_time() - lock["since"]) * 1000
                        lock["since"] = None

            return wrapped

        connection.commit = released(connection.commit)
        connection.rollback = released(connection.rollback)

        current = [""]

        def timed(step, call):
            counted[0] = 0
            lock.update(since=None, queries=0, ms=0.0)
            current[0] = step
            shown.clear()
            began = time.process_time()
            with connection.execute_wrapper(count):
                response = call()
            close_old_connections()  # as the server does after each request (the test client does not)
            spent[step].append((time.process_time() - began) * 1000)
            queries[step].append(counted[0])
            locked_ms[step].append(lock["ms"])
            locked_queries[step].append(lock["queries"])
            return response

        # warm-up: imports, templates, first queries
        people(client, range(10_000, 10_003), path, visit.pk, lambda step, call: call())
        if options.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile(time.process_time)  # CPU time: the machine's load does not count

            def profiled(step, call):
                if step != options.profile:
                    return call()
                return profiler.runcall(call)

            people(client, range(options.people), path, visit.pk, profiled)
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats(options.sort).print_stats(options.lines)
            return
        before = os.getloadavg()
        people(client, range(options.people), path, visit.pk, timed)
        after = os.getloadavg()
        for sql in shown:  # SHOW_SQL="confirmation POST": the last one's queries
            print(sql)
        database = "PostgreSQL" if options.database_url else "SQLite"
        print(
            f"\n{database}, {options.people} people one after another; load average "
            f"{before[0]:.2f} before, {after[0]:.2f} after"
        )
        print(
            f"| {'request':<18} | {'median CPU ms':>13} | {'p90 CPU ms':>10} | {'SQL queries':>11} "
            f"| {'locked CPU ms':>13} | {'locked queries':>14} |"
        )
        print("|" + "|".join("-" * width for width in (20, 15, 12, 13, 15, 16)) + "|")
        for step in STEPS:
            values = sorted(spent[step])
            print(
                f"| {step:<18} | {statistics.median(values):13.1f} | {values[int(len(values) * 0.9)]:10.1f} "
                f"| {statistics.median(queries[step]):11.0f} | {statistics.median(locked_ms[step]):13.1f} "
                f"| {statistics.median(locked_queries[step]):14.0f} |"
            )
        total = sum(statistics.median(spent[step]) for step in STEPS)
        total_queries = sum(statistics.median(queries[step]) for step in STEPS)
        print(
            f"| {'a person, all four':<18} | {total:13.1f} | {'':>10} | {total_queries:11.0f} "
            f"| {'':>13} | {'':>14} |"
        )
    finally:
        if not options.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)
        if created:
            drop_database(options.database_url)


if __name__ == "__main__":
    main()
