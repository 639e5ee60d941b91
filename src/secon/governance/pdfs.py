"""The minutes and the agenda as PDF (WeasyPrint, through the events app's helper), in one language."""

from django.utils import translation

from secon.events.exporters import render_pdf
from secon.governance import counting
from secon.governance.enums import VersionKind
from secon.governance.models import Meeting, Minutes, MinutesVersion
from secon.governance.selectors.actions import pending_actions
from secon.governance.selectors.committees import agenda_minutes, flat_agenda
from secon.governance.selectors.minutes import attendance_text, meeting_records, section_text


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _meeting_context(meeting: Meeting, language: str) -> dict:
    fallbacks = meeting.project.fallback_languages
    return {
        "project": meeting.project,
        "meeting": meeting,
        "meeting_title": meeting.title.render(language, fallbacks).text,
        "committee_name": meeting.committee.name.render(language, fallbacks).text,
        "starts_at": meeting.starts_at.astimezone(meeting.zone),
        "ends_at": meeting.ends_at.astimezone(meeting.zone),
    }


def minutes_context(*, minutes: Minutes, language: str, version: MinutesVersion | None = None) -> dict:
    """Everything the minutes' PDF shows: the sections, attendance, votes, decisions, signatures."""
    meeting = minutes.meeting
    committee = meeting.committee
    fallbacks = meeting.project.fallback_languages
    version = version or MinutesVersion.objects.get(minutes=minutes, number=minutes.version)
    records = meeting_records(meeting=meeting)
    seats = records["presence"].seats
    chair_seat = next((seat for seat in seats if seat.partner_id == committee.chair_id), None)
    chair = chair_seat.representative.user if chair_seat and chair_seat.representative else None
    errata = list(
        MinutesVersion.objects.filter(minutes=minutes, kind=VersionKind.ERRATUM, number__lte=version.number)
        .order_by("number")
        .values("number", "saved_at", "reason", "decision__number")
    )
    with translation.override(language):
        votes = [
            {
                "question": vote.question.render(language, fallbacks).text,
                "rule": vote.get_rule_display(),
                "result": counting.describe_result(vote.result),
                "quorum": counting.describe_quorum(vote.quorum),
                "passed": vote.passed,
            }
            for vote in records["votes"]
        ]
        drafted_attendance = attendance_text(records["presence"], records["quorum"])
        quorum_text = counting.describe_quorum(records["quorum"])
    sections = []
    for section in version.sections:
        title, text = section_text(section, language, fallbacks)
        values = {"number": section.get("number", ""), "title": title, "text": text}
        if section["key"] == "attendance":
            # The table shows the attendance; the text only when the secretary changed it.
            values["attendance"] = True
            values["text"] = "" if text.strip() == drafted_attendance.strip() else text
        sections.append(values)
    return {
        **_meeting_context(meeting, language),
        "minutes": minutes,
        "version": version,
        "sections": sections,
        "seats": seats,
        "quorum_text": quorum_text,
        "votes": votes,
        "decisions": [
            {
                "number": decision.number,
                "title": decision.title.render(language, fallbacks).text,
                "text": decision.text.render(language, fallbacks).text,
            }
            for decision in records["decisions"]
        ],
        "chair": _person(chair),
        "chair_partner": chair_seat.partner.organisation.name if chair_seat else "",
        "secretary": _person(committee.secretary),
        "errata": errata,
    }


def minutes_pdf(*, minutes: Minutes, language: str, version: MinutesVersion | None = None) -> bytes:
    context = minutes_context(minutes=minutes, language=language, version=version)
    return render_pdf("governance/pdf/minutes.html", context, language=language)


def agenda_pdf(*, meeting: Meeting, language: str, url: str = "") -> bytes:
    """The notice (or, before convening, the draft agenda) with the numbered items, papers and actions."""
    fallbacks = meeting.project.fallback_languages
    with translation.override(language):
        agenda = flat_agenda(meeting=meeting)
        for item in agenda:
            item.description_text = item.description.render(language, fallbacks).text
        review = (
            pending_actions(committee=meeting.committee) if any(i.reviews_actions for i in agenda) else []
        )
    for action in review:
        if action.owner_partner_id:
            action.owner_label = f"{action.owner_partner.code} {action.owner_partner.organisation.name}"
        else:
            action.owner_label = _person(action.owner_user)
    context = {
        **_meeting_context(meeting, language),
        "agenda": agenda,
        "total_minutes": agenda_minutes(agenda),
        "review_actions": review,
        "url": url,
    }
    return render_pdf("governance/pdf/agenda.html", context, language=language)
