"""An account's ballots, for its owner's data download (``organisations/export.py``): each vote it
cast for a seat (or that a secretary recorded for it at a show of hands), with the question and choice."""

from secon.governance.models import Ballot


def ballots(user) -> list[dict]:
    """One row per ballot the account cast: project, committee, question, seat, choice, when."""
    found = (
        Ballot._base_manager.filter(voter=user)
        .select_related("vote__committee__project", "seat__partner")
        .order_by("cast_at", "pk")
    )
    return [
        {
            "project": ballot.vote.committee.project.acronym,
            "committee": ballot.vote.committee.name.render().text,
            "question": ballot.vote.question.render().text,
            "seat": str(ballot.seat.partner),
            "choice": ballot.choice,
            "weight": ballot.weight,
            "cast": ballot.cast_at.isoformat(),
            "recorded_by_secretary": ballot.recorded_by_id is not None and ballot.recorded_by_id != user.pk,
        }
        for ballot in found
    ]
