"""Benchmark the good practices through the API: list and search /api/v1/practices/ at 100,000 practices.

What it does, in a throwaway SECON_VAR_DIR (or --var-dir, reused; with --database-url, PostgreSQL):

1. generates the data of ``practices_search.py`` (--practices practices, default 100,000, in five
   languages over 200 regions; 90 % published) unless the var dir holds it already;
2. creates a token with *good practices – read* for an administrator;
3. sends --requests GET requests per kind through Django's whole request path in-process
   (middleware, token authentication, throttle, the library's search, serialization, ETag) with
   the token: the first page of the list, a search word, a word with filters, ``?lang=es``,
   ``?expand=region,organisation``, 200 per page, a later page, and ``updated_since`` (the
   database's changes order instead of the ranked search);
4. prints requests/s (one client: the API's own cost, without network) and p50/p95 per kind, and
   the server's CPU time per request (``time.process_time``: what a loaded machine changes least)
   and the number of queries of the kind's last request.

Run:  .venv/bin/python benchmarks/api_practices.py [--practices 100000] [--var-dir /tmp/api-bench]
To find where one kind's time goes: ``--only "200 per page" --profile`` runs that kind alone under
cProfile (the 25 functions of most own time, then of most cumulative time), prints the SQL of its
last request with each query's time, and, for its five slowest requests, the time spent in the
garbage collector and in the database.
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import os
import platform
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import practices_search

#: kind → query strings (one is drawn per request)
REQUESTS = {
    "list, first page": ["/api/v1/practices/"],
    "search a word": ["/api/v1/practices/?q=social", "/api/v1/practices/?q=cooperativas"],
    "word + filters": [
        "/api/v1/practices/?q=training&theme=social",
        "/api/v1/practices/?q=energy&theme=greener&country=ES",
    ],
    "?lang=es": ["/api/v1/practices/?q=rural&lang=es"],
    "?expand=": ["/api/v1/practices/?q=energy&expand=region,organisation"],
    "200 per page": ["/api/v1/practices/?page_size=200"],
    "later page": ["/api/v1/practices/?q=social&page=3", "/api/v1/practices/?page=10"],
    "updated_since": ["/api/v1/practices/?updated_since=2020-01-01T00:00:00Z"],
}


def _stats(times: list[float]) -> tuple[float, float, float]:
    """Requests per second (one client, back to back), p50 and p95 of ``times`` (ms)."""
    import statistics

    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return len(ordered) / (sum(ordered) / 1000), statistics.median(ordered), p95


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--requests", type=int, default=40, help="requests per kind (40)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (created and dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--var-dir", default="", help="use (and keep) this SECON_VAR_DIR; reuse its data")
    parser.add_argument("--only", default="", help="only the request kinds whose name holds this")
    parser.add_argument("--profile", action="store_true", help="cProfile, SQL, GC and database time")
    return parser.parse_args(argv)


def _token() -> str:
    import datetime

    from django.utils import timezone

    from secon.accounts.models import User
    from secon.api.services.tokens import create_token

    user = User.objects.filter(email="bench-api@example.org").first()
    if user is None:
        user = User.objects.create_user(email="bench-api@example.org", password=None, is_superuser=True)
    return create_token(
        actor=user,
        name="benchmark",
        kind="integration",
        scopes=["practices:read"],
        expires_on=timezone.localdate() + datetime.timedelta(days=1),
        project=None,
        partner=None,
    ).key


class _Pauses:
    """The garbage collector's time (ms) while it is on, from ``gc.callbacks``."""

    def __init__(self):
        import gc

        self.total, self.started, self.gc = 0.0, None, gc

    def __call__(self, phase, info):
        import time

        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.total += (time.perf_counter() - self.started) * 1000
            self.started = None

    def __enter__(self):
        self.gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        self.gc.callbacks.remove(self)


def _report_profile(profile, slowest, queries) -> None:
    import io
    import pstats

    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(25)
        print(f"\n--- cProfile, by {order} ---")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    print("\n--- the SQL of the last request (ms, statement) ---")
    for query in queries:
        print(f"{float(query['time']) * 1000:8.1f}  {query['sql'][:300]}")
    print("\n--- the five slowest requests: wall, CPU, garbage collector, database (ms) ---")
    for wall, cpu, collector, database in sorted(slowest, reverse=True)[:5]:
        print(f"wall {wall:7.1f}  CPU {cpu:7.1f}  GC {collector:7.1f}  database {database:7.1f}")


def run(args) -> list[tuple]:
    import cProfile
    import statistics
    import time

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.API_RATE = "1000000/minute"
    client = Client(HTTP_AUTHORIZATION=f"Bearer {_token()}", HTTP_HOST="127.0.0.1")
    rng = random.Random(args.seed)
    rows, every, every_cpu = [], [], []
    profile = cProfile.Profile() if args.profile else None
    slowest = []
    for kind, paths in REQUESTS.items():
        if args.only not in kind:
            continue
        for path in paths:  # warm-up
            assert client.get(path).status_code == 200, path
        times, cpu = [], []
        for _ in range(args.requests):
            path = rng.choice(paths)
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries, _Pauses() as pauses:
                if profile:
                    profile.enable()
                response = client.get(path)
                if profile:
                    profile.disable()
            cpu.append((time.process_time() - started_cpu) * 1000)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            database = sum(float(query["time"]) for query in queries.captured_queries) * 1000
            slowest.append((times[-1], cpu[-1], pauses.total, database))
        every += times
        every_cpu += cpu
        cpu_p95 = _stats(cpu)[2]
        rows.append((kind, len(times), *_stats(times), statistics.median(cpu), cpu_p95, len(queries)))
    cpu_p95 = _stats(every_cpu)[2]
    rows.append(("all", len(every), *_stats(every), statistics.median(every_cpu), cpu_p95, ""))
    if profile:
        _report_profile(profile, slowest, queries.captured_queries)
    return rows


def main(argv=None) -> None:
    args = parse_args(argv)
    var_dir = practices_search.setup_django(args)
    from django.db import connection

    from secon.projects.models import Project

    print(
        f"SECON Hub API benchmark: /api/v1/practices/ — {connection.vendor}, {args.practices:,} practices, "
        f"{args.regions} regions"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the start"
    )
    try:
        if not Project.objects.filter(slug="bench").exists():
            practices_search.generate(args)
        rows = run(args)
        print()
        print(
            f"{'request kind':<18} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'CPU p50':>8} {'CPU p95':>8} {'queries':>8}"
        )
        for kind, calls, rate, p50, p95, cpu50, cpu95, queries in rows:
            print(
                f"{kind:<18} {calls:>8} {rate:>8.1f} {p50:>8.1f} {p95:>8.1f} {cpu50:>8.1f} {cpu95:>8.1f} "
                f"{queries:>8}"
            )
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        if args.database_url and not args.keep and not args.var_dir:
            from django.db import connections

            connections.close_all()
            practices_search.harness.drop_database(args.database_url)
        if not args.var_dir:
            import shutil

            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
