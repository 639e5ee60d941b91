"""Forms of the communication officer's pages: an article, one language's text, its status, a picture."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.communications.enums import MANUAL_STATUSES, ArticleKind, PhotoConsent
from secon.communications.models import ArticleVersion
from secon.core.i18n import TranslatedFormField
from secon.core.languages import language_name


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ArticleForm(forms.Form):
    """What an article is; with ``with_text`` also its first text (to create one)."""

    kind = forms.ChoiceField(label=_("type"), choices=ArticleKind.choices)
    slug = forms.SlugField(
        label=_("address name"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, e.g. “caceres-meeting”."),
    )
    source_language = forms.ChoiceField(label=_("written in"))
    event = forms.ModelChoiceField(label=_("event"), queryset=None, required=False)
    embargo_until = forms.DateTimeField(
        label=_("embargo until"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Optional; in the installation's time zone. Published versions appear from then on."),
    )
    title = forms.CharField(label=_("title"), max_length=200)
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, project, events, with_text: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_language"].choices = [
            (code, language_name(code)) for code in project.content_languages
        ]
        self.fields["event"].queryset = events
        self.fields["body"].help_text = ArticleVersion._meta.get_field("body").help_text
        if not with_text:
            for name in ("title", "summary", "body", "source_language"):
                del self.fields[name]

    def article_values(self) -> dict:
        names = ("kind", "slug", "source_language", "event", "embargo_until")
        return {name: self.cleaned_data[name] for name in names if name in self.fields}

    def text_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", "summary", "body")}


class VersionForm(forms.ModelForm):
    class Meta:
        model = ArticleVersion
        fields = ["title", "summary", "body"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["lang"] = language

    def _post_clean(self):
        # The service validates the version as a whole; the form only checks the fields' input.
        pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"), choices=[(status.value, status.label) for status in MANUAL_STATUSES]
    )


class ImageForm(forms.Form):
    file = forms.ImageField(label=_("picture"), help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    alt_text = TranslatedFormField(label=_("alternative text"), max_length=250, required=False)
    credit = forms.CharField(label=_("credit"), max_length=150, help_text=_("Photographer or source."))
    photo_consent = forms.ChoiceField(label=_("people in the picture"), choices=PhotoConsent.choices)

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text"].set_languages(languages)
        self.fields["alt_text"].help_text = _(
            "What the picture shows, in each language; needed before a language is published."
        )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("title of the document"), max_length=200)
    file = forms.FileField(
        label=_("document"), help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument, at most 10 MB.")
    )
