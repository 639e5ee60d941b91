"""The validation workflow: submit, request information, approve, decline, count, select."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited
from secon.practices.completeness import missing_sections
from secon.practices.enums import TRANSITIONS, Action, Status
from secon.practices.models import GoodPractice, WorkflowStep
from secon.practices.services.indexing import index_practice
from secon.practices.services.notifications import notify_author, notify_reviewers
from secon.practices.services.permissions import require
from secon.projects.models import Period

_PERMISSION = {
    Action.SUBMIT: "practices.submit_goodpractice",
    Action.RESUBMIT: "practices.submit_goodpractice",
    Action.REQUEST_INFO: "practices.review_goodpractice",
    Action.APPROVE: "practices.review_goodpractice",
    Action.DECLINE: "practices.review_goodpractice",
    Action.COUNT: "practices.validate_goodpractice",
    Action.SELECT: "practices.validate_goodpractice",
}


#: Decisions the author is told about by e-mail.
NOTIFY_AUTHOR = (Action.REQUEST_INFO, Action.APPROVE, Action.DECLINE, Action.COUNT, Action.SELECT)


#: Decisions that must explain themselves.
NEEDS_COMMENT = (Action.REQUEST_INFO, Action.DECLINE)


def allowed_actions(*, user, practice: GoodPractice) -> list[str]:
    """Return the workflow actions ``user`` may take on the practice now."""
    return [
        action
        for action, (sources, _target) in TRANSITIONS.items()
        if practice.status in sources and user.has_perm(_PERMISSION[action], practice)
    ]


def _transition(
    *, actor, practice: GoodPractice, action: str, comment: str = "", period: Period | None = None
) -> GoodPractice:
    practice = GoodPractice.objects.select_for_update().select_related("project").get(pk=practice.pk)
    sources, target = TRANSITIONS[action]
    if practice.status not in sources:
        raise ValidationError(
            _("A practice that is “%(status)s” cannot be %(action)s.")
            % {"status": practice.get_status_display(), "action": Action(action).label}
        )
    is_own = practice.author_id is not None and actor is not None and practice.author_id == actor.pk
    if is_own and action in (
        Action.REQUEST_INFO,
        Action.APPROVE,
        Action.DECLINE,
        Action.COUNT,
        Action.SELECT,
    ):
        raise PermissionDenied(_("Nobody may review or validate a practice they wrote."))
    require(actor, _PERMISSION[action], practice)
    comment = (comment or "").strip()
    if action in NEEDS_COMMENT and not comment:
        raise ValidationError({"comment": _("Tell the author what is missing or why.")})
    if len(comment) > 5000:
        raise ValidationError({"comment": _("The comment is too long (at most 5,000 characters).")})
    if action in (Action.SUBMIT, Action.RESUBMIT):
        missing = missing_sections(practice)
        if missing:
            raise ValidationError(missing)
    if action == Action.COUNT and (period is None or period.project_id != practice.project_id):
        raise ValidationError({"period": _("Choose a reporting period of the practice's project.")})
    with audited(actor=actor, instance=practice, project_id=practice.project_id) as before:
        practice.status = target
        if action == Action.APPROVE:
            practice.published_at = timezone.now()
        if action == Action.COUNT:
            practice.period = period
        practice.save()
        step = WorkflowStep.objects.create(
            practice=practice,
            action=action,
            from_status=before["status"],
            to_status=target,
            actor=actor,
            comment=comment,
            period=period if action == Action.COUNT else None,
        )
    index_practice(practice=practice)
    if action in NOTIFY_AUTHOR and practice.author_id:
        notify_author(step_id=step.pk)
    if action in (Action.SUBMIT, Action.RESUBMIT):
        notify_reviewers(step_id=step.pk)
    return practice


@transaction.atomic
def submit_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Send a complete draft (or an answered request for information) to the web administrators."""
    status = GoodPractice.objects.filter(pk=practice.pk).values_list("status", flat=True).first()
    action = Action.RESUBMIT if status == Status.INFO_REQUESTED else Action.SUBMIT
    return _transition(actor=actor, practice=practice, action=action, comment=comment)


@transaction.atomic
def request_information(*, actor, practice: GoodPractice, comment: str) -> GoodPractice:
    """Send a submitted practice back to its author with questions."""
    return _transition(actor=actor, practice=practice, action=Action.REQUEST_INFO, comment=comment)


@transaction.atomic
def approve_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Approve a submitted practice: it is published on the project's site."""
    return _transition(actor=actor, practice=practice, action=Action.APPROVE, comment=comment)


@transaction.atomic
def decline_practice(*, actor, practice: GoodPractice, comment: str) -> GoodPractice:
    """Decline a submitted practice, saying why."""
    return _transition(actor=actor, practice=practice, action=Action.DECLINE, comment=comment)


@transaction.atomic
def count_practice(*, actor, practice: GoodPractice, period: Period, comment: str = "") -> GoodPractice:
    """Record the secretariat's check: the approved practice counts in a reporting period."""
    return _transition(actor=actor, practice=practice, action=Action.COUNT, comment=comment, period=period)


@transaction.atomic
def select_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Select a counted practice for the programme-wide library."""
    return _transition(actor=actor, practice=practice, action=Action.SELECT, comment=comment)
