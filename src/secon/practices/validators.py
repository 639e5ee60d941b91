"""Checks of uploaded files: the type is read from the content (not the name), the size is capped."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp")


def _check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s are allowed."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_image(upload) -> None:
    """Accept JPEG, PNG or WebP pictures of at most 5 MB, checked by decoding them."""
    from PIL import Image, UnidentifiedImageError

    _check_size(upload, MAX_IMAGE_BYTES)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a picture we can read. Upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from error
    finally:
        upload.seek(position)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Pictures must be JPEG, PNG or WebP (this one is %(format)s)."),
            code="invalid_image",
            params={"format": image_format},
        )


def _sniff_document(head: bytes, upload) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "replace")
                    for kind in ("text", "spreadsheet", "presentation"):
                        if mimetype == f"application/vnd.oasis.opendocument.{kind}":
                            return {"text": "odt", "spreadsheet": "ods", "presentation": "odp"}[kind]
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "ppt/presentation.xml" in names:
                    return "pptx"
        except zipfile.BadZipFile:
            return None
    return None


def validate_document(upload) -> None:
    """Accept PDF and office documents (Word, Excel, PowerPoint, OpenDocument) of at most 10 MB."""
    _check_size(upload, MAX_DOCUMENT_BYTES)
    upload.seek(0)
    head = upload.read(8)
    kind = _sniff_document(head, upload)
    upload.seek(0)
    name = (getattr(upload, "name", "") or "").lower()
    if kind is None or not name.endswith("." + kind):
        raise ValidationError(
            _("Documents must be PDF, Word, Excel, PowerPoint or OpenDocument files, named accordingly."),
            code="invalid_document",
        )
