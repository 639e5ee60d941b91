"""Benchmark the public pages of SECON Hub on the production server, against a trivial view.

What it does, in a throwaway SECON_VAR_DIR (and a throwaway PostgreSQL database with
--database-url):

1. migrates and generates --projects projects × --partners partners (default 1,000 × 10) with bulk
   inserts: titles, summaries and objectives in en/de/es/el, NUTS 2024 regions, organisations of
   every type with coordinates and descriptions, phases and reporting periods;
2. starts ``secon serve`` (gunicorn + whitenoise, DEBUG off) with --workers processes, once with the
   page cache on and once with ``SECON_PAGE_CACHE_SECONDS=0`` (every request renders);
3. warms up, then loads each page with --clients processes that each keep one HTTP/1.1 keep-alive
   connection to 127.0.0.1 busy for --seconds seconds (and at most --max-requests requests);
4. prints requests/s, p50 and p95 latency of each page and its ratio to /healthz, the ceiling:
   a view that answers "ok" without touching the database, through the same middleware.

Run:  .venv/bin/python benchmarks/public_pages.py            (or `make benchmark`)
      .venv/bin/python benchmarks/public_pages.py --database-url postgresql://postgres@127.0.0.1:5432/secon_bench
It is a benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlsplit

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
    server_env,
    summarise,
)

LANGUAGES = ("en", "de", "es", "el")


# --- Command line -----------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=1000, help="projects to generate (1000)")
    parser.add_argument("--partners", type=int, default=10, help="partners per project (10)")
    parser.add_argument("--workers", type=int, default=cores, help=f"gunicorn worker processes ({cores})")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument(
        "--clients",
        type=int,
        default=max(2, cores * 2),
        help="load-generating processes, one connection each",
    )
    parser.add_argument("--seconds", type=float, default=6.0, help="measured seconds per page (6)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="split each page's seconds into rounds over all pages (3)"
    )
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per page (1)")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap per client and page")
    parser.add_argument("--sample", type=int, default=40, help="distinct projects/partners visited per page")
    parser.add_argument(
        "--database-url",
        help="run on PostgreSQL: postgresql://postgres@127.0.0.1:5432/<name>; the database is created "
        "(it must not exist) and dropped afterwards",
    )
    parser.add_argument("--cache-url", help="SECON_CACHE_URL for the server (default: the file cache)")
    parser.add_argument("--only", choices=["cached", "uncached"], help="run one of the two server modes")
    parser.add_argument(
        "--server-wait",
        type=float,
        default=300,
        help="seconds the server may take to answer /healthz (300: on a loaded machine gunicorn's workers "
        "took over 90 s to start)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the var folder and database")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=2024)
    options = parser.parse_args(argv)
    if options.database_url and urlsplit(options.database_url).scheme not in {"postgres", "postgresql"}:
        parser.error("--database-url must be a postgresql:// URL")
    if options.partners < 3:
        parser.error("--partners must be at least 3 (the partner page visited is PP3)")
    return options


# --- Data -------------------------------------------------------------------------------------

THEMES = [
    ("rural cooperatives", "ländliche Genossenschaften", "cooperativas rurales", "αγροτικοί συνεταιρισμοί"),
    ("social enterprises", "Sozialunternehmen", "empresas sociales", "κοινωνικές επιχειρήσεις"),
    ("work integration", "Arbeitsintegration", "inserción laboral", "εργασιακή ένταξη"),
    ("green transition", "grüner Wandel", "transición verde", "πράσινη μετάβαση"),
    ("social innovation", "soziale Innovation", "innovación social", "κοινωνική καινοτομία"),
    ("public procurement", "öffentliche Beschaffung", "contratación pública", "δημόσιες προμήθειες"),
    ("care services", "Pflegedienste", "servicios de cuidados", "υπηρεσίες φροντίδας"),
    ("digital skills", "digitale Kompetenzen", "competencias digitales", "ψηφιακές δεξιότητες"),
]
TITLE = {
    "en": "Regional policies for {theme}",
    "de": "Regionale Politik für {theme}",
    "es": "Políticas regionales para {theme}",
    "el": "Περιφερειακές πολιτικές για {theme}",
}
SUMMARY = {
    "en": "{n} partners compare how their regions support {theme}, learn from each other's good "
    "practices and improve one policy instrument in each region. ",
    "de": "{n} Partner vergleichen, wie ihre Regionen {theme} fördern, lernen aus den guten Praktiken "
    "der anderen und verbessern in jeder Region ein politisches Instrument. ",
    "es": "{n} socios comparan cómo sus regiones apoyan {theme}, aprenden de las buenas prácticas de "
    "los demás y mejoran un instrumento de política en cada región. ",
    "el": "{n} εταίροι συγκρίνουν πώς οι περιφέρειές τους στηρίζουν {theme}, μαθαίνουν από τις καλές "
    "πρακτικές των άλλων και βελτιώνουν ένα εργαλείο πολιτικής σε κάθε περιφέρεια. ",
}
ORGANISATION_WORDS = ["Cooperative", "Agency", "Foundation", "Association", "Network", "Centre", "Union"]
PLACES = ["Cáceres", "Kalamata", "Łódź", "Brașov", "Rēzekne", "Tampere", "Porto", "Nantes", "Graz", "Lecce"]


def generate(*, projects: int, partners: int, seed: int, progress) -> dict:
    """Fill the database with bulk inserts; return a sample of what the pages will visit."""
    from django.db import transaction

    from secon.demo.data import secon as demo
    from secon.organisations.enums import SOCIAL_ECONOMY_TYPES, OrganisationType, PartnerRole
    from secon.organisations.models import Organisation, Partner, Region
    from secon.organisations.services import import_regions
    from secon.projects.models import Period, Phase, Project
    from secon.projects.schedule import periods_for, phases_for

    rng = random.Random(seed)
    progress("importing NUTS regions")
    import_regions()
    regions = list(Region.objects.filter(nuts_version=2024, level=2).order_by("code"))
    for region in regions[::3]:
        region.names = {"en": f"{region.name} (en)", "de": f"{region.name} (de)"}
    Region.objects.bulk_update(regions[::3], ["names"], batch_size=500)

    organisation_count = max(partners, projects * partners * 2 // 5)
    progress(f"creating {organisation_count:,} organisations")
    kinds = list(OrganisationType.values)
    organisations = []
    for number in range(organisation_count):
        kind = rng.choice(kinds)
        place = rng.choice(PLACES)
        name = f"{place} {rng.choice(THEMES)[0].title()} {rng.choice(ORGANISATION_WORDS)} {number}"
        organisations.append(
            Organisation(
                slug=f"org-{number:05}",
                name=name,
                acronym=f"O{number}",
                kind=kind,
                is_social_economy=kind in SOCIAL_ECONOMY_TYPES,
                region=rng.choice(regions),
                city=place,
                address=f"Calle Mayor {rng.randint(1, 99)}",
                latitude=Decimal(f"{rng.uniform(36, 60):.6f}"),
                longitude=Decimal(f"{rng.uniform(-9, 28):.6f}"),
                website=f"https://org{number}.example.org/",
                description={
                    language: f"{name}: {SUMMARY[language].format(n=3, theme=rng.choice(THEMES)[index])}"
                    for index, language in enumerate(LANGUAGES)
                },
            )
        )
    with transaction.atomic():
        Organisation.objects.bulk_create(organisations, batch_size=500)
    organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))

    progress(f"creating {projects:,} projects with phases and periods")
    rows = []
    for number in range(projects):
        theme = rng.choice(THEMES)
        start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 6 * 365))
        rows.append(
            Project(
                slug=f"p{number:04}-{theme[0].split()[0]}",
                acronym=f"{theme[0].split()[0][:4].upper()}{number:04}",
                title={lang: TITLE[lang].format(theme=theme[i]) for i, lang in enumerate(LANGUAGES)},
                summary={
                    lang: SUMMARY[lang].format(n=partners, theme=theme[i]) + demo.PROJECT["summary"][lang]
                    for i, lang in enumerate(LANGUAGES)
                },
                objectives=demo.PROJECT["objectives"],
                programme="Interreg Europe 2021-2027",
                reference=f"01{number:05}",
                start_date=start,
                end_date=start + datetime.timedelta(days=4 * 365 + 90),
                content_languages=["en", rng.choice(LANGUAGES[1:])],
                website=f"https://www.interregeurope.eu/p{number}",
                linkedin_url="https://www.linkedin.com/company/example",
                is_public=True,
            )
        )
    with transaction.atomic():
        Project.objects.bulk_create(rows, batch_size=500)
        created = list(Project.objects.order_by("pk"))
        phases, periods = [], []
        for project in created:
            spans = phases_for(
                start=project.start_date,
                end=project.end_date,
                core_months=project.core_months,
                follow_up_months=project.follow_up_months,
            )
            phases += [Phase(project=project, kind=s.kind, start_date=s.start, end_date=s.end) for s in spans]
            periods += [
                Period(project=project, number=s.number, phase=s.kind, start_date=s.start, end_date=s.end)
                for s in periods_for(spans, period_months=project.period_months)
            ]
        Phase.objects.bulk_create(phases, batch_size=1000)
        Period.objects.bulk_create(periods, batch_size=1000)

    progress(f"creating {projects * partners:,} partners and their regions")
    with transaction.atomic():
        partner_rows = []
        for project in created:
            for number, organisation_id in enumerate(rng.sample(organisation_ids, partners), start=1):
                partner_rows.append(
                    Partner(
                        project=project,
                        organisation_id=organisation_id,
                        number=number,
                        role=PartnerRole.LEAD if number == 1 else PartnerRole.PARTNER,
                        summary={
                            "en": "Hosts a partner meeting and leads the work on good practices.",
                            "de": "Richtet ein Partnertreffen aus und leitet die Arbeit an guten Praktiken.",
                        },
                    )
                )
        Partner.objects.bulk_create(partner_rows, batch_size=1000)
        through = Partner.regions.through
        links = []
        for partner_id in Partner.objects.values_list("pk", flat=True):
            for region in rng.sample(regions, rng.choice((1, 1, 2))):
                links.append(through(partner_id=partner_id, region_id=region.pk))
        through.objects.bulk_create(links, batch_size=2000)

    chosen = rng.sample(created, min(len(created), SAMPLE_LIMIT))
    progress(f"publishing {NEWS_PER_PROJECT} articles in every language of {len(chosen):,} projects")
    generate_news(chosen, rng)
    busy = list(
        Organisation.objects.filter(partnerships__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    return {
        "projects": [project.slug for project in chosen],
        "organisations": rng.sample(busy, min(len(busy), SAMPLE_LIMIT)),
        "counts": {
            "projects": Project.objects.count(),
            "partners": Partner.objects.count(),
            "organisations": Organisation.objects.count(),
            "regions": Region.objects.count(),
        },
    }


SAMPLE_LIMIT = 1000
NEWS_PER_PROJECT = 12


def generate_news(projects, rng) -> None:
    """Publish articles of the sampled projects in each of their languages (news lists, articles, feeds)."""
    from django.db import transaction
    from django.utils import timezone

    from secon.communications.models import Article, ArticleVersion
    from secon.projects.tenancy import scopes_disabled

    now = timezone.now()
    with transaction.atomic(), scopes_disabled():  # the generator acts for every project
        Article.objects.bulk_create(
            [
                Article(project=project, slug=f"news-{n}", source_language="en", kind="news")
                for project in projects
                for n in range(NEWS_PER_PROJECT)
            ],
            batch_size=1000,
        )
        versions = []
        for article in Article.objects.select_related("project"):
            theme = rng.choice(THEMES)
            for language in article.project.content_languages:
                words = theme[LANGUAGES.index(language)]
                published = now - datetime.timedelta(days=rng.randint(1, 700))
                versions.append(
                    ArticleVersion(
                        article=article,
                        language=language,
                        status="published",
                        title=TITLE[language].format(theme=words)[:200],
                        summary=SUMMARY[language].format(n=8, theme=words)[:600],
                        body=(f"**{words}** — " + SUMMARY[language].format(n=8, theme=words)) * 6,
                        published_at=published,
                        first_published_at=published,
                    )
                )
        ArticleVersion.objects.bulk_create(versions, batch_size=1000)


# --- Main -------------------------------------------------------------------------------------


def pages(sample: dict, size: int) -> list[tuple[str, list[str]]]:
    projects = sample["projects"][:size]
    last_page = min(20, -(-sample["counts"]["projects"] // 50))
    return [
        ("/healthz (ceiling)", ["/healthz"]),
        ("home /en/ (page 1 of the list)", ["/en/"]),
        (f"home /en/?page=2…{last_page}", [f"/en/?page={n}" for n in range(2, last_page + 1)] or ["/en/"]),
        ("project /en/<slug>/", [f"/en/{slug}/" for slug in projects]),
        ("partner /de/<slug>/partners/pp3/", [f"/de/{slug}/partners/pp3/" for slug in projects]),
        (
            "organisation /es/organisations/<slug>/",
            [f"/es/organisations/{slug}/" for slug in sample["organisations"][:size]],
        ),
        ("news /en/<slug>/news/", [f"/en/{slug}/news/" for slug in projects]),
        ("article /en/<slug>/news/news-3/", [f"/en/{slug}/news/news-3/" for slug in projects]),
        ("Atom /en/<slug>/news/atom.xml", [f"/en/{slug}/news/atom.xml" for slug in projects]),
        ("JSON Feed /en/<slug>/news/feed.json", [f"/en/{slug}/news/feed.json" for slug in projects]),
    ]


def run_mode(name: str, env: dict, options, sample, results: list) -> None:
    """Measure every page on one server; rounds interleave the pages so that a change in the
    machine's load during the run weighs on the ceiling and the pages alike."""
    print(f"\n== {name}: starting the server", flush=True)
    measured = pages(sample, options.sample)
    with Server(
        env=env, workers=options.workers, threads=options.threads, wait=options.server_wait
    ) as server:
        context = get_context("fork")
        with ProcessPoolExecutor(max_workers=options.clients, mp_context=context) as pool:

            def run(paths, seconds):
                return load(
                    pool,
                    server.port,
                    paths,
                    clients=options.clients,
                    seconds=seconds,
                    max_requests=options.max_requests,
                )

            print(f"   warming up ({len(measured)} pages)", flush=True)
            for _label, paths in measured:
                # Every URL once (this fills the page cache), then a short load.
                for path in paths:
                    status, _body, _headers = get(server.port, path)
                    if status != 200:
                        raise SystemExit(f"{path} answered {status}")
                run(paths, options.warmup)
            rounds: dict[str, list] = {label: [] for label, _paths in measured}
            cpu: Counter = Counter()
            for number in range(1, options.rounds + 1):
                print(f"   round {number}/{options.rounds}", flush=True)
                for label, paths in measured:
                    before = server.cpu_seconds()
                    rounds[label].append(run(paths, options.seconds / options.rounds))
                    cpu[label] += server.cpu_seconds() - before
            ceiling = ceiling_cpu = None
            for label, _paths in measured:
                figures = summarise(rounds[label])
                requests = figures["requests"] or 1
                figures["cpu_ms"] = cpu[label] / requests * 1000
                if ceiling is None:
                    ceiling, ceiling_cpu = figures["rps"], figures["cpu_ms"]
                figures.update(
                    page=label,
                    mode=name,
                    ratio=figures["rps"] / ceiling if ceiling else 0,
                    cpu_ratio=ceiling_cpu / figures["cpu_ms"] if figures["cpu_ms"] else 0,
                )
                results.append(figures)
                hits = figures["cache"].get("hit", 0)
                print(
                    f"   {label:<42} {figures['rps']:8.0f} req/s  p50 {figures['p50_ms']:6.1f} ms  "
                    f"p95 {figures['p95_ms']:6.1f} ms  {figures['ratio']:5.0%}"
                    + (
                        f"  page cache hits {hits / figures['requests']:.0%}"
                        if figures["requests"] and label[0] != "/"
                        else ""
                    ),
                    flush=True,
                )


def print_table(results: list, info: dict, counts: dict) -> None:
    print("\nMachine")
    for key, value in info.items():
        print(f"  {key:<13} {value}")
    print("  data          " + ", ".join(f"{value:,} {key}" for key, value in counts.items()))
    header = (
        f"| {'page':<40} | {'mode':<8} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} "
        f"| {'of ceiling':>10} | {'CPU ms/req':>10} | {'CPU vs ceiling':>14} | {'KiB':>5} | {'errors':>6} |"
    )
    print()
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for row in results:
        print(
            f"| {row['page']:<40} | {row['mode']:<8} | {row['rps']:7.0f} | {row['p50_ms']:7.1f} | "
            f"{row['p95_ms']:7.1f} | {row['ratio']:10.0%} | {row['cpu_ms']:10.2f} | {row['cpu_ratio']:14.0%} "
            f"| {row['kb_per_response']:5.1f} "
            f"| {row['errors']:6d} |"
        )


def main(argv=None) -> None:
    options = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="secon-bench-"))
    env = server_env(var_dir, database_url=options.database_url)
    if options.cache_url:
        env["SECON_CACHE_URL"] = options.cache_url
    created_database = False
    try:
        if options.database_url:
            create_database(options.database_url)
            created_database = True
        progress = migrate(env, database_url=options.database_url, var_dir=var_dir)
        from django.db import connections

        from secon.projects.tenancy import scopes_disabled

        with scopes_disabled():  # the generator acts for every project (partners are project-scoped)
            sample = generate(
                projects=options.projects, partners=options.partners, seed=options.seed, progress=progress
            )
        progress("data ready")
        info = machine(
            workers=options.workers,
            threads=options.threads,
            clients=options.clients,
            database=database_version(options.database_url),
            sqlite=True,
        )
        connections.close_all()

        results: list[dict] = []
        if options.only != "uncached":
            run_mode("cached", dict(env), options, sample, results)
        if options.only != "cached":
            run_mode("uncached", {**env, "SECON_PAGE_CACHE_SECONDS": "0"}, options, sample, results)
        info["load_average"] += (
            " at the start, " + " ".join(f"{v:.2f}" for v in os.getloadavg()) + " at the end"
        )
        print_table(results, info, sample["counts"])
        if options.json:
            options.json.write_text(
                json.dumps({"machine": info, "data": sample["counts"], "results": results}, indent=2)
            )
    finally:
        if created_database and not options.keep:
            from django.db import connections

            connections.close_all()
            drop_database(options.database_url)
        if options.keep:
            print(f"kept {var_dir}" + (f" and {options.database_url}" if created_database else ""))
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
