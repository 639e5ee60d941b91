"""Forms for a meeting, its agenda items and papers."""

import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.events.validators import time_zone_names, validate_material
from secon.governance.enums import ItemKind
from secon.governance.forms.committee import PartnerChoiceField


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        start = obj.starts_at.astimezone(obj.event.zone)
        return f"{obj.event.title} – {start:%Y-%m-%d %H:%M} – {obj.title}"


class MeetingForm(forms.Form):
    """A meeting; times are wall-clock times in the chosen zone."""

    service_error_fields = {"starts_at": "start", "ends_at": "end"}

    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("End"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"))
    location = forms.CharField(label=_("Place"), max_length=250, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, max_length=200, assume_scheme="https"
    )
    session = SessionChoiceField(
        label=_("Session of an event"),
        queryset=None,
        required=False,
        help_text=_("When the committee meets during an event (check-in counts as attendance)."),
    )

    def __init__(self, *args, project, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].set_languages(project.content_languages or ["en"])
        self.fields["time_zone"].choices = [(name, name) for name in sorted(time_zone_names())]
        self.fields["session"].queryset = sessions

    @staticmethod
    def initial_for(meeting) -> dict:
        start = meeting.starts_at.astimezone(meeting.zone)
        end = meeting.ends_at.astimezone(meeting.zone)
        return {
            "title": meeting.title,
            "day": start.date(),
            "start": start.time(),
            "end": end.time(),
            "time_zone": meeting.time_zone,
            "location": meeting.location,
            "online_url": meeting.online_url,
            "session": meeting.session_id,
        }

    def clean_day(self):
        value = self.cleaned_data["day"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value

    def service_values(self) -> dict:
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        starts_at = datetime.datetime.combine(data["day"], data["start"], tzinfo=zone)
        ends_at = datetime.datetime.combine(data["day"], data["end"], tzinfo=zone)
        return {
            "title": data["title"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "time_zone": data["time_zone"],
            "location": data["location"],
            "online_url": data["online_url"],
            "session": data["session"],
        }


class ItemForm(forms.Form):
    title = TranslatedFormField(label=_("Title"), required=True, max_length=250)
    description = TranslatedFormField(label=_("Description"), required=False, multiline=True)
    kind = forms.ChoiceField(label=_("Type"), choices=ItemKind.choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=480, initial=15
    )
    rapporteur = PartnerChoiceField(label=_("Rapporteur (partner)"), queryset=None, required=False)
    rapporteur_name = forms.CharField(label=_("Rapporteur (name)"), max_length=150, required=False)
    reviews_actions = forms.BooleanField(
        label=_("Review of actions"),
        required=False,
        help_text=_("The open action items are listed under this item."),
    )
    minutes_of = forms.ModelChoiceField(
        label=_("Minutes of meeting"),
        queryset=None,
        required=False,
        help_text=_("For an approval of minutes: the earlier meeting whose minutes are approved."),
    )
    parent = forms.TypedChoiceField(label=_("Under item"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, project, partners, parents=None, earlier=None, **kwargs):
        super().__init__(*args, **kwargs)
        languages = project.content_languages or ["en"]
        self.fields["title"].set_languages(languages)
        self.fields["description"].set_languages(languages)
        self.fields["rapporteur"].queryset = partners
        self.fields["minutes_of"].queryset = earlier
        self.fields["minutes_of"].label_from_instance = lambda meeting: f"{meeting.number}. {meeting.title}"
        if parents is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].choices = [("", _("— a main item —"))] + [
                (item.pk, f"{item.number}. {item.title_text}") for item in parents
            ]

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "title": item.title,
            "description": item.description,
            "kind": item.kind,
            "duration_minutes": item.duration_minutes,
            "rapporteur": item.rapporteur_id,
            "rapporteur_name": item.rapporteur_name,
            "reviews_actions": item.reviews_actions,
            "minutes_of": item.minutes_of_id,
        }

    def service_values(self) -> dict:
        names = (
            "title",
            "description",
            "kind",
            "duration_minutes",
            "rapporteur",
            "rapporteur_name",
            "reviews_actions",
            "minutes_of",
        )
        return {name: self.cleaned_data[name] for name in names}


class PaperForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        validators=[validate_material],
        help_text=_("PDF, office document or image, at most 20 MB."),
    )
    is_public = forms.BooleanField(
        label=_("Published"), required=False, help_text=_("Otherwise only the committee sees it.")
    )
