"""Who is present at a meeting, which seats that makes present, and the quorum — read in 4 queries.

A person counts as present when the secretary marked them present, or — for a meeting held as a
session of an event — when they checked in at the event that day (matched by e-mail address),
unless the secretary marked them absent. A seat is present when its representative is, or a
substitute with a voting right is; the representative votes when present, else that substitute.
"""

import dataclasses

from django.db.models.functions import Lower

from secon.governance import counting
from secon.governance.enums import HolderRole, QuorumBasis
from secon.governance.models import Meeting, MeetingAttendance, Seat, SeatHolder
from secon.governance.selectors.committees import list_seats


@dataclasses.dataclass
class Presence:
    seats: list[Seat]
    quorum: dict
    present_user_ids: set[int]

    def voter_for(self, seat_id: int) -> SeatHolder | None:
        """Return the person who votes for the seat now (None when the seat is not present)."""
        return next((seat.voter for seat in self.seats if seat.pk == seat_id), None)

    def seat_of(self, seat_id: int) -> Seat | None:
        return next((seat for seat in self.seats if seat.pk == seat_id), None)

    @property
    def description(self) -> str:
        return counting.describe_quorum(self.quorum)


def _checked_in_emails(meeting: Meeting, day) -> set[str]:
    if meeting.session_id is None:
        return set()
    from secon.events.models import Attendance

    return set(
        Attendance.objects.filter(registration__event_id=meeting.session.event_id, day=day)
        .annotate(email=Lower("registration__person__email"))
        .values_list("email", flat=True)
    )


def meeting_presence(*, meeting: Meeting) -> Presence:
    """Return the seats (each with ``present``, ``voter`` and ``people``) and the live quorum."""
    day = meeting.starts_at.astimezone(meeting.zone).date()
    seats = list_seats(committee=meeting.committee, day=day)
    marks = dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("user_id", "present"))
    checked_in = _checked_in_emails(meeting, day)
    present_ids: set[int] = set()
    for seat in seats:
        seat.people = []
        for holder in seat.current:
            mark = marks.get(holder.user_id)
            by_check_in = holder.user.email.lower() in checked_in
            holder.present = mark if mark is not None else by_check_in
            holder.source = "secretary" if mark is not None else ("check_in" if by_check_in else "")
            if holder.present:
                present_ids.add(holder.user_id)
            seat.people.append(holder)
        representative = seat.representative
        if representative is not None and representative.present:
            seat.voter = representative
        else:
            seat.voter = next(
                (
                    h
                    for h in seat.substitutes
                    if h.present and h.voting_right and h.role == HolderRole.SUBSTITUTE
                ),
                None,
            )
        seat.present = seat.voter is not None
    voting = [seat for seat in seats if seat.voting_right]
    committee = meeting.committee
    if committee.quorum_basis == QuorumBasis.WEIGHT:
        basis = sum(seat.weight for seat in voting)
        present = sum(seat.weight for seat in voting if seat.present)
    else:
        basis = len(voting)
        present = sum(1 for seat in voting if seat.present)
    return Presence(
        seats=seats,
        quorum=counting.committee_quorum(committee, present=present, basis=basis),
        present_user_ids=present_ids,
    )
