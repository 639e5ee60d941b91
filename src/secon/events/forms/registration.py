"""Forms of the participants' pages: register, change one's registration, consents.

Business rules stay in the services; the forms check types and shapes.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secon.events.models import Event, Session
from secon.organisations.models import Partner
from secon.organisations.notices import PrivacyNoticeVersion


def _session_label(session: Session, zone) -> str:
    start = timezone.localtime(session.starts_at, zone)
    end = timezone.localtime(session.ends_at, zone)
    title = session.title.render().text
    left = session.places_left
    places = (
        ngettext("%(count)d place left", "%(count)d places left", left) % {"count": left}
        if left
        else _("full – you join the waiting list")
    )
    return (
        f"{formats.date_format(start, 'D j M')} {formats.time_format(start, 'TIME_FORMAT')}–"
        f"{formats.time_format(end, 'TIME_FORMAT')} · {title} ({places})"
    )


class RegistrationForm(forms.Form):
    #: Service error keys shown on a field of another name (see ``core.forms.add_service_errors``).
    service_error_fields = {"terms": "consent_terms"}

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    partner = forms.ModelChoiceField(
        label=_("Partner delegation"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("None – I am not part of a partner's delegation"),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("For e-mails, the programme and your certificate."),
    )
    sessions = forms.MultipleChoiceField(
        label=_("Sessions with limited places"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at most one per time slot."),
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    consent_terms = forms.BooleanField(
        label=_("I accept the terms of participation (required)."),
        required=False,
    )
    consent_photos = forms.BooleanField(
        label=_("Photos and recordings of me may be published."), required=False
    )
    consent_share_contact = forms.BooleanField(
        label=_("My contact details may be shared with the project partners."), required=False
    )
    consent_public_list = forms.BooleanField(
        label=_("My name and organisation may appear on the public list of participants."), required=False
    )
    #: The number of the privacy notice the page showed (rendered by the template, next to the consents).
    privacy_notice = forms.IntegerField(
        required=False, min_value=0, max_value=32767, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args,
        event: Event,
        sessions: list[Session],
        language: str,
        notice: PrivacyNoticeVersion | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.event = event
        self.notice = notice
        self.session_objects = {str(session.pk): session for session in sessions}
        self.fields["partner"].queryset = Partner.objects.filter(project=event.project).select_related(
            "organisation"
        )
        self.fields["partner"].label_from_instance = lambda partner: (
            f"{partner.code} – {partner.organisation}"
        )
        self.fields["language"].initial = language
        self.fields["sessions"].choices = [
            (key, _session_label(session, event.zone)) for key, session in self.session_objects.items()
        ]
        if not sessions:
            del self.fields["sessions"]

    def clean_consent_terms(self):
        if not self.cleaned_data.get("consent_terms"):
            raise ValidationError(_("Please accept the terms of participation to register."), code="required")
        return True

    def clean(self):
        cleaned = super().clean()
        shown = cleaned.get("privacy_notice")
        if "privacy_notice" in self.errors or (
            shown is not None and (self.notice is None or shown != self.notice.number)
        ):
            self.errors.pop("privacy_notice", None)
            raise ValidationError(
                _(
                    "The project's privacy notice has changed since this page was opened. Please read the "
                    "new version (linked beside the consents) and send the form again."
                ),
                code="notice_changed",
            )
        return cleaned

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "notice": self.notice,
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "organisation_name": data["organisation_name"],
            "partner": data["partner"],
            "language": data["language"],
            "dietary_needs": data["dietary_needs"],
            "accessibility_needs": data["accessibility_needs"],
            "consents": {
                "terms": data["consent_terms"],
                "photos": data["consent_photos"],
                "share_contact": data["consent_share_contact"],
                "public_list": data["consent_public_list"],
            },
            "sessions": [self.session_objects[key] for key in data.get("sessions", [])],
        }


class ChangeRegistrationForm(forms.Form):
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    sessions = forms.MultipleChoiceField(
        label=_("Sessions with limited places"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Choose at most one per time slot. Giving up a place lets the next person waiting have it."
        ),
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)

    def __init__(self, *args, event: Event, sessions: list[Session], **kwargs):
        super().__init__(*args, **kwargs)
        self.session_objects = {str(session.pk): session for session in sessions}
        self.fields["sessions"].choices = [
            (key, _session_label(session, event.zone)) for key, session in self.session_objects.items()
        ]
        if not sessions:
            del self.fields["sessions"]

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "language": data["language"],
            "dietary_needs": data["dietary_needs"],
            "accessibility_needs": data["accessibility_needs"],
        }
        if "sessions" in self.fields:
            values["sessions"] = [self.session_objects[key] for key in data.get("sessions", [])]
        return values


class ConsentsForm(forms.Form):
    """The consents a participant may give or withdraw at any time from their personal page."""

    photos = forms.BooleanField(label=_("Photos and recordings of me may be published."), required=False)
    share_contact = forms.BooleanField(
        label=_("My contact details may be shared with the project partners."), required=False
    )
    public_list = forms.BooleanField(
        label=_("My name and organisation may appear on the public list of participants."), required=False
    )


class PersonalLinkForm(forms.Form):
    """Ask for one's personal links again: only the address the registration was made with."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address you registered with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
