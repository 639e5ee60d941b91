"""Benchmark: --people register at once over HTTP through ``secon serve``, then the worker's e-mails/s.

What it does, in a throwaway SECON_VAR_DIR (and a throwaway PostgreSQL database with --database-url):

1. migrates and creates one project and one published event with a 25-place study visit;
2. starts ``secon serve`` as a user does (gunicorn + whitenoise, DEBUG off, and the background
   worker beside it), with e-mail going to a small SMTP server in this process;
3. --people browsers (threads of this process, one connection each) wait at a barrier, then each
   GETs the registration form (CSRF cookie and token, as a browser gets them) and POSTs a
   registration for the visit (every public registration is held until its address confirms it:
   the answer is "check your e-mail"); each then waits for its e-mail at the SMTP server (sent by
   the worker), and when all have theirs they open the link at once: GET the confirmation page,
   POST its button. Prints registrations/s, p50/p95 of the form's POST, of the confirmation's
   POST and of a person's GET + POST + GET + POST (their e-mail's wait left out), and how many
   got the visit (exactly 25 must) and how many wait;
4. measures the worker: waits until every registration e-mail has reached the SMTP server, then
   queues --emails more confirmation e-mails at once and times until the worker has sent them all
   (e-mails/s: rendered in the recipient's language with iCal and QR code, sent over SMTP).

Run:  .venv/bin/python benchmarks/registrations.py
      .venv/bin/python benchmarks/registrations.py --database-url postgresql://postgres@127.0.0.1:5432/secon_reg_bench
A benchmark to run and read, not a test: nothing here asserts a time.

The target run (issue 9: p95 ≤ 2 s for 200 at once, exactly 25 confirmed), on a quiet machine:
  1. check that nothing else runs: `uptime` load average below 1 (the 200 browsers of this script
     share the cores with the server; any other process's CPU goes into the latencies);
  2. from a checkout of the branch, with `make install` done (or `.venv/bin/secon compiletranslations`:
     the e-mails are read in four languages):
       .venv/bin/python benchmarks/registrations.py --emails 200
       .venv/bin/python benchmarks/registrations.py --emails 200 --database-url postgresql://postgres@127.0.0.1:5432/secon_reg_bench
     (a few minutes each when idle; the database and var folder are thrown away after);
  3. read "form POST" and "confirmation POST" p50/p95, "confirmed / waiting" (25 / 175) and the
     errors line; give the date, commit, load average before and after, CPU (`machine` line).
The confirmations queue for one lock (SQLite: the write lock of each one's transaction; PostgreSQL:
the event's row): `benchmarks/registration_cpu.py` shows the CPU and queries each request spends
holding it ("locked CPU ms"), of which 200 × that is the last confirmation's floor.
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
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/\S+/register/confirm/[\w-]+/)")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200, help="people registering at once (200)")
    parser.add_argument("--emails", type=int, default=500, help="e-mails queued at once for the worker (500)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (4)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument(
        "--task-niceness",
        type=int,
        help="secon serve --task-niceness: the worker's lower CPU priority (default: serve's, 10)",
    )
    parser.add_argument("--database-url", help="a new PostgreSQL database to create (dropped after)")
    parser.add_argument("--keep", action="store_true", help="keep the var dir and database")
    parser.add_argument(
        "--template", help="PostgreSQL: create the database as a copy of this migrated, empty one"
    )
    parser.add_argument(
        "--seed",
        type=Path,
        help="SQLite: a var folder whose migrated, empty database (secon.sqlite3) and collected static "
        "files are copied first (migrating and compressing take minutes on a loaded machine)",
    )
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


def _form(connection, path: str) -> tuple[int, str, str]:
    """GET a page with a form: status, the CSRF cookie and the token (as a browser gets them)."""
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
    return response.status, cookie, token.group(1).decode() if token else ""


def _post(connection, port: int, path: str, fields: dict, cookie: str) -> int:
    connection.request(
        "POST",
        path,
        body=urlencode(fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://{HOST}:{port}{path}",
        },
    )
    answer = connection.getresponse()
    answer.read()
    return answer.status


def confirmation_path(sink, address: str) -> str | None:
    """The path of the confirmation link in the e-mail the address received (None: not arrived yet)."""
    for envelope in list(sink.messages):
        if envelope["to"] != [address]:
            continue
        text = envelope["data"].replace("=\r\n", "").replace("=\n", "")  # quoted-printable soft breaks
        found = CONFIRM_LINK.search(text)
        if found:
            return found.group(1)
    return None


def browser_registers(port: int, path: str, n: int, visit_id: int, barriers, sink, results: list) -> None:
    """Register (form GET + POST), wait for the e-mail, then confirm (page GET + button POST)."""
    first, second = barriers
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    record: dict = {}
    address = f"bench{n}@example.org"
    try:
        first.wait()
        began = time.perf_counter()
        status, cookie, token = _form(connection, path)
        if status != 200 or not token or not cookie:
            record["error"] = f"form: HTTP {status}"
            return
        fields = {
            "csrfmiddlewaretoken": token,
            "first_name": "Bench",
            "last_name": f"Person {n}",
            "email": address,
            "language": LANGUAGES[n % 4],
            "sessions": str(visit_id),
            "consent_terms": "on",
        }
        posted = time.perf_counter()
        status = _post(connection, port, path, fields, cookie)
        done = time.perf_counter()
        if status != 302:
            record["error"] = f"post: HTTP {status}"
            return
        record.update(post=done - posted, form=done - began, finished=done)
        link = None
        deadline = time.perf_counter() + 300
        while link is None and time.perf_counter() < deadline:
            link = confirmation_path(sink, address)
            if link is None:
                time.sleep(0.2)
        record["link"] = link
    except Exception as error:  # a benchmark reports failures instead of stopping
        record["error"] = repr(error)
    finally:
        connection.close()
        second.wait()  # every browser has its link (or gave up): all confirm at once
    # Opening the e-mailed link: a new connection, as from the mail program.
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        if "error" in record or not record.get("link"):
            record.setdefault("error", "no confirmation e-mail")
            return
        began = time.perf_counter()
        status, cookie, token = _form(connection, record["link"])
        if status != 200 or not token:
            record["error"] = f"confirmation page: HTTP {status}"
            return
        posted = time.perf_counter()
        status = _post(connection, port, record["link"], {"csrfmiddlewaretoken": token}, cookie)
        done = time.perf_counter()
        if status != 302:
            record["error"] = f"confirmation: HTTP {status}"
            return
        record.update(confirm=done - posted, confirm_total=done - began, confirmed_at=done)
    except Exception as error:
        record["error"] = repr(error)
    finally:
        connection.close()
        results.append(record)


def cpu_table(cpu: dict, *, requests: tuple[int, int], emails: tuple[int, int]) -> str:
    """The CPU seconds of the web server and the worker in each step, and per request or e-mail."""

    def spent(step: str, before: str, role: str) -> float:
        return cpu[step][role] - cpu[before][role] if step in cpu and before in cpu else float("nan")

    forms, confirmations = requests
    registration_emails, queued = emails
    web_forms = spent("forms", "started", "web")
    web_confirmations = spent("confirmations", "forms", "web")
    burst_worker = spent("mailed", "started", "worker")
    rows = [
        "| CPU s (ms per request or e-mail) | web server | worker |",
        "|---|---|---|",
        f"| start-up (not in the steps below) | {cpu['started']['web']:.1f} "
        f"| {cpu['started']['worker']:.1f} |",
        f"| forms: {forms} requests | {web_forms:.1f} ({web_forms * 1000 / max(forms, 1):.0f}) "
        f"| {spent('forms', 'started', 'worker'):.1f} |",
        f"| confirmations: {confirmations} requests | {web_confirmations:.1f} "
        f"({web_confirmations * 1000 / max(confirmations, 1):.0f}) "
        f"| {spent('confirmations', 'forms', 'worker'):.1f} |",
        f"| the burst's {registration_emails} e-mails, all sent | {spent('mailed', 'started', 'web'):.1f} "
        f"| {burst_worker:.1f} ({burst_worker * 1000 / max(registration_emails, 1):.0f}) |",
        f"| {queued} e-mails queued at once | {spent('queued', 'mailed', 'web'):.1f} "
        f"| {spent('queued', 'mailed', 'worker'):.1f} "
        f"({spent('queued', 'mailed', 'worker') * 1000 / max(queued, 1):.0f}) |",
        f"| total, start-up included (supervisor {cpu['queued']['other']:.1f}) | {cpu['queued']['web']:.1f} "
        f"| {cpu['queued']['worker']:.1f} |",
    ]
    return "\n".join(rows)


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
            create_database(options.database_url, template=options.template)
            created = True
        if options.seed:
            if (options.seed / "secon.sqlite3").exists() and not options.database_url:
                shutil.copy2(options.seed / "secon.sqlite3", var_dir / "secon.sqlite3")
            if (options.seed / "static").is_dir():
                shutil.copytree(options.seed / "static", var_dir / "static")
        progress = migrate(env, database_url=options.database_url, var_dir=var_dir)
        from secon.core.management.commands.serve import collect_static

        progress("collecting the static files (skipped when unchanged)")
        collecting = time.process_time()
        collect_static()  # here, so that the server's CPU counts none of it
        progress(f"static files collected: {time.process_time() - collecting:.1f} s of CPU")
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
        # A loaded machine may take minutes to collect the static files and start (nothing is timed yet).
        niceness = () if options.task_niceness is None else ("--task-niceness", str(options.task_niceness))
        with Server(
            env=env, workers=options.workers, threads=options.threads, wait=900, arguments=niceness
        ) as server:
            progress(f"{options.people} people register at once over HTTP")
            # The CPU of the server's processes at each step (their start-up left out): "forms" runs
            # from the first form GET until every browser has its e-mail (the worker sends the links
            # meanwhile), "confirmations" until the last confirmation's answer.
            cpu = {"started": server.cpu_by_role()}
            barriers = (
                threading.Barrier(options.people),
                threading.Barrier(options.people, action=lambda: cpu.update(forms=server.cpu_by_role())),
            )
            results: list = []
            browsers = [
                threading.Thread(
                    target=browser_registers,
                    args=(server.port, path, n, visit.pk, barriers, sink, results),
                )
                for n in range(options.people)
            ]
            began = time.perf_counter()
            for browser in browsers:
                browser.start()
            for browser in browsers:
                browser.join()
            cpu["confirmations"] = server.cpu_by_role()
            sent = [r for r in results if "post" in r]
            ok = [r for r in results if "confirm" in r]
            errors = [r["error"] for r in results if "error" in r]
            if errors:
                progress(f"{len(errors)} failed, e.g. {sorted(set(errors))[:3]}")
                server.log.seek(0)  # the server's own account of them (its errors and tracebacks)
                logged = server.log.read().decode(errors="replace").splitlines()
                print("\n".join(line for line in logged if "Error" in line or "error" in line)[-3000:])
            elapsed = max((r["finished"] for r in sent), default=began) - began
            posts = sorted(r["post"] for r in sent)
            links_in = max((r["finished"] for r in sent), default=began)
            confirming = min((r["confirmed_at"] - r["confirm_total"] for r in ok), default=links_in)
            confirm_elapsed = max((r["confirmed_at"] for r in ok), default=confirming) - confirming
            confirms = sorted(r["confirm"] for r in ok)
            totals = sorted(r["form"] + r["confirm_total"] for r in ok)
            confirmed = Signup.objects.filter(session=visit, status="confirmed").count()
            waiting = Signup.objects.filter(session=visit, status="waiting").count()
            progress("waiting for the worker to send every registration e-mail")
            # Until every e-mail has arrived, or none is left to send (one that failed for good would
            # otherwise keep the script waiting its 10 minutes).
            pending = (Email.Status.QUEUED, Email.Status.SENDING, Email.Status.FAILING)
            all_sent = wait_until(
                lambda: (
                    len(sink.messages) >= len(sent) + len(ok)
                    or not Email.objects.filter(status__in=pending).exists()
                )
            )
            connection.close()
            cpu["mailed"] = server.cpu_by_role()
            # The worker alone: queue --emails confirmations at once, time until all are sent.
            progress(f"queueing {options.emails} e-mails at once for the worker")
            from django.db import transaction

            from secon.events.emails import queue_confirmation

            registrations = list(Registration.objects.select_related("person")[: options.emails])
            if not registrations:
                raise SystemExit("nobody is registered: the benchmark failed")
            before = len(sink.messages)
            with transaction.atomic():
                for index in range(options.emails):
                    queue_confirmation(registrations[index % len(registrations)])
            connection.close()
            sent_in = wait_until(lambda: len(sink.messages) >= before + options.emails)
            cpu["queued"] = server.cpu_by_role()
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
        rate = len(ok) / confirm_elapsed if confirm_elapsed else 0
        print(f"Registrations over HTTP ({database}), {options.people} at once, 25-place visit:")
        print(
            "| forms/s | form POST p50 / p95 ms | confirmations/s | confirmation POST p50 / p95 ms "
            "| person's 2 GET + 2 POST p50 / p95 ms | confirmed | waiting | errors |"
        )
        print("|---|---|---|---|---|---|---|---|")
        print(
            f"| {len(sent) / elapsed if elapsed else 0:.0f} | {percentile(posts, 50) * 1000:.0f} / "
            f"{percentile(posts, 95) * 1000:.0f} | {rate:.0f} | "
            f"{percentile(confirms, 50) * 1000:.0f} / {percentile(confirms, 95) * 1000:.0f} | "
            f"{percentile(totals, 50) * 1000:.0f} / {percentile(totals, 95) * 1000:.0f} | "
            f"{confirmed} | {waiting} | {len(errors)} |"
        )
        if errors:
            print("errors:", sorted(set(errors))[:5])
        print()
        print(
            f"All {len(sent) + len(ok)} registration e-mails (confirmation links, then registrations) "
            f"reached the SMTP server {all_sent:.1f} s after the last confirmation; {options.emails} "
            f"e-mails queued at once were sent in {sent_in:.1f} s: {options.emails / sent_in:.0f} "
            f"e-mails/s (one worker process, SMTP over loopback); e-mails not sent: {failed}"
        )
        print()
        print(
            cpu_table(
                cpu, requests=(2 * len(sent), 2 * len(ok)), emails=(len(sent) + len(ok), options.emails)
            )
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
