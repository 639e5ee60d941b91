"""The end of a transactional test leaves the database as Django's flush would: no row of any model,
but the content types and permissions that migrate made (tests/flush.py)."""

import pytest

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from secon.accounts.models import Membership
from secon.events.models import Event
from tests import flush
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, PartnerFactory


def model_rows() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.db_table not in flush.KEPT and model._meta.managed
    }


@pytest.mark.django_db(transaction=True)
def test_emptying_deletes_every_row_across_foreign_keys_and_keeps_content_types():
    partner = PartnerFactory()
    MembershipFactory(project=partner.project, organisation=partner.organisation)
    EventFactory(project=partner.project)
    content_types, permissions = ContentType.objects.count(), Permission.objects.count()
    written = set(flush.tables_with_rows(flush.connections["default"]))
    assert {Membership._meta.db_table, Event._meta.db_table} <= written

    flush.empty("default")

    assert {label: rows for label, rows in model_rows().items() if rows} == {}
    assert flush.tables_with_rows(flush.connections["default"]) == []
    assert (ContentType.objects.count(), Permission.objects.count()) == (content_types, permissions)
    assert ContentType.objects.get_for_model(Event).model_class() is Event


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_stays_empty():
    flush.empty("default")
    assert flush.tables_with_rows(flush.connections["default"]) == []
