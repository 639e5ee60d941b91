"""Forms of the newsletter: subscribing (public) and writing a newsletter (staff)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.languages import language_name


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("e-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("language of the newsletter"))
    consent = forms.BooleanField(label=_("consent"), required=False)

    def __init__(self, *args, project, consent_text: str, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in project.content_languages]
        self.fields["language"].initial = language if language in project.content_languages else None
        self.fields["consent"].label = consent_text


class CampaignForm(forms.Form):
    """A newsletter (a plain form: its article choices are read per request, inside the project's scope)."""

    language = forms.ChoiceField(label=_("language"))
    subject = forms.CharField(label=_("subject"), max_length=150)
    introduction = forms.CharField(
        label=_("introduction"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("articles"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, project, articles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in project.content_languages]
        self.fields["articles"].queryset = articles
        self.fields["articles"].label_from_instance = lambda article: article.slug
        self.fields["articles"].help_text = _(
            "Each article appears in the newsletter's language when published in it."
        )
