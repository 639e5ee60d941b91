"""``secon worker``: run background tasks (e-mails, reminders, purges) without the web server."""

import argparse
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from secon.core.management.base import positive_number, require_ready


class Command(BaseCommand):
    help = "run the background tasks (e-mails, reminders, purges); run several for more throughput"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=positive_number,
            default=2,
            help="jobs run at once by this process (database queue; with Redis start more processes)",
        )
        parser.add_argument(
            "--burst", action="store_true", help="run the jobs that are due now, then stop (cron, scripts)"
        )
        parser.add_argument(
            "--niceness",
            type=int,
            default=0,
            choices=range(0, 20),
            metavar="N",
            help="lower this worker's CPU priority by N (nice, 0–19; default 0) when it shares the "
            "machine with a web server (`secon serve` starts its workers with 10)",
        )
        parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, concurrency: int, burst: bool, niceness: int, parent_pid: int | None, **options):
        require_ready()
        if niceness and hasattr(os, "nice"):
            # Beside a web server on the same cores (`secon serve`): e-mails may wait a few seconds,
            # people at the server should not, so a burst of sign-ups gets the processor first. Before
            # any thread starts: on Linux each thread has its own niceness, inherited at its start.
            os.nice(niceness)
        from secon.core.worker import Worker, run_until_idle

        if burst:
            count = run_until_idle()
            self.stdout.write(f"Ran {count} background task(s).")
            return
        queue = "Redis" if settings.TASKS_BACKEND == "redis" else "the database"
        if parent_pid is None:
            self.stdout.write(
                f"Background worker running (queue: {queue}, {concurrency} at once; Ctrl+C stops it)"
            )
        self.stdout.flush()
        from secon.core.warmup import warm_up

        warm_up()  # before the first job: URLs in every language, the e-mails' templates
        Worker(concurrency=concurrency, parent_pid=parent_pid).run()
