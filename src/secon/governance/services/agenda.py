"""A meeting's agenda (items 1, 1.1 …) and its papers; after the notice every change is marked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.core.uploads import clean_upload
from secon.governance.enums import ItemKind, MeetingStatus
from secon.governance.models import AgendaItem, Meeting, Paper

ITEM_FIELDS = (
    "title",
    "description",
    "kind",
    "duration_minutes",
    "rapporteur",
    "rapporteur_name",
    "reviews_actions",
    "minutes_of",
)
EDITABLE = (MeetingStatus.DRAFT, MeetingStatus.CONVENED)


def _lock_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting._base_manager.select_for_update().select_related("committee").get(pk=meeting.pk)
    if meeting.status not in EDITABLE:
        raise ValidationError(_("The meeting has started: its agenda can no longer change."))
    return meeting


def _check_item(item: AgendaItem, meeting: Meeting) -> None:
    item.full_clean(
        exclude=["project", "meeting", "parent", "rapporteur", "minutes_of"], validate_constraints=False
    )
    if item.kind != ItemKind.MINUTES:
        item.minutes_of = None
    elif item.minutes_of is None:
        raise ValidationError({"minutes_of": _("Choose the meeting whose minutes are approved.")})
    elif item.minutes_of.committee_id != meeting.committee_id or item.minutes_of.number >= meeting.number:
        raise ValidationError({"minutes_of": _("Choose an earlier meeting of this committee.")})
    if item.rapporteur_id and item.rapporteur.project_id != meeting.project_id:
        raise ValidationError({"rapporteur": _("The rapporteur must be a partner of the project.")})


@transaction.atomic
def add_item(*, actor, meeting: Meeting, parent: AgendaItem | None = None, **values) -> AgendaItem:
    """Add an item at the end of the agenda (or under ``parent``, as 1.1, 1.2 …)."""
    require(actor, "governance.manage_committee", meeting.committee)
    meeting = _lock_meeting(meeting)
    if parent is not None:
        if parent.meeting_id != meeting.pk:
            raise ValidationError({"parent": _("This item belongs to another meeting.")})
        if parent.parent_id is not None:
            raise ValidationError({"parent": _("Sub-items go under a main item (two levels: 1 and 1.1).")})
    siblings = AgendaItem._base_manager.filter(meeting=meeting, parent=parent)
    position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    if position > 99:
        raise ValidationError(_("An agenda has at most 99 items per level."))
    item = AgendaItem(
        project_id=meeting.project_id,
        meeting=meeting,
        parent=parent,
        position=position,
        changed_after_notice=meeting.is_notified,
        **{name: values[name] for name in ITEM_FIELDS if name in values},
    )
    _check_item(item, meeting)
    item.save()
    record_change(actor=actor, instance=item, action=AuditEntry.Action.CREATE, project_id=meeting.project_id)
    return item


@transaction.atomic
def update_item(*, actor, item: AgendaItem, **values) -> AgendaItem:
    """Change an item; after the notice it is marked "changed after the notice"."""
    require(actor, "governance.manage_committee", item.meeting.committee)
    meeting = _lock_meeting(item.meeting)
    item = AgendaItem._base_manager.get(pk=item.pk)
    with audited(actor=actor, instance=item, project_id=item.project_id):
        for name in ITEM_FIELDS:
            if name in values:
                setattr(item, name, values[name])
        if meeting.is_notified:
            item.changed_after_notice = True
        _check_item(item, meeting)
        item.save()
    return item


@transaction.atomic
def move_item(*, actor, item: AgendaItem, direction: int) -> AgendaItem:
    """Swap an item with the one before (``-1``) or after (``+1``) it; the numbering follows."""
    require(actor, "governance.manage_committee", item.meeting.committee)
    meeting = _lock_meeting(item.meeting)
    if meeting.is_notified:
        raise ValidationError(_("The notice has gone out: the numbering can no longer change."))
    item = AgendaItem._base_manager.get(pk=item.pk)
    siblings = AgendaItem._base_manager.filter(meeting=meeting, parent_id=item.parent_id)
    if direction < 0:
        other = siblings.filter(position__lt=item.position).order_by("-position").first()
    else:
        other = siblings.filter(position__gt=item.position).order_by("position").first()
    if other is None:
        return item
    mine, theirs = item.position, other.position
    # Through a free position: the unique constraint holds at every step.
    AgendaItem._base_manager.filter(pk=item.pk).update(position=100)
    AgendaItem._base_manager.filter(pk=other.pk).update(position=mine)
    AgendaItem._base_manager.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    record_change(
        actor=actor,
        instance=item,
        action=AuditEntry.Action.UPDATE,
        project_id=item.project_id,
        before={"position": mine},
    )
    return item


@transaction.atomic
def delete_item(*, actor, item: AgendaItem) -> None:
    """Remove an item (and its sub-items) from a draft agenda."""
    require(actor, "governance.manage_committee", item.meeting.committee)
    meeting = _lock_meeting(item.meeting)
    if meeting.is_notified:
        raise ValidationError(_("The notice has gone out: items can no longer be removed."))
    with audited(actor=actor, instance=item, project_id=item.project_id, action=AuditEntry.Action.DELETE):
        pass
    item.delete()


@transaction.atomic
def add_paper(*, actor, item: AgendaItem, title: str, file, is_public: bool = False) -> Paper:
    """Attach a paper to an item; after the notice it is marked "updated after the notice"."""
    require(actor, "governance.manage_committee", item.meeting.committee)
    meeting = _lock_meeting(item.meeting)
    file = clean_upload(file, field="file")
    paper = Paper(
        project_id=item.project_id,
        item=item,
        title=title,
        file=file,
        is_public=is_public,
        updated_after_notice=meeting.is_notified,
    )
    paper.full_clean(exclude=["project", "item"])
    paper.save()
    record_change(actor=actor, instance=paper, action=AuditEntry.Action.CREATE, project_id=item.project_id)
    return paper


@transaction.atomic
def replace_paper(
    *, actor, paper: Paper, file=None, title: str | None = None, is_public: bool | None = None
) -> Paper:
    """Change a paper; a new file after the notice makes a new version, marked as updated."""
    require(actor, "governance.manage_committee", paper.item.meeting.committee)
    meeting = _lock_meeting(paper.item.meeting)
    paper = Paper._base_manager.select_for_update().get(pk=paper.pk)
    with audited(actor=actor, instance=paper, project_id=paper.project_id):
        if title is not None:
            paper.title = title
        if is_public is not None:
            paper.is_public = is_public
        if file is not None:
            paper.file = clean_upload(file, field="file")
            if meeting.is_notified:
                paper.version += 1
                paper.updated_after_notice = True
        paper.full_clean(exclude=["project", "item"])
        paper.save()
    return paper
