"""Turn practices into other formats: map markers, JSON and CSV of the library, a PDF like the form."""

import io
import json
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from secon.core.languages import CONTENT_LANGUAGES
from secon.core.spreadsheets import csv_lines
from secon.practices.models import TEXT_SECTIONS, GoodPractice


def practice_markers(practices) -> list[dict]:
    """Return one map marker per practice with coordinates."""
    language = translation.get_language()
    markers = []
    for practice in practices:
        if not practice.has_location:
            continue
        title = practice.texts("title").render(language, practice.project.fallback_languages).text
        markers.append(
            {
                "lat": float(practice.latitude),
                "lon": float(practice.longitude),
                "label": title,
                "url": practice.get_absolute_url(),
                "link": _("Practice page"),
            }
        )
    return markers


def practice_record(practice: GoodPractice) -> dict:
    """Return a practice as plain data (every language of every section; no personal contact data)."""
    return {
        "id": practice.pk,
        "url": practice.get_absolute_url(),
        "project": practice.project.slug,
        "status": practice.status,
        **{name: dict(practice.texts(name)) for name in TEXT_SECTIONS},
        "languages": practice.text_languages(),
        "start_date": practice.start_date.isoformat() if practice.start_date else None,
        "end_date": practice.end_date.isoformat() if practice.end_date else None,
        "is_ongoing": practice.is_ongoing,
        "theme": practice.theme,
        "keywords": list(practice.keywords or []),
        "country": practice.country.code if practice.country else "",
        "region": practice.region.code if practice.region_id else "",
        "city": practice.city,
        "latitude": float(practice.latitude) if practice.latitude is not None else None,
        "longitude": float(practice.longitude) if practice.longitude is not None else None,
        "main_institution": practice.main_institution.name if practice.main_institution_id else "",
        "website": practice.website,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
    }


def library_json_chunks(practices) -> Iterator[str]:
    """Yield the library as JSON, practice by practice (for a streaming response)."""
    yield '{"practices": ['
    for number, practice in enumerate(practices):
        yield ("," if number else "") + "\n" + json.dumps(practice_record(practice), ensure_ascii=False)
    yield "\n]}\n"


def library_json(practices) -> str:
    return "".join(library_json_chunks(practices))


def library_csv_lines(practices) -> Iterator[str]:
    """Yield the library as CSV: one row per practice, one column per section and language; every
    cell safe for spreadsheet programs (a title such as "=HYPERLINK(…)" stays text)."""
    languages = sorted(
        {code for practice in practices for code in practice.project.content_languages},
        key=[code for code, _name in CONTENT_LANGUAGES].index,
    )
    plain = ["id", "url", "project", "status", "theme", "keywords", "country", "region", "city"]
    plain += ["start_date", "end_date", "is_ongoing", "main_institution", "website", "published_at"]
    texts = [f"{name}_{code}" for name in TEXT_SECTIONS for code in languages]

    def rows():
        for practice in practices:
            record = practice_record(practice)
            row = [record[name] if name != "keywords" else "; ".join(record[name]) for name in plain]
            row += [record[name].get(code, "") for name in TEXT_SECTIONS for code in languages]
            yield row

    return csv_lines(plain + texts, rows())


def library_csv(practices) -> str:
    return "".join(library_csv_lines(practices))


def practice_pdf(practice: GoodPractice, *, language: str, base_url: str) -> bytes:
    """Render one practice as a PDF laid out like the programme's good-practice form."""
    from weasyprint import HTML

    fallbacks = practice.project.fallback_languages
    with translation.override(language):
        sections = [
            (practice._meta.get_field(name).verbose_name, practice.texts(name).render(language, fallbacks))
            for name in TEXT_SECTIONS
            if name not in ("title", "summary")
        ]
        html = render_to_string(
            "practices/pdf.html",
            {
                "practice": practice,
                "title": practice.texts("title").render(language, fallbacks),
                "summary": practice.texts("summary").render(language, fallbacks),
                "expert_opinion": practice.texts("expert_opinion").render(language, fallbacks),
                "sections": sections,
                "language": language,
                "url": base_url.rstrip("/") + practice.get_absolute_url(),
            },
        )
    return HTML(string=html, base_url=base_url).write_pdf()


def _facts(practice: GoodPractice) -> list[tuple[str, str]]:
    """Return the form's short fields as (label, value) in the active language."""
    if practice.start_date:
        end = (
            _("ongoing")
            if practice.is_ongoing
            else (practice.end_date.strftime("%m/%Y") if practice.end_date else "")
        )
        timescale = f"{practice.start_date:%m/%Y} – {end}"
    else:
        timescale = _("ongoing") if practice.is_ongoing else "—"
    return [
        (_("Project"), practice.project.acronym),
        (_("Status"), str(practice.get_status_display())),
        (_("Country"), str(practice.country.name) if practice.country else "—"),
        (
            _("Region (NUTS)"),
            f"{practice.region.display_name} ({practice.region.code})" if practice.region_id else "—",
        ),
        (_("City"), practice.city or "—"),
        (_("Theme"), str(practice.get_theme_display()) or "—"),
        (_("Keywords"), ", ".join(practice.keywords or []) or "—"),
        (
            _("Main institution responsible"),
            practice.main_institution.name if practice.main_institution_id else "—",
        ),
        (_("Timescale"), timescale),
        (_("Website"), practice.website or "—"),
    ]


def practice_docx(practice: GoodPractice, *, language: str, url: str) -> bytes:
    """Render one practice as a Word document laid out like the programme's form (to paste from)."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    fallbacks = practice.project.fallback_languages
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    with translation.override(language):
        kind = document.add_paragraph()
        run = kind.add_run(f"{_('Good practice')} · {practice.project.programme or practice.project.acronym}")
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x0B, 0x53, 0x94)
        document.add_heading(practice.texts("title").render(language, fallbacks).text or "—", level=0)
        summary = practice.texts("summary").render(language, fallbacks).text
        if summary:
            document.add_paragraph(summary).runs[0].italic = True
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in _facts(practice):
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[0].paragraphs[0].runs[0].bold = True
            cells[1].text = value
        for name in TEXT_SECTIONS:
            if name in ("title", "summary"):
                continue
            rendering = practice.texts(name).render(language, fallbacks)
            document.add_heading(str(practice._meta.get_field(name).verbose_name).capitalize(), level=2)
            for paragraph in (rendering.text or "—").split("\n\n"):
                document.add_paragraph(paragraph.strip())
            if rendering.is_fallback:
                note = document.add_paragraph().add_run(
                    _("Not yet available in your language; shown in %(language)s.")
                    % {"language": rendering.language_name}
                )
                note.italic = True
        expert = practice.texts("expert_opinion").render(language, fallbacks).text
        if expert:
            document.add_heading(_("Expert opinion"), level=2)
            document.add_paragraph(expert)
        document.add_paragraph(url).runs[0].font.size = Pt(8)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
