"""Load SECON's steering committee through the services: seats, the Cáceres meeting (vote, decisions,
actions, minutes), a written procedure, the online meeting that approved the Cáceres minutes, the next one.

Idempotent: once the committee exists nothing is loaded again. The content the public record does
not give is marked illustrative (see ``demo.data.governance``).
"""

import datetime
import zoneinfo

from secon.accounts.models import User
from secon.accounts.services import create_user, grant_role
from secon.core.permissions import SYSTEM
from secon.demo.data import events as event_data
from secon.demo.data import governance as data
from secon.events.models import Event
from secon.governance.models import Committee
from secon.governance.services import (
    actions,
    agenda,
    attendance,
    comments,
    committees,
    decisions,
    meetings,
    minutes,
    procedures,
    votes,
)
from secon.organisations.models import Partner
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled

DEMO_DOMAIN = "secon.example"


def _representative(project: Project, partner: Partner, password: str) -> User:
    """The demo account representing a partner (extremadura@… exists already; the others are made up)."""
    slug = partner.organisation.slug
    email = "extremadura@secon.example" if slug == "junta-de-extremadura" else f"{slug}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = create_user(
            actor=None, email=email, password=password, first_name="Representative", last_name=partner.code
        )
    if not user.memberships.filter(project=project).exists():
        grant_role(
            actor=None, user=user, project=project, role="partner_editor", organisation=partner.organisation
        )
    return user


def load(*, project: Project, password: str) -> Committee | None:
    with scopes_disabled():  # the demo acts for the installation
        if Committee.objects.filter(project=project, slug=data.COMMITTEE["slug"]).exists():
            return None
        return _load(project, password)


def _load(project: Project, password: str) -> Committee:
    partners = list(Partner.objects.filter(project=project).select_related("organisation").order_by("number"))
    by_slug = {partner.organisation.slug: partner for partner in partners}
    secretary = User.objects.get(email="coordinator@secon.example")
    committee = committees.create_committee(
        actor=SYSTEM, project=project, **data.COMMITTEE, secretary=secretary, chair=partners[0]
    )
    representatives = {}
    for partner in partners:
        seat = committees.add_seat(actor=SYSTEM, committee=committee, partner=partner)
        user = _representative(project, partner, password)
        committees.appoint_holder(
            actor=SYSTEM, seat=seat, user=user, role="representative", valid_from=datetime.date(2023, 3, 1)
        )
        representatives[partner.organisation.slug] = user
    caceres = Event.objects.get(project=project, slug=event_data.CACERES["slug"])
    session = caceres.sessions.filter(kind="steering_committee").order_by("starts_at").first()
    zone = zoneinfo.ZoneInfo(caceres.time_zone)
    starts = session.starts_at.astimezone(zone)
    meeting = meetings.create_meeting(
        actor=SYSTEM,
        committee=committee,
        title=data.CACERES_TITLE,
        starts_at=starts,
        ends_at=starts.replace(hour=13, minute=30),
        time_zone=caceres.time_zone,
        location="Cáceres",
        session=session,
    )
    items = []
    for title, kind, length, rapporteur, children in data.CACERES_AGENDA:
        item = agenda.add_item(
            actor=SYSTEM,
            meeting=meeting,
            title=title,
            kind=kind,
            duration_minutes=length,
            rapporteur=by_slug[rapporteur],
        )
        items.append(item)
        for sub_title, sub_kind, sub_minutes, sub_rapporteur in children:
            child = agenda.add_item(
                actor=SYSTEM,
                meeting=meeting,
                parent=item,
                title=sub_title,
                kind=sub_kind,
                duration_minutes=sub_minutes,
                rapporteur=by_slug[sub_rapporteur],
            )
            items.append(child)
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting, now=starts - datetime.timedelta(days=21))
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for slug, user in representatives.items():
        if slug not in data.ABSENT_AT_CACERES:
            attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user)
    # Items: 1 progress review, 1.1 the report of semester 3, 2 KMOP's findings, 3 next steps.
    vote = votes.create_vote(
        actor=SYSTEM, meeting=meeting, question=data.VOTE_QUESTION, rule="two_thirds", item=items[1]
    )
    votes.open_vote(actor=SYSTEM, vote=vote)
    for slug, choice in data.BALLOTS.items():
        seat = committee.seats.get(partner=by_slug[slug])
        votes.cast_ballot(actor=SYSTEM, vote=vote, choice=choice, seat=seat)
    votes.close_vote(actor=SYSTEM, vote=vote)
    votes.publish_vote(actor=SYSTEM, vote=vote)
    made = []
    for values, item in zip(data.DECISIONS, [None, items[2], items[3]], strict=True):
        text = {code: f"{body}\n\n{data.ILLUSTRATIVE[code]}" for code, body in values["text"].items()}
        made.append(
            decisions.record_decision(
                actor=SYSTEM,
                meeting=meeting,
                title=values["title"],
                text=text,
                vote=vote if values["vote"] else None,
                item=item,
                is_public=values["public"],
            )
        )
    day = starts.date()
    for what, owner, due, status in data.ACTIONS:
        action = actions.create_action(
            actor=SYSTEM,
            committee=committee,
            what=what,
            due_on=datetime.date.fromisoformat(due),
            owner_user=None if owner else secretary,
            owner_partner=by_slug[owner] if owner else None,
            decision=made[2] if owner == "riga-planning-region" else None,
            today=day,
        )
        if status != "open":
            actions.update_action(actor=SYSTEM, action=action, status=status)
    meetings.close_meeting(actor=SYSTEM, meeting=meeting)
    drafted = starts + datetime.timedelta(days=14)
    caceres_minutes = minutes.draft_minutes(actor=SYSTEM, meeting=meeting, now=drafted)
    minutes.circulate_minutes(actor=SYSTEM, minutes=caceres_minutes, now=drafted)
    _comments(caceres_minutes, representatives, secretary, drafted)
    _written_procedure(committee, by_slug, representatives)
    online = _next_meeting(committee, meeting, representatives)
    minutes.publish_minutes(actor=SYSTEM, minutes=caceres_minutes, now=online.ends_at)
    _third_meeting(committee, online)
    return committee


def _written_procedure(committee: Committee, by_slug: dict, representatives: dict) -> None:
    """Between Cáceres and the online meeting: a budget shift by written procedure, closed at its deadline."""
    values = data.PROCEDURE
    opened = datetime.datetime.fromisoformat(values["opened"])
    procedure = procedures.open_procedure(
        actor=SYSTEM,
        committee=committee,
        kind="decision",
        title=values["title"],
        question=values["question"],
        draft_text=values["draft_text"],
        deadline=datetime.datetime.fromisoformat(values["deadline"]),
        time_zone=values["time_zone"],
        rule=values["rule"],
        tacit_approval=values["tacit_approval"],
        now=opened,
    )
    for slug, choice in values["ballots"].items():
        procedures.cast_procedure_ballot(
            actor=representatives[slug],
            procedure=procedure,
            choice=choice,
            now=opened + datetime.timedelta(days=2),
        )
    procedures.close_procedure(actor=SYSTEM, procedure=procedure, now=procedure.deadline)


def _next_meeting(committee: Committee, caceres, representatives: dict):
    """The online meeting of February 2025: held, and the minutes of Cáceres approved there (SC2-D01)."""
    values = data.NEXT_MEETING
    zone = zoneinfo.ZoneInfo(values["time_zone"])
    day = datetime.date.fromisoformat(values["date"])
    starts = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=zone)
    meeting = meetings.create_meeting(
        actor=SYSTEM,
        committee=committee,
        title=values["title"],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        time_zone=values["time_zone"],
        online_url=values["online_url"],
    )
    items = [
        agenda.add_item(
            actor=SYSTEM,
            meeting=meeting,
            title=title,
            kind=kind,
            duration_minutes=length,
            reviews_actions=reviews,
            minutes_of=caceres if kind == "minutes" else None,
        )
        for title, kind, length, reviews in values["agenda"]
    ]
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting, now=starts - datetime.timedelta(days=20))
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for slug, user in representatives.items():
        if slug not in data.ABSENT_ONLINE:
            attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user)
    decisions.record_decision(
        actor=SYSTEM,
        meeting=meeting,
        item=items[0],
        title=data.MINUTES_APPROVAL["title"],
        text=data.MINUTES_APPROVAL["text"],
        is_public=True,
    )
    meetings.close_meeting(actor=SYSTEM, meeting=meeting)
    drafted = starts + datetime.timedelta(days=10)
    online_minutes = minutes.draft_minutes(actor=SYSTEM, meeting=meeting, now=drafted)
    minutes.circulate_minutes(actor=SYSTEM, minutes=online_minutes, now=drafted)
    return meeting


def _comments(caceres_minutes, representatives, secretary, drafted) -> None:
    """Two members comment on the circulated Cáceres minutes; the secretary answers one."""
    for day, (slug, section, language, text, reply) in enumerate(data.CACERES_COMMENTS, start=2):
        user = representatives.get(slug)
        if user is None:
            continue
        comment = comments.comment_on_minutes(
            actor=user,
            minutes=caceres_minutes,
            text=text,
            section_key=section,
            language=language,
            now=drafted + datetime.timedelta(days=day),
        )
        if reply:
            comments.answer_comment(
                actor=secretary,
                comment=comment,
                status="answered",
                reply=reply,
                now=drafted + datetime.timedelta(days=day + 1),
            )


def _third_meeting(committee: Committee, online) -> None:
    """The next meeting, convened, whose first item approves the minutes of the online meeting."""
    values = data.THIRD_MEETING
    zone = zoneinfo.ZoneInfo(values["time_zone"])
    day = datetime.date.fromisoformat(values["date"])
    starts = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=zone)
    meeting = meetings.create_meeting(
        actor=SYSTEM,
        committee=committee,
        title=values["title"],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        time_zone=values["time_zone"],
        location=values["location"],
    )
    for title, kind, length, reviews in values["agenda"]:
        agenda.add_item(
            actor=SYSTEM,
            meeting=meeting,
            title=title,
            kind=kind,
            duration_minutes=length,
            reviews_actions=reviews,
            minutes_of=online if kind == "minutes" else None,
        )
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting, now=starts - datetime.timedelta(days=20))
