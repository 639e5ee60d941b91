"""Pictures of an article: uploaded (type and size checked by decoding), described, credited, removed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import ngettext

from secon.communications.models import Article, ArticleImage
from secon.core.audit import audited, record_change
from secon.core.i18n import clean_translations
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.core.uploads import reencode_image

MAX_IMAGES = 20


@transaction.atomic
def add_image(
    *, actor, article: Article, file, alt_text: dict, credit: str, photo_consent: str
) -> ArticleImage:
    """Attach a picture; its alternative text may be completed per language before publication."""
    article = Article.objects.select_for_update().select_related("project").get(pk=article.pk)
    require(actor, "communications.change_article", article)
    if article.images.count() >= MAX_IMAGES:
        raise ValidationError(
            {
                "file": ngettext(
                    "An article has at most %(count)d picture.",
                    "An article has at most %(count)d pictures.",
                    MAX_IMAGES,
                )
                % {"count": MAX_IMAGES}
            }
        )
    try:
        file = reencode_image(file)  # only the picture is stored: no appended bytes, no metadata
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    try:
        alt = clean_translations(alt_text, max_length=250)
    except ValidationError as error:
        raise ValidationError({"alt_text": error.messages}) from error
    position = (article.images.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    image = ArticleImage(
        article=article,
        file=file,
        alt_text=alt,
        credit=credit.strip(),
        photo_consent=photo_consent,
        position=position,
    )
    image.full_clean(exclude=["article"])
    image.save()
    record_change(actor=actor, instance=image, action=AuditEntry.Action.CREATE, project_id=article.project_id)
    return image


@transaction.atomic
def describe_image(
    *, actor, image: ArticleImage, alt_text: dict, credit: str, photo_consent: str
) -> ArticleImage:
    """Change a picture's alternative texts, credit and the consent of those shown."""
    image = ArticleImage.objects.select_for_update().select_related("article__project").get(pk=image.pk)
    article = image.article
    require(actor, "communications.change_article", article)
    if article.versions.filter(published_at__isnull=False).exists():
        require(actor, "communications.publish_article", article)
    with audited(actor=actor, instance=image, project_id=article.project_id):
        try:
            image.alt_text = clean_translations(alt_text, max_length=250)
        except ValidationError as error:
            raise ValidationError({"alt_text": error.messages}) from error
        image.credit = credit.strip()
        image.photo_consent = photo_consent
        image.full_clean(exclude=["article", "file"])
        image.save()
    return image


@transaction.atomic
def remove_image(*, actor, image: ArticleImage) -> None:
    """Remove a picture (and its file once the removal is committed)."""
    image = ArticleImage.objects.select_for_update().select_related("article__project").get(pk=image.pk)
    article = image.article
    require(actor, "communications.change_article", article)
    if article.versions.filter(published_at__isnull=False).exists():
        require(actor, "communications.publish_article", article)
    with audited(actor=actor, instance=image, project_id=article.project_id, action=AuditEntry.Action.DELETE):
        pass
    name, storage = image.file.name, image.file.storage
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))
