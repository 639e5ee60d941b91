"""Names match without their accents and sort as people read them, on both databases."""

import importlib

import pytest

from django.apps import apps
from django.test import Client

from secon.organisations.models import Organisation, Person
from secon.organisations.services import (
    create_organisation,
    create_person,
    refresh_name_keys,
    update_person,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = ["Zapata", "Álvarez", "Bauer", "Ángel", "Öztürk", "Oz", "Çelik"]
EXPECTED = ["Álvarez", "Ángel", "Bauer", "Çelik", "Oz", "Öztürk", "Zapata"]


def _people():
    for number, last_name in enumerate(NAMES):
        create_person(actor=None, first_name="Ana", last_name=last_name, email=f"p{number}@example.org")


def test_people_and_organisations_sort_with_their_letter():
    _people()
    for name in NAMES:
        create_organisation(actor=None, name=f"{name} Coop", kind="cooperative")
    assert [person.last_name for person in Person.objects.all()] == EXPECTED
    assert [o.name for o in Organisation.objects.all()] == [f"{name} Coop" for name in EXPECTED]


def test_services_keep_the_keys_and_the_audit_log_leaves_them_out():
    person = create_person(actor=None, first_name="José", last_name="Álvarez", email="j@example.org")
    assert person.search_key == "jose alvarez"
    person = update_person(actor=None, person=person, last_name="Núñez")
    assert Person.objects.get(search_key__contains="nunez") == person
    entry = apps.get_model("core", "AuditEntry").objects.get(model="organisations.person", action="update")
    assert set(entry.changes) == {"last_name"}


def test_the_migration_and_a_restore_fill_the_keys_of_existing_rows():
    _people()
    create_organisation(actor=None, name="Cooperativa Ñandú", acronym="ÑAN", kind="cooperative")
    Person.objects.update(search_key="", sort_key="")
    Organisation.objects.update(search_key="", sort_key="")
    migration = importlib.import_module("secon.organisations.migrations.0002_name_keys")
    migration.fill_keys(apps, None)
    assert [person.last_name for person in Person.objects.all()] == EXPECTED
    assert Organisation.objects.get(search_key__contains="nandu").acronym == "ÑAN"
    Person.objects.update(search_key="", sort_key="")
    assert refresh_name_keys() == len(NAMES)
    assert Person.objects.filter(search_key__contains="alvarez").count() == 1
    assert refresh_name_keys() == 0


def test_admin_search_ignores_case_and_accents_and_sorts_by_name():
    _people()
    create_organisation(actor=None, name="Sociedad Cooperativa Álvarez", kind="cooperative")
    admin = UserFactory(is_superuser=True, is_staff=True)
    from tests.accounts.world import enable_two_factor

    enable_two_factor(admin)
    client = Client()
    client.force_login(admin)
    html = client.get("/admin/organisations/person/?q=ALVAREZ").content.decode()
    assert "Álvarez" in html and "Zapata" not in html
    html = client.get("/admin/organisations/organisation/?q=sociedad alvarez").content.decode()
    assert "Sociedad Cooperativa Álvarez" in html
    html = client.get("/admin/organisations/person/?o=1").content.decode()
    positions = [html.index(f">{name}<") for name in EXPECTED]
    assert positions == sorted(positions)
