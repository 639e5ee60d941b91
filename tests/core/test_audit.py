"""The audit log's batch: the same entries, written in one insert at the end of the block."""

import pytest

from secon.core import audit
from secon.core.models import AuditEntry
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_batch_writes_the_same_entries_in_one_insert_at_its_end(django_assert_num_queries):
    first, second, third = PersonFactory.create_batch(3)
    # Two queries: the look below, and the one insert.
    with django_assert_num_queries(2), audit.batched():
        audit.record_change(actor=None, instance=first, action=AuditEntry.Action.CREATE, on_pages=False)
        audit.record_creations(actor=None, instances=[second, third], on_pages=False)
        assert not AuditEntry.objects.exists()  # nothing written before the block ends
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(entry.model, entry.object_id, entry.action) for entry in entries] == [
        ("organisations.person", str(person.pk), AuditEntry.Action.CREATE)
        for person in (first, second, third)
    ]
    assert entries[0].changes["email"] == [None, first.email]


def test_a_batch_that_raises_writes_nothing_and_an_inner_batch_writes_with_the_outer_one(
    django_assert_num_queries,
):
    person, other = PersonFactory.create_batch(2)
    with pytest.raises(ValueError), audit.batched():
        audit.record_change(actor=None, instance=person, action=AuditEntry.Action.CREATE, on_pages=False)
        raise ValueError
    assert not AuditEntry.objects.exists()
    with django_assert_num_queries(1), audit.batched():
        with audit.batched():
            audit.record_change(actor=None, instance=person, action=AuditEntry.Action.CREATE, on_pages=False)
        audit.record_change(actor=None, instance=other, action=AuditEntry.Action.CREATE, on_pages=False)
    assert AuditEntry.objects.count() == 2
    # Outside a batch each entry is written at once, as before.
    with django_assert_num_queries(1):
        audit.record_change(actor=None, instance=other, action=AuditEntry.Action.UPDATE, on_pages=False)
