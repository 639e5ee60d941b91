"""Read written procedures: the committee's list, one with its seats and who has voted."""

from django.db.models import Count, Prefetch
from django.http import Http404

from secon.governance.models import Ballot, Committee, WrittenProcedure
from secon.governance.selectors.committees import list_seats


def list_procedures(*, committee: Committee) -> list[WrittenProcedure]:
    """Open ones first (soonest deadline), then closed ones (newest first), each with ``ballot_count``."""
    found = list(
        WrittenProcedure.objects.filter(committee=committee)
        .select_related("vote", "decision")
        .annotate(ballot_count=Count("vote__ballots"))
        .order_by("-opened_at", "-pk")
    )
    open_ones = sorted((p for p in found if p.status == "open"), key=lambda p: p.deadline)
    return open_ones + [p for p in found if p.status != "open"]


def get_procedure(*, committee: Committee, pk) -> WrittenProcedure:
    procedure = (
        WrittenProcedure.objects.filter(committee=committee, pk=pk)
        .select_related("vote", "decision", "minutes__meeting", "opened_by", "cancelled_by")
        .prefetch_related(
            Prefetch("vote__ballots", queryset=Ballot.objects.select_related("voter").order_by("pk"))
        )
        .first()
    )
    if procedure is None:
        raise Http404
    procedure.committee = committee
    procedure.vote.committee = committee
    return procedure


def procedure_seats(*, procedure: WrittenProcedure) -> list:
    """The seats, each with its ``ballot`` in the procedure (or None) — 2 queries."""
    ballots = {ballot.seat_id: ballot for ballot in procedure.vote.ballots.all()}
    seats = list_seats(committee=procedure.committee)
    for seat in seats:
        seat.ballot = ballots.get(seat.pk)
    return seats
