"""A signed-in person's own data, from their profile: download it, or erase the account.

*Download*: the request records the ask and enqueues :func:`build_account_export`; the worker writes
the ZIP (the account, its roles and addresses, and every section of the people records of its
confirmed addresses); the profile shows the link while it is valid (:data:`EXPORT_DAYS` days). One
export per account per hour.

*Erasure*: the people records of the account's confirmed addresses are erased as a participant's
are (``erasure.py``: what figures depend on anonymised, the rest removed, the audit log scrubbed),
then the account is anonymised (``accounts/erasure.py``: why it is not deleted). Refused, with
nothing changed, when one of those people is under legal hold or the account is the last
coordinator of a project or the last administrator.
"""

import dataclasses
import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from secon.accounts.erasure import account_erasure_problem, anonymise_account
from secon.accounts.models import Membership, User
from secon.accounts.services import verified_addresses
from secon.core.audit import scrub_personal_values
from secon.core.tasks import background
from secon.organisations.erasure import erase_person, erasure_problem
from secon.organisations.export import EXPORT_DAYS, account_sections, write_archive
from secon.organisations.models import DataExport, Person

REPEAT_INTERVAL = datetime.timedelta(hours=1)


def account_people(user: User) -> list[Person]:
    """The people records of the account's confirmed addresses, not erased yet."""
    addresses = verified_addresses(user)
    if not addresses:
        return []
    return list(Person.objects.filter(email__in=sorted(addresses), erased_at=None).order_by("pk"))


@transaction.atomic
def request_account_export(*, user: User, now: datetime.datetime | None = None) -> DataExport:
    """Ask for the account's data (the signed-in owner asks); the worker writes the ZIP."""
    now = now or timezone.now()
    recent = DataExport.objects.filter(user=user, created_at__gte=now - REPEAT_INTERVAL).first()
    if recent is not None:
        return recent
    export = DataExport.objects.create(user=user, key=secrets.token_urlsafe(32), created_at=now)
    build_account_export.enqueue(export=export.pk, key=f"account-export:{export.pk}")
    return export


@background(max_attempts=3)
def build_account_export(*, export: int) -> None:
    """Write the account's ZIP; the profile shows its link once ``ready_at`` is set."""
    found = DataExport.objects.select_related("user").filter(pk=export).first()
    if found is None or found.ready_at is not None or found.user is None:
        return
    archive = write_archive(account_sections(found.user, account_people(found.user)))
    found.file.save(f"{found.key}.zip", ContentFile(archive), save=False)
    found.ready_at = timezone.now()
    found.save(update_fields=["file", "ready_at"])


def latest_account_export(*, user: User, now: datetime.datetime | None = None) -> DataExport | None:
    """The account's newest export whose link still works (ready or being built), or None."""
    now = now or timezone.now()
    return (
        DataExport.objects.filter(user=user, created_at__gt=now - datetime.timedelta(days=EXPORT_DAYS))
        .order_by("-created_at")
        .first()
    )


def account_problem(user: User) -> str | None:
    """Say why the account cannot be erased now, or return None."""
    problem = account_erasure_problem(user)
    if problem:
        return problem
    for person in account_people(user):
        problem = erasure_problem(person)
        if problem:
            return problem
    return None


@dataclasses.dataclass
class AccountErasure:
    user: int
    people: list[int]
    audit_entries: int


@transaction.atomic
def erase_account(*, actor: User, user: User) -> AccountErasure:
    """Erase the signed-in person's account and the people records of its addresses (only the owner)."""
    if actor is None or actor.pk != user.pk:
        raise ValidationError("an account is erased by its owner", code="not_owner")
    user = User.objects.select_for_update().get(pk=user.pk)
    problem = account_problem(user)
    if problem:
        raise ValidationError(problem, code="erasure_refused")
    people = account_people(user)
    scrubbed = 0
    for person in people:
        scrubbed += erase_person(actor=None, person=person).audit_entries
    memberships = set(Membership.objects.filter(user=user).values_list("pk", flat=True))
    personal = anonymise_account(actor=None, user=user)
    addresses = {value for value in personal if "@" in value}
    scrubbed += scrub_personal_values(
        records={"accounts.user": {user.pk}, "accounts.membership": memberships},
        values=personal,
        everywhere=addresses,
    )
    return AccountErasure(user=user.pk, people=[person.pk for person in people], audit_entries=scrubbed)
