"""Public library pages and the partner side, as visitors, partners and coordinators use them."""

import io
import json

import pytest
from PIL import Image

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secon.practices import services
from secon.practices.enums import Status
from secon.practices.models import GoodPractice
from tests.events.factories import EventFactory, SessionFactory, at
from tests.factories import ProjectFactory


def library_url(project=None, language="en"):
    if project is None:
        return f"/{language}/practices/"
    return f"/{language}/{project.slug}/practices/"


def test_the_library_lists_published_practices_only(client, publish, editor, project):
    shown = publish(texts={"title": {"en": "Shepherd school"}})
    services.create_practice(actor=editor, project=project, title={"en": "Unfinished draft"})
    for url in (library_url(), library_url(project)):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Shepherd school" in html
        assert "Unfinished draft" not in html
        assert shown.get_absolute_url() in html


@pytest.mark.parametrize("count", [2, 12])
def test_list_and_search_pages_run_a_fixed_number_of_queries(
    client, publish, count, django_assert_max_num_queries
):
    for number in range(count):
        publish(texts={"title": {"en": f"Cooperative shop {number}"}})
    with django_assert_max_num_queries(8):
        assert client.get(library_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(library_url(), {"q": "cooperatives", "theme": "social"}).status_code == 200


def test_search_in_spanish_without_accents(client, publish):
    publish(
        texts={
            "title": {"en": "Textile reuse", "es": "Inserción laboral con ropa reutilizada"},
            "summary": {"en": "Jobs.", "es": "Empleo."},
        }
    )
    response = client.get(library_url(language="es"), {"q": "insercion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Inserción</mark>" in html or "<mark>inserción</mark>" in html.lower()
    assert "laboral con ropa reutilizada" in html


@pytest.mark.parametrize("query", ["x" * 10_000, '"""', "NEAR(", "- * AND OR", "?!"])
def test_bad_queries_get_a_page_not_an_error(client, publish, query):
    publish()
    response = client.get(library_url(), {"q": query, "page": "abc", "theme": "<script>"})
    assert response.status_code == 200


def test_operators_alone_explain_themselves(client, publish):
    publish()
    html = client.get(library_url(), {"q": '" * -'}).content.decode()
    assert "Type at least one word to search" in html


def test_facet_links_filter_without_javascript(client, publish):
    publish(texts={"title": {"en": "Green one"}}, theme="greener")
    publish(texts={"title": {"en": "Social one"}})
    html = client.get(library_url()).content.decode()
    assert "?theme=greener" in html
    html = client.get(library_url(), {"theme": "greener"}).content.decode()
    assert "Green one" in html and "Social one" not in html


def test_the_practice_page_shows_every_section_and_the_fallback_note(client, publish):
    practice = publish()
    response = client.get(f"/de/{practice.project.slug}/practices/{practice.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Textile reuse shop" in html
    for text in ("Eight staff", "Forty people", "Any region", "Sorting is labour-intensive"):
        assert text in html
    assert 'class="fallback-note"' in html


@pytest.mark.parametrize("links", [1, 5])
def test_the_practice_page_runs_a_fixed_number_of_queries(
    client, publish, links, django_assert_max_num_queries
):
    practice = publish()
    for number in range(5):
        publish(texts={"title": {"en": f"Similar {number}"}})
    event = EventFactory(project=practice.project, slug="caceres")
    for number in range(links):
        session = SessionFactory(event=event, starts_at=at(event, number % 4, 9 + number))
        session.practices.add(practice)
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/{practice.project.slug}/practices/{practice.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Similar practices" in html
    assert html.count(f'href="/en/{practice.project.slug}/events/caceres/sessions/') == links


def test_drafts_and_other_projects_practices_are_not_public(client, editor, project, publish):
    draft = services.create_practice(actor=editor, project=project, title={"en": "Draft"})
    assert client.get(f"/en/{project.slug}/practices/{draft.pk}/").status_code == 404
    published = publish()
    other = ProjectFactory(slug="elsewhere-project")
    assert client.get(f"/en/{other.slug}/practices/{published.pk}/").status_code == 404
    assert client.get(library_url(other)).content.decode().count(published.get_absolute_url()) == 0


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


# --- partner side ----------------------------------------------------------------------------------


def manage_url(project, *parts):
    return "/en/" + project.slug + "/practices/manage/" + "".join(f"{part}/" for part in parts)


def test_anonymous_visitors_are_sent_to_log_in(client, project):
    response = client.get(manage_url(project))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_outsiders_may_not_open_the_partner_side(client, project, outsider):
    client.force_login(outsider)
    assert client.get(manage_url(project)).status_code == 403
    assert client.post(manage_url(project, "new"), {"title_en": "x"}).status_code == 403


def test_viewers_see_the_list_but_cannot_draft(client, project, viewer):
    client.force_login(viewer)
    assert client.get(manage_url(project)).status_code == 200
    assert client.get(manage_url(project, "new")).status_code == 403


def test_a_partner_drafts_leaves_comes_back_and_submits(
    client, project, editor, coordinator, region, institution
):
    client.force_login(editor)
    response = client.post(
        manage_url(project, "new"), {"title_en": "Shepherd school", "description_en": "Half a text"}
    )
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.status == Status.DRAFT
    # Coming back: the incomplete input is there.
    html = client.get(manage_url(project, practice.pk)).content.decode()
    assert "Half a text" in html
    assert "is empty in English" in html
    # Submitting an incomplete practice says which field is wrong and changes nothing.
    response = client.post(manage_url(project, practice.pk), {"title_en": "Shepherd school", "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“short summary” is empty in English." in html
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT
    # A title over 100 characters is refused on its field.
    response = client.post(manage_url(project, practice.pk), {"title_en": "x" * 120})
    assert response.status_code == 400
    assert "at most 100 are allowed" in response.content.decode()


def test_a_coordinator_asks_for_information_then_approves(
    client, project, editor, coordinator, region, institution
):
    from tests.practices.factories import complete_values

    practice = services.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    services.submit_practice(actor=editor, practice=practice)
    client.force_login(coordinator)
    url = manage_url(project, practice.pk, "workflow")
    response = client.post(url, {"action": "request_info", "comment": ""})
    assert response.status_code == 400
    assert "Tell the author what is missing or why." in response.content.decode()
    assert client.post(url, {"action": "request_info", "comment": "Add figures."}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.INFO_REQUESTED
    services.submit_practice(actor=editor, practice=practice)
    assert client.post(url, {"action": "approve", "comment": ""}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.APPROVED
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_the_author_cannot_approve_through_the_page(client, project, editor):
    client.force_login(editor)
    practice = services.create_practice(actor=editor, project=project, title={"en": "x"})
    response = client.post(manage_url(project, practice.pk, "workflow"), {"action": "approve"})
    assert response.status_code in (400, 403)
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_uploads_are_checked_for_type(client, project, editor):
    client.force_login(editor)
    practice = services.create_practice(actor=editor, project=project, title={"en": "x"})
    url = manage_url(project, practice.pk, "files")
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(url, {"kind": "image", "image": fake, "alt_text": "A shop"})
    assert response.status_code == 400
    assert not practice.images.exists()
    fake_pdf = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"kind": "document", "document": fake_pdf, "title": "Report"})
    assert response.status_code == 400
    assert "Documents must be PDF" in response.content.decode()
    good = SimpleUploadedFile("shop.png", _png(), content_type="image/png")
    assert client.post(url, {"kind": "image", "image": good, "alt_text": "A shop"}).status_code == 302
    assert practice.images.count() == 1
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert client.post(url, {"kind": "document", "document": pdf, "title": "Report"}).status_code == 302


def test_e_mails_are_sent_on_page_decisions(
    client, project, editor, coordinator, region, institution, django_capture_on_commit_callbacks
):
    from tests.practices.factories import complete_values

    practice = services.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    services.submit_practice(actor=editor, practice=practice)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(project, practice.pk, "workflow"), {"action": "approve"})
    assert any(message.to == [editor.email] and "approved" in message.body for message in mail.outbox)


def test_autosave_keeps_the_text_and_answers_in_json(client, project, editor):
    client.force_login(editor)
    practice = services.create_practice(actor=editor, project=project, title={"en": "Draft"})
    url = manage_url(project, practice.pk)
    response = client.post(url, {"title_en": "Draft", "description_en": "Long text"}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200
    assert response.json()["saved"] is True
    practice.refresh_from_db()
    assert practice.description["en"] == "Long text"
    response = client.post(url, {"title_en": "y" * 101}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 400
    assert "title" in response.json()["message"].lower()


def test_an_approval_shows_at_once_on_the_cached_library(
    client, publish, editor, coordinator, project, region, institution, django_capture_on_commit_callbacks
):
    from tests.practices.factories import complete_values

    publish(texts={"title": {"en": "First practice"}})
    assert client.get(library_url()).status_code == 200
    assert client.get(library_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.create_practice(
            actor=editor,
            project=project,
            **complete_values(region=region, institution=institution, title="Newcomer"),
        )
        services.submit_practice(actor=editor, practice=practice)
        services.approve_practice(actor=coordinator, practice=practice)
    assert "Newcomer" in client.get(library_url()).content.decode()


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
