"""The form a partner schedules a meeting of its regional stakeholder group with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.core.validators import DateInRange
from secon.events.validators import time_zone_names
from secon.organisations.models import Organisation
from secon.policy.meetings import region_time_zone
from secon.policy.models import PolicyInstrument, StakeholderMember


class InstrumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.partner.code} – {obj}"


class MeetingForm(forms.Form):
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    start_date = forms.DateField(
        label=_("Date"),
        validators=[DateInRange()],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date of the meeting.")},
    )
    starts_at = forms.TimeField(
        label=_("Starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Give the time the meeting starts.")},
    )
    ends_at = forms.TimeField(
        label=_("Ends at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Give the time the meeting ends.")},
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The date and times are the region's local time."),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("The building or room, for example the regional ministry's conference room."),
    )
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.RegexField(
        label=_("Country"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        help_text=_("Two-letter code, for example ES."),
        error_messages={"invalid": _("Use the country's two-letter code, for example ES.")},
    )
    instruments = InstrumentChoiceField(
        label=_("Policy instruments discussed"),
        queryset=PolicyInstrument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one policy instrument the meeting discusses.")},
    )
    agenda = TranslatedFormField(
        label=_("Agenda"),
        required=False,
        multiline=True,
        max_length=5000,
        help_text=_("Shown on the meeting's page; add sessions there for a timed agenda."),
    )
    invited = forms.ModelMultipleChoiceField(
        label=_("Organisations invited"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The group's member organisations; the organisers register the people who come."),
    )
    is_public = forms.BooleanField(
        label=_("Open to the public"),
        required=False,
        help_text=_("If not, the organisers register the members they invite."),
    )

    def __init__(self, *args, instrument: PolicyInstrument, **kwargs):
        super().__init__(*args, **kwargs)
        project = instrument.project
        self.fields["title"].set_languages(project.content_languages or ["en"])
        self.fields["agenda"].set_languages(project.content_languages or ["en"])
        self.fields["time_zone"].choices = [(name, name) for name in sorted(time_zone_names())]
        region = instrument.region or instrument.partner.organisation.region
        self.fields["time_zone"].initial = region_time_zone(region)
        self.fields["country"].initial = region.iso_country if region else ""
        self.fields["instruments"].queryset = (
            PolicyInstrument.objects.filter(project=project)
            .select_related("partner")
            .order_by("partner__number", "pk")
        )
        self.fields["instruments"].initial = [instrument.pk]
        members = StakeholderMember.objects.filter(instrument=instrument, organisation__isnull=False)
        self.fields["invited"].queryset = Organisation.objects.filter(
            pk__in=members.values("organisation_id")
        ).order_by("name")
        self.fields["invited"].initial = list(members.values_list("organisation_id", flat=True))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting ends after it starts."))
        return data

    def values(self) -> dict:
        """The service's arguments: the agenda text is the event's description."""
        data = dict(self.cleaned_data)
        data["description"] = data.pop("agenda") or {}
        data["instruments"] = list(data["instruments"])
        data["invited"] = list(data["invited"])
        return data
