"""Open a written procedure: what it decides, the question, the deadline in a time zone, the rule."""

import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.events.validators import time_zone_names
from secon.governance.enums import ProcedureKind, VoteRule


class MinutesChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.meeting.number}. {obj.meeting.title}"


class ProcedureForm(forms.Form):
    service_error_fields = {"deadline": "day"}

    kind = forms.ChoiceField(label=_("The procedure decides"), choices=ProcedureKind.choices)
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    question = TranslatedFormField(label=_("Question"), required=True, multiline=True, max_length=1000)
    draft_text = TranslatedFormField(
        label=_("Draft decision"),
        required=False,
        multiline=True,
        max_length=10000,
        help_text=_("The text that becomes the decision if the procedure passes."),
    )
    minutes = MinutesChoiceField(label=_("Minutes to approve"), queryset=None, required=False)
    day = forms.DateField(label=_("Deadline: day"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Deadline: time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone of the deadline"))
    rule = forms.ChoiceField(label=_("Majority needed"), choices=VoteRule.choices, initial=VoteRule.ABSOLUTE)
    tacit_approval = forms.BooleanField(
        label=_("Silence counts as approval"),
        required=False,
        help_text=_("A voting seat that has not voted by the deadline counts as a yes."),
    )

    def __init__(self, *args, project, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        languages = project.content_languages or ["en"]
        for name in ("title", "question", "draft_text"):
            self.fields[name].set_languages(languages)
        self.fields["minutes"].queryset = minutes
        self.fields["time_zone"].choices = [(name, name) for name in sorted(time_zone_names())]

    def clean_day(self):
        value = self.cleaned_data["day"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value

    def service_values(self) -> dict:
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        return {
            "kind": data["kind"],
            "title": data["title"],
            "question": data["question"],
            "draft_text": data["draft_text"],
            "minutes": data["minutes"],
            "deadline": datetime.datetime.combine(data["day"], data["time"], tzinfo=zone),
            "time_zone": data["time_zone"],
            "rule": data["rule"],
            "tacit_approval": data["tacit_approval"],
        }
