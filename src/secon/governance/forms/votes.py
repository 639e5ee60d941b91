"""Forms of the running meeting: a vote to prepare, the reason to vote without quorum, a ballot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.governance.enums import Choice, VoteRule


class VoteForm(forms.Form):
    question = TranslatedFormField(label=_("Question"), required=True, max_length=1000)
    rule = forms.ChoiceField(label=_("Majority needed"), choices=VoteRule.choices)
    item = forms.TypedChoiceField(label=_("Agenda item"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, project, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].set_languages(project.content_languages or ["en"])
        self.fields["item"].choices = [("", "—")] + [
            (item.pk, f"{item.number}. {item.title_text}") for item in items
        ]


class OpenVoteForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for voting without quorum (chair only)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices)
