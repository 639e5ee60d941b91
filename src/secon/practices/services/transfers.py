"""Transfers: a partner region takes over a published practice, stage by stage."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.organisations.models import Partner, Region
from secon.practices.enums import PUBLIC_STATUSES, TransferStage
from secon.practices.models import GoodPractice, Transfer, TransferStep
from secon.practices.services.permissions import require

STAGE_ORDER = list(TransferStage.values)


@transaction.atomic
def record_transfer_interest(
    *,
    actor,
    practice: GoodPractice,
    partner: Partner,
    date: datetime.date,
    evidence: str = "",
    region: Region | None = None,
) -> Transfer:
    """Record that a partner's region is interested in taking over a published practice."""
    require(actor, "practices.add_transfer", partner)
    if practice.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Only approved practices can be transferred."))
    region = region or partner.regions.order_by("code").first()
    if region is None:
        raise ValidationError({"partner": _("The partner has no region recorded.")})
    if practice.region_id and region.pk == practice.region_id:
        raise ValidationError({"partner": _("The practice already comes from this region.")})
    if Transfer.objects.filter(practice=practice, partner=partner).exists():
        raise ValidationError({"partner": _("This partner has already recorded its interest.")})
    transfer = Transfer(
        practice=practice,
        project=partner.project,
        partner=partner,
        region=region,
        stage=TransferStage.INTEREST,
    )
    transfer.full_clean()
    transfer.save()
    step = TransferStep(
        transfer=transfer, stage=TransferStage.INTEREST, date=date, evidence=evidence, actor=actor
    )
    step.full_clean()
    step.save()
    record_change(
        actor=actor, instance=transfer, action=AuditEntry.Action.CREATE, project_id=partner.project_id
    )
    return transfer


@transaction.atomic
def record_transfer_step(
    *,
    actor,
    transfer: Transfer,
    stage: str,
    date: datetime.date,
    evidence: str = "",
    evidence_url: str = "",
) -> TransferStep:
    """Record the next stage a transfer has reached (stages come in order, dates never go back)."""
    transfer = Transfer.objects.select_for_update().select_related("practice__project").get(pk=transfer.pk)
    require(actor, "practices.add_transfer", transfer)
    if stage not in STAGE_ORDER:
        raise ValidationError({"stage": _("Unknown stage.")})
    current = STAGE_ORDER.index(transfer.stage)
    if STAGE_ORDER.index(stage) != current + 1:
        expected = STAGE_ORDER[current + 1] if current + 1 < len(STAGE_ORDER) else None
        message = (
            _("The next stage is “%(stage)s”.") % {"stage": TransferStage(expected).label}
            if expected
            else _("This transfer is complete.")
        )
        raise ValidationError({"stage": message})
    last = transfer.steps.order_by("-date").first()
    if last and date < last.date:
        raise ValidationError({"date": _("A stage cannot be dated before the previous one.")})
    with audited(actor=actor, instance=transfer, project_id=transfer.project_id):
        step = TransferStep(
            transfer=transfer,
            stage=stage,
            date=date,
            evidence=evidence,
            evidence_url=evidence_url,
            actor=actor,
        )
        step.full_clean()
        step.save()
        transfer.stage = stage
        transfer.save(update_fields=["stage"])
    return step
