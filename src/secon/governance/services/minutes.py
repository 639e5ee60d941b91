"""Minutes: drafted from the records → circulated to the members → approved → published.

Every saved change is a new version (the text of every section in each language), so any two can
be compared. Once approved, the minutes change only by an erratum, which gives its reason.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.i18n import clean_translations
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.governance.emails import queue_minutes_circulated
from secon.governance.enums import APPROVED_MINUTES, ItemKind, MeetingStatus, MinutesStatus, VersionKind
from secon.governance.models import Decision, Meeting, Minutes, MinutesVersion, SeatHolder
from secon.governance.selectors.minutes import draft_sections
from secon.governance.services.comments import check_approval_allowed, comment_deadline, default_comment_day

#: The longest text of one section in one language.
MAX_SECTION = 20_000
#: The longest reason of an erratum.
MAX_REASON = 2000


def _add_version(
    *,
    actor,
    minutes: Minutes,
    sections: list[dict],
    kind: str,
    reason: str = "",
    decision: Decision | None = None,
    now=None,
) -> MinutesVersion:
    has_versions = MinutesVersion._base_manager.filter(minutes=minutes).exists()
    minutes.version = minutes.version + 1 if has_versions else 1
    version = MinutesVersion(
        project_id=minutes.project_id,
        minutes=minutes,
        number=minutes.version,
        kind=kind,
        sections=sections,
        reason=reason,
        decision=decision,
        saved_by=person_of(actor),
        saved_at=now or timezone.now(),
    )
    version.full_clean(exclude=["project", "minutes", "saved_by", "decision"])
    version.save()
    minutes.save(update_fields=["version"])
    record_change(
        actor=actor, instance=version, action=AuditEntry.Action.CREATE, project_id=minutes.project_id
    )
    return version


def _lock(minutes: Minutes) -> Minutes:
    return Minutes._base_manager.select_for_update().select_related("meeting").get(pk=minutes.pk)


def _current(minutes: Minutes) -> MinutesVersion:
    return MinutesVersion._base_manager.get(minutes=minutes, number=minutes.version)


@transaction.atomic
def draft_minutes(*, actor, meeting: Meeting, now: datetime.datetime | None = None) -> Minutes:
    """Write the minutes from the meeting's records (again, while they are a draft: a new version).

    ``now``: when they were drafted (the demo records a past meeting's minutes); by default now.
    """
    require(actor, "governance.manage_committee", meeting.committee)
    meeting = (
        Meeting._base_manager.select_for_update().select_related("committee", "project").get(pk=meeting.pk)
    )
    if meeting.status not in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("Minutes are drafted once the meeting is closed."))
    minutes = Minutes._base_manager.select_for_update().filter(meeting=meeting).first()
    if minutes is not None and minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("The minutes have been circulated: edit them instead of drafting again."))
    if minutes is None:
        minutes = Minutes(project_id=meeting.project_id, meeting=meeting, committee_id=meeting.committee_id)
        minutes.save()
        record_change(
            actor=actor, instance=minutes, action=AuditEntry.Action.CREATE, project_id=meeting.project_id
        )
    _add_version(
        actor=actor, minutes=minutes, sections=draft_sections(meeting=meeting), kind=VersionKind.DRAFTED
    )
    return minutes


def _edited(current: MinutesVersion, language: str, texts: dict[str, str]) -> list[dict]:
    """Return the current sections with ``texts`` (section key → text) in ``language``."""
    clean_translations({language: ""})  # refuses a language that is no content language
    known = {section["key"] for section in current.sections}
    unknown = set(texts) - known
    if unknown:
        raise ValidationError(_("These minutes have no section %(key)s.") % {"key": sorted(unknown)[0]})
    sections = []
    for section in current.sections:
        copied = {**section, "text": dict(section["text"])}
        if section["key"] in texts:
            text = (texts[section["key"]] or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_SECTION:
                raise ValidationError(
                    {
                        f"section_{section['key']}": _("Keep a section under %(max)d characters.")
                        % {"max": MAX_SECTION}
                    }
                )
            copied["text"][language] = text
        sections.append(copied)
    return sections


@transaction.atomic
def save_minutes(*, actor, minutes: Minutes, language: str, texts: dict[str, str]) -> MinutesVersion | None:
    """Save the sections' text in one language as a new version (None when nothing changed)."""
    require(actor, "governance.manage_committee", minutes.committee)
    minutes = _lock(minutes)
    if minutes.status in APPROVED_MINUTES:
        raise ValidationError(
            _("The minutes are approved: only an erratum, with its reason, can change them.")
        )
    current = _current(minutes)
    sections = _edited(current, language, texts)
    if sections == current.sections:
        return None
    return _add_version(actor=actor, minutes=minutes, sections=sections, kind=VersionKind.EDITED)


@transaction.atomic
def correct_minutes(
    *,
    actor,
    minutes: Minutes,
    language: str,
    texts: dict[str, str],
    reason: str,
    decision: Decision | None = None,
) -> MinutesVersion:
    """Correct approved minutes by an erratum: a new version that gives its reason and cites the
    committee's decision that authorised it (by default the one that approved the minutes)."""
    require(actor, "governance.manage_committee", minutes.committee)
    minutes = _lock(minutes)
    if minutes.status not in APPROVED_MINUTES:
        raise ValidationError(_("These minutes are not approved yet: edit them directly."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the erratum (e.g. the decision it follows).")}
        )
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    decision = decision or minutes.approved_by
    if decision is None or decision.committee_id != minutes.committee_id:
        raise ValidationError(
            {"decision": _("Choose a decision of this committee that authorises the erratum.")}
        )
    current = _current(minutes)
    sections = _edited(current, language, texts)
    if sections == current.sections:
        raise ValidationError(_("The erratum changes nothing: correct the text first."))
    return _add_version(
        actor=actor,
        minutes=minutes,
        sections=sections,
        kind=VersionKind.ERRATUM,
        reason=reason,
        decision=decision,
    )


def _holders_today(minutes: Minutes) -> list:
    today = timezone.localdate()
    holders = (
        SeatHolder._base_manager.filter(seat__committee_id=minutes.committee_id, valid_from__lte=today)
        .exclude(valid_until__lt=today)
        .select_related("user")
        .order_by("seat__partner__number", "role", "pk")
    )
    return list({holder.user_id: holder.user for holder in holders}.values())


@transaction.atomic
def circulate_minutes(
    *,
    actor,
    minutes: Minutes,
    comments_until: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Minutes:
    """Send the draft minutes to every member, each in their language, open for comments until the
    end of ``comments_until`` (by default the committee's comment period from today)."""
    require(actor, "governance.manage_committee", minutes.committee)
    now = now or timezone.now()
    minutes = _lock(minutes)
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("These minutes have already been circulated."))
    people = _holders_today(minutes)
    if not people:
        raise ValidationError(_("Nobody holds a seat: there is nobody to circulate the minutes to."))
    day = comments_until or default_comment_day(meeting=minutes.meeting, now=now)
    deadline = comment_deadline(meeting=minutes.meeting, day=day, now=now)
    with audited(actor=actor, instance=minutes, project_id=minutes.project_id):
        minutes.status = MinutesStatus.CIRCULATED
        minutes.circulated_at = now
        minutes.comments_until = deadline
        minutes.save(update_fields=["status", "circulated_at", "comments_until"])
    for user in people:
        queue_minutes_circulated(minutes=minutes, user=user)
    return minutes


def approves(decision: Decision, minutes: Minutes) -> bool:
    """Whether the decision is one that approves these minutes (its agenda item or written procedure)."""
    item = decision.item
    if item is not None and item.kind == ItemKind.MINUTES and item.minutes_of_id == minutes.meeting_id:
        return True
    procedure = getattr(decision, "procedure", None)
    return procedure is not None and procedure.minutes_id == minutes.pk


@transaction.atomic
def approve_minutes(
    *, actor, minutes: Minutes, decision: Decision, now: datetime.datetime | None = None
) -> Minutes:
    """Record that the decision (at a later meeting, or by written procedure) approved the minutes.

    Refused while the members may still comment, unless every seat has commented or the secretary
    recorded the reason for approving earlier.
    """
    require(actor, "governance.run_meeting", minutes.committee)
    minutes = _lock(minutes)
    if minutes.status in APPROVED_MINUTES:
        raise ValidationError(_("These minutes are already approved."))
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("Circulate the minutes to the members before they are approved."))
    if decision.committee_id != minutes.committee_id or not approves(decision, minutes):
        raise ValidationError(_("This decision does not approve these minutes."))
    check_approval_allowed(minutes, now or timezone.now())
    with audited(actor=actor, instance=minutes, project_id=minutes.project_id):
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_by = decision
        minutes.approved_on = decision.decided_on
        minutes.save(update_fields=["status", "approved_by", "approved_on"])
    meeting = Meeting._base_manager.select_for_update().get(pk=minutes.meeting_id)
    with audited(actor=actor, instance=meeting, project_id=meeting.project_id):
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.save(update_fields=["status", "updated_at"])
    return minutes


def approve_by_decision(*, actor, decision: Decision) -> Minutes | None:
    """If the decision is taken on an "approval of minutes" item, approve those minutes (or refuse it)."""
    item = decision.item
    if item is None or item.kind != ItemKind.MINUTES:
        return None
    minutes = Minutes._base_manager.filter(meeting_id=item.minutes_of_id).first()
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        raise ValidationError(
            _("The minutes of that meeting have not been circulated: they cannot be approved yet.")
        )
    return approve_minutes(actor=actor, minutes=minutes, decision=decision)


@transaction.atomic
def publish_minutes(*, actor, minutes: Minutes, now: datetime.datetime | None = None) -> Minutes:
    """Publish approved minutes on the project's public pages."""
    require(actor, "governance.manage_committee", minutes.committee)
    minutes = _lock(minutes)
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(_("Only approved minutes can be published."))
    with audited(actor=actor, instance=minutes, project_id=minutes.project_id):
        minutes.status = MinutesStatus.PUBLISHED
        minutes.published_at = now or timezone.now()
        minutes.save(update_fields=["status", "published_at"])
    return minutes
