"""Documents attached to one language's version of an article: added, listed on its page, removed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.communications.models import ArticleAttachment, ArticleVersion
from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require

MAX_ATTACHMENTS = 10


def _require_for(actor, version: ArticleVersion) -> None:
    """Partner editors change drafts; a published version's files are changed by those who publish."""
    require(actor, "communications.change_article", version.article)
    if version.is_published:
        require(actor, "communications.publish_article", version.article)


@transaction.atomic
def add_attachment(*, actor, version: ArticleVersion, file, title: str) -> ArticleAttachment:
    """Attach a document (PDF or office file, at most 10 MB, its type read from its content)."""
    version = ArticleVersion.objects.select_for_update().select_related("article__project").get(pk=version.pk)
    _require_for(actor, version)
    if version.attachments.count() >= MAX_ATTACHMENTS:
        message = ngettext(
            "A version has at most %(count)d attachment.",
            "A version has at most %(count)d attachments.",
            MAX_ATTACHMENTS,
        )
        raise ValidationError({"file": message % {"count": MAX_ATTACHMENTS}})
    if file is None:
        raise ValidationError({"file": _("Choose a file.")})
    position = (version.attachments.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    attachment = ArticleAttachment(version=version, file=file, title=(title or "").strip(), position=position)
    attachment.full_clean(exclude=["version"])
    attachment.save()
    record_change(
        actor=actor,
        instance=attachment,
        action=AuditEntry.Action.CREATE,
        project_id=version.article.project_id,
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment: ArticleAttachment) -> None:
    """Remove a document (and its file once the removal is committed)."""
    attachment = (
        ArticleAttachment.objects.select_for_update()
        .select_related("version__article__project")
        .get(pk=attachment.pk)
    )
    version = attachment.version
    _require_for(actor, version)
    with audited(
        actor=actor,
        instance=attachment,
        project_id=version.article.project_id,
        action=AuditEntry.Action.DELETE,
    ):
        pass
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
