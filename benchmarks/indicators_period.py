"""Benchmark a reporting period's table of indicators at 1× and 100× (a programme of 100 projects).

1× is one project of 10 partners, 50 events (5 of them stakeholder-group meetings), 5,000 attendance
records (2,000 registrations of 1,000 people), 500 approved practices, 10 instruments (3 adopted with
evidence) and 50 actions (20 implemented), spread over its first eight semesters. 100× adds 99 more
projects of the same size in the same database (500,000 attendance records in all), so that every
query must find one project's rows among a programme's.

For each size it measures, on the first project and its period 4 (periods 1–3 reported, so the
locked figures are read too): the selector ``period_table`` alone, and the period page as a
member (a viewer: coordinators sign in with two factors) gets it (Django's test client in this
process, page cache off: every request renders),
each --repeat times; it prints the median and the slowest, and the queries per call.

Run:  .venv/bin/python benchmarks/indicators_period.py
      .venv/bin/python benchmarks/indicators_period.py --database-url postgresql://postgres@127.0.0.1:5432/secon_ind_bench
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

ROOT = Path(__file__).resolve().parents[1]
START = datetime.date(2023, 3, 1)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,100", help="programme sizes in projects (1,100)")
    parser.add_argument("--repeat", type=int, default=15, help="calls per measurement (15)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (created and dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def setup_django(args) -> Path:
    var_dir = Path(tempfile.mkdtemp(prefix="secon-ind-bench-"))
    os.environ["SECON_VAR_DIR"] = str(var_dir)
    os.environ["SECON_PAGE_CACHE_SECONDS"] = "0"
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


def generate_project(n: int, rng: random.Random):
    """One project of the 1× size, written with bulk inserts; returns it."""
    from django.utils import timezone

    from secon.events.models import Attendance, Event, Registration
    from secon.organisations.models import Organisation, Partner, Person
    from secon.policy.models import PolicyInstrument
    from secon.policy.plan_models import Action, ActionPlan
    from secon.practices.models import GoodPractice
    from secon.projects.models import Project
    from secon.projects.services import sync_schedule

    project = Project.objects.create(
        slug=f"bench-{n}",
        acronym=f"B{n}",
        title={"en": f"Project {n}"},
        start_date=START,
        end_date=datetime.date(2027, 5, 31),
        content_languages=["en"],
    )
    sync_schedule(project=project)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{n}-{i}",
            name=f"Organisation {n}-{i}",
            kind="public_authority",
            search_key=f"organisation {n}-{i}",
            sort_key=f"{n:04x}{i:04x}",
        )
        for i in range(40)
    )
    partners = Partner.objects.bulk_create(
        Partner(
            project=project, organisation=organisations[i], number=i + 1, role="lead" if i == 0 else "partner"
        )
        for i in range(10)
    )
    people = Person.objects.bulk_create(
        Person(
            first_name="Person",
            last_name=f"{n}-{i}",
            email=f"p{n}-{i}@example.org",
            organisation=organisations[i % 40] if i % 3 else None,
            search_key=f"person {n}-{i}",
            sort_key=f"{n:04x}{i:06x}",
        )
        for i in range(1000)
    )
    kinds = ["project_meeting", "thematic_seminar", "study_visit", "webinar", "steering_committee"]
    events = Event.objects.bulk_create(
        Event(
            project=project,
            slug=f"e{i}",
            title={"en": f"Event {i}"},
            kind="stakeholder_group" if i % 10 == 0 else kinds[i % len(kinds)],
            start_date=START + datetime.timedelta(days=20 * i),
            end_date=START + datetime.timedelta(days=20 * i + 2),
            time_zone="Europe/Madrid",
            status="published",
            host_partner=partners[i % 10],
        )
        for i in range(50)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            project=project,
            event=events[i % 50],
            person=people[(i * 7 + i // 50) % 1000],
            organisation_id=people[(i * 7 + i // 50) % 1000].organisation_id,
            partner=partners[i % 10],
            status="confirmed",
            check_in_code=f"{n:03d}{i:05d}C",
            link_key=f"k{n}-{i}",
        )
        for i in range(2000)
    )
    moment = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(
            project=project,
            registration=registration,
            day=registration.event.start_date + datetime.timedelta(days=day),
            checked_in_at=moment,
        )
        for index, registration in enumerate(registrations)
        for day in range(3 if index % 2 else 2)
    )
    GoodPractice.objects.bulk_create(
        GoodPractice(
            project=project,
            title={"en": f"Practice {i}"},
            status="approved",
            organisation=organisations[i % 10],
            published_at=timezone.make_aware(datetime.datetime(2023, 3, 15) + datetime.timedelta(days=2 * i)),
        )
        for i in range(500)
    )
    instruments = PolicyInstrument.objects.bulk_create(
        PolicyInstrument(
            project=project,
            partner=partners[i],
            name={"en": f"Instrument {i}"},
            kind="programme",
            managing_body="Authority",
            status="adopted" if i < 3 else "addressed",
            evidence="policy/evidence/x.pdf" if i < 3 else "",
            adopted_by="Council" if i < 3 else "",
            adopted_on=START + datetime.timedelta(days=200 * (i + 1)) if i < 3 else None,
        )
        for i in range(10)
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(project=project, partner=partners[i], instrument=instruments[i], title=f"Plan {i}")
        for i in range(10)
    )
    Action.objects.bulk_create(
        Action(
            project=project,
            plan=plans[i % 10],
            title=f"Action {i}",
            status="implemented" if i < 20 else "in_progress",
            implemented_on=START + datetime.timedelta(days=30 * i) if i < 20 else None,
        )
        for i in range(50)
    )
    return project


def timed(function, repeat: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(times), max(times), queries


def measure(project, repeat: int) -> list[tuple]:
    from django.conf import settings
    from django.test import Client, override_settings

    from secon.accounts.models import Membership, User
    from secon.indicators import selectors

    user = User.objects.filter(email="bench@example.org").first() or User.objects.create_user(
        email="bench@example.org", password="x"
    )
    Membership.objects.get_or_create(user=user, project=project, defaults={"role": "viewer"})
    client = Client()
    client.force_login(user)
    url = f"/en/{project.slug}/indicators/periods/4/"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    # The test client's host, and static files without a collected manifest (the page is the same).
    simple = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    overridden = override_settings(ALLOWED_HOSTS=["testserver"], STORAGES={**settings.STORAGES, **simple})
    overridden.enable()
    page()  # the session, the permissions' roles and the templates are loaded once
    rows = []
    for number in (4, 8):
        rows.append(
            (
                f"period_table(), period {number}",
                *timed(lambda number=number: selectors.period_table(project=project, number=number), repeat),
            )
        )
    rows.append(("period page, period 4", *timed(page, repeat)))
    overridden.disable()
    return rows


def main(argv=None) -> None:
    args = parse_args(argv)
    var_dir = setup_django(args)
    from django.db import connection

    from secon.core.permissions import SYSTEM
    from secon.indicators import services
    from secon.projects.models import Project
    from secon.projects.tenancy import scopes_disabled

    scales = [int(value) for value in args.scales.split(",")]
    print(f"SECON Hub indicators benchmark — {connection.vendor}, scales {scales} × (10 partners, 50 events,")
    print("5,000 attendance records, 500 practices, 10 instruments, 50 actions) — page cache off")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, "
        f"Python {platform.python_version()}"
    )
    rng = random.Random(args.seed)
    results = []
    try:
        with scopes_disabled():
            first = None
            made = 0
            for scale in scales:
                started = time.perf_counter()
                while made < scale:
                    project = generate_project(made, rng)
                    first = first or project
                    made += 1
                print(
                    f"  {scale}×: {made} projects generated in {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
                if not first.periodreports.exists():
                    for number in (1, 2, 3):
                        services.move_period(actor=SYSTEM, project=first, number=number, to="review")
                        services.move_period(actor=SYSTEM, project=first, number=number, to="reported")
                for row in measure(Project.objects.get(pk=first.pk), args.repeat):
                    results.append((f"{scale}×", *row))
        print()
        print(f"{'size':<6} {'what':<28} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        for size, what, median, slowest, queries in results:
            print(f"{size:<6} {what:<28} {median:>10.1f} {slowest:>8.1f} {queries:>8}")
    finally:
        if args.database_url and not args.keep:
            from django.db import connections

            connections.close_all()
            harness.drop_database(args.database_url)
        if not args.keep:
            import shutil

            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
