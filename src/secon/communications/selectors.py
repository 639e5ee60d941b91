"""Read articles: the staff matrix of articles × languages, the public news, in fixed numbers of queries."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from secon.communications.enums import VersionStatus
from secon.communications.models import (
    Article,
    ArticleAttachment,
    ArticleImage,
    ArticleVersion,
    Campaign,
    DraftParagraph,
    ProjectLook,
    Subscriber,
)
from secon.core.i18n import Translations
from secon.organisations.notices import PrivacyNoticeVersion
from secon.projects import prepared
from secon.projects.models import Project
from secon.projects.selectors import shown_publicly
from secon.projects.tenancy import scopes_disabled

#: At most this many items in a feed.
FEED_ITEMS = 50


@dataclass
class MatrixRow:
    article: Article
    #: (language, version or None when missing), in the project's language order.
    cells: list[tuple[str, ArticleVersion | None]]
    #: The title in the language the article is written in.
    title: str = ""


def list_articles_for_staff(*, project: Project) -> QuerySet[Article]:
    """Return every article of the project, newest first, with its versions (two queries)."""
    return (
        Article.objects.filter(project=project)
        .select_related("event")
        .prefetch_related(Prefetch("versions", queryset=ArticleVersion.objects.order_by("language")))
        .order_by("-created_at", "-pk")
    )


def article_matrix(*, project: Project, articles: list[Article] | None = None) -> list[MatrixRow]:
    """Return one row per article with a cell per content language (missing versions are None)."""
    if articles is None:
        articles = list(list_articles_for_staff(project=project))
    languages = list(project.content_languages or ["en"])
    rows = []
    for article in articles:
        by_language = {version.language: version for version in article.versions.all()}
        extra = sorted(set(by_language) - set(languages))
        source = by_language.get(article.source_language) or next(iter(by_language.values()), None)
        cells = [(code, by_language.get(code)) for code in [*languages, *extra]]
        rows.append(MatrixRow(article, cells, source.title if source else article.slug))
    return rows


def status_counts(rows: list[MatrixRow]) -> dict[str, int]:
    """Count the cells per status ("missing" for absent versions), for the matrix's summary."""
    counts = dict.fromkeys(VersionStatus.values, 0)
    for row in rows:
        for _code, version in row.cells:
            counts[version.status if version else VersionStatus.MISSING] += 1
    return counts


def get_article_for_staff(*, project: Project, pk: int) -> Article:
    article = (
        Article.objects.filter(project=project, pk=pk)
        .select_related("project", "event")
        .prefetch_related(
            Prefetch("versions", queryset=ArticleVersion.objects.order_by("language")),
            Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk")),
        )
        .first()
    )
    if article is None:
        raise Http404("No such article")
    return article


def public_versions(now=None) -> Q:
    """The condition "this version is on the public site now" (published, embargo over, project public)."""
    now = now or timezone.now()
    return (
        Q(published_at__isnull=False, published_at__lte=now)
        & (Q(article__embargo_until__isnull=True) | Q(article__embargo_until__lte=now))
        & shown_publicly("article__project")
    )


def _public_articles(project: Project | None, language: str | None) -> QuerySet[Article]:
    visible = ArticleVersion.objects.filter(public_versions(), article=OuterRef("pk"))
    if language:
        visible = visible.filter(language=language)
    articles = Article.objects.filter(Exists(visible))
    if project is not None:
        articles = articles.filter(project=project)
    return articles


def _with_public_versions(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.select_related("project", "event").prefetch_related(
        Prefetch(
            "versions",
            queryset=ArticleVersion.objects.filter(public_versions()).order_by("language"),
            to_attr="public_versions",
        ),
        Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk")),
    )


def get_news_page(*, project: Project, number, per_page: int = 20) -> Page:
    """Return one page of the project's public articles, newest first, in four queries.

    Raise ``InvalidPage`` for a page that is not there. Each article carries ``public_versions``.
    """
    articles = _public_articles(project, None).order_by("-created_at", "-pk")
    page = Paginator(articles.values_list("pk", flat=True), per_page).page(number)
    ids = list(page.object_list)
    found = {article.pk: article for article in _with_public_versions(Article.objects.filter(pk__in=ids))}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def get_public_article(*, project: Project, slug: str) -> Article:
    """Return the article with its public versions and images, or raise Http404."""
    article = _with_public_versions(_public_articles(project, None).filter(slug=slug)).first()
    if article is None:
        raise Http404("No such article")
    return article


def list_feed_versions(*, project: Project | None, language: str) -> list[ArticleVersion]:
    """Return the newest public versions in one language (of one project, or of every public project)."""
    if project is None:
        # The installation-wide feed reads every public project's articles.
        with scopes_disabled():
            return _feed_versions(ArticleVersion.objects.filter(public_versions(), language=language))
    return _feed_versions(
        ArticleVersion.objects.filter(public_versions(), language=language, article__project=project)
    )


def _feed_versions(versions: QuerySet[ArticleVersion]) -> list[ArticleVersion]:
    return list(
        versions.select_related("article__project", "article__event")
        .prefetch_related(
            Prefetch("article__images", queryset=ArticleImage.objects.order_by("position", "pk"))
        )
        .order_by("-published_at", "-pk")[:FEED_ITEMS]
    )


def choose_version(article: Article, language: str, fallbacks: list[str]) -> ArticleVersion | None:
    """Pick the public version in ``language``, else along the project's fallback order."""
    by_language = {version.language: version for version in article.public_versions}
    for code in [language, *fallbacks, article.source_language, *sorted(by_language)]:
        if code in by_language:
            return by_language[code]
    return None


def press_releases_by_event(*, project: Project) -> dict[int, Article]:
    """Return the press release drafted for each event of the project, with its versions (two queries)."""
    articles = (
        Article.objects.filter(project=project, kind="press_release", event__isnull=False)
        .prefetch_related(Prefetch("versions", queryset=ArticleVersion.objects.order_by("language")))
        .order_by("pk")
    )
    found: dict[int, Article] = {}
    for article in articles:
        found.setdefault(article.event_id, article)
    return found


def press_release_of_event(*, event) -> Article | None:
    """Return the press release drafted for the event, with its versions, or ``None`` (two queries)."""
    return (
        Article.objects.filter(project_id=event.project_id, kind="press_release", event=event)
        .prefetch_related(Prefetch("versions", queryset=ArticleVersion.objects.order_by("language")))
        .order_by("pk")
        .first()
    )


def list_paragraphs(*, version: ArticleVersion) -> list:
    """Return the drafted paragraphs of a version, in order."""
    return list(DraftParagraph.objects.filter(version=version).order_by("position"))


def audience_counts(*, project: Project) -> list[tuple[str, int]]:
    """Return (language, confirmed subscribers) for each of the project's languages (one query)."""
    rows = dict(
        Subscriber.objects.filter(project=project, status=Subscriber.Status.CONFIRMED)
        .values_list("language")
        .annotate(count=Count("pk"))
        .values_list("language", "count")
    )
    return [(code, rows.get(code, 0)) for code in project.content_languages]


def suppressed_count(*, project: Project) -> int:
    """How many of the project's addresses bounced or complained (they get no newsletter)."""
    return Subscriber.objects.filter(project=project, status=Subscriber.Status.SUPPRESSED).count()


def delivery_counts(*, campaign: Campaign) -> dict[str, int]:
    return dict(
        campaign.deliveries.values_list("status").annotate(count=Count("pk")).values_list("status", "count")
    )


def list_public_articles(*, project: Project | None = None) -> QuerySet[Article]:
    """Return the articles on the public site (each with ``public_versions``), for the API's lists."""
    return _with_public_versions(_public_articles(project, None))


def get_look(*, project: Project) -> ProjectLook:
    """Return the project's look, or SECON Hub's own (unsaved) when the project has set none."""
    # Compiled once per project (secon.projects.prepared): every public page of a project reads it.
    looks = prepared.rows(
        ("communications.look", project.pk),
        lambda: ProjectLook.objects.filter(project=project).order_by("pk")[:1],
    )
    found = looks[0] if looks else None
    return found or ProjectLook(project=project, funding_statement=Translations())


def list_attachments(*, version: ArticleVersion | None) -> list[ArticleAttachment]:
    """Return the documents attached to a version, in order (none for a version not written yet)."""
    if version is None or version.pk is None:
        return []
    return list(ArticleAttachment.objects.filter(version=version).order_by("position", "pk"))


def subscriber_notice_to_agree_again(*, subscriber: Subscriber) -> PrivacyNoticeVersion | None:
    """Return the project's current privacy notice when a material change came after the version the
    confirmed subscriber agreed to (None otherwise; see ``communications/notice_emails.py``)."""
    agreed = subscriber.privacy_notice
    if agreed is None or subscriber.status != Subscriber.Status.CONFIRMED:
        return None
    with scopes_disabled():  # a worker or a public page: the subscriber's project is given
        newer = PrivacyNoticeVersion.objects.filter(
            project_id=subscriber.project_id, number__gt=agreed.number
        )
        if not newer.filter(material=True).exists():
            return None
        return newer.order_by("-number").first()
