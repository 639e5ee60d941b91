"""Record decisions with gapless numbers (``SC3-D04``, ``WP-2025-02``); supersede or revoke, never delete."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.governance.enums import DecisionStatus, MeetingStatus, VoteStatus
from secon.governance.models import AgendaItem, Committee, Decision, Meeting, NumberSeries, Vote
from secon.governance.services.minutes import approve_by_decision

MAX_IN_SERIES = 9999


def take_number(*, committee: Committee, key: str) -> tuple[NumberSeries, int]:
    """Take the next number of a series inside the caller's transaction (the series row stays locked).

    If the caller's transaction rolls back, the number is given back: numbers have no gaps.
    """
    try:
        with transaction.atomic():
            NumberSeries._base_manager.get_or_create(
                project_id=committee.project_id, committee=committee, key=key
            )
    except IntegrityError:
        pass  # created at the same moment by another transaction
    series = NumberSeries._base_manager.select_for_update().get(committee=committee, key=key)
    if series.last >= MAX_IN_SERIES:
        raise ValidationError(_("This numbering series is full."))
    series.last += 1
    series.save(update_fields=["last"])
    return series, series.last


def _save(decision: Decision, *, actor) -> Decision:
    decision.full_clean(
        exclude=["project", "committee", "series", "meeting", "item", "vote", "superseded_by"]
    )
    decision.save()
    record_change(
        actor=actor, instance=decision, action=AuditEntry.Action.CREATE, project_id=decision.project_id
    )
    return decision


@transaction.atomic
def record_decision(
    *,
    actor,
    meeting: Meeting,
    title,
    text,
    item: AgendaItem | None = None,
    vote: Vote | None = None,
    is_public: bool = False,
) -> Decision:
    """Record a decision of the meeting: numbered ``<code><meeting>-D<nn>`` (e.g. SC3-D04)."""
    require(actor, "governance.run_meeting", meeting.committee)
    meeting = Meeting._base_manager.select_related("committee").get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED):
        raise ValidationError(
            _("Decisions are recorded during the meeting or after it, before the minutes are approved.")
        )
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("This item belongs to another meeting.")})
    if vote is not None:
        vote = Vote._base_manager.select_for_update().get(pk=vote.pk)
        if vote.meeting_id != meeting.pk:
            raise ValidationError({"vote": _("This vote belongs to another meeting.")})
        if vote.status not in (VoteStatus.CLOSED, VoteStatus.PUBLISHED):
            raise ValidationError({"vote": _("Close the vote first.")})
        if not vote.result.get("passed"):
            raise ValidationError({"vote": _("This vote did not pass: it makes no decision.")})
        if Decision._base_manager.filter(vote=vote).exists():
            raise ValidationError({"vote": _("This vote already has its decision.")})
        item = item or vote.item
    committee = meeting.committee
    series, sequence = take_number(committee=committee, key=f"{committee.code}{meeting.number}")
    decision = Decision(
        project_id=meeting.project_id,
        committee=committee,
        series=series,
        sequence=sequence,
        number=f"{series.key}-D{sequence:02d}",
        meeting=meeting,
        item=item,
        vote=vote,
        title=title,
        text=text,
        decided_on=meeting.starts_at.astimezone(meeting.zone).date(),
        is_public=is_public,
    )
    _save(decision, actor=actor)
    approve_by_decision(actor=actor, decision=decision)
    return decision


@transaction.atomic
def record_procedure_decision(
    *,
    actor,
    committee: Committee,
    title,
    text,
    vote: Vote,
    day: datetime.date | None = None,
    is_public: bool = False,
) -> Decision:
    """Record the decision of a written procedure: numbered ``WP-<year>-<nn>`` (e.g. WP-2025-02)."""
    require(actor, "governance.manage_committee", committee)
    day = day or timezone.localdate()
    series, sequence = take_number(committee=committee, key=f"WP-{day.year}")
    decision = Decision(
        project_id=committee.project_id,
        committee=committee,
        series=series,
        sequence=sequence,
        number=f"{series.key}-{sequence:02d}",
        vote=vote,
        title=title,
        text=text,
        decided_on=day,
        is_public=is_public,
    )
    return _save(decision, actor=actor)


def _change_status(
    *, actor, decision: Decision, status: str, note: str, superseded_by: Decision | None = None
) -> Decision:
    require(actor, "governance.manage_committee", decision.committee)
    decision = Decision._base_manager.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.IN_FORCE:
        raise ValidationError(_("Only a decision in force can be superseded or revoked."))
    with audited(actor=actor, instance=decision, project_id=decision.project_id):
        decision.status = status
        decision.status_note = note.strip()
        decision.superseded_by = superseded_by
        decision.full_clean(
            exclude=["project", "committee", "series", "meeting", "item", "vote", "superseded_by"]
        )
        decision.save()
    return decision


@transaction.atomic
def supersede_decision(*, actor, decision: Decision, by: Decision, note: str = "") -> Decision:
    """Mark a decision as superseded by a later one of the same committee."""
    if by.committee_id != decision.committee_id or by.pk == decision.pk:
        raise ValidationError({"by": _("Choose another decision of the same committee.")})
    if by.status != DecisionStatus.IN_FORCE:
        raise ValidationError({"by": _("The new decision must be in force.")})
    return _change_status(
        actor=actor, decision=decision, status=DecisionStatus.SUPERSEDED, note=note, superseded_by=by
    )


@transaction.atomic
def revoke_decision(*, actor, decision: Decision, note: str) -> Decision:
    """Revoke a decision; the reason is kept with it (the number is never given again)."""
    if not note.strip():
        raise ValidationError({"note": _("Give the reason (e.g. the decision that revokes it).")})
    return _change_status(actor=actor, decision=decision, status=DecisionStatus.REVOKED, note=note)


@transaction.atomic
def set_decision_public(*, actor, decision: Decision, is_public: bool) -> Decision:
    """Publish a decision on the public register, or make it confidential again."""
    require(actor, "governance.manage_committee", decision.committee)
    decision = Decision._base_manager.select_for_update().get(pk=decision.pk)
    with audited(actor=actor, instance=decision, project_id=decision.project_id):
        decision.is_public = is_public
        decision.save(update_fields=["is_public"])
    return decision
