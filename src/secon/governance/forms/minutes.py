"""The minutes' text in one language, one field per section; the reason of an erratum."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.governance.selectors.minutes import section_text

MAX_SECTION = 20_000


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} – {obj.title}"


class MinutesForm(forms.Form):
    """A textarea per section (``section_<key>``); with ``erratum`` the reason is required."""

    def __init__(
        self,
        *args,
        sections: list[dict],
        language: str,
        fallbacks: list[str],
        erratum=False,
        decisions=None,
        approved_by=None,
        **kw,
    ):
        super().__init__(*args, **kw)
        self.keys = []
        for section in sections:
            title, _text = section_text(section, language, fallbacks)
            label = f"{section['number']}. {title}" if section.get("number") else title
            name = f"section_{section['key']}"
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=MAX_SECTION,
                strip=False,
                initial=section["text"].get(language, ""),
                widget=forms.Textarea(attrs={"rows": 6, "lang": language}),
            )
            self.keys.append(section["key"])
        if erratum:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the erratum"),
                max_length=2000,
                help_text=_("E.g. the error corrected."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields["decision"] = DecisionChoiceField(
                label=_("Authorised by decision"),
                queryset=decisions,
                initial=approved_by,
                help_text=_(
                    "The committee's decision that authorised the erratum, "
                    "or the one that approved the minutes."
                ),
                error_messages={"required": _("Choose the decision that authorises the erratum.")},
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section_{key}", "") for key in self.keys}
