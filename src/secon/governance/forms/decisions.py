"""Forms of the register: record a decision, supersede or revoke one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField


class DecisionForm(forms.Form):
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    text = TranslatedFormField(
        label=_("Text of the decision"), required=True, multiline=True, max_length=10000
    )
    vote = forms.TypedChoiceField(label=_("Vote"), required=False, coerce=int, empty_value=None)
    item = forms.TypedChoiceField(
        label=_("Agenda item"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("A decision on an “approval of minutes” item approves those minutes."),
    )
    is_public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Shown on the project's public register.")
    )

    def __init__(self, *args, project, votes, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        languages = project.content_languages or ["en"]
        self.fields["title"].set_languages(languages)
        self.fields["text"].set_languages(languages)
        self.fields["vote"].choices = [("", _("— without a vote (by consensus) —"))] + [
            (vote.pk, str(vote.question)) for vote in votes
        ]
        self.fields["item"].choices = [("", _("— the vote's item, or none —"))] + [
            (item.pk, f"{item.number}. {item.title_text}") for item in items
        ]


class SupersedeForm(forms.Form):
    by = forms.TypedChoiceField(label=_("Superseded by"), coerce=str)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = [(d.number, f"{d.number} {d.title}") for d in decisions]


class RevokeForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), max_length=2000, help_text=_("E.g. the decision that revokes it.")
    )
