"""Documents attached to an article's version: checked by content, listed on the article's page,
served through the media view only while the version is public, removed with their files."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secon.communications.models import ArticleAttachment
from secon.communications.services import articles
from secon.communications.services.attachments import add_attachment, remove_attachment
from secon.core.permissions import SYSTEM
from tests.communications.conftest import published_article

pytestmark = pytest.mark.django_db


def pdf(name="press-kit.pdf", size=2000) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def test_a_document_on_a_published_version_is_listed_and_served(client, world):
    article = published_article(world.projects["a"], languages=("en", "es"))
    spanish = article.versions.get(language="es")
    document = add_attachment(actor=world.users["coordinator"], version=spanish, file=pdf(), title="Dossier")
    assert document.file.name.startswith(f"communications/{article.pk}/files/")
    html = client.get("/es/alpha/news/caceres/").content.decode()
    assert "Dossier" in html and document.file.url in html
    assert "Dossier" not in client.get("/en/alpha/news/caceres/").content.decode()
    response = client.get(document.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_draft_versions_document_is_for_the_members_only(client, world):
    article = articles.create_article(
        actor=SYSTEM, project=world.projects["a"], slug="draft", source_language="en", title="Draft"
    )
    document = add_attachment(
        actor=world.users["editor"], version=article.versions.get(), file=pdf(), title="Agenda"
    )
    assert client.get(document.file.url).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.get(document.file.url).status_code == 200


@pytest.mark.parametrize(
    ("file", "title", "field", "message"),
    [
        (SimpleUploadedFile("run.pdf", b"MZ\x90\x00binary"), "Tool", "file", "Documents must be PDF"),
        (SimpleUploadedFile("kit.docx", b"%PDF-1.4 renamed"), "Kit", "file", "named accordingly"),
        (pdf(size=11 * 1024 * 1024), "Huge", "file", "at most 10.0"),
        (pdf(), "", "title", "This field cannot be blank."),
        (None, "Nothing", "file", "Choose a file."),
    ],
)
def test_bad_documents_are_refused_on_their_field(world, file, title, field, message):
    article = published_article(world.projects["a"])
    with pytest.raises(ValidationError) as caught:
        add_attachment(
            actor=world.users["coordinator"], version=article.versions.get(), file=file, title=title
        )
    assert message in " ".join(caught.value.message_dict[field])
    assert not ArticleAttachment.objects.exists()


def test_an_editor_changes_only_unpublished_versions_documents(world, django_capture_on_commit_callbacks):
    article = published_article(world.projects["a"])
    version = article.versions.get()
    with pytest.raises(PermissionDenied):
        add_attachment(actor=world.users["editor"], version=version, file=pdf(), title="Kit")
    with pytest.raises(PermissionDenied):
        add_attachment(actor=world.users["other_coordinator"], version=version, file=pdf(), title="Kit")
    document = add_attachment(actor=world.users["coordinator"], version=version, file=pdf(), title="Kit")
    with pytest.raises(PermissionDenied):
        remove_attachment(actor=world.users["editor"], attachment=document)
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(actor=world.users["coordinator"], attachment=document)
    assert not ArticleAttachment.objects.exists() and not document.file.storage.exists(document.file.name)


def test_the_version_page_attaches_and_a_bad_file_is_a_message(client, world):
    article = articles.create_article(
        actor=SYSTEM, project=world.projects["a"], slug="draft", source_language="en", title="Draft"
    )
    client.force_login(world.users["editor"])
    page = client.get(reverse("communications:version", args=["alpha", article.pk, "en"]))
    assert "Attach the document" in page.content.decode()
    url = reverse("communications:attachment_add", args=["alpha", article.pk, "en"])
    bad = client.post(url, {"title": "Virus", "file": SimpleUploadedFile("x.pdf", b"<script>")})
    assert bad.status_code == 400 and "Documents must be PDF" in bad.content.decode()
    good = client.post(url, {"title": "Agenda", "file": pdf()})
    assert good.status_code == 302
    document = ArticleAttachment.objects.get()
    remove = reverse("communications:attachment_remove", args=["alpha", article.pk, "en", document.pk])
    assert client.post(remove).status_code == 302 and not ArticleAttachment.objects.exists()
    assert client.post(url.replace("/en/documents/", "/es/documents/"), {"title": "x"}).status_code == 404
