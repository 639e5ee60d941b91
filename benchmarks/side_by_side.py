"""Benchmark SECON Hub side by side with its peer, pretalx, on the same event and the same machine.

What it does:

1. sets up the peer once: pretalx (``--pretalx``, from PyPI) and the same gunicorn as ours in a
   virtual environment of its own (``--peer-venv``; reused by later runs), its static files
   collected; then, in a throwaway data folder, migrates it and builds the event through pretalx's
   own ORM and workflow (``peer_pretalx.py``: talks submitted, accepted, confirmed, placed in rooms
   and released as schedule 1.0);
2. builds the same event in SECON Hub through its services, in a throwaway SECON_VAR_DIR: --days
   days × --rooms rooms × --slots sessions per room and day (4 × 6 × 5 = 120 sessions), the same
   titles, texts, speakers, rooms, times and time zone, in English;
3. starts three servers with the same gunicorn settings (gthread, --workers × --threads): pretalx
   (SQLite, no cache server: its default install), SECON Hub with its page cache, and SECON Hub
   without it (``SECON_PAGE_CACHE_SECONDS=0``);
4. loads each pair of equivalent addresses — the schedule grid with every session in the HTML,
   schedule.json, the frab XML, iCal, a session page (40 rotating) — on the three servers in turn,
   interleaved, --repeats times, with the same keep-alive load generator and the same headers,
   and the trivial view ``/healthz`` as SECON's ceiling;
5. prints, per address and server, the median req/s (min–max over the repeats), p50/p95 latency,
   the server CPU per request (from /proc, the server's process group), bytes per response, and the
   ratio to the peer.

Run:  .venv/bin/python benchmarks/side_by_side.py              (first run: installs pretalx, ~3 min)
      .venv/bin/python benchmarks/side_by_side.py --repeats 5 --seconds 8
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import HOST, Server, free_port, get, load, machine, migrate, server_env, summarise

HERE = Path(__file__).resolve().parent
TIME_ZONE = "Europe/Madrid"
SLUG = "bench"
TIMEOUT = 60


def parse_args(argv=None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pretalx", default="2025.2.2", help="pretalx version from PyPI (2025.2.2)")
    parser.add_argument(
        "--peer-venv",
        type=Path,
        default=Path.home() / ".cache" / "secon-benchmarks",
        help="folder for the peer's virtual environment (~/.cache/secon-benchmarks/pretalx-<version>)",
    )
    parser.add_argument("--days", type=int, default=4, help="days of the event (4)")
    parser.add_argument("--rooms", type=int, default=6, help="rooms (6)")
    parser.add_argument("--slots", type=int, default=5, help="sessions per room and day (5)")
    parser.add_argument("--workers", type=int, default=cores, help=f"gunicorn workers per server ({cores})")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument("--clients", type=int, default=max(2, cores * 2), help="load-generating processes")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per address (5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per address (1)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved repetitions (3)")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway data folders")
    return parser.parse_args(argv)


# --- The event, described once for both systems -----------------------------------------------


def shape(options) -> dict:
    """Describe the event both systems build: days × rooms × slots sessions of 50 minutes."""
    start = datetime.date.today() + datetime.timedelta(days=60)
    sessions = []
    for day in range(options.days):
        for slot in range(options.slots):
            for room in range(options.rooms):
                n = len(sessions)
                starts = datetime.datetime.combine(
                    start + datetime.timedelta(days=day), datetime.time(9 + slot, 0)
                )
                sessions.append(
                    {
                        "title": f"Session {n}: cooperatives and social enterprises in rural areas",
                        "abstract": f"Session {n} in short: what rural cooperatives learned.",
                        "description": f"What session {n} is about: cooperatives and social "
                        "enterprises in rural areas, their members, their markets and their regions.",
                        "speaker": n % 40,
                        "room": room,
                        "starts": starts.isoformat(),
                    }
                )
    return {
        "slug": SLUG,
        "title": "Benchmark meeting",
        "start": start.isoformat(),
        "days": options.days,
        "time_zone": TIME_ZONE,
        "minutes": 50,
        "rooms": options.rooms,
        "speakers": 40,
        "biography": "Works with cooperatives in a rural region.",
        "sessions": sessions,
    }


# --- The peer: pretalx in its own virtual environment -----------------------------------------


def peer_python(options, progress) -> Path:
    """Return the Python of pretalx's virtual environment, creating and filling it the first time."""
    venv = options.peer_venv / f"pretalx-{options.pretalx}"
    python = venv / "bin" / "python"
    if (venv / ".ready").exists():
        return python
    progress(f"installing pretalx {options.pretalx} into {venv} (once)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    import gunicorn

    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, f"pretalx=={options.pretalx}", f"gunicorn=={gunicorn.__version__}"], check=True)
    # Static files as pretalx's `rebuild` collects them (without its schedule editor, built with
    # npm, which no public page loads). The manifest is needed by every page.
    with tempfile.TemporaryDirectory() as data:
        env = peer_env(Path(data), port=0)
        subprocess.run(
            [str(python), "-m", "pretalx", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
        )
    (venv / ".ready").touch()
    return python


def peer_env(data: Path, *, port: int) -> dict[str, str]:
    """Write pretalx's configuration for a throwaway data folder; return the environment to run it."""
    config = data / "pretalx.cfg"
    config.write_text(
        "[filesystem]\n"
        f"data = {data}\n"
        "[site]\n"
        "debug = False\n"
        f"url = http://{HOST}:{port}\n"
        "[database]\n"
        "backend = sqlite3\n"
        "[mail]\n"
        "from = benchmark@example.org\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECON_", "DJANGO_"))}
    env.update(PRETALX_CONFIG_FILE=str(config), PRETALX_DATA_DIR=str(data))
    return env


def build_peer(python: Path, data: Path, port: int, event: dict, progress) -> dict:
    """Migrate pretalx in ``data`` and build the event there; return its slug and talk codes."""
    env = peer_env(data, port=port)
    progress("pretalx: migrating")
    subprocess.run([str(python), "-m", "pretalx", "migrate", "-v", "0"], env=env, check=True)
    progress("pretalx: building the event through its ORM")
    result = subprocess.run(
        [str(python), str(HERE / "peer_pretalx.py"), json.dumps(event)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- SECON Hub ---------------------------------------------------------------------------------


def build_secon(event: dict, progress) -> dict:
    """Build the event in SECON Hub through its services (bulk inserts for the sessions)."""
    from secon.events.models import Session
    from secon.events.services import agenda
    from secon.organisations.models import Organisation, Person
    from secon.projects.services import create_project

    start = datetime.date.fromisoformat(event["start"])
    project = create_project(
        actor=None,
        slug=SLUG,
        acronym="BENCH",
        title={"en": "Benchmark project"},
        start_date=start - datetime.timedelta(days=365),
        end_date=start + datetime.timedelta(days=365),
        content_languages=["en"],
    )
    organisation = Organisation.objects.create(slug="bench-org", name="Benchmark", kind="cooperative")
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Speaker",
                last_name=str(n),
                email=f"speaker{n}@example.org",
                organisation=organisation,
            )
            for n in range(event["speakers"])
        ]
    )
    venue = agenda.create_venue(
        actor=None,
        project=project,
        name="Congress centre",
        city="Cáceres",
        address="Avenida de la Universidad",
    )
    created = agenda.create_event(
        actor=None,
        project=project,
        slug=event["slug"],
        kind="project_meeting",
        title={"en": event["title"]},
        description={"en": "The benchmark's event."},
        start_date=start,
        end_date=start + datetime.timedelta(days=event["days"] - 1),
        time_zone=event["time_zone"],
        city="Cáceres",
        status="published",
        capacity=None,
        venues=[venue],
    )
    sessions = []
    for row in event["sessions"]:
        starts = datetime.datetime.fromisoformat(row["starts"])
        starts = agenda.local_datetime(event=created, day=starts.date(), time=starts.time())
        sessions.append(
            Session(
                project=project,
                event=created,
                kind="presentation",
                title={"en": row["title"]},
                description={"en": row["description"]},
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=event["minutes"]),
                venue=venue,
                room=f"Room {row['room']}",
                language="en",
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    Session.presenters.through.objects.bulk_create(
        [
            Session.presenters.through(session=session, person=people[row["speaker"]])
            for session, row in zip(sessions, event["sessions"], strict=True)
        ]
    )
    progress(f"SECON Hub: event with {len(sessions)} sessions ready")
    return {"sessions": [session.pk for session in sessions]}


# --- Measuring ---------------------------------------------------------------------------------


def pairs(peer: dict, secon: dict) -> list[tuple[str, list[str], list[str]]]:
    """Return (label, peer paths, SECON paths) for each kind of page, English on both sides."""
    event = f"/en/{SLUG}/events/{SLUG}/"
    return [
        ("schedule grid, every session in the HTML", [f"/{SLUG}/schedule/nojs"], [event]),
        ("schedule.json", [f"/{SLUG}/schedule/export/schedule.json"], [event + "schedule.json"]),
        ("frab XML", [f"/{SLUG}/schedule.xml"], [event + "schedule.xml"]),
        ("iCal", [f"/{SLUG}/schedule.ics"], [event + "calendar.ics"]),
        (
            "session page (40 rotating)",
            [f"/{SLUG}/talk/{code}/" for code in peer["talks"][:40]],
            [f"{event}sessions/{pk}/" for pk in secon["sessions"][:40]],
        ),
    ]


def measure(server: Server, pool, paths: list[str], options) -> dict:
    """Warm up, then load ``paths``; return the figures with the server's CPU ms per request."""
    for path in paths:
        status, _body, _headers = get(server.port, path, timeout=TIMEOUT)
        if status != 200:
            raise SystemExit(f"{path} answered {status} on port {server.port}")
    kwargs = {"clients": options.clients, "max_requests": 1_000_000, "timeout": TIMEOUT}
    load(pool, server.port, paths, seconds=options.warmup, **kwargs)
    cpu = server.cpu_seconds()
    figures = summarise([load(pool, server.port, paths, seconds=options.seconds, **kwargs)])
    figures["cpu_ms"] = (server.cpu_seconds() - cpu) * 1000 / max(1, figures["requests"])
    return figures


def main(argv=None) -> None:
    options = parse_args(argv)
    event = shape(options)
    var_dir = Path(tempfile.mkdtemp(prefix="secon-side-by-side-"))
    peer_data = Path(tempfile.mkdtemp(prefix="pretalx-side-by-side-"))
    env = server_env(var_dir, database_url=None, SECON_EMAIL_URL="memory:")
    try:
        progress = migrate(env, database_url=None, var_dir=var_dir)
        python = peer_python(options, progress)
        peer_port = free_port()
        peer = build_peer(python, peer_data, peer_port, event, progress)
        from secon.projects.tenancy import scopes_disabled

        with scopes_disabled():  # building the event acts for the installation, like a command
            secon = build_secon(event, progress)
        from django.db import connections

        connections.close_all()
        info = machine(
            workers=options.workers,
            threads=options.threads,
            clients=options.clients,
            database="SQLite",
            sqlite=True,
        )
        gunicorn = str(python.with_name("gunicorn"))
        peer_server = Server(
            env=peer_env(peer_data, port=peer_port),
            workers=options.workers,
            threads=options.threads,
            port=peer_port,
            wait=180,
            ready=f"/{SLUG}/schedule.ics",
            command=lambda port: [
                gunicorn,
                "pretalx.wsgi",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(options.workers),
                "--threads",
                str(options.threads),
                "--worker-class",
                "gthread",
                "--no-control-socket",
            ],
        )
        cached = Server(env=dict(env), workers=options.workers, threads=options.threads, wait=180)
        uncached = Server(
            env={**env, "SECON_PAGE_CACHE_SECONDS": "0"},
            workers=options.workers,
            threads=options.threads,
            wait=180,
        )
        servers = {"pretalx": peer_server, "SECON cached": cached, "SECON uncached": uncached}
        rows: dict[tuple[str, str], list[dict]] = {}
        ceilings = []
        pool_context = ProcessPoolExecutor(max_workers=options.clients, mp_context=get_context("fork"))
        with peer_server, cached, uncached, pool_context as pool:
            progress(
                f"three servers up: pretalx :{peer_server.port}, SECON :{cached.port} / :{uncached.port}"
            )
            for repeat in range(options.repeats):
                ceilings.append(measure(cached, pool, ["/healthz"], options)["rps"])
                for label, peer_paths, secon_paths in pairs(peer, secon):
                    for name, server in servers.items():
                        paths = peer_paths if name == "pretalx" else secon_paths
                        figures = measure(server, pool, paths, options)
                        rows.setdefault((label, name), []).append(figures)
                        print(
                            f"   [{repeat + 1}/{options.repeats}] {label:<42} {name:<15} "
                            f"{figures['rps']:8.1f} req/s  cpu {figures['cpu_ms']:6.1f} ms",
                            flush=True,
                        )
        report(options, info, rows, ceilings, event)
    finally:
        if options.keep:
            print(f"kept {var_dir} and {peer_data}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            shutil.rmtree(peer_data, ignore_errors=True)


def report(options, info: dict, rows: dict, ceilings: list[float], event: dict) -> None:
    """Print the machine and one table: medians over the repeats, the range, and the ratio to pretalx."""
    print("\nMachine")
    for key, value in info.items():
        print(f"  {key:<13} {value}")
    print(f"  load now      {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        f"  event         {event['days']} days × {event['rooms']} rooms, {len(event['sessions'])} sessions; "
        f"pretalx {options.pretalx}; {options.repeats} repeats × {options.seconds:g} s, interleaved"
    )
    ceiling = statistics.median(ceilings)
    print(f"  ceiling       /healthz on SECON's server: {ceiling:,.0f} req/s (median)")
    header = (
        f"| {'address':<42} | {'server':<14} | {'req/s (min–max)':>22} | {'p50/p95 ms':>13} "
        f"| {'CPU ms/req':>10} | {'KiB':>6} | {'× pretalx':>9} | {'of ceiling':>10} | {'errors':>6} |"
    )
    print("\n" + header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    labels = list(dict.fromkeys(label for label, _name in rows))
    for label in labels:
        peer_rps = statistics.median(figures["rps"] for figures in rows[(label, "pretalx")])
        for name in ("pretalx", "SECON cached", "SECON uncached"):
            runs = rows[(label, name)]
            rates = [figures["rps"] for figures in runs]
            middle = sorted(runs, key=lambda figures: figures["rps"])[len(runs) // 2]
            rps = statistics.median(rates)
            spread = f"{rps:,.1f} ({min(rates):,.1f}–{max(rates):,.1f})"
            print(
                f"| {label:<42} | {name:<14} | {spread:>22} "
                f"| {middle['p50_ms']:5.1f}/{middle['p95_ms']:6.1f} "
                f"| {statistics.median(f['cpu_ms'] for f in runs):10.1f} | {middle['kb_per_response']:6.1f} "
                f"| {rps / peer_rps if peer_rps else 0:8.1f}× | {rps / ceiling if ceiling else 0:10.0%} "
                f"| {sum(f['errors'] for f in runs):6d} |"
            )


if __name__ == "__main__":
    main()
