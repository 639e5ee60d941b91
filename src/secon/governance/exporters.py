"""The register of decisions as CSV, XLSX and PDF (in one language), with the events app's helpers."""

from django.utils import translation
from django.utils.translation import gettext as _

from secon.core.spreadsheets import csv_text, xlsx_workbook
from secon.events.exporters import render_pdf
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
    with translation.override(language):
        header = _columns()
    return csv_text(header, decision_rows(decisions, language=language, fallbacks=fallbacks))


def decisions_xlsx(decisions: list[Decision], *, language: str, fallbacks: list[str], title: str) -> bytes:
    with translation.override(language):
        header = _columns()
    rows = decision_rows(decisions, language=language, fallbacks=fallbacks)
    return xlsx_workbook(header, rows, sheet_title="Decisions", title=title)


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
