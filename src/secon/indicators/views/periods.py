"""The indicator pages: the periods with progress and map, a period's table, the records behind a figure."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import submit
from secon.indicators import checks, selectors, services
from secon.indicators.charts import progress_bars, tile_map
from secon.indicators.forms import StepForm, SummaryForm
from secon.indicators.views.common import chosen_partner, context, period_manager_view, project_view
from secon.policy import selectors as policy_selectors

#: Records shown per page of a drill-down.
PER_PAGE = 200
COLUMNS = ("this", "previous", "cumulative")


def current_number(periods) -> int:
    """The period under way today; before the project: the first; after it: the last."""
    today = timezone.localdate()
    started = [period.number for period in periods if period.start_date <= today]
    return started[-1] if started else (periods[0].number if periods else 1)


def progress_chart(table) -> dict:
    rows = [
        {
            "label": figure.name,
            "code": figure.code,
            "target": figure.target,
            "values": figure.series,
            "percent": figure.percent,
        }
        for figure in table.figures
    ]
    return progress_bars(rows)


def instrument_map(project) -> tuple[dict, list]:
    instruments = policy_selectors.list_instruments(project=project)
    entries = []
    for instrument in instruments:
        region = instrument.region or instrument.partner.organisation.region
        entries.append(
            {
                "country": region.iso_country if region else "",
                "partner": instrument.partner.code,
                "status": instrument.status,
                "status_label": instrument.get_status_display(),
                "instrument": instrument,
                "region": region,
            }
        )
    return tile_map(entries), entries


@require_http_methods(["GET", "HEAD"])
@project_view
def index(request: HttpRequest, project) -> HttpResponse:
    periods, reports = selectors.list_periods(project=project)
    if not periods:
        raise Http404("The project has no reporting periods")
    number = current_number(periods)
    table = selectors.period_table(project=project, number=number)
    the_map, entries = instrument_map(project)
    rows = [(period, selectors.report_of(project, period.number, reports)) for period in periods]
    values = {
        "rows": rows,
        "table": table,
        "chart": progress_chart(table),
        "map": the_map,
        "map_entries": entries,
        "may_manage": request.user.has_perm("indicators.manage_indicators", project),
    }
    return render(request, "indicators/index.html", context(project, **values))


def _step_targets(report) -> list[str]:
    return list(services.STEPS.get(report.status, ()))


@require_http_methods(["GET", "HEAD"])
@project_view
def period(request: HttpRequest, project, number: int) -> HttpResponse:
    partner = chosen_partner(request, project)
    table = selectors.period_table(project=project, number=number, partner=partner)
    may_manage = request.user.has_perm("indicators.manage_period", project)
    values = {
        "table": table,
        "report": table.report,
        "partner": partner,
        "partners": list(project.partners.select_related("organisation").order_by("number")),
        "chart": progress_chart(table),
        "findings": checks.pre_submission(project=project, number=number) if partner is None else [],
        "steps": list(table.report.steps.select_related("actor")) if table.report.pk else [],
        "may_manage": may_manage,
        "step_form": StepForm(targets=_step_targets(table.report)) if may_manage else None,
        "summary_form": SummaryForm(initial={"summary": table.report.summary}),
    }
    return render(request, "indicators/period.html", context(project, **values))


@require_http_methods(["GET", "HEAD"])
@project_view
def records(request: HttpRequest, project, number: int, code: str) -> HttpResponse:
    """The records behind one figure: ``?column=this|previous|cumulative``, 200 a page."""
    partner = chosen_partner(request, project)
    column = request.GET.get("column", "this")
    if column not in COLUMNS:
        column = "this"
    table = selectors.period_table(project=project, number=number, partner=partner)
    figure = table.figure(code)
    ids = figure.column_ids(column)
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
    found = selectors.figure_records(figure, list(page.object_list))
    values = {
        "table": table,
        "figure": figure,
        "column": column,
        "partner": partner,
        "page": page,
        "records": found,
        "total": len(ids),
        "late": set(figure.late) if column == "this" else set(),
    }
    return render(request, "indicators/records.html", context(project, **values))


@require_http_methods(["POST"])
@period_manager_view
def step(request: HttpRequest, project, number: int) -> HttpResponse:
    table = selectors.period_table(project=project, number=number)
    form = StepForm(request.POST, targets=_step_targets(table.report))
    return submit(
        request,
        form,
        lambda data: services.move_period(
            actor=request.user,
            project=project,
            number=number,
            to=data["to"],
            reason=data.get("reason", ""),
            scope=data.get("scope", ""),
        ),
        success_url=reverse("indicators:period", args=[project.slug, number]),
        message=lambda _report: (
            _("The period is now “%(status)s”.")
            % {"status": dict(form.fields["to"].choices)[form.cleaned_data["to"]]}
        ),
        template="indicators/step.html",
        context=context(project, table=table, report=table.report, step_form=form),
    )


@require_http_methods(["POST"])
@period_manager_view
def summary(request: HttpRequest, project, number: int) -> HttpResponse:
    table = selectors.period_table(project=project, number=number)
    form = SummaryForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.update_summary(
            actor=request.user, project=project, number=number, summary=data["summary"]
        ),
        success_url=reverse("indicators:period", args=[project.slug, number]),
        message=_("The summary is saved."),
        template="indicators/summary.html",
        context=context(project, table=table, report=table.report, summary_form=form),
    )
