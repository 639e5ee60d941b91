"""The form of the project's look (the service checks the colours' contrast and the logos)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField


class LookForm(forms.Form):
    logo = forms.FileField(
        label=_("project logo"), required=False, help_text=_("JPEG, PNG or WebP, at most 5 MB.")
    )
    remove_logo = forms.BooleanField(label=_("remove the project logo"), required=False)
    primary_colour = forms.CharField(
        label=_("primary colour"),
        max_length=7,
        help_text=_(
            "The band at the top of the pages and the buttons, with white text on it, and the links on "
            "white and light grey; e.g. #1d4e89."
        ),
    )
    accent_colour = forms.CharField(
        label=_("accent colour"),
        max_length=7,
        help_text=_("Highlights and marks, used as text on white; e.g. #8a3b12."),
    )
    programme_logo = forms.FileField(
        label=_("programme logo"), required=False, help_text=_("JPEG, PNG or WebP, at most 5 MB.")
    )
    remove_programme_logo = forms.BooleanField(label=_("remove the programme logo"), required=False)
    funding_statement = TranslatedFormField(label=_("funding statement"), max_length=400, required=False)

    def __init__(self, *args, look, languages, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "primary_colour": look.primary_colour,
                "accent_colour": look.accent_colour,
                "funding_statement": look.funding_statement,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["funding_statement"].set_languages(list(languages or ["en"]))
        self.fields["funding_statement"].help_text = _(
            "The sentence the programme requires on every publication, e.g. “Co-funded by the European "
            "Union”, in each language."
        )
        for name in ("primary_colour", "accent_colour"):
            self.fields[name].widget.attrs.update(placeholder="#1d4e89", spellcheck="false", size=8)
        if not look.logo:
            del self.fields["remove_logo"]
        if not look.programme_logo:
            del self.fields["remove_programme_logo"]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "primary_colour": data["primary_colour"],
            "accent_colour": data["accent_colour"],
            "funding_statement": data["funding_statement"],
            "logo": data.get("logo"),
            "programme_logo": data.get("programme_logo"),
            "remove": tuple(name for name in ("logo", "programme_logo") if data.get(f"remove_{name}")),
        }
