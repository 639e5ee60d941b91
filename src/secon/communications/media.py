"""Who may open an article's pictures (registered with core.media in ``ready()``)."""

from secon.communications.models import ArticleImage, ArticleVersion
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
