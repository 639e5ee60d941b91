"""Who may open an article's pictures and the project's logos (registered with core.media in ``ready()``)."""

from secon.communications.models import ArticleAttachment, ArticleImage, ArticleVersion, ProjectLook
from secon.communications.selectors import public_versions
from secon.core.media import register_media


def is_public(image: ArticleImage) -> bool:
    """Pictures of an article that is on the public site now, in at least one language."""
    return ArticleVersion.objects.filter(public_versions(), article_id=image.article_id).exists()


def may_see(user, image: ArticleImage) -> bool:
    """Otherwise the project's members (who may read the article's drafts)."""
    return user.has_perm("communications.view_article", image.article)


register_media(
    prefix="communications/",
    model=ArticleImage,
    is_public=is_public,
    may_see=may_see,
    select_related=("article__project",),
)


def attachment_is_public(attachment: ArticleAttachment) -> bool:
    """Documents of a version that is on the public site now."""
    return ArticleVersion.objects.filter(public_versions(), pk=attachment.version_id).exists()


def may_see_attachment(user, attachment: ArticleAttachment) -> bool:
    return user.has_perm("communications.view_article", attachment.version.article)


register_media(
    prefix="communications/",
    model=ArticleAttachment,
    is_public=attachment_is_public,
    may_see=may_see_attachment,
    select_related=("version__article__project",),
)


def logo_is_public(look: ProjectLook) -> bool:
    """The logos of a project shown on the public site (its pages, PDFs and e-mails show them)."""
    return look.project.is_public


def may_see_logo(user, look: ProjectLook) -> bool:
    return user.has_perm("communications.view_article", look.project)


for _prefix, _field in (
    ("communications/logo/", "logo"),
    ("communications/programme-logo/", "programme_logo"),
):
    register_media(
        prefix=_prefix,
        model=ProjectLook,
        field=_field,
        is_public=logo_is_public,
        may_see=may_see_logo,
        select_related=("project",),
    )
