"""Forms of action items."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.governance.enums import ActionStatus
from secon.governance.forms.committee import PartnerChoiceField, UserChoiceField


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    owner_partner = PartnerChoiceField(label=_("Owner (partner)"), queryset=None, required=False)
    owner_user = UserChoiceField(label=_("Owner (person)"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.TypedChoiceField(label=_("From decision"), required=False, coerce=str, empty_value="")

    def __init__(self, *args, partners, users, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_partner"].queryset = partners
        self.fields["owner_user"].queryset = users
        self.fields["decision"].choices = [("", "—")] + [
            (d.number, f"{d.number} {d.title}") for d in decisions
        ]
        self.fields["due_on"].initial = timezone.localdate()

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
