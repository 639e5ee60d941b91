"""Importing contacts: a Latin-1 CSV with a byte-order mark and formulas, a mapping, consents."""

from pathlib import Path

import pytest

from secon.core.imports import Change
from secon.core.permissions import SYSTEM
from secon.core.spreadsheets import xlsx_workbook
from secon.organisations.imports import import_contacts, suggest_mapping
from secon.organisations.models import Consent, Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory, UserFactory

FIXTURE = Path(__file__).parent / "fixtures" / "contacts-latin1-bom.csv"
MAPPING = {
    "Organisation type": "organisation_kind",
    "Newsletter": "consent_newsletter",
    "Photos": "consent_photos",
}

pytestmark = pytest.mark.django_db


def run(data=None, *, mapping=MAPPING, dry_run=False, filename="contacts.csv", actor=SYSTEM):
    return import_contacts(
        actor=actor,
        project=ProjectFactory(),
        data=FIXTURE.read_bytes() if data is None else data,
        filename=filename,
        mapping=mapping,
        dry_run=dry_run,
    )


def test_columns_named_like_fields_are_mapped_without_help():
    assert suggest_mapping(
        ["E-mail", "First name", "Last name", "Organisation", "Organisation type", "X"]
    ) == {
        "E-mail": "email",
        "First name": "first_name",
        "Last name": "last_name",
        "Organisation": "organisation",
    }


def test_a_dry_run_lists_people_and_organisations_and_writes_nothing():
    report = run(dry_run=True)

    assert report.ok, report.problems
    assert report.summary() == {"create": 6, "update": 0, "unchanged": 0, "remove": 0}
    assert not Person.objects.exists()
    assert not Organisation.objects.exists()


def test_a_latin1_file_with_a_bom_is_read_and_formulas_stay_text():
    report = run()

    assert report.applied, report.problems
    ana = Person.objects.get(email="ana.perez@remudarte.example")
    assert (ana.first_name, ana.last_name, ana.job_title) == ("Ana", "Pérez", "Gerente")
    assert ana.organisation.name == "REMUDARTE"
    assert ana.organisation.kind == "cooperative"
    assert Organisation.objects.get(name="Sozialgenossenschaft München").kind == "cooperative"
    marek = Person.objects.get(email="marek@example.org")
    assert (marek.first_name, marek.job_title) == ("=1+2", "@SUM(A1)")
    assert marek.organisation.name == "Fundación Mañana"


def test_consents_are_recorded_with_their_status_and_only_once():
    run()
    ana = Person.objects.get(email="ana.perez@remudarte.example")
    assert {(c.kind, c.granted) for c in ana.consents.all()} == {("newsletter", True), ("photos", False)}
    assert not Consent.objects.filter(person__email="jonas.berg@example.org", kind="photos").exists()

    again = run()

    assert again.applied
    assert again.changes == 0
    assert Consent.objects.count() == 5


def test_an_existing_person_is_found_by_address_and_updated():
    organisation = OrganisationFactory(name="REMUDARTE")
    person = PersonFactory(email="ana.perez@remudarte.example", first_name="Ana", last_name="Perez")

    report = run()

    person.refresh_from_db()
    assert person.last_name == "Pérez"
    assert person.organisation == organisation
    assert [row.action for row in report.rows if "ana.perez" in row.label] == [Change.UPDATE]
    assert Organisation.objects.filter(name="REMUDARTE").count() == 1


def test_every_bad_row_is_a_line_and_nothing_is_imported():
    data = (
        b"email,first_name,last_name,consent_newsletter,organisation,organisation_kind\n"
        b"ok@example.org,Ok,Person,yes,,\n"
        b'"=HYPERLINK(""http://evil.example"",""x"")",Eve,Mallory,,,\n'
        b"maybe@example.org,May,Be,perhaps,,\n"
        b"kind@example.org,Kind,Less,,Some body,spaceship\n"
        b",No,Address,,,\n"
    )

    report = run(data, mapping={})

    assert len(report.problems) == 4
    assert report.problems[0].startswith("row 3: ")
    assert "perhaps" in report.problems[1]
    assert "spaceship" in report.problems[2]
    assert report.problems[3] == "row 6: the e-mail address is missing."
    assert not Person.objects.exists()
    assert not Consent.objects.exists()


def test_a_mapping_to_an_unknown_field_or_column_is_refused():
    report = run(mapping={"Newsletter": "shoe_size", "Nope": "email"})

    assert report.problems == [
        "Column “Newsletter”: there is no field “shoe_size”.",
        "There is no column “Nope” in the file.",
    ]


def test_an_xlsx_workbook_is_read_with_formulas_as_text():
    data = xlsx_workbook(
        ["E-mail", "First name", "Last name"], [["x@example.org", "=2+2", "Xu"]], sheet_title="Contacts"
    )

    report = run(data, mapping={}, filename="contacts.xlsx")

    assert report.applied, report.problems
    assert Person.objects.get(email="x@example.org").first_name == "=2+2"


def test_a_file_that_is_no_table_gets_a_clear_line():
    report = run(b"PK\x03\x04garbage", mapping={}, filename="contacts.xlsx")

    assert report.problems == ["The file is neither a CSV file nor an Excel workbook (XLSX)."]


def test_someone_without_a_role_in_the_project_is_refused():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(actor=UserFactory(), dry_run=True)
