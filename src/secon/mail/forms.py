"""The form a coordinator lifts a suppression with."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why may mail go to this address again?"),
        help_text=_("For example: the person fixed their mailbox, or asked to receive the newsletter again."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
