"""Importing good practices from a CSV in the programme's columns."""

from pathlib import Path

import pytest

from secon.core.permissions import SYSTEM
from secon.practices.imports import import_practices
from secon.practices.models import GoodPractice
from tests.factories import ProjectFactory, RegionFactory

FIXTURE = Path(__file__).parent / "fixtures" / "practices.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    RegionFactory(code="ES43", name="Extremadura")
    return ProjectFactory(content_languages=["en", "es"])


def run(project, data=None, dry_run=False):
    data = FIXTURE.read_bytes() if data is None else data
    return import_practices(
        actor=SYSTEM, project=project, data=data, filename="practices.csv", dry_run=dry_run
    )


def test_a_dry_run_lists_the_drafts_it_would_create(project):
    report = run(project, dry_run=True)

    assert report.ok, report.problems
    assert [row.label for row in report.rows] == [
        "Social clauses in public tenders",
        "Energy cooperatives of citizens",
    ]
    assert not GoodPractice.objects.exists()


def test_rows_become_drafts_and_a_second_run_changes_nothing(project):
    report = run(project)

    assert report.applied, report.problems
    practice = GoodPractice.objects.get(title__en="Social clauses in public tenders")
    assert practice.status == "draft"
    assert practice.title == {"en": "Social clauses in public tenders", "es": "Cláusulas sociales"}
    assert practice.keywords == ["employment", "inclusion"]
    assert (practice.country.code, practice.city, practice.is_ongoing) == ("ES", "Mérida", True)

    again = run(project)

    assert again.changes == 0
    assert GoodPractice.objects.count() == 2


def test_a_changed_row_updates_its_draft(project):
    run(project)
    text = FIXTURE.read_bytes().replace(b"Energy cooperatives of citizens", b"Citizens' energy cooperatives")

    report = run(project, text)

    assert report.summary() == {"create": 0, "update": 1, "unchanged": 1, "remove": 0}
    assert GoodPractice.objects.filter(title__en="Citizens' energy cooperatives").count() == 1


def test_unknown_columns_and_bad_rows_are_lines_and_nothing_is_imported(project):
    data = b"id,title_en,shoe_size\n1,A,42\n"
    assert run(project, data).problems == ["Column “shoe_size” is not one of the programme's columns."]

    data = b"id,title_en,start_date,region\n1,A,yesterday,\n2,B,,XX99\n3,C,,\n"
    report = run(project, data)

    assert report.problems == ["row 2: a date is not YYYY-MM-DD.", "row 3: there is no NUTS region “XX99”."]
    assert not GoodPractice.objects.exists()
