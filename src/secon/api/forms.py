"""The form that creates an API token (the service checks every value again)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.api.enums import ACCESSES, Access, Resource, TokenKind, scope


def scope_choices() -> list[tuple[str, str]]:
    """Each scope with its label ("good practices – write")."""
    return [
        (scope(resource, access), f"{resource.label} – {Access(access).label}")
        for resource in Resource
        for access in ACCESSES[resource]
    ]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("name"), max_length=100, help_text=_("What uses the token, e.g. “check-in app at the desk”.")
    )
    kind = forms.ChoiceField(label=_("the token is"), choices=TokenKind.choices, initial=TokenKind.PERSONAL)
    scopes = forms.MultipleChoiceField(
        label=_("what it may read and write"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("It never reaches more than your own account may."),
    )
    project = forms.TypedChoiceField(
        label=_("only this project"), required=False, coerce=int, empty_value=None
    )
    partner = forms.TypedChoiceField(
        label=_("only this partner"), required=False, coerce=int, empty_value=None
    )
    expires_on = forms.DateField(
        label=_("valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today."),
    )

    def __init__(self, *args, projects, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices()
        self.fields["project"].choices = [("", _("every project"))] + [
            (project.pk, project.acronym) for project in projects
        ]
        self.fields["partner"].choices = [("", _("no partner limit"))] + [
            (partner.pk, f"{partner.project.acronym} – {partner.organisation.name}") for partner in partners
        ]
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=90)
