"""Record policy instruments and move them along their status path, with the history kept.

Forward goes one step at a time (identified → addressed → change proposed → change adopted →
validated) or to "not improved" (with a reason); anything else is going back, which is a reopening
and needs a reason. "Change adopted" needs its evidence (document, date, adopting body) and the kind
of improvement; only a coordinator validates, and who and when is kept.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, person_of, require
from secon.core.uploads import clean_upload
from secon.organisations.models import Partner, Region
from secon.policy.enums import STATUS_ORDER, InstrumentStatus
from secon.policy.models import PolicyInstrument, StatusChange
from secon.projects.models import Project

FIELDS = ("name", "kind", "managing_body", "region", "funds", "description", "is_public")
#: The checks the services make themselves (references across projects, the status path).
EXCLUDE = ["project", "partner", "region", "validated_by"]


def _check_references(*, project: Project, partner: Partner, region: Region | None) -> None:
    if partner.project_id != project.pk:
        raise ValidationError({"partner": _("Choose a partner of this project.")})
    if region is not None:
        allowed = set(partner.regions.values_list("pk", flat=True))
        if allowed and region.pk not in allowed:
            raise ValidationError({"region": _("Choose one of the regions this partner represents.")})


def _editable_partner(actor, project: Project, partner: Partner) -> None:
    """A partner editor records instruments for their own partner only."""
    probe = PolicyInstrument(project=project, partner=partner)
    if not actor_may_edit(actor, probe):
        raise PermissionDenied(_("You may only record the instruments of your own region."))


def actor_may_edit(actor, instrument: PolicyInstrument) -> bool:
    return actor is SYSTEM or bool(actor and actor.has_perm("policy.edit_instrument", instrument))


@transaction.atomic
def create_instrument(*, actor, project: Project, partner: Partner, **values) -> PolicyInstrument:
    """Record an instrument of a partner region; it starts as "identified"."""
    require(actor, "policy.add_instrument", project)
    unknown = set(values) - set(FIELDS) - {"is_illustrative"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_references(project=project, partner=partner, region=values.get("region"))
    _editable_partner(actor, project, partner)
    instrument = PolicyInstrument(project=project, partner=partner, **values)
    instrument.full_clean(exclude=EXCLUDE)
    instrument.save()
    StatusChange.objects.create(
        project=project,
        instrument=instrument,
        to_status=instrument.status,
        actor=person_of(actor),
    )
    record_change(actor=actor, instance=instrument, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return instrument


def _lock(instrument: PolicyInstrument) -> PolicyInstrument:
    return PolicyInstrument._base_manager.select_for_update().select_related("partner").get(pk=instrument.pk)


@transaction.atomic
def update_instrument(*, actor, instrument: PolicyInstrument, **values) -> PolicyInstrument:
    """Change what an instrument is (not its status: see :func:`change_status`)."""
    instrument = _lock(instrument)
    require(actor, "policy.edit_instrument", instrument)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_references(project=instrument.project, partner=instrument.partner, region=values.get("region"))
    with audited(actor=actor, instance=instrument, project_id=instrument.project_id):
        for name, value in values.items():
            setattr(instrument, name, value)
        instrument.full_clean(exclude=EXCLUDE)
        instrument.save()
    return instrument


def is_going_back(current: str, target: str) -> bool:
    """Tell whether moving from ``current`` to ``target`` undoes progress (a reopening)."""
    if current == InstrumentStatus.NOT_IMPROVED:
        return True
    if target == InstrumentStatus.NOT_IMPROVED:
        return False
    return STATUS_ORDER.index(target) < STATUS_ORDER.index(current)


def allowed_targets(current: str) -> list[str]:
    """The statuses an instrument may move to from ``current``: the next step, "not improved", or back."""
    targets = []
    if current == InstrumentStatus.NOT_IMPROVED:
        return list(STATUS_ORDER)
    position = STATUS_ORDER.index(current)
    if position + 1 < len(STATUS_ORDER):
        targets.append(STATUS_ORDER[position + 1])
    if current != InstrumentStatus.VALIDATED:
        targets.append(InstrumentStatus.NOT_IMPROVED)
    targets.extend(STATUS_ORDER[:position])
    return targets


def _adopt(instrument: PolicyInstrument, evidence: dict) -> None:
    file = clean_upload(evidence.get("evidence"), field="evidence")
    if file:
        instrument.evidence = file
    for name in ("adopted_on", "adopted_by", "improvement"):
        if evidence.get(name):
            setattr(instrument, name, evidence[name])
    errors = {}
    if not instrument.evidence:
        errors["evidence"] = _("Upload the document that shows the change was adopted.")
    if not instrument.adopted_on:
        errors["adopted_on"] = _("Give the date on which the change was adopted.")
    if not (instrument.adopted_by or "").strip():
        errors["adopted_by"] = _("Name the body that adopted the change.")
    if not instrument.improvement:
        errors["improvement"] = _("Choose the kind of improvement.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def change_status(
    *, actor, instrument: PolicyInstrument, status: str, reason: str = "", **evidence
) -> PolicyInstrument:
    """Move an instrument to ``status``; going back (a reopening) and "not improved" need a reason.

    ``evidence`` (for "change adopted"): ``evidence`` (an upload), ``adopted_on``, ``adopted_by``,
    ``improvement``; values already on the instrument count.
    """
    instrument = _lock(instrument)
    require(actor, "policy.edit_instrument", instrument)
    reason = (reason or "").strip()
    current = instrument.status
    if status not in InstrumentStatus.values or status == current:
        raise ValidationError({"status": _("Choose another status.")})
    if status not in allowed_targets(current):
        raise ValidationError({"status": _("An instrument moves forward one step at a time.")})
    reopening = is_going_back(current, status)
    if (reopening or status == InstrumentStatus.NOT_IMPROVED) and not reason:
        message = _("Give the reason for going back.") if reopening else _("Give the reason.")
        raise ValidationError({"reason": message})
    if status == InstrumentStatus.VALIDATED:
        require(actor, "policy.validate_instrument", instrument)
    with audited(actor=actor, instance=instrument, project_id=instrument.project_id):
        if status == InstrumentStatus.ADOPTED:
            _adopt(instrument, evidence)
        if status == InstrumentStatus.VALIDATED:
            instrument.validated_by = person_of(actor)
            instrument.validated_at = timezone.now()
        else:
            instrument.validated_by = None
            instrument.validated_at = None
        instrument.not_improved_reason = reason if status == InstrumentStatus.NOT_IMPROVED else ""
        instrument.status = status
        instrument.full_clean(exclude=EXCLUDE)
        instrument.save()
    StatusChange.objects.create(
        project_id=instrument.project_id,
        instrument=instrument,
        from_status=current,
        to_status=status,
        is_reopening=reopening,
        reason=reason,
        actor=person_of(actor),
    )
    return instrument
