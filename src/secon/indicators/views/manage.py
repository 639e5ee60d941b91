"""Coordinators' pages: the targets, the project's own indicators and their values per period."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import submit
from secon.indicators import selectors, services
from secon.indicators.forms import CustomIndicatorForm, ManualValueForm, TargetsForm
from secon.indicators.models import CustomIndicator, ManualValue, Target
from secon.indicators.registry import INDICATORS
from secon.indicators.views.common import context, manager_view


@require_http_methods(["GET", "HEAD", "POST"])
@manager_view
def targets(request: HttpRequest, project) -> HttpResponse:
    customs = list(CustomIndicator.objects.filter(project=project).order_by("code"))
    indicators = [(i.code, i.name) for i in INDICATORS] + [
        (c.code, c.name.render().text or c.code) for c in customs
    ]
    current = dict(Target.objects.filter(project=project).values_list("code", "value"))
    form = TargetsForm(request.POST or None, initial=current, indicators=indicators)

    def save(data):
        for code, _name in indicators:
            if data[code] != current.get(code):
                services.set_target(actor=request.user, project=project, code=code, value=data[code])

    return submit(
        request,
        form,
        save,
        success_url=reverse("indicators:index", args=[project.slug]),
        message=_("The targets are saved."),
        template="indicators/targets.html",
        context=context(project, form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@manager_view
def create_indicator(request: HttpRequest, project) -> HttpResponse:
    form = CustomIndicatorForm(request.POST or None, project=project)
    return submit(
        request,
        form,
        lambda data: services.create_custom_indicator(actor=request.user, project=project, **data),
        success_url=reverse("indicators:targets", args=[project.slug]),
        message=_("The indicator is added: set its target and type its values per period."),
        template="indicators/indicator_form.html",
        context=context(project, form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@manager_view
def manual_value(request: HttpRequest, project, number: int, code: str) -> HttpResponse:
    custom = CustomIndicator.objects.filter(project=project, code=code).first()
    if custom is None:
        raise Http404("No such indicator")
    table = selectors.period_table(project=project, number=number)
    existing = ManualValue.objects.filter(indicator=custom, number=number).first()
    initial = {"value": existing.value, "source": existing.source} if existing else {}
    form = ManualValueForm(request.POST or None, request.FILES or None, initial=initial)
    return submit(
        request,
        form,
        lambda data: services.set_manual_value(
            actor=request.user,
            indicator=custom,
            number=number,
            value=data["value"],
            source=data["source"],
            evidence=data["evidence"],
        ),
        success_url=reverse("indicators:period", args=[project.slug, number]),
        message=_("The value is saved."),
        template="indicators/value_form.html",
        context=context(project, table=table, custom=custom, form=form, locked=table.report.figures_locked),
    )
