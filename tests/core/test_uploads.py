"""Pictures are re-encoded so that only the picture is stored; the stored type decides the Content-Type."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from secon.core.uploads import clean_upload, content_type_for, reencode_image


def picture(image_format="PNG", size=(8, 6), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, image_format, **save)
    return buffer.getvalue()


def test_html_appended_to_a_png_is_not_stored():
    payload = picture() + b"<html><script>alert(document.cookie)</script></html>"
    cleaned = reencode_image(SimpleUploadedFile("shop.png", payload))
    data = cleaned.read()
    assert b"<script" not in data and b"<html" not in data
    assert data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (8, 6)
        assert image.getpixel((0, 0)) == (255, 0, 0)


def test_metadata_is_dropped_and_the_orientation_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    exif[0x010F] = "Camera maker"
    upload = SimpleUploadedFile("photo.jpeg", picture("JPEG", size=(8, 4), exif=exif.tobytes()))
    cleaned = reencode_image(upload)
    assert cleaned.name == "photo.jpg"
    with Image.open(cleaned) as image:
        assert image.size == (4, 8)
        assert not image.getexif()


def test_the_name_follows_the_decoded_format_not_the_uploaded_name():
    cleaned = reencode_image(SimpleUploadedFile("photo.png", picture("WEBP")))
    assert cleaned.name == "photo.webp"
    assert content_type_for(cleaned.name) == "image/webp"


@pytest.mark.parametrize(
    "payload",
    [b"<html><body>not a picture</body></html>", b"MZ\x90\x00", b"", picture()[:40]],
)
def test_a_file_that_is_not_a_picture_is_refused_with_a_message(payload):
    with pytest.raises(ValidationError) as error:
        reencode_image(SimpleUploadedFile("photo.png", payload))
    assert "not a picture we can read" in error.value.messages[0]


def test_other_picture_formats_are_refused():
    with pytest.raises(ValidationError) as error:
        reencode_image(SimpleUploadedFile("photo.png", picture("GIF")))
    assert "this one is GIF" in error.value.messages[0]


def test_a_decompression_bomb_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(buffer, "PNG")  # 50 megapixels in a few kilobytes
    with pytest.raises(ValidationError) as error:
        reencode_image(SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert "40 megapixels" in error.value.messages[0]


def test_documents_are_kept_and_pictures_among_materials_cleaned():
    pdf = SimpleUploadedFile("slides.pdf", b"%PDF-1.4\n<html>")
    assert clean_upload(pdf, field="materials_file") is pdf
    cleaned = clean_upload(SimpleUploadedFile("map.png", picture() + b"<html>"), field="materials_file")
    assert b"<html>" not in cleaned.read()
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("map.png", b"<html>"), field="materials_file")
    assert "materials_file" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("a/b.png", "image/png"),
        ("a/b.JPG", "image/jpeg"),
        ("a/b.pdf", "application/pdf"),
        ("a/b.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a/b.html", "application/octet-stream"),
        ("a/b", "application/octet-stream"),
    ],
)
def test_content_types_come_from_the_stored_extension(name, content_type):
    assert content_type_for(name) == content_type
