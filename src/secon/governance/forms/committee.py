"""Forms for a committee, its seats and the people holding them."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedFormField
from secon.governance.enums import CommitteeKind, Comparison, HolderRole, QuorumBasis, Rounding
from secon.governance.validators import validate_committee_code


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} <{obj.email}>" if name else obj.email


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.organisation.name}"


class CommitteeRulesForm(forms.Form):
    """Notice period, comment period and quorum rule: a project's defaults, or a committee's own."""

    notice_days = forms.IntegerField(
        label=_("Notice period (days)"),
        min_value=0,
        max_value=90,
        initial=14,
        help_text=_("The notice of a meeting goes out at least this many days before it."),
    )
    comment_days = forms.IntegerField(
        label=_("Comment period on minutes (days)"),
        min_value=1,
        max_value=60,
        initial=10,
        help_text=_("Circulated minutes are open to the members' comments this many days by default."),
    )
    quorum_basis = forms.ChoiceField(
        label=_("Quorum counts"), choices=QuorumBasis.choices, initial=QuorumBasis.SEATS
    )
    quorum_numerator = forms.IntegerField(
        label=_("Quorum fraction: numerator"), min_value=1, max_value=100, initial=1
    )
    quorum_denominator = forms.IntegerField(
        label=_("Quorum fraction: denominator"), min_value=1, max_value=100, initial=2
    )
    quorum_comparison = forms.ChoiceField(
        label=_("Present must be"), choices=Comparison.choices, initial=Comparison.AT_LEAST
    )
    quorum_rounding = forms.ChoiceField(
        label=_("Rounding of the fraction"),
        choices=Rounding.choices,
        initial=Rounding.UP,
        help_text=_("E.g. ⌈1/2 × 9⌉ = 5 when rounding up."),
    )

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("quorum_numerator"), data.get("quorum_denominator")
        if numerator and denominator and numerator > denominator:
            self.add_error("quorum_numerator", _("The fraction is at most 1 (e.g. 1/2, 2/3)."))
        return data

    @staticmethod
    def initial_for(rules) -> dict:
        return rules.values()


class CommitteeForm(CommitteeRulesForm):
    field_order = ["name", "slug", "kind", "code", "secretary", "chair", "follows_defaults"]

    name = TranslatedFormField(label=_("Name"), required=True, max_length=200)
    slug = forms.SlugField(
        label=_("Address name"), max_length=40, help_text=_("Used in the committee's web address.")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=CommitteeKind.choices)
    code = forms.CharField(
        label=_("Short code"),
        max_length=8,
        validators=[validate_committee_code],
        help_text=_("Starts the decision numbers, e.g. SC for SC3-D04."),
    )
    secretary = UserChoiceField(label=_("Secretary"), queryset=None, required=False)
    chair = PartnerChoiceField(label=_("Chairing partner"), queryset=None, required=False)
    follows_defaults = forms.BooleanField(
        label=_("Use the project's defaults"),
        required=False,
        help_text=_(
            "Notice period, comment period and quorum rule as set for all the project's committees "
            "(they follow later changes). Untick to give this committee its own below."
        ),
    )

    def __init__(self, *args, project, users, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].set_languages(project.content_languages or ["en"])
        self.fields["secretary"].queryset = users
        self.fields["chair"].queryset = partners

    @staticmethod
    def initial_for(committee) -> dict:
        return {
            "name": committee.name,
            "slug": committee.slug,
            "kind": committee.kind,
            "code": committee.code,
            "secretary": committee.secretary_id,
            "chair": committee.chair_id,
            "follows_defaults": committee.follows_defaults,
            **CommitteeRulesForm.initial_for(committee),
        }


class SeatForm(forms.Form):
    partner = PartnerChoiceField(label=_("Partner"), queryset=None)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    voting_right = forms.BooleanField(label=_("Voting right"), required=False, initial=True)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class SeatSettingsForm(forms.Form):
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)
    voting_right = forms.BooleanField(label=_("Voting right"), required=False)


class HolderForm(forms.Form):
    user = UserChoiceField(label=_("Person"), queryset=None, help_text=_("A member of the project."))
    role = forms.ChoiceField(label=_("Role"), choices=HolderRole.choices)
    valid_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    voting_right = forms.BooleanField(
        label=_("May vote"),
        required=False,
        initial=True,
        help_text=_("For a substitute: may vote in place of the representative."),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["valid_from"].initial = timezone.localdate()

    def clean_valid_from(self):
        value = self.cleaned_data["valid_from"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value


class EndHoldingForm(forms.Form):
    valid_until = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value
