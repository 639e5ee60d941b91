"""The progress report of a period (for the partnership or one partner) as JSON, XLSX and PDF.

All three are written from :func:`report_data`, the figures of the period's table: every number in
an export is the page's number, and each figure lists the ids of the records behind it.
"""

from decimal import Decimal

from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.core.spreadsheets import xlsx_sheets
from secon.indicators.selectors import Table, figure_records

#: Records listed per indicator in the PDF (the XLSX and JSON list them all).
PDF_RECORDS = 300


def _number(value):
    """A figure as JSON and spreadsheets want it: an integer when it is one."""
    return int(value) if value == value.to_integral_value() else float(value)


def report_data(table: Table) -> dict:
    """The report as plain data (no query): the period, its status and every figure with its records."""
    report = table.report
    return {
        "project": {"slug": table.project.slug, "acronym": table.project.acronym},
        "partner": table.partner.code if table.partner else None,
        "period": {
            "number": table.period.number,
            "start": table.period.start_date.isoformat(),
            "end": table.period.end_date.isoformat(),
            "status": report.status,
            "locked_at": report.locked_at.isoformat() if report.locked_at else None,
            "summary": report.summary,
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "indicators": [
            {
                "code": figure.code,
                "eu_code": figure.eu_code,
                "name": figure.title,
                "unit": figure.unit,
                "project_defined": figure.is_custom,
                "target": _number(figure.target) if figure.target is not None else None,
                "previous": _number(figure.previous),
                "this_period": _number(figure.this),
                "cumulative": _number(figure.cumulative),
                "percent_of_target": figure.percent,
                "locked": figure.locked,
                "records": figure.ids,
                "late_additions": figure.late,
                "sha256": figure.digest,
            }
            for figure in table.figures
        ],
    }


def _headers():
    return [
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Target"),
        _("Previous periods"),
        _("This period"),
        _("Cumulative"),
        _("Share of target (%)"),
        _("Late additions"),
        _("SHA-256 of the records"),
    ]


def _cell(value):
    if isinstance(value, dict):  # a translated text
        return value.render().text if hasattr(value, "render") else str(value)
    if hasattr(value, "isoformat"):
        return value
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, FieldFile):  # an evidence document, or none
        return value.name or ""
    return "" if value is None else value if isinstance(value, int | float) else str(value)


def report_xlsx(table: Table, *, language: str) -> bytes:
    """A sheet with the table, then one sheet per indicator listing the records of this period."""
    with translation.override(language):
        data = report_data(table)
        summary = [
            [
                row["code"],
                row["name"],
                row["unit"],
                row["target"],
                row["previous"],
                row["this_period"],
                row["cumulative"],
                row["percent_of_target"],
                len(row["late_additions"]),
                row["sha256"],
            ]
            for row in data["indicators"]
        ]
        sheets = [(_("Period %(number)s") % {"number": table.period.number}, _headers(), summary)]
        for figure in table.figures:
            records = figure_records(figure, figure.ids)
            keys = [key for key in (records[0] if records else {}) if key not in ("pk", "cells")]
            header = ["id", *keys, _("late addition")]
            late = set(figure.late)
            rows = [
                [
                    record["pk"],
                    *(_cell(record[key]) for key in keys),
                    _("yes") if record["pk"] in late else "",
                ]
                for record in records
            ]
            sheets.append((figure.code, header, rows))
        title = _("%(project)s progress report, period %(number)s") % {
            "project": table.project.acronym,
            "number": table.period.number,
        }
        return xlsx_sheets(sheets, title=title)


def report_pdf(table: Table, *, language: str) -> bytes:
    """The report laid out like the programme's: the period, its summary, the table, the records."""
    from weasyprint import HTML

    with translation.override(language):
        sections = []
        for figure in table.figures:
            records = figure_records(figure, figure.ids[:PDF_RECORDS])
            sections.append(
                {"figure": figure, "records": records, "more": max(len(figure.ids) - PDF_RECORDS, 0)}
            )
        html = render_to_string(
            "indicators/report_pdf.html",
            {
                "table": table,
                "report": table.report,
                "project": table.project,
                "sections": sections,
                "generated_at": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )
    return HTML(string=html).write_pdf()
