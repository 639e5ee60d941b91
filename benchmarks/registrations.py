"""Benchmark: --people register at once over HTTP through ``secon serve``, then the worker's e-mails/s.

What it does, in a throwaway SECON_VAR_DIR (and a throwaway PostgreSQL database with --database-url):

1. migrates and creates one project and one published event with a 25-place study visit;
2. starts ``secon serve`` as a user does (gunicorn + whitenoise, DEBUG off, and the background
   worker beside it), with e-mail going to a small SMTP server in this process;
3. --people browsers (threads of this process, one connection each) wait at a barrier, then each
   GETs the registration form (CSRF cookie and token, as a browser gets them) and POSTs a
   registration for the visit; prints registrations/s, p50/p95 of the POST (and of GET + POST),
   and how many got the visit (exactly 25 must) and how many wait;
4. measures the worker: waits until every confirmation e-mail has reached the SMTP server, then
   queues --emails more confirmation e-mails at once and times until the worker has sent them all
   (e-mails/s: rendered in the recipient's language with iCal and QR code, sent over SMTP).

Run:  .venv/bin/python benchmarks/registrations.py
      .venv/bin/python benchmarks/registrations.py --database-url postgresql://postgres@127.0.0.1:5432/secon_reg_bench
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import datetime
import http.client
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import (
    HOST,
    Server,
    create_database,
    database_version,
    drop_database,
    machine,
    migrate,
    percentile,
    server_env,
)

from tests.smtp_sink import SMTPSink

LANGUAGES = ("en", "de", "es", "el")
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200, help="people registering at once (200)")
    parser.add_argument("--emails", type=int, default=500, help="e-mails queued at once for the worker (500)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (4)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument("--database-url", help="a new PostgreSQL database to create (dropped after)")
    parser.add_argument("--keep", action="store_true", help="keep the var dir and database")
    return parser.parse_args(argv)


def create_event():
    """One project, one published event in 90 days with a 25-place study visit."""
    from secon.core.permissions import SYSTEM
    from secon.events.services import agenda
    from secon.projects.services import create_project

    project = create_project(
        actor=SYSTEM,
        slug="bench",
        acronym="BENCH",
        title={code: f"Benchmark ({code})" for code in LANGUAGES},
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2029, 12, 31),
        content_languages=list(LANGUAGES),
    )
    start = datetime.date.today() + datetime.timedelta(days=90)
    event = agenda.create_event(
        actor=SYSTEM,
        project=project,
        slug="registration-bench",
        kind="project_meeting",
        title={"en": "Registration benchmark", "de": "Anmeldung", "es": "Inscripción", "el": "Εγγραφή"},
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        time_zone="Europe/Madrid",
        status="published",
        capacity=None,
    )
    visit = agenda.add_session(
        actor=SYSTEM,
        event=event,
        kind="study_visit",
        title={"en": "Study visit"},
        starts_at=agenda.local_datetime(event=event, day=start, time=datetime.time(9)),
        ends_at=agenda.local_datetime(event=event, day=start, time=datetime.time(13)),
        capacity=25,
    )
    return event, visit


def browser_registers(port: int, path: str, n: int, visit_id: int, barrier, results: list) -> None:
    """GET the form (cookie + token), then POST the registration, on one keep-alive connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        barrier.wait()
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        page = response.read()
        cookie = next(
            (
                value.split(";", 1)[0]
                for name, value in response.getheaders()
                if name.lower() == "set-cookie" and value.startswith("csrftoken=")
            ),
            "",
        )
        token = CSRF.search(page)
        if response.status != 200 or not token or not cookie:
            results.append({"error": f"form: HTTP {response.status}"})
            return
        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "first_name": "Bench",
                "last_name": f"Person {n}",
                "email": f"bench{n}@example.org",
                "language": LANGUAGES[n % 4],
                "sessions": str(visit_id),
                "consent_terms": "on",
            }
        )
        posted = time.perf_counter()
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"http://{HOST}:{port}{path}",
            },
        )
        answer = connection.getresponse()
        answer.read()
        done = time.perf_counter()
        if answer.status != 302:
            results.append({"error": f"post: HTTP {answer.status}"})
            return
        results.append({"post": done - posted, "total": done - began, "finished": done})
    except Exception as error:  # a benchmark reports failures instead of stopping
        results.append({"error": repr(error)})
    finally:
        connection.close()


def wait_until(condition, timeout: float = 600) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if condition():
            return time.perf_counter() - began
        time.sleep(0.05)
    return float("nan")


def main(argv=None) -> None:
    options = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="secon-reg-bench-"))
    created = False
    sink = SMTPSink().__enter__()
    env = server_env(
        var_dir, database_url=options.database_url, SECON_EMAIL_URL=f"smtp://127.0.0.1:{sink.port}"
    )
    try:
        if options.database_url:
            create_database(options.database_url)
            created = True
        progress = migrate(env, database_url=options.database_url, var_dir=var_dir)
        from django_scopes import scopes_disabled

        from django.db import connection

        unscoped = scopes_disabled()  # this script acts for the installation, like a command
        unscoped.__enter__()

        from secon.events.models import Registration, Signup
        from secon.mail.models import Email

        event, visit = create_event()
        connection.close()
        path = f"/en/{event.project.slug}/events/{event.slug}/register/"
        progress("starting secon serve (web server + background worker)")
        with Server(env=env, workers=options.workers, threads=options.threads) as server:
            progress(f"{options.people} people register at once over HTTP")
            barrier = threading.Barrier(options.people)
            results: list = []
            browsers = [
                threading.Thread(
                    target=browser_registers, args=(server.port, path, n, visit.pk, barrier, results)
                )
                for n in range(options.people)
            ]
            began = time.perf_counter()
            for browser in browsers:
                browser.start()
            for browser in browsers:
                browser.join()
            ok = [r for r in results if "post" in r]
            errors = [r["error"] for r in results if "error" in r]
            elapsed = max((r["finished"] for r in ok), default=began) - began
            posts = sorted(r["post"] for r in ok)
            totals = sorted(r["total"] for r in ok)
            confirmed = Signup.objects.filter(session=visit, status="confirmed").count()
            waiting = Signup.objects.filter(session=visit, status="waiting").count()
            progress("waiting for the worker to send every confirmation")
            all_sent = wait_until(lambda: len(sink.messages) >= len(ok))
            # The worker alone: queue --emails confirmations at once, time until all are sent.
            progress(f"queueing {options.emails} e-mails at once for the worker")
            from django.db import transaction

            from secon.events.emails import queue_confirmation

            registrations = list(Registration.objects.select_related("person")[: options.emails])
            before = len(sink.messages)
            with transaction.atomic():
                for index in range(options.emails):
                    queue_confirmation(registrations[index % len(registrations)])
            connection.close()
            sent_in = wait_until(lambda: len(sink.messages) >= before + options.emails)
            worker_cpu = server.cpu_seconds()
            failed = Email.objects.exclude(status="sent").count()
        database = database_version(options.database_url)
        info = machine(
            workers=options.workers,
            threads=options.threads,
            clients=options.people,
            database=database,
            sqlite=not options.database_url,
        )
        info["clients"] = f"{options.people} threads of one process, one connection each (GET form, POST)"
        print()
        print(f"Registrations over HTTP ({database}), {options.people} at once, 25-place visit:")
        print(
            "| registrations/s | POST p50 / p95 ms | GET+POST p50 / p95 ms | confirmed | waiting | errors |"
        )
        print("|---|---|---|---|---|---|")
        print(
            f"| {len(ok) / elapsed if elapsed else 0:.0f} | {percentile(posts, 50) * 1000:.0f} / "
            f"{percentile(posts, 95) * 1000:.0f} | {percentile(totals, 50) * 1000:.0f} / "
            f"{percentile(totals, 95) * 1000:.0f} | {confirmed} | {waiting} | {len(errors)} |"
        )
        if errors:
            print("errors:", sorted(set(errors))[:5])
        print()
        print(
            f"All {len(ok)} confirmations reached the SMTP server {all_sent:.1f} s after the last "
            f"registration; {options.emails} e-mails queued at once were sent in {sent_in:.1f} s: "
            f"{options.emails / sent_in:.0f} e-mails/s (one worker process, SMTP over loopback); "
            f"e-mails not sent: {failed}; server + worker CPU {worker_cpu:.0f} s"
        )
        print()
        for key, value in info.items():
            print(f"{key}: {value}")
    finally:
        sink.__exit__()
        if not options.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
            if created:
                drop_database(options.database_url)


if __name__ == "__main__":
    main()
