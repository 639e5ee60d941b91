"""Pages of the policy instruments: the partnership's overview, one instrument, its edits and steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors, submit
from secon.core.permissions import require
from secon.organisations.models import Organisation, Partner, Person, Region
from secon.policy import selectors, services
from secon.policy import stakeholders as stakeholder_service
from secon.policy.charts import status_bars
from secon.policy.enums import InstrumentStatus
from secon.policy.forms import InstrumentForm, StakeholderForm, StatusForm
from secon.policy.models import ActionPlan, PolicyInstrument, StakeholderMember
from secon.projects import selectors as project_selectors
from secon.projects import views as project_views

#: The organisations offered in the stakeholder form (the rest through the staff side).
MAX_ORGANISATIONS = 2000
FIELDS = ("name", "kind", "managing_body", "region", "funds", "description", "is_public")


#: Load the project named in the URL and let in its members only.
project_view = project_views.project_view("policy.view_instruments")


def _context(project, **values) -> dict:
    return {"project": project, "content_fallbacks": project.fallback_languages, **values}


@require_http_methods(["GET", "HEAD"])
@project_view
def index(request: HttpRequest, project) -> HttpResponse:
    instruments = selectors.list_instruments(project=project)
    overview = selectors.status_overview(instruments)
    values = {
        "instruments": instruments,
        "overview": overview,
        "chart": status_bars(overview),
        "may_add": request.user.has_perm("policy.add_instrument", project),
    }
    return render(request, "policy/index.html", _context(project, **values))


def _choices(project, user, instrument=None):
    """The partners the user may record instruments for, and the regions to choose from."""
    partners = [
        partner
        for partner in Partner.objects.filter(project=project)
        .select_related("organisation")
        .order_by("number")
        if services.actor_may_edit(user, PolicyInstrument(project=project, partner=partner))
    ]
    chosen = [instrument.partner] if instrument else partners
    regions = Region.objects.filter(partners__in=[p.pk for p in chosen]).distinct().order_by("code")
    return partners, list(regions)


@require_http_methods(["GET", "HEAD", "POST"])
@project_views.project_view("policy.add_instrument")
def create(request: HttpRequest, project) -> HttpResponse:
    partners, regions = _choices(project, request.user)
    form = InstrumentForm(request.POST or None, project=project, partners=partners, regions=regions)

    def record(data):
        partner = next(p for p in partners if p.pk == data["partner"])
        region = next((r for r in regions if r.pk == data["region"]), None)
        values = {name: data[name] for name in FIELDS} | {"region": region}
        return services.create_instrument(actor=request.user, project=project, partner=partner, **values)

    return submit(
        request,
        form,
        record,
        success_url=lambda instrument: _instrument_url(project, instrument.pk),
        message=_("The instrument is recorded."),
        template="policy/form.html",
        context=_context(project, form=form, instrument=None),
        refusal_field="partner",
    )


def _instrument_url(project, pk: int) -> str:
    return reverse("policy:instrument", args=[project.slug, pk])


@require_http_methods(["GET", "HEAD"])
@project_view
def detail(request: HttpRequest, project, pk: int) -> HttpResponse:
    instrument = selectors.get_instrument(project=project, pk=pk)
    values = {
        "instrument": instrument,
        "history": list(instrument.history.all()),
        "members": selectors.list_stakeholders(instrument=instrument),
        "may_edit": request.user.has_perm("policy.edit_instrument", instrument),
        "plan": ActionPlan.objects.filter(instrument=instrument).first(),
    }
    return render(request, "policy/instrument.html", _context(project, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def edit(request: HttpRequest, project, pk: int) -> HttpResponse:
    instrument = selectors.get_instrument(project=project, pk=pk)
    require(request.user, "policy.edit_instrument", instrument)
    _partners, regions = _choices(project, request.user, instrument)
    initial = {name: getattr(instrument, name) for name in FIELDS} | {"region": instrument.region_id}
    form = InstrumentForm(
        request.POST or None, initial=initial, project=project, partners=[], regions=regions, editing=True
    )
    return submit(
        request,
        form,
        lambda data: services.update_instrument(
            actor=request.user,
            instrument=instrument,
            **(
                {name: data[name] for name in FIELDS}
                | {"region": next((r for r in regions if r.pk == data["region"]), None)}
            ),
        ),
        success_url=_instrument_url(project, instrument.pk),
        message=_("The changes are saved."),
        template="policy/form.html",
        context=_context(project, form=form, instrument=instrument),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def transition(request: HttpRequest, project, pk: int) -> HttpResponse:
    instrument = selectors.get_instrument(project=project, pk=pk)
    require(request.user, "policy.edit_instrument", instrument)
    targets = services.allowed_targets(instrument.status)
    if not request.user.has_perm("policy.validate_instrument", instrument):
        targets = [t for t in targets if t != InstrumentStatus.VALIDATED]
    going_back = [t for t in targets if services.is_going_back(instrument.status, t)]
    wanted = request.GET.get("to", "")
    initial = {"status": wanted if wanted in targets else (targets[0] if targets else "")}
    initial |= {name: getattr(instrument, name) for name in ("adopted_on", "adopted_by", "improvement")}
    form = StatusForm(
        request.POST or None, request.FILES or None, initial=initial, targets=targets, going_back=going_back
    )
    return submit(
        request,
        form,
        lambda data: services.change_status(
            actor=request.user,
            instrument=instrument,
            status=data["status"],
            reason=data["reason"],
            **{name: data[name] for name in ("evidence", "adopted_on", "adopted_by", "improvement")},
        ),
        success_url=_instrument_url(project, instrument.pk),
        message=_("The status is changed."),
        template="policy/transition.html",
        context=_context(project, instrument=instrument, form=form, going_back=going_back),
    )


@require_http_methods(["GET", "HEAD"])
def public_index(request: HttpRequest, project: str) -> HttpResponse:
    """The instruments a public project publishes, with their status, for everybody."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    instruments = selectors.list_instruments(project=current, public=True)
    overview = selectors.status_overview(instruments)
    values = {"instruments": instruments, "overview": overview, "chart": status_bars(overview)}
    return render(request, "policy/public.html", _context(current, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def stakeholders(request: HttpRequest, project, pk: int) -> HttpResponse:
    """The instrument's regional stakeholder group: add and remove members."""
    instrument = selectors.get_instrument(project=project, pk=pk)
    require(request.user, "policy.edit_instrument", instrument)
    organisations = list(Organisation.objects.order_by("name").only("pk", "name")[:MAX_ORGANISATIONS])
    form = StakeholderForm(request.POST if "add" in request.POST else None, organisations=organisations)
    status = 200
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                member = StakeholderMember.objects.filter(
                    instrument=instrument, pk=request.POST["remove"]
                ).first()
                if member is None:
                    raise ValidationError(_("This member is no longer in the group."))
                stakeholder_service.remove_member(actor=request.user, member=member)
                messages.success(request, _("The member is removed from the group."))
                return redirect("policy:stakeholders", project.slug, instrument.pk)
            if form.is_valid():
                data = form.cleaned_data
                organisation = next((o for o in organisations if o.pk == data["organisation"]), None)
                person = None
                if data["person_email"]:
                    person = Person.objects.filter(email__iexact=data["person_email"]).first()
                    if person is None:
                        raise ValidationError(
                            {"person": _("Nobody with this e-mail address is known to the hub.")}
                        )
                stakeholder_service.add_member(
                    actor=request.user,
                    instrument=instrument,
                    organisation=organisation,
                    person=person,
                    role=data["role"],
                )
                messages.success(request, _("The member is added to the group."))
                return redirect("policy:stakeholders", project.slug, instrument.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        status = 400
    values = {
        "instrument": instrument,
        "form": form,
        "members": selectors.list_stakeholders(instrument=instrument),
    }
    return render(request, "policy/stakeholders.html", _context(project, **values), status=status)
