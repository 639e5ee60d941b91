"""Forms of the public app's own pages: the coordinators' editor of the project's privacy notice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.languages import language_name
from secon.organisations.notice_services import CHANGES_MAX_LENGTH
from secon.organisations.notices import NOTICE_MAX_LENGTH


class PrivacyNoticeForm(forms.Form):
    """The notice's text and "what changed", one field each per content language of the project."""

    material = forms.BooleanField(
        label=_(
            "Material change: ask everyone who agreed to an earlier version to read this one and agree again"
        ),
        required=False,
    )

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages
        for code in languages:
            name = language_name(code)
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Notice in %(language)s") % {"language": name},
                required=False,
                max_length=NOTICE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 16, "lang": code}),
                help_text=_("Markdown: ## for a heading, - for a list, [text](https://…) for a link."),
            )
            self.fields[f"changes_{code}"] = forms.CharField(
                label=_("What changed, in %(language)s") % {"language": name},
                required=False,
                max_length=CHANGES_MAX_LENGTH,
                widget=forms.TextInput(attrs={"lang": code}),
            )
        self.order_fields(
            [*(f"text_{code}" for code in languages), *(f"changes_{code}" for code in languages)]
        )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code in self.languages}

    def changes(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"changes_{code}", "") for code in self.languages}

    def text_fields(self):
        return [self[f"text_{code}"] for code in self.languages]

    def change_fields(self):
        return [self[f"changes_{code}"] for code in self.languages]
