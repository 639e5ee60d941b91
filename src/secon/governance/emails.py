"""The committee's e-mails, each written in its recipient's language: the notice of a meeting (with
iCal and the agenda as PDF), action reminders, circulated minutes (with their PDF), answers to comments
on minutes, written procedures.

The services queue them (``queue_…``) in their transaction; a worker renders and sends them.
"""

import zoneinfo

import icalendar

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.accounts.models import User
from secon.core.links import absolute_url
from secon.governance import selectors
from secon.governance.models import Meeting
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email

PRODID = "-//SECON Hub//Governance//EN"


def _queue_for(user: User, *, record, kind: str, params: dict) -> None:
    """Queue an e-mail of ``record``'s project to ``user``, in their language."""
    queue_email(
        project_id=record.project_id,
        kind=kind,
        recipient=user.email,
        language=user.preferred_language or "en",
        params=params,
    )


def queue_notice(*, meeting: Meeting, user: User) -> None:
    """Have a worker send the notice of the meeting to a seat holder, in their language."""
    _queue_for(
        user, record=meeting, kind="governance.notice", params={"meeting": meeting.pk, "user": user.pk}
    )


def meeting_url(meeting: Meeting) -> str:
    """Return the absolute address of the meeting's page, in the active language."""
    path = reverse(
        "governance:meeting",
        kwargs={
            "project": meeting.project.slug,
            "committee": meeting.committee.slug,
            "number": meeting.number,
        },
    )
    return absolute_url(path)


def meeting_calendar(*, meeting: Meeting, language: str) -> bytes:
    """Return the meeting as an iCalendar file (RFC 5545, with VTIMEZONE), in ``language``."""
    fallbacks = meeting.project.fallback_languages
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = icalendar.Event()
    entry.add("uid", f"committee-meeting-{meeting.pk}@secon-hub")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", meeting.starts_at.astimezone(meeting.zone))
    entry.add("dtend", meeting.ends_at.astimezone(meeting.zone))
    entry.add("summary", meeting.title.render(language, fallbacks).text)
    lines = [
        f"{item.number}. {item.title.render(language, fallbacks).text}"
        for item in selectors.flat_agenda(meeting=meeting)
    ]
    entry.add("description", "\n".join(lines))
    location = ", ".join(part for part in (meeting.location, meeting.online_url) if part)
    if location:
        entry.add("location", location)
    entry.add("url", meeting_url(meeting))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@renderer("governance.notice")
def render_notice(*, meeting: int, user: int) -> Rendered | None:
    """The notice: date, time and place in the meeting's zone, the agenda, the papers, the link; the
    meeting as iCal and the agenda as PDF attached."""
    from secon.governance.pdfs import agenda_pdf

    found = Meeting._base_manager.select_related("committee", "project").filter(pk=meeting).first()
    person = User.objects.filter(pk=user).first()
    if found is None or person is None:
        return None
    language = translation.get_language()
    fallbacks = found.project.fallback_languages
    title = found.title.render(language, fallbacks).text
    context = {
        "meeting": found,
        "person": person,
        "title": title,
        "committee_name": found.committee.name.render(language, fallbacks).text,
        "agenda": selectors.flat_agenda(meeting=found),
        "fallbacks": fallbacks,
        "url": meeting_url(found),
        "starts_at": found.starts_at.astimezone(found.zone),
        "ends_at": found.ends_at.astimezone(found.zone),
    }
    subject = _("Notice of meeting: %(title)s") % {"title": title}
    context["pdf_url"] = absolute_url(
        reverse(
            "governance:agenda_pdf",
            kwargs={"project": found.project.slug, "committee": found.committee.slug, "number": found.number},
        )
    )
    return Rendered(
        subject=subject,
        body=render_to_string("governance/email/notice.txt", context),
        attachments=[
            (
                "meeting.ics",
                meeting_calendar(meeting=found, language=language),
                "text/calendar; charset=utf-8",
            ),
            (
                f"agenda-{found.committee.code}{found.number}-{language}.pdf",
                agenda_pdf(meeting=found, language=language, url=context["url"]),
                "application/pdf",
            ),
        ],
    )


def queue_action_reminder(*, action, user: User, kind: str) -> None:
    """Have a worker remind an action's owner, in their language."""
    _queue_for(
        user,
        record=action,
        kind="governance.action_reminder",
        params={"action": action.pk, "user": user.pk, "reminder": kind},
    )


@renderer("governance.action_reminder")
def render_action_reminder(*, action: int, user: int, reminder: str) -> Rendered | None:
    """The reminder: what, due when, from which decision, the link to the committee's actions."""
    from secon.governance.models import ActionItem

    found = (
        ActionItem._base_manager.select_related("committee__project", "decision").filter(pk=action).first()
    )
    person = User.objects.filter(pk=user).first()
    if found is None or person is None or found.status not in ("open", "in_progress"):
        return None
    committee = found.committee
    path = reverse(
        "governance:actions", kwargs={"project": committee.project.slug, "committee": committee.slug}
    )
    days = (found.due_on - timezone.localdate()).days
    if reminder.startswith("overdue"):
        subject = _("Overdue action: %(what)s") % {"what": found.what[:60]}
    else:
        subject = _("Action due soon: %(what)s") % {"what": found.what[:60]}
    context = {
        "action": found,
        "person": person,
        "days_left": days,
        "days_late": -days,
        "committee_name": committee.name.render(
            translation.get_language(), committee.project.fallback_languages
        ).text,
        "url": absolute_url(path),
    }
    return Rendered(subject=subject, body=render_to_string("governance/email/action_reminder.txt", context))


def minutes_url(meeting: Meeting) -> str:
    """Return the absolute address of the meeting's minutes page, in the active language."""
    path = reverse(
        "governance:minutes",
        kwargs={
            "project": meeting.project.slug,
            "committee": meeting.committee.slug,
            "number": meeting.number,
        },
    )
    return absolute_url(path)


def queue_minutes_circulated(*, minutes, user: User) -> None:
    """Have a worker send the circulated draft minutes to a member, in their language."""
    _queue_for(
        user,
        record=minutes,
        kind="governance.minutes_circulated",
        params={"minutes": minutes.pk, "user": user.pk},
    )


@renderer("governance.minutes_circulated")
def render_minutes_circulated(*, minutes: int, user: int) -> Rendered | None:
    """The draft minutes for the members' comments: the meeting, the version, the link, the PDF."""
    from secon.governance.models import Minutes
    from secon.governance.pdfs import minutes_pdf
    from secon.governance.selectors.comments import describe_deadline

    found = (
        Minutes._base_manager.select_related("meeting__committee", "meeting__project", "committee")
        .filter(pk=minutes)
        .first()
    )
    person = User.objects.filter(pk=user).first()
    if found is None or person is None:
        return None
    meeting = found.meeting
    language = translation.get_language()
    fallbacks = meeting.project.fallback_languages
    title = meeting.title.render(language, fallbacks).text
    context = {
        "person": person,
        "title": title,
        "meeting": meeting,
        "minutes": found,
        "committee_name": meeting.committee.name.render(language, fallbacks).text,
        "starts_at": meeting.starts_at.astimezone(meeting.zone),
        "url": minutes_url(meeting),
        "comments_until": describe_deadline(found) if found.comments_until else "",
    }
    return Rendered(
        subject=_("Draft minutes for your comments: %(title)s") % {"title": title},
        body=render_to_string("governance/email/minutes_circulated.txt", context),
        attachments=[
            (
                f"minutes-{meeting.number}-{language}.pdf",
                minutes_pdf(minutes=found, language=language),
                "application/pdf",
            )
        ],
    )


def queue_comment_deadline_moved(*, minutes, user: User, previous: str) -> None:
    """Have a worker tell a member, in their language, that the last day for comments has moved
    (``previous``: the former end of the window, ISO 8601)."""
    queue_email(
        project_id=minutes.project_id,
        kind="governance.comment_deadline_moved",
        recipient=user.email,
        language=user.preferred_language or "en",
        params={"minutes": minutes.pk, "user": user.pk, "previous": previous},
    )


@renderer("governance.comment_deadline_moved")
def render_comment_deadline_moved(*, minutes: int, user: int, previous: str) -> Rendered | None:
    """The new end of the comment window (and the former one), in the meeting's time zone; the link."""
    import datetime

    from secon.governance.models import Minutes
    from secon.governance.selectors.comments import describe_deadline

    found = Minutes._base_manager.select_related("meeting__committee", "meeting__project").filter(pk=minutes)
    found, person = found.first(), User.objects.filter(pk=user).first()
    if found is None or person is None or found.comments_until is None or found.status != "circulated":
        return None
    meeting = found.meeting
    language = translation.get_language()
    fallbacks = meeting.project.fallback_languages
    title = meeting.title.render(language, fallbacks).text
    former = Minutes(meeting=meeting, comments_until=datetime.datetime.fromisoformat(previous))
    context = {
        "person": person,
        "title": title,
        "committee_name": meeting.committee.name.render(language, fallbacks).text,
        "comments_until": describe_deadline(found),
        "previous": describe_deadline(former),
        "url": minutes_url(meeting),
    }
    return Rendered(
        subject=_("New last day for comments on the minutes: %(title)s") % {"title": title},
        body=render_to_string("governance/email/comment_deadline_moved.txt", context),
    )


def queue_comment_answered(*, comment, user: User) -> None:
    """Have a worker tell a member, in their language, how the secretary handled their comment."""
    _queue_for(user, record=comment, kind="governance.comment_answered", params={"comment": comment.pk})


@renderer("governance.comment_answered")
def render_comment_answered(*, comment: int) -> Rendered | None:
    """The member's comment, the secretary's handling and reply, the link to the minutes' section."""
    from secon.governance.models import MinutesComment

    found = (
        MinutesComment._base_manager.select_related(
            "author", "answered_by", "minutes__meeting__committee", "minutes__meeting__project"
        )
        .filter(pk=comment)
        .first()
    )
    if found is None or found.author is None or found.status == "open":
        return None
    meeting = found.minutes.meeting
    language = translation.get_language()
    fallbacks = meeting.project.fallback_languages
    title = meeting.title.render(language, fallbacks).text
    context = {
        "person": found.author,
        "comment": found,
        "title": title,
        "committee_name": meeting.committee.name.render(language, fallbacks).text,
        "url": minutes_url(meeting) + f"#section-{found.section_key or 'general'}",
    }
    return Rendered(
        subject=_("Your comment on the minutes: %(title)s") % {"title": title},
        body=render_to_string("governance/email/comment_answered.txt", context),
    )


def procedure_url(procedure) -> str:
    """Return the absolute address of a written procedure's voting page, in the active language."""
    path = reverse(
        "governance:procedure",
        kwargs={
            "project": procedure.committee.project.slug,
            "committee": procedure.committee.slug,
            "pk": procedure.pk,
        },
    )
    return absolute_url(path)


def queue_procedure_email(*, procedure, user: User, kind: str) -> None:
    """Have a worker tell a seat holder that a procedure opened (``opened``) or closes soon."""
    _queue_for(
        user,
        record=procedure,
        kind="governance.procedure",
        params={"procedure": procedure.pk, "user": user.pk, "reason": kind},
    )


@renderer("governance.procedure")
def render_procedure(*, procedure: int, user: int, reason: str) -> Rendered | None:
    """The question, the draft decision, the rule, the deadline in its zone, the link to vote."""
    from secon.governance.models import WrittenProcedure

    found = (
        WrittenProcedure._base_manager.select_related("committee__project", "vote")
        .filter(pk=procedure)
        .first()
    )
    person = User.objects.filter(pk=user).first()
    cancelled = reason == "cancelled"
    if found is None or person is None or found.status != ("cancelled" if cancelled else "open"):
        return None
    language = translation.get_language()
    fallbacks = found.committee.project.fallback_languages
    title = found.title.render(language, fallbacks).text
    context = {
        "person": person,
        "procedure": found,
        "title": title,
        "question": found.vote.question.render(language, fallbacks).text,
        "draft_text": found.draft_text.render(language, fallbacks).text,
        "rule": found.vote.get_rule_display(),
        "committee_name": found.committee.name.render(language, fallbacks).text,
        "deadline": found.deadline.astimezone(zoneinfo.ZoneInfo(found.time_zone)),
        "reminder": reason.startswith("reminder"),
        "cancelled": cancelled,
        "url": procedure_url(found),
    }
    if cancelled:
        subject = _("Written procedure cancelled: %(title)s") % {"title": title}
    elif context["reminder"]:
        subject = _("Reminder: your vote by written procedure: %(title)s") % {"title": title}
    else:
        subject = _("Written procedure: %(title)s") % {"title": title}
    return Rendered(subject=subject, body=render_to_string("governance/email/procedure.txt", context))
