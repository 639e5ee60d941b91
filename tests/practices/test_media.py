"""A practice's pictures and documents are served to those who may see them, with safe headers."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from secon.practices.services import attachments

pytestmark = pytest.mark.django_db


def _png(extra: bytes = b"") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("shop.png", buffer.getvalue() + extra, content_type="image/png")


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")


def test_a_published_practice_s_picture_is_public_and_shown_on_its_page(
    client, practice, coordinator, project
):
    image = attachments.add_image(
        actor=coordinator, practice=practice, file=_png(), alt_text={"en": "The shop"}
    )
    page = client.get(f"/en/{project.slug}/practices/{practice.pk}/").content.decode()
    assert f'src="/media/{image.file.name}"' in page
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_png_with_html_appended_is_stored_clean(client, practice, coordinator):
    image = attachments.add_image(
        actor=coordinator, practice=practice, file=_png(b"<html><script>alert(1)</script></html>")
    )
    body = b"".join(client.get(f"/media/{image.file.name}").streaming_content)
    assert b"<script" not in body
    assert body.startswith(b"\x89PNG")


def test_a_non_image_named_png_is_refused_on_the_field(client, draft, editor, project):
    client.force_login(editor)
    fake = SimpleUploadedFile("photo.png", b"<html>hello</html>", content_type="image/png")
    response = client.post(
        f"/en/{project.slug}/practices/manage/{draft.pk}/files/",
        {"kind": "image", "image": fake, "alt_text": "A shop"},
    )
    assert response.status_code == 400
    assert "Upload a valid image" in response.content.decode() or "not a picture" in response.content.decode()
    assert not draft.images.exists()


def test_documents_are_downloads(client, practice, coordinator):
    document = attachments.add_document(actor=coordinator, practice=practice, file=_pdf(), title="Report")
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="report')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_draft_s_files_are_for_its_editors_only(
    client, draft, editor, other_editor, coordinator, viewer, outsider
):
    image = attachments.add_image(actor=editor, practice=draft, file=_png())
    document = attachments.add_document(actor=editor, practice=draft, file=_pdf(), title="Plan")
    for name in (image.file.name, document.file.name):
        url = f"/media/{name}"
        assert client.get(url).status_code == 404  # anonymous: as if it did not exist
        for user, status in ((outsider, 404), (other_editor, 404), (viewer, 404), (editor, 200)):
            client.force_login(user)
            assert client.get(url).status_code == status, user.email
        client.force_login(editor)
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store"
        client.logout()


def test_a_private_project_s_practice_files_are_not_public(client, practice, editor, coordinator, project):
    image = attachments.add_image(actor=coordinator, practice=practice, file=_png())
    project.is_public = False
    project.save(update_fields=["is_public"])
    assert client.get(f"/media/{image.file.name}").status_code == 404
    client.force_login(editor)
    assert client.get(f"/media/{image.file.name}").status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        "/media/practices/../../secret_key",
        "/media/practices/%2e%2e/%2e%2e/secret_key",
        "/media//etc/passwd",
        "/media/practices/1/images/nothing.png",
        "/media/secret_key",
        "/media/practices/1/images/a\\b.png",
    ],
)
def test_names_outside_the_records_are_404(client, address):
    assert client.get(address).status_code == 404


def test_a_proxy_sends_the_file_when_configured(client, practice, coordinator, settings, tmp_path):
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    image = attachments.add_image(actor=coordinator, practice=practice, file=_png())
    assert (tmp_path / image.file.name).exists()

    settings.MEDIA_SENDFILE = {"kind": "x-accel-redirect", "location": "/internal-media/"}
    response = client.get(f"/media/{image.file.name}")
    assert response["X-Accel-Redirect"] == f"/internal-media/{image.file.name}"
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""

    settings.MEDIA_SENDFILE = {"kind": "x-sendfile", "location": ""}
    response = client.get(f"/media/{image.file.name}")
    assert response["X-Sendfile"] == str(tmp_path / image.file.name)
