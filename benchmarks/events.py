"""Benchmark the event pages and exports, and registration throughput, against the trivial-view ceiling.

What it does, in a throwaway SECON_VAR_DIR (and a throwaway PostgreSQL database with --database-url):

1. migrates and creates one project with two published events of --small (120) and --large (500)
   sessions over four days, with titles and descriptions in en/de/es/el, venues and rooms,
   presenters, visited organisations and sign-up sessions with places;
2. starts ``secon serve`` (gunicorn + whitenoise, DEBUG off), with the page cache and then without
   (``SECON_PAGE_CACHE_SECONDS=0``), and loads: /healthz (the ceiling: no database, same middleware),
   the full agenda page (every session in the HTML), schedule.json, schedule.xml and calendar.ics of
   both events, and session pages (rotating over 40 sessions);
3. measures registration throughput in this process: --threads threads register --registrations
   people at once for one event with a 25-place study visit (the service, with its e-mail built and
   sent to the in-memory backend), then prints registrations/s and p50/p95 latency, and checks that
   exactly 25 got the visit.

Run:  .venv/bin/python benchmarks/events.py
      .venv/bin/python benchmarks/events.py --database-url postgresql://postgres@127.0.0.1:5432/secon_ev_bench
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    Server,
    create_database,
    database_version,
    drop_database,
    get,
    load,
    machine,
    migrate,
    percentile,
    server_env,
    summarise,
)

#: Seconds a request may take before it counts as an error (the large exports are slow to render).
TIMEOUT = 60


LANGUAGES = ("en", "de", "es", "el")


def parse_args(argv=None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=120, help="sessions of the first event (120)")
    parser.add_argument("--large", type=int, default=500, help="sessions of the second event (500)")
    parser.add_argument("--workers", type=int, default=cores, help=f"gunicorn worker processes ({cores})")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument("--clients", type=int, default=max(2, cores * 2), help="load-generating processes")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per page (5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per page (1)")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap per client and page")
    parser.add_argument("--registrations", type=int, default=200, help="people registering at once (200)")
    parser.add_argument(
        "--register-threads",
        type=int,
        default=40,
        help="threads registering them (40; PostgreSQL allows 100 connections)",
    )
    parser.add_argument("--database-url", help="postgresql://…/<new database name> (created and dropped)")
    parser.add_argument("--only", choices=["cached", "uncached"], help="run one of the two server modes")
    parser.add_argument("--skip-pages", action="store_true", help="measure registration throughput only")
    parser.add_argument("--keep", action="store_true", help="keep the var folder and database")
    return parser.parse_args(argv)


def _texts(prefix: str, n: int) -> dict:
    return {
        "en": f"{prefix} {n}: cooperatives and social enterprises in rural areas",
        "de": f"{prefix} {n}: Genossenschaften und Sozialunternehmen im ländlichen Raum",
        "es": f"{prefix} {n}: cooperativas y empresas sociales en zonas rurales",
        "el": f"{prefix} {n}: συνεταιρισμοί και κοινωνικές επιχειρήσεις σε αγροτικές περιοχές",
    }


def generate(*, small: int, large: int, progress) -> dict:
    """Create the project, its two events and their sessions (bulk inserts for the sessions)."""

    from secon.events.models import Session
    from secon.events.services import agenda
    from secon.organisations.models import Organisation, Person
    from secon.projects.services import create_project

    project = create_project(
        actor=None,
        slug="bench",
        acronym="BENCH",
        title={code: f"Benchmark project ({code})" for code in LANGUAGES},
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2029, 12, 31),
        content_languages=list(LANGUAGES),
    )
    organisations = Organisation.objects.bulk_create(
        [Organisation(slug=f"bench-org-{n}", name=f"Cooperative {n}", kind="cooperative") for n in range(40)]
    )
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Speaker",
                last_name=str(n),
                email=f"speaker{n}@example.org",
                organisation=organisations[n],
            )
            for n in range(40)
        ]
    )
    venues = [
        agenda.create_venue(
            actor=None, project=project, name=f"Venue {n}", city="Cáceres", address=f"Street {n}"
        )
        for n in range(8)
    ]
    events = {}
    start = datetime.date.today() + datetime.timedelta(days=60)
    for label, count in (("small", small), ("large", large)):
        event = agenda.create_event(
            actor=None,
            project=project,
            slug=f"event-{count}",
            kind="project_meeting",
            title=_texts("Meeting", count),
            description=_texts("About the meeting", count),
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
            time_zone="Europe/Madrid",
            city="Cáceres",
            status="published",
            capacity=None,
            venues=venues,
        )
        rooms = max(1, -(-count // (4 * 12)))  # 12 half-hour slots a day, four days
        sessions = []
        for n in range(count):
            day, rest = divmod(n, 12 * rooms)
            slot, room = divmod(rest, rooms)
            day %= 4
            starts = agenda.local_datetime(
                event=event, day=start + datetime.timedelta(days=day), time=datetime.time(8 + slot, 0)
            )
            sessions.append(
                Session(
                    project=project,
                    event=event,
                    kind="study_visit" if n % 10 == 0 else "presentation",
                    title=_texts("Session", n),
                    description=_texts("What session is about", n),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(minutes=50),
                    venue=venues[room % len(venues)],
                    room=f"Room {room}",
                    capacity=25 if n % 10 == 0 else None,
                    language="es" if n % 2 else "en",
                )
            )
        sessions = Session.objects.bulk_create(sessions)
        Session.presenters.through.objects.bulk_create(
            [Session.presenters.through(session=s, person=people[i % 40]) for i, s in enumerate(sessions)]
        )
        Session.presenting_organisations.through.objects.bulk_create(
            [
                Session.presenting_organisations.through(session=s, organisation=organisations[i % 40])
                for i, s in enumerate(sessions)
            ]
        )
        Session.visited_organisations.through.objects.bulk_create(
            [
                Session.visited_organisations.through(session=s, organisation=organisations[(i + 1) % 40])
                for i, s in enumerate(sessions)
                if s.capacity
            ]
        )
        events[label] = {"slug": event.slug, "sessions": [s.pk for s in sessions]}
        progress(f"event with {count} sessions ready")
    return {"project": project.slug, "events": events}


def pages(sample: dict) -> list[tuple[str, list[str]]]:
    base = f"/{{lang}}/{sample['project']}/events/"
    rows = [("/healthz (ceiling)", ["/healthz"])]
    for label in ("small", "large"):
        event = sample["events"][label]
        count = len(event["sessions"])
        paths = [base.format(lang=lang) + event["slug"] + "/" for lang in LANGUAGES]
        rows.append((f"agenda page, {count} sessions (4 langs)", paths))
        rows.append((f"schedule.json, {count} sessions", [paths[0] + "schedule.json"]))
        rows.append((f"schedule.xml, {count} sessions", [paths[0] + "schedule.xml"]))
        rows.append((f"calendar.ics, {count} sessions", [paths[0] + "calendar.ics"]))
    small = sample["events"]["small"]
    rows.append(
        (
            "session page (40 sessions)",
            [
                f"/en/{sample['project']}/events/{small['slug']}/sessions/{pk}/"
                for pk in small["sessions"][:40]
            ],
        )
    )
    return rows


def run_mode(name: str, env: dict, options, sample, results: list) -> None:
    print(f"\n== {name}: starting the server", flush=True)
    server_context = Server(env=env, workers=options.workers, threads=options.threads, wait=120, poll=0.3)
    pool_context = ProcessPoolExecutor(max_workers=options.clients, mp_context=get_context("fork"))
    with server_context as server, pool_context as pool:
        ceiling = None
        for label, paths in pages(sample):
            for path in paths:
                status, _body, _headers = get(server.port, path, timeout=TIMEOUT)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
            kwargs = {"clients": options.clients, "max_requests": options.max_requests, "timeout": TIMEOUT}
            load(pool, server.port, paths, seconds=options.warmup, **kwargs)
            figures = summarise([load(pool, server.port, paths, seconds=options.seconds, **kwargs)])
            ceiling = ceiling or figures["rps"]
            figures.update(page=label, mode=name, ratio=figures["rps"] / ceiling if ceiling else 0)
            results.append(figures)
            print(
                f"   {label:<40} {figures['rps']:8.0f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
                f"p95 {figures['p95_ms']:7.1f} ms  {figures['ratio']:5.0%}  "
                f"{figures['kb_per_response']:7.1f} KiB",
                flush=True,
            )


def registration_throughput(options) -> dict:
    """Register --registrations people at once, --register-threads at a time, for a 25-place visit."""
    from django.db import connection

    from secon.events.models import Signup
    from secon.events.services import agenda, registrations
    from secon.projects.models import Project
    from secon.projects.tenancy import scopes_disabled

    project = Project.objects.get(slug="bench")
    start = datetime.date.today() + datetime.timedelta(days=90)
    event = agenda.create_event(
        actor=None,
        project=project,
        slug="registration-bench",
        kind="project_meeting",
        title={"en": "Registration benchmark"},
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        time_zone="Europe/Madrid",
        status="published",
        capacity=None,
    )
    visit = agenda.add_session(
        actor=None,
        event=event,
        kind="study_visit",
        title={"en": "Study visit"},
        starts_at=agenda.local_datetime(event=event, day=start, time=datetime.time(9)),
        ends_at=agenda.local_datetime(event=event, day=start, time=datetime.time(13)),
        capacity=25,
    )
    connection.close()
    gate = threading.BoundedSemaphore(options.register_threads)
    barrier = threading.Barrier(options.registrations)
    latencies, errors = [], []

    def register(n: int) -> None:
        barrier.wait()
        with gate, scopes_disabled():  # (each thread has its own scope state)
            began = time.perf_counter()
            try:
                registrations.register_participant(
                    event=event,
                    first_name="Bench",
                    last_name=str(n),
                    email=f"bench{n}@example.org",
                    language=LANGUAGES[n % 4],
                    consents={"terms": True},
                    sessions=[visit],
                )
                latencies.append(time.perf_counter() - began)
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(options.registrations)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    confirmed = Signup.objects.filter(session=visit, status="confirmed").count()
    waiting = Signup.objects.filter(session=visit, status="waiting").count()
    return {
        "registrations": len(latencies),
        "per_second": len(latencies) / elapsed if elapsed else 0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0,
        "errors": errors[:3],
        "error_count": len(errors),
        "confirmed": confirmed,
        "waiting": waiting,
    }


def main(argv=None) -> None:
    options = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="secon-ev-bench-"))
    env = server_env(var_dir, database_url=options.database_url, SECON_EMAIL_URL="memory:")
    created = False
    try:
        if options.database_url:
            create_database(options.database_url)
            created = True
        progress = migrate(env, database_url=options.database_url, var_dir=var_dir)
        from django.db import connections

        from secon.projects.tenancy import scopes_disabled

        with scopes_disabled():  # the generator acts for the installation, like a command
            sample = generate(small=options.small, large=options.large, progress=progress)
        info = machine(
            workers=options.workers,
            threads=options.threads,
            clients=options.clients,
            database=database_version(options.database_url),
        )
        connections.close_all()
        results: list[dict] = []
        if not options.skip_pages:
            if options.only != "uncached":
                run_mode("cached", dict(env), options, sample, results)
            if options.only != "cached":
                run_mode("uncached", {**env, "SECON_PAGE_CACHE_SECONDS": "0"}, options, sample, results)
        progress("registration throughput")
        with scopes_disabled():
            registration = registration_throughput(options)

        print("\nMachine")
        for key, value in info.items():
            print(f"  {key:<13} {value}")
        print(f"  load now      {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        if results:
            header = (
                f"| {'page':<40} | {'mode':<8} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} "
                f"| {'of ceiling':>10} | {'KiB':>7} | {'errors':>6} |"
            )
            print("\n" + header)
            print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
            for row in results:
                print(
                    f"| {row['page']:<40} | {row['mode']:<8} | {row['rps']:7.0f} | {row['p50_ms']:7.1f} | "
                    f"{row['p95_ms']:7.1f} | {row['ratio']:10.0%} | {row['kb_per_response']:7.1f} "
                    f"| {row['errors']:6d} |"
                )
        print(
            f"\nRegistration: {registration['registrations']} registered at once "
            f"({options.register_threads} at a time) for a 25-place visit: "
            f"{registration['per_second']:.0f} registrations/s, p50 {registration['p50_ms']:.1f} ms, "
            f"p95 {registration['p95_ms']:.1f} ms; {registration['confirmed']} confirmed, "
            f"{registration['waiting']} waiting, "
            f"{registration['error_count']} errors {registration['errors']}"
        )
    finally:
        if created and not options.keep:
            from django.db import connections

            connections.close_all()
            drop_database(options.database_url)
        if options.keep:
            print(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
