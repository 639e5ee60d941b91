"""Written procedures between meetings: open → (ballots, reminders) → closed at the deadline by a task.

The procedure's vote holds its question, rule and ballots (one per seat: a seat's later ballot
replaces its earlier one, so the latest counts). Ballots and closing lock the vote's row, so no
ballot is lost when many arrive at once and none slips in after the deadline.
"""

import datetime
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.i18n import clean_translations
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, person_of, require
from secon.governance import counting
from secon.governance.emails import queue_procedure_email
from secon.governance.enums import (
    Choice,
    HolderRole,
    MinutesStatus,
    ProcedureKind,
    ProcedureStatus,
    QuorumBasis,
    VoteRule,
    VoteStatus,
)
from secon.governance.models import Ballot, Committee, Minutes, Seat, SeatHolder, Vote, WrittenProcedure
from secon.governance.selectors.comments import describe_deadline
from secon.governance.services.decisions import record_procedure_decision
from secon.governance.services.minutes import approve_minutes

#: A procedure runs at most this long.
LONGEST = datetime.timedelta(days=90)
#: Reminders go out this long before the deadline to the seats that have not voted.
REMINDERS = (("72h", datetime.timedelta(hours=72)), ("24h", datetime.timedelta(hours=24)))


def _holders(committee_id: int, *, voting_only: bool = False, seat_ids=None) -> list[SeatHolder]:
    today = timezone.localdate()
    holders = (
        SeatHolder._base_manager.filter(seat__committee_id=committee_id, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .select_related("user", "seat")
        .order_by("seat__partner__number", "role", "pk")
    )
    if seat_ids is not None:
        holders = holders.filter(seat_id__in=seat_ids)
    if voting_only:
        holders = holders.filter(seat__voting_right=True, voting_right=True)
    return list(holders)


def _check(*, committee, kind, title, question, draft_text, deadline, time_zone, rule, minutes, now):
    errors = {}
    if kind not in ProcedureKind.values:
        errors["kind"] = _("Choose what the procedure decides.")
    if rule not in VoteRule.values:
        errors["rule"] = _("Choose the majority needed.")
    if time_zone not in zoneinfo.available_timezones():
        errors["time_zone"] = _("Choose a time zone.")
    if deadline is None or deadline <= now:
        errors["deadline"] = _("The deadline is in the past: choose a later one.")
    elif deadline - now > LONGEST:
        errors["deadline"] = _("A written procedure runs at most 90 days.")
    for name, value, limit in (
        ("title", title, 250),
        ("question", question, 1000),
        ("draft_text", draft_text, 10000),
    ):
        try:
            cleaned = clean_translations(value, max_length=limit)
        except ValidationError as error:
            errors[name] = error.messages
            continue
        if name != "draft_text" and not cleaned:
            errors[name] = _("This field is required.")
    if kind == ProcedureKind.MINUTES:
        if minutes is None:
            errors["minutes"] = _("Choose the minutes to approve.")
        elif not Minutes._base_manager.filter(
            pk=minutes.pk, committee_id=committee.pk, status=MinutesStatus.CIRCULATED
        ).exists():
            errors["minutes"] = _("Only circulated minutes of this committee can be approved.")
        elif deadline is not None and not errors.get("deadline"):
            minutes = Minutes._base_manager.select_related("meeting").get(pk=minutes.pk)
            if (
                minutes.comments_until
                and deadline < minutes.comments_until
                and not minutes.early_approval_reason
            ):
                errors["deadline"] = _(
                    "The members may comment on these minutes until %(deadline)s: "
                    "the procedure ends at that time or later."
                ) % {"deadline": describe_deadline(minutes)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_procedure(
    *,
    actor,
    committee: Committee,
    kind: str,
    title,
    question,
    deadline: datetime.datetime,
    time_zone: str,
    rule: str = VoteRule.ABSOLUTE,
    tacit_approval: bool = False,
    draft_text=None,
    minutes: Minutes | None = None,
    now: datetime.datetime | None = None,
) -> WrittenProcedure:
    """Open a written procedure (chair, secretary, coordinators); every seat holder is e-mailed a link."""
    require(actor, "governance.run_meeting", committee)
    now = now or timezone.now()
    _check(
        committee=committee,
        kind=kind,
        title=title,
        question=question,
        draft_text=draft_text,
        deadline=deadline,
        time_zone=time_zone,
        rule=rule,
        minutes=minutes,
        now=now,
    )
    if kind != ProcedureKind.MINUTES:
        minutes = None
    people = _holders(committee.pk)
    if not any(h.seat.voting_right and h.voting_right for h in people):
        raise ValidationError(_("No seat holder may vote: appoint the representatives first."))
    vote = Vote(
        project_id=committee.project_id,
        committee=committee,
        question=question,
        rule=rule,
        status=VoteStatus.OPEN,
        opened_at=now,
        opened_by=person_of(actor),
    )
    vote.full_clean(exclude=["project", "committee", "meeting", "item", "opened_by"])
    vote.save()
    procedure = WrittenProcedure(
        project_id=committee.project_id,
        committee=committee,
        vote=vote,
        kind=kind,
        title=title,
        draft_text=draft_text or {},
        minutes=minutes,
        deadline=deadline,
        time_zone=time_zone,
        tacit_approval=tacit_approval,
        opened_by=person_of(actor),
        opened_at=now,
        # A reminder whose time has come already is not sent: the opening e-mail is as recent.
        reminders_sent=[key for key, before in REMINDERS if deadline - now <= before],
    )
    procedure.full_clean(exclude=["project", "committee", "vote", "minutes", "opened_by", "decision"])
    procedure.save()
    record_change(
        actor=actor, instance=procedure, action=AuditEntry.Action.CREATE, project_id=committee.project_id
    )
    for user in {holder.user_id: holder.user for holder in people}.values():
        queue_procedure_email(procedure=procedure, user=user, kind="opened")
    return procedure


def _lock(procedure: WrittenProcedure) -> tuple[WrittenProcedure, Vote]:
    vote = Vote._base_manager.select_for_update().get(pk=procedure.vote_id)
    procedure = (
        WrittenProcedure._base_manager.select_for_update(of=("self",))
        .select_related("committee")
        .get(pk=procedure.pk)
    )
    return procedure, vote


def _seat_of(actor, committee_id: int) -> tuple[Seat, SeatHolder]:
    mine = [h for h in _holders(committee_id) if h.user_id == getattr(actor, "pk", None)]
    if not mine:
        raise PermissionDenied(_("You do not hold a seat on this committee."))
    for holder in sorted(mine, key=lambda h: h.role != HolderRole.REPRESENTATIVE):
        if holder.seat.voting_right and holder.voting_right:
            return holder.seat, holder
    raise ValidationError(_("Your seat has no voting right in this committee."))


@transaction.atomic
def cast_procedure_ballot(
    *, actor, procedure: WrittenProcedure, choice: str, now: datetime.datetime | None = None
) -> Ballot:
    """Record the actor's seat's ballot; voting again before the deadline replaces it (the latest counts)."""
    require(actor, "governance.view_committee", procedure.committee)
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose yes, no or abstain.")})
    now = now or timezone.now()
    procedure, vote = _lock(procedure)
    if procedure.status == ProcedureStatus.CANCELLED:
        raise ValidationError(_("This written procedure was cancelled: ballots are no longer accepted."))
    if procedure.status != ProcedureStatus.OPEN or now >= procedure.deadline:
        raise ValidationError(_("The deadline has passed: ballots are no longer accepted."))
    seat, holder = _seat_of(actor, procedure.committee_id)
    ballot = Ballot._base_manager.filter(vote=vote, seat=seat).first()
    if ballot is not None:
        with audited(actor=actor, instance=ballot, project_id=vote.project_id):
            ballot.choice = choice
            ballot.voter_id = holder.user_id
            ballot.cast_at = now
            ballot.save(update_fields=["choice", "voter", "cast_at"])
        return ballot
    ballot = Ballot(
        project_id=vote.project_id,
        vote=vote,
        seat=seat,
        choice=choice,
        voter_id=holder.user_id,
        weight=seat.weight,
        cast_at=now,
    )
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:  # cannot happen under the vote's lock; said clearly if it ever does
        raise ValidationError(_("Your seat's ballot is being recorded: try again.")) from None
    record_change(actor=actor, instance=ballot, action=AuditEntry.Action.CREATE, project_id=vote.project_id)
    return ballot


def _count(procedure: WrittenProcedure, vote: Vote) -> dict:
    totals = dict(Ballot._base_manager.filter(vote=vote).values_list("choice").annotate(total=Sum("weight")))
    seats = list(Seat._base_manager.filter(committee_id=vote.committee_id, voting_right=True))
    voted = set(Ballot._base_manager.filter(vote=vote).values_list("seat_id", flat=True))
    by_weight = procedure.committee.quorum_basis == QuorumBasis.WEIGHT
    basis = sum(seat.weight if by_weight else 1 for seat in seats)
    silent = [seat for seat in seats if seat.pk not in voted] if procedure.tacit_approval else []
    tacit = sum(seat.weight for seat in silent)
    return counting.count(
        rule=vote.rule,
        yes=totals.get(Choice.YES, 0) + tacit,
        no=totals.get(Choice.NO, 0),
        abstain=totals.get(Choice.ABSTAIN, 0),
        voting_basis=basis,
        tacit=len(silent),
    )


@transaction.atomic
def close_procedure(
    *, actor, procedure: WrittenProcedure, now: datetime.datetime | None = None
) -> WrittenProcedure:
    """Close the procedure at its deadline: count it and, if it passed, record its decision WP-<year>-<nn>."""
    require(actor, "governance.run_meeting", procedure.committee)
    now = now or timezone.now()
    procedure, vote = _lock(procedure)
    if procedure.status == ProcedureStatus.CANCELLED:
        raise ValidationError(_("This written procedure was cancelled."))
    if procedure.status != ProcedureStatus.OPEN:
        raise ValidationError(_("This written procedure is already closed."))
    if now < procedure.deadline:
        raise ValidationError(_("The deadline has not come yet: the procedure closes then."))
    with audited(actor=actor, instance=vote, project_id=vote.project_id):
        vote.result = _count(procedure, vote)
        vote.status = VoteStatus.PUBLISHED
        vote.closed_at = now
        vote.save(update_fields=["result", "status", "closed_at"])
    with audited(actor=actor, instance=procedure, project_id=procedure.project_id):
        procedure.status = ProcedureStatus.CLOSED
        procedure.closed_at = now
        if vote.result["passed"]:
            procedure.decision = record_procedure_decision(
                actor=SYSTEM,
                committee=procedure.committee,
                title=procedure.title,
                text=procedure.draft_text or vote.question,
                vote=vote,
                day=procedure.deadline.astimezone(zoneinfo.ZoneInfo(procedure.time_zone)).date(),
            )
        procedure.save(update_fields=["status", "closed_at", "decision"])
    if procedure.decision is not None and procedure.minutes_id:
        approve_minutes(actor=SYSTEM, minutes=procedure.minutes, decision=procedure.decision, now=now)
    return procedure


@transaction.atomic
def cancel_procedure(
    *, actor, procedure: WrittenProcedure, reason: str, now: datetime.datetime | None = None
) -> WrittenProcedure:
    """Cancel an open procedure (chair, secretary, coordinators) with its reason: nothing is decided,
    ballots are refused from then on, and every seat holder is told in their language.

    A procedure is not closed early instead: a seat may change its ballot until the deadline, so the
    outcome could still change; to decide sooner, cancel it and open a new one with an earlier deadline.
    """
    require(actor, "governance.run_meeting", procedure.committee)
    now = now or timezone.now()
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling the procedure.")})
    if len(reason) > 2000:
        raise ValidationError({"cancel_reason": _("Keep the reason under 2000 characters.")})
    procedure, vote = _lock(procedure)
    if procedure.status != ProcedureStatus.OPEN:
        raise ValidationError(_("Only an open written procedure can be cancelled."))
    with audited(actor=actor, instance=vote, project_id=vote.project_id):
        vote.status = VoteStatus.CLOSED
        vote.closed_at = now
        vote.save(update_fields=["status", "closed_at"])
    with audited(actor=actor, instance=procedure, project_id=procedure.project_id):
        procedure.status = ProcedureStatus.CANCELLED
        procedure.closed_at = now
        procedure.cancel_reason = reason
        procedure.cancelled_by = person_of(actor)
        procedure.save(update_fields=["status", "closed_at", "cancel_reason", "cancelled_by"])
    for user in {holder.user_id: holder.user for holder in _holders(procedure.committee_id)}.values():
        queue_procedure_email(procedure=procedure, user=user, kind="cancelled")
    return procedure


def reminder_due(procedure: WrittenProcedure, now: datetime.datetime) -> str | None:
    """Return the reminder the procedure should send now ("72h", "24h"), if any (the latest one only)."""
    left = procedure.deadline - now
    if left <= datetime.timedelta(0):
        return None
    due = [key for key, before in REMINDERS if left <= before and key not in procedure.reminders_sent]
    return due[-1] if due else None


@transaction.atomic
def remind_procedure(*, procedure: WrittenProcedure, now: datetime.datetime) -> str | None:
    """E-mail the holders of the voting seats that have not voted (once per reminder: the key is kept)."""
    procedure, vote = _lock(procedure)
    if procedure.status != ProcedureStatus.OPEN:
        return None
    key = reminder_due(procedure, now)
    if key is None:
        return None
    voted = set(Ballot._base_manager.filter(vote=vote).values_list("seat_id", flat=True))
    waiting = Seat._base_manager.filter(committee_id=procedure.committee_id, voting_right=True).exclude(
        pk__in=voted
    )
    people = _holders(
        procedure.committee_id, voting_only=True, seat_ids=list(waiting.values_list("pk", flat=True))
    )
    for user in {holder.user_id: holder.user for holder in people}.values():
        queue_procedure_email(procedure=procedure, user=user, kind=f"reminder{key}")
    sent = [k for k, _before in REMINDERS if k in procedure.reminders_sent or k == key]
    procedure.reminders_sent = sent
    procedure.save(update_fields=["reminders_sent"])
    return key
