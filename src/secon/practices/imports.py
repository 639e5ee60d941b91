"""Import good practices from a CSV in the programme's columns (those of the library's CSV download).

Columns: ``id`` (the source's own number, the key of a re-run), ``theme``, ``keywords`` (separated
by ``;`` or ``,``), ``country``, ``region`` (NUTS code), ``city``, ``start_date``, ``end_date``,
``is_ongoing``, ``main_institution`` (an organisation's name), ``website``, and one column per text
section and language: ``title_en``, ``summary_es``, ``description_el`` … Each row becomes a draft
of the project (through the draft services); a row imported before updates its draft while the
draft is still editable. Unknown columns are reported, never ignored silently.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.imports import Change, ImportReport, Keys, attempt, check_size, fingerprint, run
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.permissions import require
from secon.core.spreadsheets import read_table
from secon.core.text import fold
from secon.organisations.models import Organisation, Region
from secon.practices.enums import EDITABLE_STATUSES
from secon.practices.models import TEXT_SECTIONS, GoodPractice
from secon.practices.services.drafts import create_practice, update_practice

PLAIN = ("theme", "keywords", "country", "region", "city", "start_date", "end_date", "is_ongoing")
PLAIN += ("main_institution", "website")
#: Columns of the library's CSV that an import reads past (they describe the source, not the draft).
IGNORED = ("url", "project", "status", "published_at")
TRUE = {"yes", "true", "1", "x", "ja", "si", "sí", "ναι"}


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text[:10]) if text else None


class _Practices:
    def __init__(self, *, actor, project, report: ImportReport):
        self.actor, self.project, self.report = actor, project, report
        self.keys = Keys(source="practices-csv", scope=f"project:{project.pk}")

    def values(self, where: str, row: dict) -> dict | None:
        values: dict = {name: {} for name in TEXT_SECTIONS}
        for column, cell in row.items():
            name, _underscore, language = column.rpartition("_")
            if name in TEXT_SECTIONS and language in CONTENT_LANGUAGE_CODES and cell:
                values[name][language] = cell
        values = {name: texts for name, texts in values.items() if texts}
        try:
            for name in ("start_date", "end_date"):
                if name in row:
                    values[name] = _date(row[name])
        except ValueError:
            self.report.problem(_("%(where)s: a date is not YYYY-MM-DD.") % {"where": where})
            return None
        for name in ("theme", "keywords", "city", "website"):
            if name in row:
                values[name] = row[name].replace(";", ",") if name == "keywords" else row[name]
        if "country" in row:
            values["country"] = row["country"].upper()
        if "is_ongoing" in row:
            values["is_ongoing"] = fold(row["is_ongoing"]) in TRUE
        if row.get("region"):
            values["region"] = (
                Region.objects.filter(code=row["region"].upper().strip()).order_by("-nuts_version").first()
            )
            if values["region"] is None:
                self.report.problem(
                    _("%(where)s: there is no NUTS region “%(code)s”.")
                    % {"where": where, "code": row["region"][:10]}
                )
                return None
        if row.get("main_institution"):
            values["main_institution"] = Organisation.objects.filter(
                name__iexact=row["main_institution"]
            ).first()
            if values["main_institution"] is None:
                self.report.problem(
                    _("%(where)s: there is no organisation “%(name)s”; add it first.")
                    % {"where": where, "name": row["main_institution"][:80]}
                )
                return None
        return values

    def row(self, where: str, key: str, row: dict) -> None:
        values = self.values(where, row)
        if values is None:
            return
        title = next(iter(values.get("title", {}).values()), "") or key
        digest = fingerprint(values)
        practice, known = self.keys.find(GoodPractice, key)
        if practice is not None and known == digest:
            self.report.add(Change.UNCHANGED, _("good practice"), title)
            return
        if practice is None:
            practice = attempt(
                self.report, where, lambda: create_practice(actor=self.actor, project=self.project, **values)
            )
            action = Change.CREATE
        elif practice.status not in EDITABLE_STATUSES:
            self.report.problem(
                _("%(where)s: “%(title)s” is no longer a draft here and cannot be changed by an import.")
                % {"where": where, "title": title[:60]}
            )
            return
        else:
            practice = attempt(
                self.report, where, lambda: update_practice(actor=self.actor, practice=practice, **values)
            )
            action = Change.UPDATE
        if practice is not None:
            self.keys.remember(practice, key, digest)
            self.report.add(action, _("good practice"), title)


def import_practices(*, actor, project, data: bytes, filename: str, dry_run: bool = True) -> ImportReport:
    """Import good practices as drafts of ``project`` from a CSV or XLSX in the programme's columns."""
    require(actor, "practices.add_goodpractice", project)

    def work(report: ImportReport) -> None:
        check_size(data)
        try:
            header, rows = read_table(data, filename=filename)
        except ValueError:
            raise ValidationError(_("The file is neither a CSV file nor an Excel workbook (XLSX).")) from None
        header = [column.strip().lower() for column in header]
        for column in header:
            name, _underscore, language = column.rpartition("_")
            known = column in PLAIN or column in IGNORED or column == "id"
            if not known and not (name in TEXT_SECTIONS and language in CONTENT_LANGUAGE_CODES):
                report.problem(
                    _("Column “%(column)s” is not one of the programme's columns.") % {"column": column[:60]}
                )
        if not any(column.startswith("title_") for column in header):
            report.problem(_("The file has no title column (title_en, title_es …)."))
        if report.problems:
            return
        practices = _Practices(actor=actor, project=project, report=report)
        for number, cells in enumerate(rows, start=2):
            row = dict(zip(header, cells, strict=True))
            key = row.get("id") or fold(
                next((row[c] for c in header if c.startswith("title_") and row[c]), "")
            )
            practices.row(_("row %(number)d") % {"number": number}, key, row)

    return run(dry_run=dry_run, work=work)


def _run(*, actor, target, data, dry_run, mapping, filename=""):
    return import_practices(actor=actor, project=target, data=data, filename=filename, dry_run=dry_run)


def register() -> None:
    from secon.core.imports import Importer, register_importer
    from secon.organisations.imports import find_project

    register_importer(
        Importer(
            kind="practices",
            label=gettext_lazy("Good practices in the programme's columns (CSV or XLSX)"),
            target="project",
            run=_run,
            find=find_project,
            extensions=(".csv", ".xlsx"),
        )
    )
