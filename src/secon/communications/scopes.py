"""Page-cache scopes of the news pages and feeds, and which records belong to them."""

from secon.communications.models import (
    Article,
    ArticleAttachment,
    ArticleImage,
    ArticleVersion,
    Campaign,
    Delivery,
    DraftParagraph,
    NameForm,
    ProjectLook,
    Subscriber,
)
from secon.core import cache
from secon.projects.scopes import project_scope

ALL_NEWS_SCOPE = "news"


def news_scope(project_slug: str) -> str:
    """Name the scope of a project's news list and feeds."""
    return f"news:{project_slug}"


def article_scope(project_slug: str, article_slug: str) -> str:
    """Name the scope of one article's pages (every language, its images, its PDF)."""
    return f"article:{project_slug}:{article_slug}"


def article_scopes(article: Article) -> list[str]:
    slug = article.project.slug
    return [article_scope(slug, article.slug), news_scope(slug), ALL_NEWS_SCOPE]


def touch_article(article: Article) -> None:
    """Invalidate the article's pages, the news lists and the feeds."""
    cache.touch(*article_scopes(article))


@cache.record_scopes(Article)
def _article(article: Article) -> list[str]:
    return article_scopes(article)


@cache.record_scopes(ArticleVersion)
def _version(version: ArticleVersion) -> list[str]:
    return article_scopes(version.article)


@cache.record_scopes(ArticleImage)
def _image(image: ArticleImage) -> list[str]:
    return article_scopes(image.article)


@cache.record_scopes(ArticleAttachment)
def _attachment(attachment: ArticleAttachment) -> list[str]:
    return article_scopes(attachment.version.article)


@cache.record_scopes(ProjectLook)
def _look(look: ProjectLook) -> list[str]:
    # Every page of the project shows its look (each is cached under the project's scope).
    return [project_scope(look.project.slug), news_scope(look.project.slug), ALL_NEWS_SCOPE]


cache.not_on_cached_pages(
    DraftParagraph, reason="shown to staff only; the version's text is what is published"
)

cache.not_on_cached_pages(NameForm, reason="used when drafting press releases, whose text is then published")

cache.not_on_cached_pages(Subscriber, reason="the newsletter's readers, shown to its editors only")
cache.not_on_cached_pages(Campaign, reason="newsletters are sent by e-mail and shown to their editors only")
cache.not_on_cached_pages(Delivery, reason="shown to the newsletter's editors only")


def news_page_scopes(request, project: str, **kwargs) -> list[str]:
    return [project_scope(project), news_scope(project)]


def article_page_scopes(request, project: str, article: str, **kwargs) -> list[str]:
    return [project_scope(project), article_scope(project, article)]
