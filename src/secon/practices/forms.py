"""Forms of the partner side: they collect input; the services decide what is valid."""

from django_countries import countries

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.core.languages import CONTENT_LANGUAGES
from secon.core.validators import BIG_INTEGER_MAX, DateInRange
from secon.organisations.models import NUTS_TO_ISO, Organisation, Region
from secon.practices.enums import Theme, TransferStage, TranslationStatus
from secon.practices.models import PRACTICE_FIRST_YEAR, TEXT_SECTIONS, GoodPractice
from secon.projects.models import Period

MULTILINE = {name for name in TEXT_SECTIONS if name != "title"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegionChoiceField(forms.ModelChoiceField):
    """The NUTS regions grouped by country (1,464 regions: an unsorted list is unusable); once a country
    is chosen, only its regions are offered and accepted. A script narrows the list as the country
    changes; without it, the groups and the country check still hold."""

    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.display_name}"

    def group_and_limit(self, iso_code: str) -> None:
        """Offer the regions grouped by country (the script shows the chosen country's group only);
        accept only a region of the chosen country."""
        groups: dict[str, list] = {}
        for region in self.queryset:
            groups.setdefault(region.country_name, []).append((region.pk, self.label_from_instance(region)))
        if iso_code:
            nuts = {iso: nuts for nuts, iso in NUTS_TO_ISO.items()}.get(iso_code, iso_code)
            self.queryset = self.queryset.filter(country_code=nuts)  # resets the widget's choices
        self.widget.choices = [("", "—"), *sorted(groups.items())]


FIELDSETS = (
    (_("The practice"), ("title", "summary", "theme", "keywords")),
    (_("Where"), ("country", "region", "city", "latitude", "longitude")),
    (_("Who"), ("main_institution", "organisation", "contact_name", "contact_email", "website")),
    (_("When"), ("start_date", "end_date", "is_ongoing")),
    (
        _("Details"),
        ("description", "resources", "evidence", "transfer_potential", "difficulties"),
    ),
)


class PracticeForm(forms.Form):
    """Every field of the programme's form; all optional, so that a draft keeps incomplete input."""

    def __init__(
        self,
        *args,
        project,
        practice: GoodPractice | None = None,
        organisations=None,
        languages=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        languages = languages or project.content_languages or ["en"]
        self.languages = list(languages)
        #: Every content language of the project, for the "languages you write in" choice.
        self.language_choices = [
            (code, name, code in self.languages)
            for code, name in CONTENT_LANGUAGES
            if code in (project.content_languages or ["en"])
        ]
        model_field = GoodPractice._meta.get_field
        for name in TEXT_SECTIONS:
            field = TranslatedFormField(
                languages=languages,
                multiline=name in MULTILINE,
                max_length=model_field(name).text_max_length,
                required=False,
                label=model_field(name).verbose_name,
                help_text=model_field(name).help_text,
            )
            self.fields[name] = field
        self.fields["start_date"] = forms.DateField(
            label=_("start"),
            required=False,
            widget=DateInput(),
            help_text=_("Format: YYYY-MM-DD"),
            validators=[DateInRange(first_year=PRACTICE_FIRST_YEAR)],
        )
        self.fields["end_date"] = forms.DateField(
            label=_("end"),
            required=False,
            widget=DateInput(),
            help_text=_("Leave empty if ongoing."),
            validators=[DateInRange(first_year=PRACTICE_FIRST_YEAR)],
        )
        self.fields["is_ongoing"] = forms.BooleanField(label=_("ongoing"), required=False)
        self.fields["theme"] = forms.ChoiceField(
            label=_("theme"), required=False, choices=[("", "—"), *Theme.choices]
        )
        self.fields["keywords"] = forms.CharField(
            label=_("keywords"), required=False, max_length=600, help_text=_("Separated by commas.")
        )
        self.fields["country"] = forms.ChoiceField(
            label=_("country"), required=False, choices=[("", "—"), *countries]
        )
        self.fields["region"] = RegionChoiceField(
            label=_("region (NUTS)"),
            required=False,
            queryset=Region.objects.filter(nuts_version=2024, level__in=(2, 3)).order_by("code"),
            help_text=_(
                "NUTS 2024 region (level 2 or 3) where the practice takes place; choose the country first."
            ),
            widget=forms.Select(attrs={"data-country-field": "country"}),
        )
        self.fields["city"] = forms.CharField(label=_("city"), required=False, max_length=120)
        self.fields["latitude"] = forms.DecimalField(
            label=_("latitude"), required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90
        )
        self.fields["longitude"] = forms.DecimalField(
            label=_("longitude"),
            required=False,
            max_digits=9,
            decimal_places=6,
            min_value=-180,
            max_value=180,
        )
        self.fields["main_institution"] = forms.ModelChoiceField(
            label=_("main institution"),
            required=False,
            queryset=Organisation.objects.order_by("sort_key", "pk"),
            help_text=_("The institution responsible for the practice."),
        )
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("documented by"), required=False, queryset=organisations
            )
        self.fields["contact_name"] = forms.CharField(
            label=_("contact person"), required=False, max_length=150
        )
        self.fields["contact_email"] = forms.EmailField(label=_("contact e-mail"), required=False)
        self.fields["website"] = forms.URLField(label=_("website"), required=False, assume_scheme="https")
        if practice is not None and not self.is_bound:
            for name in self.fields:
                value = getattr(practice, name)
                if name == "keywords":
                    value = ", ".join(practice.keywords or [])
                elif name == "country":
                    value = practice.country.code if practice.country else ""
                self.initial[name] = value
        country = self.data.get("country", "") if self.is_bound else self.initial.get("country", "")
        self.fields["region"].group_and_limit(country if country in countries else "")

    def fieldsets(self):
        """Yield (legend, bound fields) in the order of the programme's form."""
        for legend, names in FIELDSETS:
            yield legend, [self[name] for name in names if name in self.fields]

    def service_values(self) -> dict:
        """Return the cleaned data as the services take it."""
        values = dict(self.cleaned_data)
        values["country"] = values.get("country") or ""
        return values


class WorkflowForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("comment to the author"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when asking for information or declining; the author reads it."),
    )
    period = forms.ModelChoiceField(
        label=_("reporting period"), required=False, queryset=Period.objects.none()
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = project.periods.order_by("number")


class ImageForm(forms.Form):
    image = forms.ImageField(label=_("picture"), help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    alt_text = forms.CharField(
        label=_("what the picture shows"), max_length=250, help_text=_("For people who cannot see it.")
    )
    credit = forms.CharField(label=_("credit"), max_length=150, required=False)


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("document"), help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument, at most 10 MB.")
    )
    title = forms.CharField(label=_("title"), max_length=200)


class TranslationStatusForm(forms.Form):
    language = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("translation status"),
        choices=[
            (TranslationStatus.DRAFT, TranslationStatus.DRAFT.label),
            (TranslationStatus.REVIEWED, TranslationStatus.REVIEWED.label),
        ],
    )


class TransferInterestForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("partner taking it over"), queryset=None)
    date = forms.DateField(label=_("date"), widget=DateInput(), validators=[DateInRange()])
    evidence = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class TransferStepForm(forms.Form):
    transfer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=BIG_INTEGER_MAX)
    stage = forms.ChoiceField(label=_("stage"), choices=TransferStage.choices[1:])
    date = forms.DateField(label=_("date"), widget=DateInput(), validators=[DateInRange()])
    evidence = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(label=_("evidence link"), required=False, assume_scheme="https")
