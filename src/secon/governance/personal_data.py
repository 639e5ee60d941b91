"""An account's ballots and comments on minutes, for its owner's data download
(``organisations/export.py``): each vote it cast for a seat (or that a secretary recorded for it at a
show of hands), with the question and choice; each comment it made, with the secretary's answer."""

from secon.governance.models import Ballot, MinutesComment


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


def minutes_comments(user) -> list[dict]:
    """One row per comment the account made on circulated minutes, with the secretary's answer."""
    found = (
        MinutesComment._base_manager.filter(author=user)
        .select_related("minutes__committee__project", "minutes__meeting")
        .order_by("created_at", "pk")
    )
    return [
        {
            "project": comment.minutes.committee.project.acronym,
            "committee": comment.minutes.committee.name.render().text,
            "meeting": comment.minutes.meeting.number,
            "version": comment.version,
            "section": comment.section_key,
            "language": comment.language,
            "text": comment.text,
            "made": comment.created_at.isoformat(),
            "status": comment.status,
            "reply": comment.reply,
        }
        for comment in found
    ]
