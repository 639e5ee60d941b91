"""The regional stakeholder group of an instrument: member organisations and people.

Who edits the instrument edits its group. A person's membership is personal data: erasing the
person removes it (the eraser registered in ``apps.ready()``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.organisations.erasure import Erased
from secon.organisations.models import Organisation, Person
from secon.policy.models import PolicyInstrument, StakeholderMember


@transaction.atomic
def add_member(
    *,
    actor,
    instrument: PolicyInstrument,
    organisation: Organisation | None = None,
    person: Person | None = None,
    role: str = "",
) -> StakeholderMember:
    """Add an organisation, a person (of an organisation or on their own), to the group."""
    instrument = (
        PolicyInstrument._base_manager.select_for_update().select_related("partner").get(pk=instrument.pk)
    )
    require(actor, "policy.edit_instrument", instrument)
    if organisation is None and person is None:
        raise ValidationError(
            {"organisation": _("Choose an organisation or give a person's e-mail address.")}
        )
    if person is not None and person.erased_at is not None:
        raise ValidationError({"person": _("This person's data have been erased.")})
    same = StakeholderMember._base_manager.filter(
        instrument=instrument, organisation=organisation, person=person
    )
    if same.exists():
        raise ValidationError(_("This member is in the group already."))
    member = StakeholderMember(
        project_id=instrument.project_id,
        instrument=instrument,
        organisation=organisation,
        person=person,
        role=role.strip(),
    )
    member.full_clean(exclude=["project", "instrument", "organisation", "person"])
    member.save()
    record_change(actor=actor, instance=member, action=AuditEntry.Action.CREATE, project_id=member.project_id)
    return member


@transaction.atomic
def remove_member(*, actor, member: StakeholderMember) -> None:
    """Take a member out of the group."""
    member = StakeholderMember._base_manager.select_related("instrument__partner").get(pk=member.pk)
    require(actor, "policy.edit_instrument", member.instrument)
    record_change(actor=actor, instance=member, action=AuditEntry.Action.DELETE, project_id=member.project_id)
    member.delete()


def erase_memberships(person: Person) -> Erased:
    """Remove the person's memberships of stakeholder groups (called when the person is erased)."""
    found = StakeholderMember._base_manager.filter(person=person)
    pks = set(found.values_list("pk", flat=True))
    found.delete()
    return Erased(records={"policy.stakeholdermember": pks} if pks else {})
