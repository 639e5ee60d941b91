"""Background work of communications."""

from secon.communications.models import Article
from secon.communications.scopes import touch_article
from secon.core.tasks import background


@background(max_attempts=3)
def release_embargo(*, article_id: int) -> None:
    """The embargo of an article ended: its pages, the news lists and the feeds show it now."""
    article = Article.objects.select_related("project").filter(pk=article_id).first()
    if article is not None:
        touch_article(article)
