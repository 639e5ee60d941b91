"""Coordinators' pages: the targets, the project's own indicators and their values per period."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors
from secon.indicators import selectors, services
from secon.indicators.forms import CustomIndicatorForm, ManualValueForm, TargetsForm
from secon.indicators.models import CustomIndicator, ManualValue, Target
from secon.indicators.registry import INDICATORS
from secon.indicators.views.common import context, project_view, require_manager


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def targets(request: HttpRequest, project) -> HttpResponse:
    require_manager(request, project)
    customs = list(CustomIndicator.objects.filter(project=project).order_by("code"))
    indicators = [(i.code, i.name) for i in INDICATORS] + [
        (c.code, c.name.render().text or c.code) for c in customs
    ]
    current = dict(Target.objects.filter(project=project).values_list("code", "value"))
    form = TargetsForm(request.POST or None, initial=current, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            for code, _name in indicators:
                if form.cleaned_data[code] != current.get(code):
                    services.set_target(
                        actor=request.user, project=project, code=code, value=form.cleaned_data[code]
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The targets are saved."))
            return redirect("indicators:index", project.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/targets.html", context(project, form=form), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def create_indicator(request: HttpRequest, project) -> HttpResponse:
    require_manager(request, project)
    form = CustomIndicatorForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_custom_indicator(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The indicator is added: set its target and type its values per period.")
            )
            return redirect("indicators:targets", project.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/indicator_form.html", context(project, form=form), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def manual_value(request: HttpRequest, project, number: int, code: str) -> HttpResponse:
    require_manager(request, project)
    custom = CustomIndicator.objects.filter(project=project, code=code).first()
    if custom is None:
        raise Http404("No such indicator")
    table = selectors.period_table(project=project, number=number)
    existing = ManualValue.objects.filter(indicator=custom, number=number).first()
    initial = {"value": existing.value, "source": existing.source} if existing else {}
    form = ManualValueForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_manual_value(
                actor=request.user,
                indicator=custom,
                number=number,
                value=data["value"],
                source=data["source"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The value is saved."))
            return redirect("indicators:period", project.slug, number)
    values = {"table": table, "custom": custom, "form": form, "locked": table.report.figures_locked}
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/value_form.html", context(project, **values), status=status)
