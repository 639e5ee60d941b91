"""News pages and feeds benchmark: requests/s of the cached news list, article page, Atom and JSON feeds
of a running site with the SECON demo (``make run``), against its ``/healthz`` ceiling.

    make run PORT=8105 &                     # or any running site with the demo loaded
    .venv/bin/python benchmarks/news_pages.py --port 8105 [--seconds 6] [--clients 4]
"""

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

PAGES = [
    ("ceiling /healthz", ["/healthz"]),
    ("news list", ["/en/secon/news/", "/de/secon/news/", "/es/secon/news/", "/el/secon/news/"]),
    ("article page", ["/en/secon/news/caceres-study-visits/", "/de/secon/news/caceres-study-visits/"]),
    ("Atom feed", ["/en/secon/news/atom.xml", "/de/secon/news/atom.xml"]),
    ("JSON Feed", ["/en/secon/news/feed.json", "/de/secon/news/feed.json"]),
    ("events iCal", ["/en/secon/events/calendar.ics"]),
]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args(argv)
    print(f"{'page':<18} {'req/s':>8} {'of ceiling':>10} {'p50 ms':>8} {'p95 ms':>8} {'cache':>20}")
    ceiling = None
    with ProcessPoolExecutor(args.clients) as pool:
        for name, paths in PAGES:
            harness.load(
                pool, args.port, paths, clients=args.clients, seconds=1, max_requests=10_000
            )  # warm up
            result = harness.summarise(
                [
                    harness.load(
                        pool, args.port, paths, clients=args.clients, seconds=args.seconds, max_requests=10**6
                    )
                ]
            )
            ceiling = ceiling or result["rps"]
            share = f"{100 * result['rps'] / ceiling:.0f} %"
            print(
                f"{name:<18} {result['rps']:>8.0f} {share:>10} {result['p50_ms']:>8.1f} "
                f"{result['p95_ms']:>8.1f} {result['cache']!s:>20}"
            )


if __name__ == "__main__":
    main()
