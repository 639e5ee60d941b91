"""Write the audit log: every service that changes a record calls :func:`record_change`."""

import datetime
import decimal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

from secon.core.cache import scopes_of_record, touch, touch_record
from secon.core.fields import KeyField
from secon.core.models import AuditEntry

#: The entries of the :func:`batched` block being run (None outside one).
_batch: ContextVar[list[AuditEntry] | None] = ContextVar("secon_audit_batch", default=None)


def snapshot(instance: models.Model, *, fields: Iterable[str] | None = None) -> dict:
    """Return the instance's concrete field values as JSON-safe data (derived keys left out)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if isinstance(field, KeyField):
            continue
        value = getattr(instance, field.attname)
        data[field.name] = _jsonable(value)
    return data


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def diff(before: dict, after: dict) -> dict:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def record_change(
    *,
    actor,
    instance: models.Model,
    action: str,
    before: dict | None = None,
    project_id: int | None = None,
    on_pages: bool = True,
) -> AuditEntry:
    """Log that ``actor`` created, changed or deleted ``instance``, and refresh the pages showing it.

    The cached pages that show the record (as it is now, and as ``before`` it was) are invalidated
    when the transaction commits: see :mod:`secon.core.cache`. ``on_pages=False``: the record was
    just inserted and nothing refers to it yet, so no page can show it (its scopes are not looked up).
    """
    after = snapshot(instance) if action != AuditEntry.Action.DELETE else {}
    changes = diff(before or {}, after)
    if on_pages:
        touch_record(instance, before=before, added_or_removed=action != AuditEntry.Action.UPDATE)
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        project_id=project_id,
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )
    batch = _batch.get()
    if batch is not None:
        batch.append(entry)
    else:
        entry.save(force_insert=True)
    return entry


def record_creations(
    *, actor, instances: list[models.Model], project_id: int | None = None, on_pages: bool = True
) -> list[AuditEntry]:
    """Log the creation of several records written together: one entry each, in one insert.

    The same entries :func:`record_change` writes one by one; the pages showing any of the records
    are invalidated once, when the transaction commits (``on_pages=False``: as for
    :func:`record_change`, no page can show them yet, so their scopes are not looked up).
    """
    if on_pages:
        touch(*{scope for record in instances for scope in scopes_of_record(record, added_or_removed=True)})
    actor = actor if getattr(actor, "is_authenticated", False) else None
    entries = [
        AuditEntry(
            actor=actor,
            project_id=project_id,
            action=AuditEntry.Action.CREATE,
            model=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            changes=diff({}, snapshot(instance)),
        )
        for instance in instances
    ]
    batch = _batch.get()
    if batch is not None:
        batch.extend(entries)
        return entries
    return AuditEntry.objects.bulk_create(entries)


@contextmanager
def batched() -> Iterator[None]:
    """Write the audit entries that the ``with`` block records in one insert, at its end.

    For a service that records several changes in one transaction where every statement counts (a
    registration's person, consents and place, written while 200 others wait for the same lock):
    the same entries, in the same order, one statement instead of one each. Use it inside the
    transaction; nothing is written when the block raises. A block inside another writes with the
    outer one. An entry recorded in a savepoint that is then rolled back while the block goes on (an
    error caught inside the block) would still be written: catch such errors outside the block.
    """
    if _batch.get() is not None:
        yield
        return
    entries: list[AuditEntry] = []
    token = _batch.set(entries)
    try:
        yield
    finally:
        _batch.reset(token)
    if entries:
        AuditEntry.objects.bulk_create(entries)


@contextmanager
def audited(
    *, actor, instance: models.Model, project_id: int | None, action: str = AuditEntry.Action.UPDATE
) -> Iterator[dict]:
    """Log the change the ``with`` block makes to ``instance``: its values before (yielded) and after.

    Nothing is logged when the block raises (the service's transaction is rolled back anyway). For a
    deletion (``action=DELETE``) the block runs before the record is gone: delete it after the block.
    """
    before = snapshot(instance)
    yield before
    record_change(actor=actor, instance=instance, action=action, before=before, project_id=project_id)


ERASED = "[erased]"


def scrub_personal_values(
    *, records: dict[str, set], values: set[str], everywhere: set[str] = frozenset()
) -> int:
    """Replace personal values in the audit log with ``[erased]``; return the entries changed.

    ``records``: model label → primary keys of the erased person's records, whose entries may hold any
    of ``values`` (names, address, needs); ``everywhere``: values specific enough to look for in every
    entry (an e-mail address). The entries stay (who did what, when); only the values go.
    """
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    values = {value for value in values | set(everywhere) if value and len(value) >= 2}
    condition = Q(pk__in=[])
    for label, keys in records.items():
        if keys:
            condition |= Q(model=label, object_id__in=[str(key) for key in keys])
    for value in everywhere:
        if value:
            condition |= Q(text__icontains=value)
    for value in everywhere:
        if value:
            condition |= Q(object_repr__icontains=value)
    entries = AuditEntry.objects.annotate(text=Cast("changes", TextField())).filter(condition)
    changed = 0
    ordered = sorted(values, key=len, reverse=True)  # "Ana García" before "Ana"
    for entry in entries.iterator():
        changes = _scrub(entry.changes, ordered)
        representation = _scrub(entry.object_repr, ordered)
        if changes != entry.changes or representation != entry.object_repr:
            AuditEntry.objects.filter(pk=entry.pk).update(changes=changes, object_repr=representation)
            changed += 1
    return changed


def _scrub(value, values: list[str]):
    if isinstance(value, str):
        for personal in values:
            if personal.lower() in value.lower():
                value = _replace_folded(value, personal)
        return value
    if isinstance(value, list):
        return [_scrub(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, values) for key, item in value.items()}
    return value


def _replace_folded(text: str, personal: str) -> str:
    import re

    return re.sub(re.escape(personal), ERASED, text, flags=re.IGNORECASE)
