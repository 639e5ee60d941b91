"""How an organisation is named in the running text of one language (its article and cases)."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from secon.communications.drafting.compose import available_languages
from secon.communications.models import NameForm
from secon.communications.services.names import set_name_form
from secon.communications.views.common import _context, members_only
from secon.core.forms import submit
from secon.core.languages import language_name
from secon.core.permissions import require
from secon.organisations.models import Organisation


class NameFormForm(forms.Form):
    gender = forms.ChoiceField(
        label=gettext_lazy("grammatical gender"), choices=NameForm.Gender.choices, required=False
    )
    nom = forms.CharField(
        label=gettext_lazy("as the subject"),
        max_length=250,
        help_text=gettext_lazy(
            "With its article, e.g. “die Universität Extremadura”, “la Universidad de Extremadura”."
        ),
    )
    gen = forms.CharField(label=gettext_lazy("genitive (“of …”)"), max_length=250, required=False)
    dat = forms.CharField(label=gettext_lazy("dative (“to …”)"), max_length=250, required=False)
    acc = forms.CharField(label=gettext_lazy("accusative"), max_length=250, required=False)


def unformed_organisations(paragraphs, language: str) -> list[Organisation]:
    """Return the organisations a drafted text names without a form in its language (two queries)."""
    ids = {
        int(fact["record"].split(":")[1])
        for paragraph in paragraphs
        for fact in paragraph.facts
        if str(fact.get("record", "")).startswith("organisations.organisation:")
    }
    formed = set(
        NameForm.objects.filter(organisation_id__in=ids, language=language).values_list(
            "organisation_id", flat=True
        )
    )
    return list(Organisation.objects.filter(pk__in=ids - formed).order_by("name"))


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def edit(request: HttpRequest, project, organisation: int, language: str) -> HttpResponse:
    """Record how a press release writes the organisation's name in one language."""
    found = Organisation.objects.filter(pk=organisation).first()
    if found is None or language not in available_languages():
        raise Http404("No such organisation or language")
    require(request.user, "communications.change_nameform", found)
    current = NameForm.objects.filter(organisation=found, language=language).first()
    initial = {"gender": current.gender, **current.forms} if current else {"nom": found.name}
    form = NameFormForm(request.POST or None, initial=initial)
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        back = ""
    return submit(
        request,
        form,
        lambda data: set_name_form(
            actor=request.user,
            organisation=found,
            language=language,
            gender=data["gender"],
            forms={case: data[case] for case in ("nom", "gen", "dat", "acc")},
        ),
        success_url=back or reverse("communications:press_events", kwargs={"project": project.slug}),
        message=_("The name is saved; draft the press release again to use it."),
        template="communications/manage/name_form.html",
        context=_context(
            request, project, organisation=found, language_label=language_name(language), form=form, back=back
        ),
    )
