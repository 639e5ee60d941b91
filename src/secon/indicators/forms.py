"""Forms of the indicator pages: a period's step, its text, a target, a project indicator and its value."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.indicators.enums import PeriodStatus, ReopenScope, Unit
from secon.indicators.models import MAX_FIGURE


def figure_field(label, **kwargs):
    return forms.DecimalField(
        label=label, min_value=0, max_value=MAX_FIGURE, max_digits=14, decimal_places=2, **kwargs
    )


class StepForm(forms.Form):
    to = forms.ChoiceField(label=_("Next step"), choices=PeriodStatus.choices)
    scope = forms.ChoiceField(
        label=_("Reopen"), required=False, choices=[("", "—"), *ReopenScope.choices], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to reopen a reported period."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PeriodStatus.choices)
        self.fields["to"].choices = [(status, labels[status]) for status in targets]
        if PeriodStatus.REOPENED not in targets:
            del self.fields["scope"]
            del self.fields["reason"]

    def clean(self):
        values = super().clean()
        if values.get("to") == PeriodStatus.REOPENED:
            if not (values.get("reason") or "").strip():
                self.add_error("reason", _("Give the reason for reopening the period."))
            if not values.get("scope"):
                self.add_error("scope", _("Choose whether the texts only or the figures too are reopened."))
        return values


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the period"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class TargetsForm(forms.Form):
    """One target field per indicator, named after its code."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in indicators:
            self.fields[code] = figure_field(name, required=False)


class CustomIndicatorForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Lower-case letters, digits and hyphens, e.g. “jobs-created”."),
    )
    name = TranslatedFormField(label=_("Name"), required=True, max_length=200)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    description = TranslatedFormField(
        label=_("How it is counted"), required=False, multiline=True, max_length=2000
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        languages = project.content_languages or ["en"]
        self.fields["name"].set_languages(languages)
        self.fields["description"].set_languages(languages)


class ManualValueForm(forms.Form):
    value = figure_field(_("Value in this period"))
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the figure comes from, e.g. the partner's survey."),
    )
    evidence = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, office document or image, at most 20 MB."),
    )
