"""The comment window on the minutes' page: members comment, the secretary answers, moves the last
day or records why the minutes may be approved earlier. Each handler returns its success message or
raises ValidationError (shown with a 400) or PermissionDenied."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from secon.core.permissions import require
from secon.governance.forms.comments import AnswerForm, CommentForm, DeadlineForm, EarlyApprovalForm
from secon.governance.models import MinutesComment
from secon.governance.services import comments as service


def _valid(form):
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    return form.cleaned_data


def comment(request, committee, minutes) -> str:
    require(request.user, "governance.comment_minutes", committee)
    data = _valid(CommentForm(request.POST))
    service.comment_on_minutes(
        actor=request.user,
        minutes=minutes,
        text=data["text"],
        section_key=data["section"],
        language=translation.get_language(),
    )
    return _("Thank you: your comment is with the secretary.")


def answer(request, committee, minutes) -> str:
    require(request.user, "governance.manage_committee", committee)
    data = _valid(AnswerForm(request.POST))
    found = MinutesComment.objects.filter(minutes=minutes, pk=data["comment"]).first()
    if found is None:
        raise ValidationError(_("This comment is not on these minutes."))
    answered = service.answer_comment(
        actor=request.user, comment=found, status=data["status"], reply=data["reply"]
    )
    return _("The comment is marked: %(status)s.") % {"status": answered.get_status_display()}


def deadline(request, committee, minutes) -> str:
    require(request.user, "governance.manage_committee", committee)
    data = _valid(DeadlineForm(request.POST))
    service.set_comment_deadline(actor=request.user, minutes=minutes, day=data["comments_until"])
    return _("The last day for comments is changed.")


def early(request, committee, minutes) -> str:
    require(request.user, "governance.manage_committee", committee)
    data = _valid(EarlyApprovalForm(request.POST))
    service.allow_early_approval(actor=request.user, minutes=minutes, reason=data["early_approval_reason"])
    return _("The reason is recorded: the minutes may be approved before the end of the comments.")


HANDLERS = {"comment": comment, "answer": answer, "deadline": deadline, "early": early}
