"""Read votes and their ballots."""

from django.db.models import Prefetch
from django.http import Http404

from secon.governance.models import Ballot, Meeting, Vote


def get_vote(*, committee, pk) -> Vote:
    vote = (
        Vote.objects.filter(committee=committee, pk=pk)
        .select_related("meeting", "item")
        .prefetch_related(
            Prefetch(
                "ballots",
                queryset=Ballot.objects.select_related(
                    "seat__partner__organisation", "voter", "recorded_by"
                ).order_by("seat__partner__number"),
            )
        )
        .first()
    )
    if vote is None:
        raise Http404
    vote.committee = committee
    return vote


def list_votes(*, meeting: Meeting) -> list[Vote]:
    """Return the meeting's votes with their ballots (2 queries)."""
    return list(
        Vote.objects.filter(meeting=meeting)
        .select_related("item")
        .prefetch_related(Prefetch("ballots", queryset=Ballot.objects.order_by("pk")))
        .order_by("pk")
    )
