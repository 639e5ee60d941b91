"""Benchmark the good-practice search: 100,000 practices across 200 regions and 5 languages.

What it does, in a throwaway SECON_VAR_DIR (and, with --database-url, a PostgreSQL database that it
creates and drops):

1. migrates, loads the NUTS regions, and generates --practices practices (default 100,000) in one
   project whose content languages are en, es, de, el, pl: each practice has an English text and
   one in its region's language, drawn from a vocabulary with a Zipf-like spread (a few very
   common words, many rare ones), spread over --regions NUTS regions (200) and 500 organisations;
   90 % are published. The index is written through the same code the services use
   (``SearchEntry`` rows + ``practices.search.write_entries`` + the thesaurus' concept tags).
   PostgreSQL's tables are then vacuumed, as autovacuum would do soon after (a server without
   autovacuum would otherwise leave index-only scans reading every row from the table).
2. runs --queries calls of the one selector ``search_practices`` (ranked page of 20 with snippets,
   six facet counts, labels), in a mix of query kinds: a common word, a rare word, two words, an
   accented word typed without accents, a plural, with and without facet filters and a language,
   the first page and a later one, and browsing without a query;
3. after each call, runs the bare engine query for the same page (``search_raw.raw_query``: the same
   20 practices ranked by the engine, with titles and snippets highlighted by the engine);
4. prints, per kind, p50/p95 of the call's wall time and of its CPU time (this process, plus the
   PostgreSQL server process serving it), the raw query's CPU time, their ratio, the order shown
   (ranked, or newest first for a query whose every word occurs in more than a fifth of all
   practices), and the load average at the start and the end (the machine may be shared).
   Browsing without words is cached per library version (exact invalidation by the services), so
   "browse" is mostly served from the cache; "browse, cold" empties the cache before every call.
   What a query with words found (its ranked ids and facet counts) is kept per library version too,
   so a kind's repeated calls read it and rank nothing: "ranked, not kept" measures ranked queries
   as if asked for the first time since the library changed (the kept outcome is not read; the
   words' counts, the facet table and the concepts' tags stay as the earlier calls left them).

Run:  .venv/bin/python benchmarks/practices_search.py
      .venv/bin/python benchmarks/practices_search.py --database-url postgresql://postgres@127.0.0.1:5432/secon_gp_bench
Kept data, reused by later runs (the first run generates 5,000 practices and copies them in SQL):
      .venv/bin/python benchmarks/practices_search.py --generate 5000 --var-dir /tmp/gp-sqlite
      createdb -h 127.0.0.1 -U postgres gp_bench   # --var-dir with PostgreSQL: the database must exist
      .venv/bin/python benchmarks/practices_search.py --generate 5000 --var-dir /tmp/gp-pg \
          --database-url postgresql://postgres@127.0.0.1:5432/gp_bench
A benchmark to run and read, not a test: nothing here asserts a time.
"""

import argparse
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
import search_raw

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "es", "de", "el", "pl")
COUNTRY_LANGUAGE = {"ES": "es", "DE": "de", "EL": "el", "PL": "pl", "AT": "de"}

# Vocabularies: the common words first (drawn most often), then rarer ones. Forms vary (singular,
# plural, accents) so that stemming and accent folding matter.
WORDS = {
    "en": "social cooperative cooperatives enterprise enterprises rural community integration work jobs "
    "training women young people local food energy housing care services procurement finance "
    "network networks region regions municipality volunteers disability migrants farmers shepherds "
    "textiles reuse recycling tourism culture heritage forests water digital skills mentoring "
    "incubator microcredit label market markets olive wine cheese honey crafts school schools",
    "es": "economía social cooperativa cooperativas empresa empresas inserción laboral rural comunidad "
    "formación mujeres jóvenes personas alimentación energía vivienda cuidados servicios compra "
    "pública financiación red redes región municipio voluntariado discapacidad migrantes agricultores "
    "pastores textil reutilización reciclaje turismo cultura patrimonio bosques agua digital "
    "competencias mentoría incubadora microcrédito etiqueta mercado aceite vino queso miel artesanía",
    "de": "Sozialwirtschaft Genossenschaft Genossenschaften Unternehmen Integration Arbeit ländlich "
    "Gemeinschaft Ausbildung Frauen Jugendliche Menschen Lebensmittel Energie Wohnen Pflege Dienste "
    "Beschaffung Finanzierung Netzwerk Netzwerke Region Regionen Gemeinde Ehrenamt Behinderung "
    "Migranten Landwirte Schäfer Textilien Wiederverwendung Recycling Tourismus Kultur Erbe Wälder "
    "Wasser digital Kompetenzen Mentoring Gründerzentrum Mikrokredit Siegel Markt Käse Honig Handwerk",
    "el": "κοινωνική οικονομία συνεταιρισμός συνεταιρισμοί επιχείρηση επιχειρήσεις ένταξη εργασία "
    "αγροτική κοινότητα κατάρτιση γυναίκες νέοι άνθρωποι τρόφιμα ενέργεια στέγαση φροντίδα υπηρεσίες "
    "προμήθειες χρηματοδότηση δίκτυο δίκτυα περιφέρεια δήμος εθελοντές αναπηρία μετανάστες αγρότες "
    "βοσκοί υφάσματα επαναχρησιμοποίηση ανακύκλωση τουρισμός πολιτισμός κληρονομιά δάση νερό "
    "ψηφιακές δεξιότητες καθοδήγηση θερμοκοιτίδα μικροπίστωση σήμα αγορά ελαιόλαδο κρασί τυρί μέλι",
    "pl": "ekonomia społeczna spółdzielnia spółdzielnie przedsiębiorstwo integracja praca wiejska "
    "społeczność szkolenia kobiety młodzież ludzie żywność energia mieszkania opieka usługi zamówienia "
    "finansowanie sieć region gmina wolontariusze niepełnosprawność migranci rolnicy pasterze tekstylia "
    "recykling turystyka kultura dziedzictwo lasy woda cyfrowe kompetencje mentoring inkubator "
    "mikropożyczka znak rynek oliwa wino ser miód rzemiosło szkoła",
}
#: query kind → (query, language or None, filters)
QUERIES = {
    "common word": [("social", None, {}), ("cooperative", None, {}), ("región", "es", {})],
    "rare word": [("microcredit", None, {}), ("θερμοκοιτίδα", None, {}), ("Handwerk", "de", {})],
    "two words": [("rural energy", None, {}), ("olive oil", "en", {}), ("inserción laboral", "es", {})],
    "no accents": [("insercion", None, {}), ("economia", "es", {}), ("schafer", "de", {})],
    "plural / stem": [
        ("Genossenschaften", None, {}),
        ("cooperatives", "en", {}),
        ("συνεταιρισμοί", None, {}),
    ],
    "across languages (thesaurus)": [
        ("spółdzielnie", None, {}),
        ("Sozialunternehmen", None, {}),
        ("Genossenschaften Honig", None, {}),
    ],
    "word + filters": [
        ("training", None, {"theme": "social"}),
        ("energy", None, {"theme": "greener", "country": "ES"}),
    ],
    "browse": [("", None, {}), ("", None, {"theme": "social"}), ("", None, {"country": "PL"})],
    "later page": [
        ("social", None, {"_page": 3}),
        ("", None, {"_page": 10}),
        ("microcredit", None, {"_page": 5}),
        ("economia", "es", {"_page": 40}),
    ],
    "browse, cold": [("", None, {}), ("", None, {"theme": "social"}), ("", None, {"country": "PL"})],
    "ranked, not kept": [
        ("microcredit", None, {}),
        ("θερμοκοιτίδα", None, {}),
        ("insercion", None, {}),
        ("economia", "es", {}),
        ("Genossenschaften Honig", None, {}),
        ("microcredit", None, {"_page": 5}),
        ("economia", "es", {"_page": 40}),
    ],
}
#: Kinds measured with an empty cache before every call (browsing results are cached per library version).
COLD = {"browse, cold"}
#: Kinds measured as queries not asked before under this library version: what a query found is
#: kept per library version (``selectors.outcomes``), so the other kinds' repeated calls read it.
NOT_KEPT = {"ranked, not kept"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument(
        "--generate",
        type=int,
        default=0,
        help="generate this many practices through the code and copy them in SQL up to --practices "
        "(the index is copied too: much faster than generating every practice; default: generate all)",
    )
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--queries", type=int, default=40, help="calls per query kind (40)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (created and dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--var-dir", default="", help="use (and keep) this SECON_VAR_DIR; reuse its data")
    return parser.parse_args(argv)


def setup_django(args) -> Path:
    var_dir = Path(args.var_dir) if args.var_dir else Path(tempfile.mkdtemp(prefix="secon-gp-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["SECON_VAR_DIR"] = str(var_dir)
    os.environ["SECON_PAGE_CACHE_SECONDS"] = "0"
    if args.database_url:
        os.environ["SECON_DATABASE_URL"] = args.database_url
        if not args.var_dir:
            harness.create_database(args.database_url, replace=True)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var_dir


def _text(rng, words: list[str], count: int) -> str:
    # Zipf-like: index ~ exponential, so the first words are common and the last ones rare.
    picked = [words[min(int(rng.expovariate(1 / 9)), len(words) - 1)] for _ in range(count)]
    return " ".join(picked).capitalize() + "."


def generate(args) -> None:
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from secon.organisations.models import Organisation, Region
    from secon.organisations.services import import_regions
    from secon.practices import search
    from secon.practices.enums import Status, Theme
    from secon.practices.models import GoodPractice, IndexedPractice, SearchEntry
    from secon.practices.services.indexing import tag_entries
    from secon.projects.models import Project
    from secon.projects.services import sync_schedule

    rng = random.Random(args.seed)
    started = time.perf_counter()
    import_regions()
    regions = list(
        Region.objects.filter(nuts_version=2024, level=2, country_code__in=list(COUNTRY_LANGUAGE)).order_by(
            "code"
        )
    )
    regions += list(
        Region.objects.filter(nuts_version=2024, level=3, country_code__in=list(COUNTRY_LANGUAGE)).order_by(
            "code"
        )
    )
    regions = regions[: args.regions]
    project = Project.objects.create(
        slug="bench",
        acronym="BENCH",
        title={"en": "Benchmark project"},
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2027, 5, 31),
        content_languages=list(LANGUAGES),
    )
    sync_schedule(project=project)
    kinds = ["cooperative", "work_integration", "association", "foundation", "public_authority", "ngo"]
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"org-{n}",
                name=f"Organisation {n}",
                kind=kinds[n % len(kinds)],
                region=regions[n % len(regions)],
            )
            for n in range(500)
        ],
        batch_size=500,
    )
    organisations = list(Organisation.objects.filter(slug__startswith="org-").values_list("pk", flat=True))
    words = {code: text.split() for code, text in WORDS.items()}
    themes = list(Theme.values)
    now = timezone.now()
    batch = 5000
    for start in range(0, args.practices, batch):
        with transaction.atomic():
            practices = []
            for n in range(start, min(start + batch, args.practices)):
                region = regions[n % len(regions)]
                own = COUNTRY_LANGUAGE[region.country_code]
                texts = {}
                for name, count in (
                    ("title", 6),
                    ("summary", 20),
                    ("description", 40),
                    ("evidence", 12),
                    ("transfer_potential", 10),
                ):
                    texts[name] = {code: _text(rng, words[code], count) for code in {"en", own}}
                public = rng.random() < 0.9
                practices.append(
                    GoodPractice(
                        project=project,
                        **texts,
                        theme=themes[n % len(themes)],
                        country=region.iso_country,
                        region=region,
                        city=f"Town {n % 977}",
                        main_institution_id=organisations[n % len(organisations)],
                        status=rng.choice([Status.APPROVED, Status.COUNTED, Status.SELECTED])
                        if public
                        else Status.DRAFT,
                        published_at=now - datetime.timedelta(minutes=n) if public else None,
                        is_ongoing=True,
                    )
                )
            GoodPractice.objects.bulk_create(practices)
            created = GoodPractice.objects.filter(
                project=project, status__in=["approved", "counted", "selected"]
            ).filter(
                pk__gt=SearchEntry.objects.order_by("-practice_id")
                .values_list("practice_id", flat=True)
                .first()
                or 0
            )
            entries = []
            public = list(created.select_related("region", "main_institution"))
            for practice in public:
                for code in practice.title:
                    body = "\n\n".join(
                        getattr(practice, name).get(code, "")
                        for name in ("summary", "description", "evidence", "transfer_potential")
                    )
                    entries.append(
                        SearchEntry(practice=practice, language=code, title=practice.title[code], body=body)
                    )
            SearchEntry.objects.bulk_create(entries, batch_size=2000)
            search.write_entries(entries)
            tag_entries(entries)
            kinds_by_id = dict(Organisation.objects.values_list("pk", "kind"))
            IndexedPractice.objects.bulk_create(
                [
                    IndexedPractice(
                        practice_id=practice.pk,
                        project_id=practice.project_id,
                        theme=practice.theme,
                        country=str(practice.country),
                        region_code=practice.region.code,
                        organisation_kind=kinds_by_id[practice.main_institution_id],
                        status=practice.status,
                        published_at=practice.published_at,
                    )
                    for practice in public
                ],
                batch_size=2000,
            )
        print(f"  generated {min(start + batch, args.practices):>7,} practices", end="\r", flush=True)
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for code in LANGUAGES:
                cursor.execute(
                    f"INSERT INTO {search.fts_table(code)}({search.fts_table(code)}) VALUES ('optimize')"
                )
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            # As autovacuum would soon: the visibility map lets the covering indexes answer alone.
            cursor.execute("VACUUM ANALYZE")
    print(f"  generated {args.practices:,} practices in {time.perf_counter() - started:.0f} s" + " " * 20)


def copy_practices(generated: int, wanted: int) -> None:
    """Copy the generated practices in SQL, with their search entries, full-text rows, concept tags
    and index rows, until there are ``wanted`` (ids shifted by the largest id for each copy)."""
    from django.db import connection, transaction

    from secon.practices import search
    from secon.practices.models import ConceptTag, GoodPractice, IndexedPractice, SearchEntry

    started = time.perf_counter()

    def columns(model, skip=("id",)):
        return [f.column for f in model._meta.concrete_fields if f.column not in skip]

    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM practices_goodpractice")
        first, last = cursor.fetchone()
    span = last - first + 1
    copies = -(-wanted // generated) - 1
    for copy in range(1, copies + 1):
        shift = span * copy
        with transaction.atomic(), connection.cursor() as cursor:
            practice_columns = columns(GoodPractice)
            cursor.execute(
                f"INSERT INTO practices_goodpractice (id, {', '.join(practice_columns)}) "
                f"SELECT id + {shift}, {', '.join(practice_columns)} FROM practices_goodpractice "
                f"WHERE id BETWEEN {first} AND {last}"
            )
            for model in (SearchEntry, ConceptTag):
                table, rest = model._meta.db_table, columns(model, skip=("id", "practice_id"))
                extra = ", document" if connection.vendor == "postgresql" and model is SearchEntry else ""
                cursor.execute(
                    f"INSERT INTO {table} (practice_id, {', '.join(rest)}{extra}) "
                    f"SELECT practice_id + {shift}, {', '.join(rest)}{extra} FROM {table} "
                    f"WHERE practice_id BETWEEN {first} AND {last} ORDER BY id"
                )
            rest = columns(IndexedPractice, skip=("practice_id",))
            cursor.execute(
                f"INSERT INTO practices_indexedpractice (practice_id, {', '.join(rest)}) "
                f"SELECT practice_id + {shift}, {', '.join(rest)} FROM practices_indexedpractice "
                f"WHERE practice_id BETWEEN {first} AND {last}"
            )
            if connection.vendor == "sqlite":
                for code in LANGUAGES:
                    table = search.fts_table(code)
                    cursor.execute(
                        f"INSERT INTO {table} (rowid, title, body) SELECT rowid + {shift}, title, body "
                        f"FROM {table} WHERE rowid BETWEEN {first} AND {last}"
                    )
        print(f"  copied {generated * (copy + 1):>7,} practices", end="\r", flush=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('practices_goodpractice', 'id'), "
                "(SELECT MAX(id) FROM practices_goodpractice))"
            )
        else:
            for code in LANGUAGES:
                table = search.fts_table(code)
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    seconds = time.perf_counter() - started
    print(f"  copied to {generated * (copies + 1):,} practices in {seconds:.0f} s" + " " * 20)


def run(args) -> list[tuple]:
    """Call the selector and, right after, the bare engine query for the same page; per query kind
    return (kind, calls, wall p50, wall p95, CPU p50, CPU p95, raw CPU p50, raw CPU p95, orders)."""
    from django.core.cache import cache

    from secon.practices.selectors import outcomes
    from secon.practices.selectors.library import search_practices
    from secon.projects.models import Project

    cache.clear()
    project = Project.objects.get(slug="bench")
    rng = random.Random(args.seed)
    rows = []
    every = {"wall": [], "cpu": [], "raw": []}
    kept = outcomes.get
    for kind, queries in QUERIES.items():
        outcomes.get = (lambda key: None) if kind in NOT_KEPT else kept
        for query, language, filters in queries:  # warm-up
            search_practices(query=query, language=language, filters=filters, page=filters.get("_page", 1))
            search_raw.run_raw(*search_raw.raw_query(query, language, filters, filters.get("_page", 1)))
        times = {"wall": [], "cpu": [], "raw": []}
        orders = set()
        for _ in range(args.queries):
            query, language, filters = rng.choice(queries)
            page = filters.get("_page", 1)
            scoped = project if rng.random() < 0.5 else None
            if kind in COLD:
                cache.clear()
            cpu, started = search_raw.cpu_now(), time.perf_counter()
            result = search_practices(
                query=query, language=language, project=scoped, filters=filters, page=page
            )
            times["wall"].append((time.perf_counter() - started) * 1000)
            times["cpu"].append((search_raw.cpu_now() - cpu) * 1000)
            orders.add("newest first" if result.is_estimate or not query else "ranked")
            sql, params = search_raw.raw_query(query, language, filters, page)
            cpu = search_raw.cpu_now()
            search_raw.run_raw(sql, params)
            times["raw"].append((search_raw.cpu_now() - cpu) * 1000)
        for name, values in times.items():
            every[name] += values
        rows.append((kind, args.queries, *_stats(times), "/".join(sorted(orders))))
    outcomes.get = kept
    rows.append(("all", len(every["wall"]), *_stats(every), ""))
    return rows


def _stats(times: dict[str, list[float]]) -> tuple[float, ...]:
    figures = []
    for name in ("wall", "cpu", "raw"):
        ordered = sorted(times[name])
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        figures += [statistics.median(ordered), p95]
    return tuple(figures)


def main(argv=None) -> None:
    args = parse_args(argv)
    var_dir = setup_django(args)
    from django.db import connection

    print(
        f"SECON Hub good-practice search benchmark — {connection.vendor}, {args.practices:,} practices, "
        f"{args.regions} regions, {len(LANGUAGES)} languages"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    from secon.projects.models import Project

    try:
        if not Project.objects.filter(slug="bench").exists():
            wanted = args.practices
            if 0 < args.generate < wanted:
                args.practices = args.generate
            generate(args)
            if wanted > args.practices:
                copy_practices(args.practices, wanted)
                args.practices = wanted
        print(f"load average at the start: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        rows = run(args)
        print(f"load average at the end:   {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        print()
        print(
            f"{'query kind':<30} {'calls':>5} {'wall p50/p95 ms':>16} {'CPU p50/p95 ms':>15} "
            f"{'raw CPU p50/p95':>16} {'CPU ÷ raw':>9}  order"
        )
        for kind, calls, w50, w95, c50, c95, r50, r95, order in rows:
            ratio = c50 / r50 if r50 > 0 else float("inf")
            print(
                f"{kind:<30} {calls:>5} {w50:>7.1f} / {w95:>6.1f} {c50:>6.1f} / {c95:>6.1f} "
                f"{r50:>7.1f} / {r95:>6.1f} {ratio:>9.1f}  {order}"
            )
    finally:
        if args.database_url and not args.keep and not args.var_dir:
            from django.db import connections

            connections.close_all()
            harness.drop_database(args.database_url)
        if not args.var_dir:
            import shutil

            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
