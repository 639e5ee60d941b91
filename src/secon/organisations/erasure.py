"""Erase a person: what figures depend on is anonymised, everything else about them is removed.

The person's row stays (registrations and attendance point to it, so every count stays right) but
holds no name, address, organisation or position any more; their consents are deleted; each app to
the right of organisations registers an eraser for its own records (events: the needs and the
organisation typed on registrations, held registrations; in ``AppConfig.ready()``, as
``organisations/people.py`` does), and the audit log keeps who did what and when but loses the
personal values. A person under legal hold is not erased.
"""

import dataclasses
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_change, scrub_personal_values, snapshot
from secon.core.models import AuditEntry
from secon.mail.models import Email
from secon.organisations.models import Consent, Person
from secon.organisations.services import set_name_keys
from secon.projects.tenancy import scopes_disabled


@dataclasses.dataclass
class Erased:
    """What an app's eraser touched: (model label → primary keys) of the records whose audit entries
    may name the person, and the personal values it removed (to be removed from those entries too)."""

    records: dict[str, set] = dataclasses.field(default_factory=dict)
    values: set[str] = dataclasses.field(default_factory=set)


Eraser = Callable[[Person], Erased]
_erasers: list[Eraser] = []


def register_eraser(eraser: Eraser) -> Eraser:
    if eraser not in _erasers:
        _erasers.append(eraser)
    return eraser


@dataclasses.dataclass
class Erasure:
    person: int
    records: dict[str, int]
    audit_entries: int


def erasure_problem(person: Person) -> str | None:
    """Say why the person cannot be erased now, or return None."""
    if person.erased_at is not None:
        return _("These personal data have been erased already.")
    if person.legal_hold:
        return _(
            "These personal data are under a legal hold (an audit, a dispute or a programme check) and "
            "cannot be erased now. The project's coordinators can tell you until when; ask them again then."
        )
    return None


@transaction.atomic
def erase_person(*, actor, person: Person) -> Erasure:
    """Erase a person (no permission check here: the caller proved it is the person, or may erase them)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    problem = erasure_problem(person)
    if problem:
        raise ValidationError(problem, code="erasure_refused")
    personal = {
        person.first_name,
        person.last_name,
        f"{person.first_name} {person.last_name}",
        person.job_title,
    }
    email = person.email
    records = {"organisations.person": {person.pk}}
    consents = set(Consent.objects.filter(person=person).values_list("pk", flat=True))
    records["organisations.consent"] = consents
    for eraser in _erasers:
        erased = eraser(person)
        personal |= erased.values
        for label, keys in erased.records.items():
            records.setdefault(label, set()).update(keys)
    Consent.objects.filter(pk__in=consents).delete()
    # The e-mails sent to the address are personal data too (the address, the names in them), in
    # every project: the person is erased everywhere, whichever project's page asked.
    with scopes_disabled():
        Email.objects.filter(recipient__iexact=email).delete()
    before = snapshot(person)
    person.first_name = _erased_word()
    person.last_name = f"#{person.pk}"
    person.email = f"erased-{person.pk}@erased.invalid"
    person.organisation = None
    person.job_title = ""
    set_name_keys(person)
    person.erased_at = timezone.now()
    person.save()
    record_change(actor=actor, instance=person, action=AuditEntry.Action.UPDATE, before=before)
    scrubbed = scrub_personal_values(records=records, values=personal | {email}, everywhere={email})
    return Erasure(
        person=person.pk,
        records={label: len(keys) for label, keys in records.items()},
        audit_entries=scrubbed,
    )


def _erased_word() -> str:
    return "Erased person"
