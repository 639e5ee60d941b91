"""Newsletter benchmark: one campaign to N confirmed subscribers (10,000 by default), printed as a table.

What it does, in a throwaway SECON_VAR_DIR on SQLite (or --database-url, a PostgreSQL database it
creates and drops): bulk-creates the subscribers and one published article, starts the campaign
(one delivery row per subscriber), hands the deliveries to the mail queue batch by batch as the
background task does (``send_batch``; the pause between batches is skipped), then runs a real
``secon worker --burst`` that renders and sends every e-mail through the console backend (its
output goes to a file). Between the two it renders every newsletter in the benchmark's own process
(text and HTML, as the worker does, without sending), which isolates the renderer from the queue.
It prints the time and the e-mails per second of each phase as soon as the phase ends.

    .venv/bin/python benchmarks/newsletter.py [--subscribers 10000] [--batch 1000] [--concurrency 1]
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import harness  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000, help="e-mails handed to the queue per batch")
    parser.add_argument("--concurrency", type=int, default=1, help="threads of the worker")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (created and dropped)")
    return parser.parse_args(argv)


def setup(args) -> Path:
    var_dir = Path(tempfile.mkdtemp(prefix="secon-newsletter-bench-"))
    os.environ.update(
        SECON_VAR_DIR=str(var_dir), SECON_EMAIL_URL="console:", SECON_SITE_URL="http://127.0.0.1:8000"
    )
    if args.database_url:
        os.environ["SECON_DATABASE_URL"] = args.database_url
        harness.create_database(args.database_url, replace=True)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var_dir


def generate(args):
    from django.utils import timezone

    from secon.communications.models import Subscriber
    from secon.communications.services import articles, newsletter
    from secon.core.permissions import SYSTEM
    from secon.projects.services import create_project

    project = create_project(
        actor=SYSTEM,
        slug="bench",
        acronym="BENCH",
        title={"en": "Benchmark"},
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2027, 1, 1),
        content_languages=["en"],
        programme="Interreg Europe 2021-2027",
    )
    article = articles.create_article(
        actor=SYSTEM,
        project=project,
        slug="news",
        source_language="en",
        title="News of the benchmark",
        summary="What happened.",
        body="The **partners** met. " * 40,
    )
    version = article.versions.get()
    articles.set_version_status(actor=SYSTEM, version=version, status="approved")
    articles.publish_version(actor=SYSTEM, version=version)
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                project=project,
                email=f"reader{n}@example.org",
                language="en",
                status="confirmed",
                consent_version="bench",
                consent_text="bench",
                requested_at=now,
                confirmed_at=now,
                nonce="x",
            )
            for n in range(args.subscribers)
        ],
        batch_size=2000,
    )
    campaign = newsletter.create_campaign(
        actor=SYSTEM, project=project, language="en", subject="Benchmark newsletter", articles=[article]
    )
    campaign.batch_size = args.batch
    campaign.save(update_fields=["batch_size"])
    return campaign


def render_all(campaign) -> tuple[int, float]:
    """Render every delivery's newsletter as the worker would (in English), without sending it."""
    from django.utils import translation

    from secon.communications.models import Delivery
    from secon.mail.rendering import RENDERERS

    render = RENDERERS["communications.newsletter"]
    ids = list(Delivery.objects.filter(campaign=campaign).order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    with translation.override("en"):
        for pk in ids:
            render(delivery=pk)
    return len(ids), time.perf_counter() - started


def main(argv=None) -> None:
    args = parse_args(argv)
    var_dir = setup(args)
    from django_scopes import scopes_disabled

    from django.db import connection

    print(f"SECON Hub newsletter benchmark — {connection.vendor}, {args.subscribers:,} subscribers")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"\n{'phase':<28} {'e-mails':>8} {'seconds':>8} {'e-mails/s':>10}", flush=True)

    def done(phase, count, seconds):
        print(f"{phase:<28} {count:>8,} {seconds:>8.1f} {count / seconds:>10.1f}", flush=True)

    try:
        with scopes_disabled():
            from secon.communications.services import newsletter
            from secon.communications.tasks import send_batch
            from secon.core.permissions import SYSTEM
            from secon.mail.models import Email

            campaign = generate(args)
            started = time.perf_counter()
            newsletter.start_campaign(actor=SYSTEM, campaign=campaign)
            done("start (delivery rows)", args.subscribers, time.perf_counter() - started)
            started = time.perf_counter()
            while send_batch(campaign_id=campaign.pk).startswith("queued"):
                campaign.refresh_from_db()
                if campaign.status != "sending":
                    break
            done("batches to the mail queue", Email.objects.count(), time.perf_counter() - started)
            done("render in process", *render_all(campaign))
        env = dict(os.environ)
        started = time.perf_counter()
        with open(var_dir / "mail.log", "w") as log:
            subprocess.run(
                [str(ROOT / ".venv/bin/secon"), "worker", "--burst", "--concurrency", str(args.concurrency)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )
        with scopes_disabled():
            sent = Email.objects.filter(status="sent").count()
        done("worker renders and sends", sent, time.perf_counter() - started)
    finally:
        if args.database_url:
            from django.db import connections

            connections.close_all()
            harness.drop_database(args.database_url)
        import shutil

        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
