"""Reads of the indicators: a period's table (a fixed number of queries), the records behind a figure.

Queries: the periods, the reports, their locked figures, the targets, the partners, the project's
own indicators and their values (7), then one per indicator computed from the records.
"""

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404

from secon.indicators.computation import Share, Window, digest, earliest, share_out
from secon.indicators.enums import PeriodStatus
from secon.indicators.models import CustomIndicator, LockedFigure, ManualValue, PeriodReport, Target
from secon.indicators.registry import INDICATORS, Indicator
from secon.organisations.models import Partner
from secon.projects.models import Period, Project


@dataclass
class Figure:
    """One row of a period's table."""

    code: str
    name: object
    unit: str
    rule: object
    eu_code: str
    is_custom: bool
    target: Decimal | None
    previous: Decimal
    this: Decimal
    ids: list[int]
    previous_ids: list[int]
    late: list[int]
    locked: bool
    series: list[tuple[int, Decimal]] = field(default_factory=list)
    indicator: Indicator | None = None
    custom: CustomIndicator | None = None

    @property
    def title(self) -> str:
        """The name in the active language (a project's own indicator: its text, with fallbacks)."""
        return self.name.render().text if self.is_custom else str(self.name)

    @property
    def cumulative(self) -> Decimal:
        return self.previous + self.this

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.cumulative / self.target)

    @property
    def digest(self) -> str:
        return digest(self.ids)

    def column_ids(self, column: str) -> list[int]:
        """The records behind a column: ``this``, ``previous`` or ``cumulative``."""
        if column == "previous":
            return self.previous_ids
        if column == "cumulative":
            return sorted(set(self.previous_ids) | set(self.ids))
        return self.ids


@dataclass
class Table:
    project: Project
    period: Period
    report: PeriodReport
    periods: list[Period]
    reports: dict[int, PeriodReport]
    figures: list[Figure] = field(default_factory=list)
    partner: Partner | None = None

    def figure(self, code: str) -> Figure:
        for figure in self.figures:
            if figure.code == code:
                return figure
        raise Http404("No such indicator")


def list_periods(*, project: Project) -> tuple[list[Period], dict[int, PeriodReport]]:
    """The project's periods and {number: report} (2 queries); a period never moved has no report row."""
    periods = list(Period.objects.filter(project=project).order_by("number"))
    reports = {report.number: report for report in PeriodReport.objects.filter(project=project)}
    return periods, reports


def report_of(project: Project, number: int, reports: dict[int, PeriodReport]) -> PeriodReport:
    return reports.get(number) or PeriodReport(project=project, number=number, status=PeriodStatus.OPEN)


def _locked_figures(project: Project, reports: dict[int, PeriodReport], until: int) -> dict[str, dict]:
    """{code: {period number: LockedFigure}} of the periods up to ``until`` whose figures are locked."""
    locked_numbers = {n: r.pk for n, r in reports.items() if r.figures_locked and n <= until}
    by_code: dict[str, dict] = {}
    if not locked_numbers:
        return by_code
    number_of = {pk: n for n, pk in locked_numbers.items()}
    for figure in LockedFigure.objects.filter(project=project, report_id__in=list(number_of)):
        by_code.setdefault(figure.code, {})[number_of[figure.report_id]] = figure
    return by_code


def _target(code: str, number: int, locked: dict, targets: dict):
    """The target a locked period was reported against, else the project's target now."""
    stored = locked.get(code, {}).get(number)
    return stored.target if stored is not None else targets.get(code)


def _figure(code, shares: dict[int, Share], number: int, target, **values) -> Figure:
    before = [share for n, share in shares.items() if n < number]
    current = shares.get(number, Share())
    return Figure(
        code=code,
        target=target,
        previous=sum((share.value for share in before), Decimal(0)),
        this=current.value,
        ids=current.ids,
        previous_ids=sorted(pk for share in before for pk in share.ids),
        late=current.late,
        locked=current.locked,
        series=[(n, share.value) for n, share in sorted(shares.items()) if n <= number],
        **values,
    )


def _partner_shares(rows: list, windows: list[Window], stored: dict, partner_pk: int) -> dict[int, Share]:
    """A partner's part of an indicator: its rows shared out over the periods; a locked period keeps
    the partner's records stored when it was locked (``stored``: {period number: LockedFigure})."""
    rows = [row for row in rows if row[2] == partner_pk]
    locked, counted = {}, set()
    for number, figure in stored.items():
        counted.update(figure.record_ids)
        if figure.partner_ids is not None:
            locked[number] = figure.partner_ids.get(str(partner_pk), [])
        else:  # locked before the partners' records were stored: those that are the partner's now
            mine = {row[0] for row in rows}
            locked[number] = [pk for pk in figure.record_ids if pk in mine]
    dated = earliest(rows)
    if counted:
        # A record the project counted in a locked period for another partner (moved here since)
        # is no late addition of this partner's: the project does not count it again either.
        own = {pk for ids in locked.values() for pk in ids}
        starts = [window.start for window in windows]
        numbers = [window.number for window in windows]

        def reported(day) -> bool:
            return numbers[max(bisect.bisect_right(starts, day) - 1, 0)] in locked

        dated = {pk: day for pk, day in dated.items() if pk not in counted or pk in own or not reported(day)}
    return share_out(dated, windows, locked)


def partner_breakdown(*, project: Project, number: int) -> dict[str, dict[str, list[int]]]:
    """{indicator code: {partner id: record ids}} of period ``number``: what each partner's report
    shows for the period, stored when the period is locked (one query per indicator, and 5)."""
    periods, reports = list_periods(project=project)
    period = next((p for p in periods if p.number == number), None)
    if period is None:
        raise Http404("No such period")
    windows = [Window(p.number, p.start_date, p.end_date) for p in periods if p.number <= number]
    locked = _locked_figures(project, reports, number)
    partners = dict(Partner.objects.filter(project=project).values_list("pk", "organisation_id"))
    partners_of = {organisation: pk for pk, organisation in partners.items()}
    breakdown = {}
    for indicator in INDICATORS:
        rows = indicator.rows(project=project, until=period.end_date, partners_of=partners_of)
        stored = locked.get(indicator.code, {})
        breakdown[indicator.code] = {
            str(pk): _partner_shares(rows, windows, stored, pk)[number].ids for pk in sorted(partners)
        }
    return breakdown


def period_table(*, project: Project, number: int, partner: Partner | None = None) -> Table:
    """Every indicator's figures for period ``number`` (for one partner if given), or raise Http404."""
    periods, reports = list_periods(project=project)
    period = next((p for p in periods if p.number == number), None)
    if period is None:
        raise Http404("No such period")
    windows = [Window(p.number, p.start_date, p.end_date) for p in periods if p.number <= number]
    table = Table(project, period, report_of(project, number, reports), periods, reports, partner=partner)
    locked = _locked_figures(project, reports, number)
    targets = dict(Target.objects.filter(project=project).values_list("code", "value"))
    partners_of = dict(Partner.objects.filter(project=project).values_list("organisation_id", "pk"))
    for indicator in INDICATORS:
        rows = indicator.rows(project=project, until=period.end_date, partners_of=partners_of)
        stored = locked.get(indicator.code, {})
        if partner is None:
            shares = share_out(earliest(rows), windows, {n: f.record_ids for n, f in stored.items()})
        else:
            shares = _partner_shares(rows, windows, stored, partner.pk)
        table.figures.append(
            _figure(
                indicator.code,
                shares,
                number,
                None if partner else _target(indicator.code, number, locked, targets),
                name=indicator.name,
                unit=indicator.unit,
                rule=indicator.rule,
                eu_code=indicator.eu_code,
                is_custom=False,
                indicator=indicator,
            )
        )
    if partner is None:
        _custom_figures(table, windows, locked, targets)
    return table


def _custom_figures(table: Table, windows: list[Window], locked: dict, targets: dict) -> None:
    """The project's own indicators: their typed values, or the values stored when the period locked."""
    customs = list(CustomIndicator.objects.filter(project=table.project).order_by("code"))
    values: dict[tuple[int, int], ManualValue] = {
        (value.indicator_id, value.number): value
        for value in ManualValue.objects.filter(project=table.project, number__lte=table.period.number)
    }
    for custom in customs:
        stored = locked.get(custom.code, {})
        shares = {}
        for window in windows:
            figure = stored.get(window.number)
            if figure is not None:
                shares[window.number] = Share(ids=figure.record_ids, value=figure.value, locked=True)
                continue
            value = values.get((custom.pk, window.number))
            shares[window.number] = Share(ids=[value.pk], value=value.value) if value else Share()
        table.figures.append(
            _figure(
                custom.code,
                shares,
                table.period.number,
                _target(custom.code, table.period.number, locked, targets),
                name=custom.name,
                unit=custom.unit,
                rule=custom.description,
                eu_code="",
                is_custom=True,
                custom=custom,
            )
        )


def figure_records(figure: Figure, ids: list[int]) -> list[dict]:
    """The records behind (a page of) a figure's ids, in one query."""
    if figure.is_custom:
        rows = ManualValue.objects.filter(pk__in=ids).order_by("number")
        found = [
            {
                "pk": value.pk,
                "period": value.number,
                "value": value.value,
                "source": value.source,
                "evidence": value.evidence,
            }
            for value in rows
        ]
        for record in found:
            record["cells"] = [("", record["period"]), ("", record["value"]), ("", record["source"])]
        return found
    records = figure.indicator.records(ids)
    for record in records:
        record["cells"] = [(column.kind, record[column.key]) for column in figure.indicator.columns]
    return records
