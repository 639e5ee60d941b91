"""Read the minutes, and draft their text from the meeting's records in each language.

The draft is what a secretary would write first: who attended and the quorum, then each agenda
item with its votes (and their arithmetic), decisions and actions, in the order of the agenda.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.core.languages import INTERFACE_LANGUAGES
from secon.governance import counting
from secon.governance.models import ActionItem, Decision, Meeting, Minutes, MinutesVersion
from secon.governance.selectors.committees import flat_agenda
from secon.governance.selectors.presence import Presence, meeting_presence
from secon.governance.selectors.votes import list_votes


def minutes_languages(project) -> list[str]:
    """The languages the minutes are drafted in: the project's content languages we can write in."""
    languages = [code for code in project.content_languages or [] if code in INTERFACE_LANGUAGES]
    return languages or [settings.LANGUAGE_CODE]


def get_minutes(*, meeting: Meeting) -> Minutes | None:
    """Return the meeting's minutes with their current version as ``current`` (2 queries), or None."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("approved_by").first()
    if minutes is None:
        return None
    minutes.meeting = meeting
    minutes.current = MinutesVersion.objects.filter(minutes=minutes, number=minutes.version).first()
    return minutes


def list_versions(*, minutes: Minutes) -> list[MinutesVersion]:
    return list(
        MinutesVersion.objects.filter(minutes=minutes)
        .select_related("saved_by", "decision")
        .order_by("-number")
    )


def minutes_by_meeting(*, committee) -> dict[int, Minutes]:
    """Return the committee's minutes by meeting id (one query)."""
    return {m.meeting_id: m for m in Minutes.objects.filter(committee=committee)}


def _person(user) -> str:
    return user.get_full_name() or user.email


def _owner(action: ActionItem) -> str:
    if action.owner_partner_id:
        return f"{action.owner_partner.code} {action.owner_partner.organisation.name}"
    return _person(action.owner_user)


def attendance_text(presence: Presence, quorum: dict) -> str:
    present, absent = [], []
    for seat in presence.seats:
        people = [f"{_person(h.user)} ({h.get_role_display()})" for h in seat.people if h.present]
        name = f"{seat.partner.code} {seat.partner.organisation.name}"
        if people:
            present.append(f"- {name}: {', '.join(people)}")
        else:
            absent.append(f"- {name}")
    lines = [_("Present:"), *(present or ["- —"])]
    if absent:
        lines += ["", _("Absent:"), *absent]
    lines += ["", _("Quorum: %(quorum)s.") % {"quorum": counting.describe_quorum(quorum)}]
    return "\n".join(lines)


def _vote_text(vote, language: str, fallbacks: list[str]) -> str:
    question = vote.question.render(language, fallbacks).text
    text = _("Vote: “%(question)s” (%(rule)s).") % {"question": question, "rule": vote.get_rule_display()}
    if vote.result:
        text += " " + counting.describe_result(vote.result) + "."
    if vote.quorum_override:
        text += " " + _("Opened without quorum: %(reason)s") % {"reason": vote.quorum_override}
    return text


def _decision_text(decision: Decision, language: str, fallbacks: list[str]) -> str:
    return _("Decision %(number)s – %(title)s: %(text)s") % {
        "number": decision.number,
        "title": decision.title.render(language, fallbacks).text,
        "text": decision.text.render(language, fallbacks).text,
    }


def _action_text(action: ActionItem) -> str:
    return _("Action: %(what)s – %(owner)s – due %(day)s") % {
        "what": action.what,
        "owner": _owner(action),
        "day": formats.date_format(action.due_on, "j F Y"),
    }


def meeting_records(*, meeting: Meeting) -> dict:
    """Return what the minutes are made of: agenda, presence, votes, decisions, actions (10 queries)."""
    votes = [vote for vote in list_votes(meeting=meeting) if vote.status != "draft"]
    decisions = list(
        Decision.objects.filter(meeting=meeting).select_related("item", "vote").order_by("sequence")
    )
    actions = list(
        ActionItem.objects.filter(Q(item__meeting=meeting) | Q(decision__meeting=meeting))
        .select_related("owner_user", "owner_partner__organisation", "decision")
        .order_by("due_on", "pk")
    )
    presence = meeting_presence(meeting=meeting)
    first_quorum = next((vote.quorum for vote in votes if vote.quorum), None)
    return {
        "agenda": flat_agenda(meeting=meeting),
        "presence": presence,
        "quorum": first_quorum or presence.quorum,
        "votes": votes,
        "decisions": decisions,
        "actions": actions,
    }


def _item_key(record) -> int | None:
    return getattr(record, "item_id", None)


def draft_sections(*, meeting: Meeting, records: dict | None = None) -> list[dict]:
    """Write the minutes' sections from the records, in each language of :func:`minutes_languages`."""
    records = records or meeting_records(meeting=meeting)
    project = meeting.project
    fallbacks = project.fallback_languages
    agenda = records["agenda"]
    item_ids = {item.pk for item in agenda}
    sections = [{"key": "attendance", "number": "", "title": {}, "text": {}}]
    sections += [
        {"key": f"item-{item.pk}", "number": item.number, "title": dict(item.title), "text": {}}
        for item in agenda
    ]
    other = {"key": "other", "number": "", "title": {}, "text": {}}
    for language in minutes_languages(project):
        with translation.override(language):
            sections[0]["title"][language] = _("Attendance and quorum")
            sections[0]["text"][language] = attendance_text(records["presence"], records["quorum"])
            by_item: dict[int | None, list[str]] = {}
            for item in agenda:
                description = item.description.render(language, fallbacks).text
                by_item[item.pk] = [description] if description else []
            for vote in records["votes"]:
                key = vote.item_id if vote.item_id in item_ids else None
                by_item.setdefault(key, []).append(_vote_text(vote, language, fallbacks))
            for decision in records["decisions"]:
                key = decision.item_id if decision.item_id in item_ids else None
                by_item.setdefault(key, []).append(_decision_text(decision, language, fallbacks))
            for action in records["actions"]:
                key = action.item_id or (action.decision.item_id if action.decision_id else None)
                key = key if key in item_ids else None
                by_item.setdefault(key, []).append(_action_text(action))
            for section, item in zip(sections[1:], agenda, strict=True):
                section["text"][language] = "\n\n".join(by_item.get(item.pk, []))
                section["title"].setdefault(language, item.title.render(language, fallbacks).text)
            if by_item.get(None):
                other["title"][language] = _("Other decisions and votes")
                other["text"][language] = "\n\n".join(by_item[None])
    if other["text"]:
        sections.append(other)
    return sections


def section_text(section: dict, language: str, fallbacks: list[str]) -> tuple[str, str]:
    """Return a section's (title, text) in ``language``, else along the fallbacks."""
    order = [language, *fallbacks, settings.LANGUAGE_CODE]
    title = next((section["title"][c] for c in order if section["title"].get(c)), "")
    text = next((section["text"][c] for c in order if c in section["text"]), "")
    return title, text
