"""Reads of the governance app; each runs a fixed number of queries, whatever the number of rows."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from secon.accounts.models import User
from secon.governance.enums import MeetingStatus
from secon.governance.models import AgendaItem, Committee, CommitteeDefaults, Meeting, Paper, Seat, SeatHolder
from secon.organisations.models import Partner


def get_committee(*, project, slug: str) -> Committee:
    committee = (
        Committee.objects.filter(project=project, slug=slug)
        .select_related("project", "chair__organisation", "secretary")
        .first()
    )
    if committee is None:
        raise Http404
    return committee


def list_committees(*, project) -> list[Committee]:
    return list(Committee.objects.filter(project=project).order_by("pk"))


def get_meeting(*, committee: Committee, number) -> Meeting:
    meeting = (
        Meeting.objects.filter(committee=committee, number=number).select_related("session__event").first()
    )
    if meeting is None:
        raise Http404
    meeting.committee = committee
    meeting.project = committee.project
    return meeting


def get_item(*, meeting: Meeting, pk) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


def get_paper(*, committee: Committee, pk) -> Paper:
    paper = (
        Paper.objects.filter(item__meeting__committee=committee, pk=pk)
        .select_related("item__meeting")
        .first()
    )
    if paper is None:
        raise Http404
    return paper


def get_seat(*, committee: Committee, pk) -> Seat:
    seat = Seat.objects.filter(committee=committee, pk=pk).select_related("partner__organisation").first()
    if seat is None:
        raise Http404
    seat.committee = committee
    return seat


def get_holder(*, seat: Seat, pk) -> SeatHolder:
    holder = SeatHolder.objects.filter(seat=seat, pk=pk).select_related("user").first()
    if holder is None:
        raise Http404
    holder.seat = seat
    return holder


def _label(item: AgendaItem, fallbacks: list[str]) -> None:
    language = translation.get_language()
    item.title_text = item.title.render(language, fallbacks).text
    names = [item.rapporteur.organisation.name if item.rapporteur_id else "", item.rapporteur_name]
    item.rapporteur_label = " – ".join(name for name in names if name)


def flat_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    """Return the items in agenda order, each with ``number`` ("1", "1.1" …) and its papers (2 queries)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("rapporteur__organisation", "minutes_of")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.order_by("pk")))
        .order_by("position", "pk")
    )
    fallbacks = meeting.project.fallback_languages
    top = [item for item in items if item.parent_id is None]
    ordered = []
    for index, item in enumerate(top, start=1):
        item.number = str(index)
        _label(item, fallbacks)
        ordered.append(item)
        children = [child for child in items if child.parent_id == item.pk]
        item.subitems = children
        for sub_index, child in enumerate(children, start=1):
            child.number = f"{index}.{sub_index}"
            _label(child, fallbacks)
            ordered.append(child)
    return ordered


def agenda_minutes(items: list[AgendaItem]) -> int:
    """Return the planned length of an agenda (sub-items count within their item)."""
    return sum(item.duration_minutes for item in items if item.parent_id is None)


def list_seats(*, committee: Committee, day: datetime.date | None = None) -> list[Seat]:
    """Return the seats with ``current`` (holders valid on ``day``) and ``history`` (2 queries)."""
    day = day or timezone.localdate()
    seats = list(
        Seat.objects.filter(committee=committee)
        .select_related("partner__organisation")
        .prefetch_related(
            Prefetch(
                "holders",
                queryset=SeatHolder.objects.select_related("user").order_by("-valid_from", "pk"),
                to_attr="all_holders",
            )
        )
        .order_by("partner__number")
    )
    for seat in seats:
        seat.current = [holder for holder in seat.all_holders if holder.is_valid_on(day)]
        seat.representative = next((h for h in seat.current if h.role == "representative"), None)
        seat.substitutes = [h for h in seat.current if h.role == "substitute"]
        seat.history = [holder for holder in seat.all_holders if not holder.is_valid_on(day)]
    return seats


def list_meetings(*, committee: Committee, include_drafts: bool) -> list[Meeting]:
    meetings = (
        Meeting.objects.filter(committee=committee)
        .select_related("session__event")
        .order_by("-starts_at", "-pk")
    )
    if not include_drafts:
        meetings = meetings.exclude(status=MeetingStatus.DRAFT)
    return list(meetings)


def next_meeting(meetings: list[Meeting], now: datetime.datetime | None = None) -> Meeting | None:
    """Return the meeting under way, else the next to come, else one convened but never held (no query)."""
    now = now or timezone.now()
    under_way = [m for m in meetings if m.status == MeetingStatus.IN_SESSION]
    coming = [
        m for m in meetings if m.status in (MeetingStatus.CONVENED, MeetingStatus.DRAFT) and m.ends_at >= now
    ]
    pending = [m for m in meetings if m.status == MeetingStatus.CONVENED]
    for group in (under_way, coming, pending):
        if group:
            return min(group, key=lambda meeting: meeting.starts_at)
    return None


def my_holdings(*, committee: Committee, user, day: datetime.date | None = None) -> list[SeatHolder]:
    """Return the seats the user holds today on the committee (one query)."""
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    return list(
        SeatHolder.objects.filter(seat__committee=committee, user=user, valid_from__lte=day)
        .exclude(valid_until__lt=day)
        .select_related("seat__partner__organisation")
    )


def project_members(*, project) -> QuerySet[User]:
    """Return the people with a role in the project (candidates for seats and secretary)."""
    return (
        User.objects.filter(memberships__project=project)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def project_partners(*, project) -> list[Partner]:
    return list(Partner.objects.filter(project=project).select_related("organisation").order_by("number"))


def free_partners(*, committee: Committee) -> list[Partner]:
    """Return the partners of the project without a seat on the committee."""
    return list(
        Partner.objects.filter(project_id=committee.project_id)
        .filter(~Q(committee_seats__committee=committee))
        .select_related("organisation")
        .order_by("number")
    )


def event_sessions(*, project):
    """Return the sessions of the project's events a meeting may be held in (newest events first)."""
    from secon.events.models import Session

    return Session.objects.filter(event__project=project).select_related("event").order_by("-starts_at")


def committee_defaults(*, project) -> CommitteeDefaults:
    """The project's defaults for its committees (the built-in values, unsaved, until first set)."""
    found = CommitteeDefaults._base_manager.filter(project_id=project.pk).first()
    return found or CommitteeDefaults(project_id=project.pk)
