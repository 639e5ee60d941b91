"""Measure the server CPU one uncached request costs, in this process, per event page and export.

Throughput figures move with whatever else runs on the machine; the CPU time a request costs hardly
does. This script builds the 120-session event of ``events.py`` (4 languages, presenters, visited
organisations, sign-up sessions) in a throwaway SECON_VAR_DIR, turns the page cache off
(``SECON_PAGE_CACHE_SECONDS=0``) and requests each address through Django's test client (the whole
middleware stack, the real database), timing ``time.process_time()`` around each request. For the
agenda it reports two figures:

- ``cold``: the session-row fragments are thrown away before every request (the first render after a
  change to every session: an import, a moved day);
- ``warm``: the fragments of the unchanged sessions are reused (every render after a change to one
  session, a registration or a setting of the event).

Run:  .venv/bin/python benchmarks/render_cpu.py                 (about a minute)
      .venv/bin/python benchmarks/render_cpu.py --repeats 40 --profile agenda
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import migrate, server_env


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=120, help="sessions of the event (120)")
    parser.add_argument("--repeats", type=int, default=20, help="requests per address (20)")
    parser.add_argument("--profile", help="profile this address label with pyinstrument instead")
    parser.add_argument(
        "--cprofile",
        help="count the Python calls per request of this address label with cProfile (load-independent)",
    )
    parser.add_argument("--only", help="measure only these address labels (comma-separated)")
    parser.add_argument("--save", type=Path, help="also write each address's response into this folder")
    parser.add_argument("--var-dir", type=Path, help="reuse (or create and keep) this var folder")
    parser.add_argument("--keep", action="store_true", help="keep the var folder")
    parser.add_argument(
        "--cached",
        action="store_true",
        help="page cache on: the CPU of a cache hit (and of /healthz, the trivial view) instead",
    )
    return parser.parse_args(argv)


def addresses(sample: dict) -> list[tuple[str, list[str]]]:
    event = sample["events"]["small"]
    base = f"/{{lang}}/{sample['project']}/events/{event['slug']}/"
    return [
        ("agenda", [base.format(lang=lang) for lang in ("en", "de", "es", "el")]),
        ("schedule.json", [base.format(lang="en") + "schedule.json"]),
        ("schedule.xml", [base.format(lang="en") + "schedule.xml"]),
        ("calendar.ics", [base.format(lang="en") + "calendar.ics"]),
        ("session page", [base.format(lang="en") + f"sessions/{pk}/" for pk in event["sessions"][:40]]),
    ]


def measure(client, paths: list[str], repeats: int, before=None) -> list[float]:
    """Return the CPU milliseconds of each request (after one warm-up round over the paths)."""
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    spent = []
    for n in range(repeats):
        path = paths[n % len(paths)]
        if before:
            before()
        began = time.process_time()
        response = client.get(path)
        response.content  # noqa: B018 - a streamed body is produced here
        spent.append((time.process_time() - began) * 1000)
    return spent


def cprofile(client, paths: list[str], repeats: int) -> None:
    """Print the Python calls per request over ``repeats`` requests and the functions that cost most."""
    import cProfile
    import pstats

    measure(client, paths, 1)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    measure(client, paths, repeats)
    profiler.disable()
    stats = pstats.Stats(profiler)
    requests = repeats + len(paths)  # measure() goes over the paths once before its repeats
    print(f"Python calls per request: {stats.total_calls / requests:,.0f}")
    stats.sort_stats("cumulative").print_stats(int(os.environ.get("TOP", "60")))


def save(client, sample: dict, folder: Path) -> None:
    """Write the responses (and the agenda with a viewer's time zone) to compare two versions."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [path for _label, group in addresses(sample) for path in group[:4]]
    paths.append(paths[0] + "?tz=America/New_York")
    for n, path in enumerate(paths):
        (folder / f"{n:02d}.out").write_bytes(path.encode() + b"\n" + client.get(path).content)


def main(argv=None) -> None:
    options = parse_args(argv)
    var_dir = options.var_dir or Path(tempfile.mkdtemp(prefix="secon-render-cpu-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    stored = var_dir / "render-cpu-sample.json"
    env = server_env(
        var_dir,
        database_url=None,
        SECON_EMAIL_URL="memory:",
        SECON_PAGE_CACHE_SECONDS="300" if options.cached else "0",
    )
    try:
        progress = migrate(env, database_url=None, var_dir=var_dir)
        from events import generate

        from django.core.management import call_command

        from secon.projects.tenancy import scopes_disabled

        if stored.exists():
            sample = json.loads(stored.read_text())
        else:
            call_command("collectstatic", interactive=False, verbosity=0)
            with scopes_disabled():
                sample = generate(small=options.sessions, large=0, progress=progress)
            stored.write_text(json.dumps(sample))
        from django.conf import settings
        from django.core.cache import caches
        from django.test import Client

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        from secon.events import rows

        def forget_fragments():
            caches[rows.CACHE_ALIAS].clear()

        if options.save:
            save(client, sample, options.save)
        if options.cprofile:
            cprofile(client, dict(addresses(sample))[options.cprofile], options.repeats)
            return
        if options.profile:
            from pyinstrument import Profiler

            paths = dict([("/healthz", ["/healthz"]), *addresses(sample)])[options.profile]
            measure(client, paths, 1)
            with Profiler(interval=0.0005) as profiler:
                measure(client, paths, options.repeats)
            print(profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("SHOW_ALL"))))
            return
        print(f"\nload average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        print(f"| {'address':<22} | {'median CPU ms':>13} | {'min–max':>13} |")
        print("|" + "-" * 24 + "|" + "-" * 15 + "|" + "-" * 15 + "|")
        groups = addresses(sample)
        if options.only:
            groups = [(label, paths) for label, paths in groups if label in options.only.split(",")]
        if options.cached:
            groups = [("/healthz", ["/healthz"]), *groups]
        for label, paths in groups:
            runs = {label: measure(client, paths, options.repeats)}
            if label == "agenda" and not options.cached:
                runs = {
                    "agenda, cold fragments": measure(
                        client, paths, options.repeats, before=forget_fragments
                    ),
                    "agenda, warm fragments": runs[label],
                }
            for name, spent in runs.items():
                print(
                    f"| {name:<22} | {statistics.median(spent):13.1f} | "
                    f"{min(spent):6.1f}–{max(spent):6.1f} |",
                    flush=True,
                )
        print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    finally:
        if options.keep or options.var_dir:
            print(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
