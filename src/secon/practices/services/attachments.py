"""Pictures and documents attached to a good practice."""

from django.core.exceptions import ValidationError
from django.db import transaction

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.uploads import reencode_image
from secon.practices.models import GoodPractice, PracticeDocument, PracticeImage
from secon.practices.services.permissions import require


@transaction.atomic
def add_image(*, actor, practice: GoodPractice, file, alt_text=None, credit: str = "") -> PracticeImage:
    """Attach a picture (JPEG, PNG or WebP, at most 5 MB)."""
    require(actor, "practices.change_goodpractice", practice)
    try:
        file = reencode_image(file)  # only the picture is stored: no appended bytes, no metadata
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from error
    image = PracticeImage(
        practice=practice,
        file=file,
        alt_text=alt_text or {},
        credit=credit,
        position=practice.images.count(),
    )
    try:
        image.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {"image" if "file" in error.message_dict else k: v for k, v in error.message_dict.items()}
        ) from error
    image.save()
    record_change(
        actor=actor, instance=image, action=AuditEntry.Action.CREATE, project_id=practice.project_id
    )
    return image


@transaction.atomic
def add_document(*, actor, practice: GoodPractice, file, title: str, language: str = "") -> PracticeDocument:
    """Attach a document (PDF or office file, at most 10 MB)."""
    require(actor, "practices.change_goodpractice", practice)
    document = PracticeDocument(
        practice=practice, file=file, title=title, language=language, position=practice.documents.count()
    )
    try:
        document.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {"document" if k == "file" else k: v for k, v in error.message_dict.items()}
        ) from error
    document.save()
    record_change(
        actor=actor, instance=document, action=AuditEntry.Action.CREATE, project_id=practice.project_id
    )
    return document
