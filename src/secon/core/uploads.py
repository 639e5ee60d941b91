"""Uploaded files: pictures re-encoded so that nothing but the picture is stored, types named once.

Every service that stores an uploaded picture passes it through :func:`reencode_image` first: the
picture is decoded with Pillow and written again in its own format, so bytes appended to it (an HTML
page after a PNG's end, a script in a comment) and its metadata (EXIF with the camera's GPS
position) are not stored. The stored name's extension is the decoded format's, and the media view
(``core/media.py``) sends the Content-Type that belongs to it (:func:`content_type_for`).
"""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

#: Pillow format → (extension, Content-Type) of the pictures the site stores.
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}

#: The types the media view sends, by the stored name's extension; anything else is a download of
#: unknown type (``application/octet-stream``).
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
}

#: Types a browser may show inline; every other file is sent as a download (Content-Disposition: attachment).
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}

#: Larger pictures are refused before they are decoded (a small file can expand to gigabytes).
MAX_IMAGE_PIXELS = 40_000_000


def content_type_for(name: str) -> str:
    """Return the Content-Type of a stored file, from its extension (set by the site, not the uploader)."""
    return CONTENT_TYPES.get(PurePosixPath(name).suffix.lower().lstrip("."), "application/octet-stream")


def is_image_name(name: str) -> bool:
    """Tell whether a file name has the extension of a picture."""
    return PurePosixPath(name).suffix.lower().lstrip(".") in {"jpg", "jpeg", "png", "webp"}


def _not_a_picture() -> ValidationError:
    return ValidationError(
        _("This file is not a picture we can read. Upload a JPEG, PNG or WebP image."), code="invalid_image"
    )


def reencode_image(upload, *, formats=tuple(IMAGE_FORMATS)) -> SimpleUploadedFile:
    """Decode a picture and return it written again: same format, same pixels, nothing else.

    Raise :class:`ValidationError` (for the form field) when the file is not a picture of one of
    ``formats`` or has more than :data:`MAX_IMAGE_PIXELS` pixels. The orientation recorded in EXIF is
    applied to the pixels, since the metadata holding it is dropped.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in formats:
                raise ValidationError(
                    _("Pictures must be JPEG, PNG or WebP (this one is %(format)s)."),
                    code="invalid_image",
                    params={"format": image_format},
                )
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The picture has %(width)d × %(height)d pixels; at most 40 megapixels are allowed."),
                    code="image_too_large",
                    params={"width": image.width, "height": image.height},
                )
            image.load()
            picture = ImageOps.exif_transpose(image)
            output = io.BytesIO()
            _save(picture, image_format, output)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _not_a_picture() from error
    finally:
        upload.seek(position)
    extension, content_type = IMAGE_FORMATS[image_format]
    stem = PurePosixPath(getattr(upload, "name", "") or "picture").stem or "picture"
    return SimpleUploadedFile(f"{stem}.{extension}", output.getvalue(), content_type=content_type)


def _save(picture, image_format: str, output) -> None:
    if image_format == "JPEG":
        if picture.mode not in ("RGB", "L", "CMYK"):
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        picture.save(output, "PNG", optimize=True)
    else:
        picture.save(output, "WEBP", quality=90)


def clean_upload(upload, *, field: str):
    """Return the upload to store: a picture re-encoded (see :func:`reencode_image`), any other file as is.

    Documents are not rewritten; their validators check that the content matches the extension, and
    the media view sends them as downloads. An unreadable picture raises ``ValidationError`` on ``field``.
    """
    if upload is None or not hasattr(upload, "read"):
        return upload
    if getattr(upload, "_committed", False):
        return upload  # already stored (the same file kept on a change)
    if not is_image_name(getattr(upload, "name", "") or ""):
        return upload
    try:
        return reencode_image(upload)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from error
