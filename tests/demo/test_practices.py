"""The demo practices: spread over the workflow, searchable the same way on SQLite and PostgreSQL."""

import pytest

from secon.core.models import AuditEntry
from secon.demo.loader import load_demo
from secon.practices.models import GoodPractice, SearchEntry, TransferStep, WorkflowStep
from secon.practices.selectors.library import search_practices

pytestmark = pytest.mark.django_db

#: query (and search language) → English titles expected, whatever the database.
EXPECTED = [
    ("insercion", None, {"REMUDARTE: textile reuse as a path into work"}),
    ("INSERCIÓN laboral", "es", {"REMUDARTE: textile reuse as a path into work"}),
    ("pastores", None, {"Cooprado's shepherd school"}),
    ("shepherds", "en", {"Cooprado's shepherd school"}),
    (
        "cooperatives",
        "en",
        {"ACTYVA: an integral cooperative for local organic food", "Cooprado's shepherd school"},
    ),
    ("discapacidad", None, {"PLACEAT: jobs and support for people with intellectual disabilities"}),
    ("ecologicos", "es", {"ACTYVA: an integral cooperative for local organic food"}),
    # No demo practice is written in German: the thesaurus finds the cooperatives in every language.
    (
        "Genossenschaften",
        None,
        {"ACTYVA: an integral cooperative for local organic food", "Cooprado's shepherd school"},
    ),
    ("olive", None, set()),  # Messinis Gaia is not approved yet
]


def titles(results):
    return {hit.practice.texts("title")["en"] for hit in results.hits}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (GoodPractice, WorkflowStep, TransferStep, SearchEntry, AuditEntry)
    }


def test_demo_practices_are_spread_over_the_workflow_and_load_idempotently(demo):
    project = demo
    practices = {p.texts("title")["en"]: p for p in GoodPractice.objects.filter(project=project)}
    assert len(practices) == 9
    statuses = {p.status for p in practices.values()}
    assert statuses >= {
        "draft",
        "submitted",
        "info_requested",
        "resubmitted",
        "approved",
        "counted",
        "selected",
    }
    for practice in practices.values():
        own = set(practice.texts("title")) - {"en"}
        assert "en" in practice.texts("title") and len(own) == 1
    shepherds = practices["Cooprado's shepherd school"]
    transfer = shepherds.transfers.get()
    assert transfer.region.code == "RO124"
    assert [step.stage for step in transfer.steps.order_by("id")] == ["interest", "exchange"]
    before = counts()
    load_demo()
    assert counts() == before


def test_demo_search_gives_the_same_results_on_every_database(demo):
    for query, language, expected in EXPECTED:
        assert titles(search_practices(query=query, language=language)) == expected, query
