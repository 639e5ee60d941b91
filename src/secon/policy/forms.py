"""Forms of the policy pages: an instrument, and a change of its status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.core.validators import DateInRange
from secon.policy.enums import ImprovementKind, InstrumentKind, InstrumentStatus


class InstrumentForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner region"), coerce=int)
    name = TranslatedFormField(label=_("Name"), required=True, max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=InstrumentKind.choices)
    managing_body = forms.CharField(label=_("Managing body"), max_length=200)
    region = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)
    funds = forms.CharField(
        label=_("Funds"), max_length=200, required=False, help_text=_("E.g. the ERDF or ESF+ programme.")
    )
    description = TranslatedFormField(label=_("Description"), required=False, multiline=True, max_length=5000)
    is_public = forms.BooleanField(
        label=_("Public"), required=False, initial=True, help_text=_("Shown on the project's public pages.")
    )

    def __init__(self, *args, project, partners, regions, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        languages = project.content_languages or ["en"]
        self.fields["name"].set_languages(languages)
        self.fields["description"].set_languages(languages)
        self.fields["partner"].choices = [(p.pk, f"{p.code} {p.organisation}") for p in partners]
        self.fields["region"].choices = [("", _("— none —"))] + [
            (r.pk, f"{r.code} {r.name}") for r in regions
        ]
        if editing:
            del self.fields["partner"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to go back (reopen) or to record that the instrument was not improved."),
    )
    evidence = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_(
            "For “change adopted”: the adopted text or decision (PDF, office document, image; 20 MB)."
        ),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        validators=[DateInRange()],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    adopted_by = forms.CharField(label=_("Adopting body"), required=False, max_length=200)
    improvement = forms.ChoiceField(
        label=_("Kind of improvement"), required=False, choices=[("", "—"), *ImprovementKind.choices]
    )
    confirm = forms.BooleanField(label=_("Yes, go back to this status"), required=False)

    def __init__(self, *args, targets, going_back, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(InstrumentStatus.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in targets]
        self.going_back = going_back

    def clean(self):
        values = super().clean()
        status = values.get("status")
        if status and status in self.going_back:
            if not (values.get("reason") or "").strip():
                self.add_error("reason", _("Give the reason for going back."))
            if not values.get("confirm"):
                self.add_error(
                    "confirm", _("Confirm that you want to go back: the history keeps both steps.")
                )
        return values


class StakeholderForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    person_email = forms.EmailField(
        label=_("Person (e-mail address)"),
        required=False,
        help_text=_("A person already known to the hub, e.g. a participant of an event."),
    )
    role = forms.CharField(label=_("Role in the group"), required=False, max_length=200)
    service_error_fields = {"person": "person_email"}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—")] + [(o.pk, o.name) for o in organisations]
