"""The comment window's forms: the last day for comments, a member's comment, the secretary's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.governance.enums import CommentStatus
from secon.governance.services.comments import MAX_COMMENT, MAX_REPLY


class DeadlineForm(forms.Form):
    """The last day members may comment (until its end, in the meeting's time zone)."""

    comments_until = forms.DateField(
        label=_("Comments until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Comments until: enter a date such as 2025-03-31.")},
    )


class CommentForm(forms.Form):
    """A comment on one section of the minutes, or in general."""

    section = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=pgettext_lazy("minutes", "Your comment"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment.")},
    )


class AnswerForm(forms.Form):
    """The secretary's handling of one comment, with a short reply."""

    comment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(
        label=_("Handling"),
        choices=[
            (CommentStatus.TAKEN, CommentStatus.TAKEN.label),
            (CommentStatus.ANSWERED, CommentStatus.ANSWERED.label),
        ],
    )
    reply = forms.CharField(
        label=_("Reply"), max_length=MAX_REPLY, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EarlyApprovalForm(forms.Form):
    """Why the minutes may be approved before the comment window ends."""

    early_approval_reason = forms.CharField(
        label=_("Reason for approving before the end of the comments"),
        max_length=MAX_REPLY,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for approving before the end of the comments.")},
    )
