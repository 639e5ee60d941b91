"""Votes in a meeting: draft → open (quorum snapshotted) → closed (counted) → published.

One ballot per seat: the unique constraint (vote, seat) makes a second ballot of a seat fail even
when a hundred arrive at once; the vote row is locked while a ballot is checked and saved, so no
ballot slips in after the vote closed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, person_of, require
from secon.governance import counting
from secon.governance.enums import Choice, HolderRole, MeetingStatus, QuorumBasis, VoteRule, VoteStatus
from secon.governance.models import Ballot, Meeting, Seat, Vote
from secon.governance.selectors.presence import meeting_presence


@transaction.atomic
def create_vote(*, actor, meeting: Meeting, question, rule: str = VoteRule.SIMPLE, item=None) -> Vote:
    """Prepare a vote for the meeting (a draft until the chair or secretary opens it)."""
    require(actor, "governance.run_meeting", meeting.committee)
    meeting = Meeting._base_manager.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION):
        raise ValidationError(_("Votes are prepared for a convened meeting or one in session."))
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("This item belongs to another meeting.")})
    vote = Vote(
        project_id=meeting.project_id,
        committee_id=meeting.committee_id,
        meeting=meeting,
        item=item,
        question=question,
        rule=rule,
    )
    vote.full_clean(exclude=["project", "committee", "meeting", "item", "opened_by"])
    vote.save()
    record_change(actor=actor, instance=vote, action=AuditEntry.Action.CREATE, project_id=meeting.project_id)
    return vote


def _lock(vote: Vote) -> Vote:
    vote = (
        Vote._base_manager.select_for_update(of=("self",))
        .select_related("meeting__committee", "committee")
        .get(pk=vote.pk)
    )
    if vote.meeting_id is None:
        raise ValidationError(_("This vote is a written procedure: it is voted and closed on its own page."))
    return vote


@transaction.atomic
def open_vote(*, actor, vote: Vote, override_reason: str = "") -> Vote:
    """Open the vote: the quorum is snapshotted; without quorum only the chair opens it, with a reason."""
    require(actor, "governance.run_meeting", vote.committee)
    vote = _lock(vote)
    meeting = vote.meeting
    if vote.status != VoteStatus.DRAFT:
        raise ValidationError(_("This vote has already been opened."))
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ValidationError(_("A vote opens while the meeting is in session."))
    if Vote._base_manager.filter(meeting=meeting, status=VoteStatus.OPEN).exists():
        raise ValidationError(_("Another vote is open: close it first."))
    presence = meeting_presence(meeting=meeting)
    override_reason = override_reason.strip()
    if not presence.quorum["quorate"]:
        if not override_reason:
            raise ValidationError(
                {
                    "override_reason": _(
                        "No quorum (%(quorum)s). Only the chair may open the vote anyway, giving a reason."
                    )
                    % {"quorum": presence.description}
                }
            )
        if actor is not SYSTEM and not actor.has_perm("governance.override_quorum", vote.committee):
            raise PermissionDenied(_("Only the chair may open a vote without quorum."))
    elif override_reason:
        override_reason = ""  # quorate: nothing to override
    if len(override_reason) > 1000:
        raise ValidationError({"override_reason": _("Keep the reason under 1000 characters.")})
    with audited(actor=actor, instance=vote, project_id=vote.project_id):
        vote.status = VoteStatus.OPEN
        vote.quorum = presence.quorum
        vote.quorum_override = override_reason
        vote.opened_at = timezone.now()
        vote.opened_by = person_of(actor)
        vote.save()
    return vote


def _voter(actor, vote: Vote, seat: Seat | None):
    """Return (seat, voting holder, recorded_by) for a ballot by ``actor``; refuse what the rules forbid."""
    presence = meeting_presence(meeting=vote.meeting)
    if (
        seat is not None
        and actor is not SYSTEM
        and not actor.has_perm("governance.run_meeting", vote.committee)
    ):
        seat = None  # members vote for their own seat only
    if seat is not None:  # the secretary records a show of hands for the seat
        if seat.committee_id != vote.committee_id:
            raise ValidationError({"seat": _("This seat belongs to another committee.")})
        listed = presence.seat_of(seat.pk)
        if listed is None or not listed.present:
            raise ValidationError({"seat": _("Nobody is present to vote for this seat.")})
        if not listed.voting_right:
            raise ValidationError({"seat": _("This seat has no voting right.")})
        return listed, listed.voter, person_of(actor)
    mine = [(s, h) for s in presence.seats for h in s.current if h.user_id == getattr(actor, "pk", None)]
    if not mine:
        raise PermissionDenied(_("You do not hold a seat on this committee."))
    for listed, holder in mine:
        if not listed.voting_right:
            continue
        if holder.role == HolderRole.REPRESENTATIVE and holder.present:
            return listed, holder, None
        if holder.role == HolderRole.SUBSTITUTE:
            if listed.representative is not None and listed.representative.present:
                raise ValidationError(
                    _("The representative of %(partner)s is present: the substitute cannot vote.")
                    % {"partner": listed.partner.organisation.name}
                )
            if not holder.voting_right:
                raise ValidationError(_("As substitute you have no voting right."))
            if holder.present:
                return listed, holder, None
    raise ValidationError(
        _("Only members present at the meeting vote: ask the secretary to mark you present.")
    )


@transaction.atomic
def cast_ballot(*, actor, vote: Vote, choice: str, seat: Seat | None = None) -> Ballot:
    """Record a seat's ballot: by its voter, or by the secretary for ``seat`` (a show of hands)."""
    require(actor, "governance.view_committee", vote.committee)
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose yes, no or abstain.")})
    vote = _lock(vote)
    if vote.status != VoteStatus.OPEN:
        raise ValidationError(_("This vote is not open: ballots are no longer accepted."))
    listed, holder, recorded_by = _voter(actor, vote, seat)
    ballot = Ballot(
        project_id=vote.project_id,
        vote=vote,
        seat_id=listed.pk,
        choice=choice,
        voter_id=holder.user_id,
        recorded_by=recorded_by,
        weight=listed.weight,
        cast_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:
        raise ValidationError(
            _("%(partner)s has already voted.") % {"partner": listed.partner.organisation.name}
        ) from None
    record_change(actor=actor, instance=ballot, action=AuditEntry.Action.CREATE, project_id=vote.project_id)
    return ballot


def tally(vote: Vote) -> dict:
    """Count the (weighted) ballots of a vote under its rule."""
    totals = dict(Ballot._base_manager.filter(vote=vote).values_list("choice").annotate(total=Sum("weight")))
    seats = Seat._base_manager.filter(committee_id=vote.committee_id, voting_right=True)
    if vote.committee.quorum_basis == QuorumBasis.WEIGHT:
        basis = seats.aggregate(total=Sum("weight"))["total"] or 0
    else:
        basis = seats.count()
    return counting.count(
        rule=vote.rule,
        yes=totals.get(Choice.YES, 0),
        no=totals.get(Choice.NO, 0),
        abstain=totals.get(Choice.ABSTAIN, 0),
        voting_basis=basis,
    )


@transaction.atomic
def close_vote(*, actor, vote: Vote) -> Vote:
    """Close the vote and count it: the result keeps its arithmetic."""
    require(actor, "governance.run_meeting", vote.committee)
    vote = _lock(vote)
    if vote.status != VoteStatus.OPEN:
        raise ValidationError(_("Only an open vote can be closed."))
    with audited(actor=actor, instance=vote, project_id=vote.project_id):
        vote.status = VoteStatus.CLOSED
        vote.closed_at = timezone.now()
        vote.result = tally(vote)
        vote.save()
    return vote


@transaction.atomic
def publish_vote(*, actor, vote: Vote) -> Vote:
    """Publish a closed vote's result to the committee."""
    require(actor, "governance.run_meeting", vote.committee)
    vote = _lock(vote)
    if vote.status != VoteStatus.CLOSED:
        raise ValidationError(_("Only a closed vote can be published."))
    with audited(actor=actor, instance=vote, project_id=vote.project_id):
        vote.status = VoteStatus.PUBLISHED
        vote.save()
    return vote
