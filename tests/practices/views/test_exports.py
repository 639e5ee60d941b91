"""A practice as PDF and DOCX, the library as JSON and CSV."""

import io
import json

from django.urls import reverse


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
    data = json.loads(client.get("/en/practices/export.json", {"theme": "greener"}).content)
    assert [item["title"]["en"] for item in data["practices"]] == ["Green one"]
    assert "contact_email" not in data["practices"][0]
    csv_text = client.get("/en/practices/export.csv", {"q": "social"}).content.decode("utf-8-sig")
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
