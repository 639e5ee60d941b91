"""The register of decisions as CSV, XLSX and PDF (in one language), with the events app's helpers."""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from secon.events.exporters import _safe_cell, render_pdf
from secon.governance.models import Committee, Decision


def _columns() -> list[str]:
    return [
        _("Number"),
        _("Decided on"),
        _("Title"),
        _("Text"),
        _("Status"),
        _("Superseded by"),
        _("Source"),
        _("Public"),
    ]


def decision_rows(decisions: list[Decision], *, language: str, fallbacks: list[str]) -> list[list]:
    rows = []
    with translation.override(language):
        for decision in decisions:
            source = decision.meeting and _("meeting %(number)s") % {"number": decision.meeting.number}
            rows.append(
                [
                    decision.number,
                    decision.decided_on.isoformat(),
                    decision.title.render(language, fallbacks).text,
                    decision.text.render(language, fallbacks).text,
                    decision.get_status_display(),
                    decision.superseded_by.number if decision.superseded_by_id else "",
                    source or _("written procedure"),
                    _("yes") if decision.is_public else _("no"),
                ]
            )
    return rows


def decisions_csv(decisions: list[Decision], *, language: str, fallbacks: list[str]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    with translation.override(language):
        writer.writerow(_columns())
    for row in decision_rows(decisions, language=language, fallbacks=fallbacks):
        writer.writerow([_safe_cell(value) for value in row])
    return buffer.getvalue()


def decisions_xlsx(decisions: list[Decision], *, language: str, fallbacks: list[str], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Decisions"
    with translation.override(language):
        sheet.append(_columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in decision_rows(decisions, language=language, fallbacks=fallbacks):
        sheet.append([_safe_cell(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["D"].width = 80
    sheet.freeze_panes = "A2"
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def decisions_pdf(
    decisions: list[Decision], *, committee: Committee, language: str, fallbacks: list[str]
) -> bytes:
    rows = [
        {"decision": decision, "title": row[2], "text": row[3], "status": row[4], "source": row[6]}
        for decision, row in zip(
            decisions, decision_rows(decisions, language=language, fallbacks=fallbacks), strict=True
        )
    ]
    context = {
        "committee_name": committee.name.render(language, fallbacks).text,
        "project": committee.project,
        "rows": rows,
    }
    return render_pdf("governance/pdf/decisions.html", context, language=language)
