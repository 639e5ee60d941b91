"""Forms of the action-plan pages: a plan, an action, its progress, a return, a group meeting."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.core.validators import DateInRange, is_whole_number
from secon.policy.enums import ActionStatus

#: Funding rows offered on the action form.
FUNDING_ROWS = 3
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (a month picker where the browser has one)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-03"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = MONTH.match(value)
        try:
            month = datetime.date(int(match[1]), int(match[2]), 1) if match else None
        except ValueError:
            month = None
        if month is None:
            raise ValidationError(_("Give the month as YYYY-MM, e.g. 2025-03."))
        DateInRange()(month)
        return month

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


class PlanForm(forms.Form):
    instrument = forms.TypedChoiceField(label=_("Policy instrument"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, instruments=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["instrument"]
        else:
            self.fields["instrument"].choices = [(i.pk, f"{i.partner.code} {i.name}") for i in instruments]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=250, help_text=_("The action, in one sentence."))
    rationale = forms.CharField(
        label=_("Why"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    practices = forms.TypedMultipleChoiceField(
        label=_("Good practices that inspired it"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("At least one, or the plan shows a warning. Ctrl-click (⌘ on a Mac) to choose several."),
    )
    other_practices = forms.CharField(
        label=_("Numbers of other practices in the hub"),
        required=False,
        max_length=200,
        help_text=_("Published practices of other projects, by number, separated by commas."),
    )
    players = forms.CharField(
        label=_("Players and their roles"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: who | role, e.g. “Cooprado | trains the shepherds”."),
    )
    start_month = MonthField(label=_("Start month"), required=False)
    end_month = MonthField(label=_("End month"), required=False)
    cost = forms.CharField(
        label=_("Cost (EUR)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    #: The service's names of the links, on the form's fields.
    service_error_fields = {"funding": "funding_1_source", "practices": "other_practices"}

    def __init__(self, *args, practices=(), instruments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].choices = list(practices)
        choices = [("", _("— another source —"))] + [
            (i.pk, f"{i.partner.code} {i.name}") for i in instruments
        ]
        for n in range(1, FUNDING_ROWS + 1):
            self.fields[f"funding_{n}_instrument"] = forms.TypedChoiceField(
                label=_("Funding source %(row)s: instrument") % {"row": n},
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"funding_{n}_source"] = forms.CharField(
                label=_("Funding source %(row)s: other source") % {"row": n}, required=False, max_length=200
            )
            self.fields[f"funding_{n}_amount"] = forms.CharField(
                label=_("Funding source %(row)s: amount (EUR)") % {"row": n},
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def clean_other_practices(self) -> list[int]:
        text = self.cleaned_data["other_practices"]
        numbers = [part.strip().lstrip("#") for part in re.split(r"[,;\s]+", text) if part.strip()]
        if any(not is_whole_number(number, max_digits=9) for number in numbers):
            raise ValidationError(_("Give practice numbers only, e.g. 12, 40."))
        return [int(number) for number in numbers]

    def clean_players(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["players"].splitlines():
            if not line.strip():
                continue
            who, _bar, role = line.partition("|")
            if not who.strip() or not role.strip():
                raise ValidationError(_("Write each player as: who | role."))
            rows.append({"name": who.strip()[:200], "role": role.strip()[:200]})
        return rows

    def funding_rows(self, instruments) -> list[dict]:
        by_pk = {i.pk: i for i in instruments}
        rows = []
        for n in range(1, FUNDING_ROWS + 1):
            instrument = by_pk.get(self.cleaned_data.get(f"funding_{n}_instrument"))
            source = self.cleaned_data.get(f"funding_{n}_source", "")
            amount = self.cleaned_data.get(f"funding_{n}_amount", "")
            if instrument or source or amount:
                rows.append({"instrument": instrument, "source": source, "amount": amount})
        return rows


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status now"), choices=ActionStatus.choices)
    text = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    implemented_on = forms.DateField(
        label=_("Implemented on"),
        required=False,
        validators=[DateInRange()],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For “implemented”; today if left empty."),
    )
    evidence = forms.FileField(
        label=_("Evidence"), required=False, help_text=_("PDF, office document or image, at most 20 MB.")
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should change"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferLinkForm(forms.Form):
    transfer = forms.TypedChoiceField(label=_("Transfer that led to it"), coerce=int)

    def __init__(self, *args, transfers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer"].choices = [(t.pk, f"{t.practice} → {t.region.code}") for t in transfers]
