"""Write articles: create, edit a language's version, move it through review, publish it on its own.

Every write checks the actor's permission, is atomic and audit-logged, and refreshes the cached
news pages and feeds it changes (through the scopes declared in ``communications/scopes.py``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.communications import tasks
from secon.communications.enums import APPROVED_STATUSES, MANUAL_STATUSES, ArticleKind, VersionStatus
from secon.communications.models import Article, ArticleVersion
from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.events.models import Event
from secon.projects.models import Project

ARTICLE_FIELDS = ("kind", "slug", "source_language", "event", "embargo_until")
VERSION_FIELDS = ("title", "summary", "body")
RESERVED_SLUGS = frozenset({"feed", "atom", "json", "subscribe", "newsletter"})


def _check_fields(values: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _check_article(article: Article) -> None:
    article.full_clean(exclude=["project", "created_by"])
    errors = {}
    if article.slug in RESERVED_SLUGS:
        errors["slug"] = _("This address name is reserved; choose another.")
    if article.source_language not in article.project.content_languages:
        errors["source_language"] = _("Choose one of the project's content languages.")
    if article.event_id and article.event.project_id != article.project_id:
        errors["event"] = _("Choose an event of this project.")
    if Article.objects.filter(project=article.project, slug=article.slug).exclude(pk=article.pk).exists():
        errors["slug"] = _("Another article already has this address name.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_article(
    *,
    actor,
    project: Project,
    kind: str = ArticleKind.NEWS,
    slug: str,
    source_language: str,
    title: str,
    summary: str = "",
    body: str = "",
    event: Event | None = None,
    embargo_until: datetime.datetime | None = None,
) -> Article:
    """Start an article with its first version (a draft in the language it is written in)."""
    require(actor, "communications.change_article", project)
    article = Article(
        project=project,
        kind=kind,
        slug=slug,
        source_language=source_language,
        event=event,
        embargo_until=embargo_until,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check_article(article)
    article.save()
    record_change(actor=actor, instance=article, action=AuditEntry.Action.CREATE, project_id=project.pk)
    save_version(
        actor=actor, article=article, language=source_language, title=title, summary=summary, body=body
    )
    return article


@transaction.atomic
def update_article(*, actor, article: Article, **values) -> Article:
    """Change what an article is (type, address, embargo, event); its texts have their own service."""
    _check_fields(values, ARTICLE_FIELDS)
    article = Article.objects.select_for_update().select_related("project").get(pk=article.pk)
    require(actor, "communications.change_article", article)
    if "embargo_until" in values and article.versions.filter(published_at__isnull=False).exists():
        require(actor, "communications.publish_article", article)
    with audited(actor=actor, instance=article, project_id=article.project_id):
        for name, value in values.items():
            setattr(article, name, value)
        _check_article(article)
        article.save()
    _schedule_embargo_release(article)
    return article


def _check_version(version: ArticleVersion) -> None:
    errors = {}
    try:
        version.full_clean(exclude=["article", "status"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if version.language not in version.article.project.content_languages:
        errors.setdefault("language", []).append(_("This is not one of the project's content languages."))
    if errors:
        raise ValidationError(errors)


def _mark_translations_outdated(*, actor, article: Article, source: ArticleVersion) -> None:
    """After the source text changed, approved and published translations no longer match it."""
    outdated = article.versions.exclude(pk=source.pk).filter(status__in=APPROVED_STATUSES)
    for version in outdated.select_for_update():
        with audited(actor=actor, instance=version, project_id=article.project_id):
            version.status = VersionStatus.OUTDATED
            version.save(update_fields=["status"])


@transaction.atomic
def save_version(*, actor, article: Article, language: str, **values) -> ArticleVersion:
    """Write the title, summary and text of one language (created as a draft when it is missing).

    Approved and published texts are changed only by those who may publish. When the source
    language's text changes, the approved and published translations become "outdated".
    """
    _check_fields(values, VERSION_FIELDS)
    article = Article.objects.select_for_update().select_related("project").get(pk=article.pk)
    require(actor, "communications.change_article", article)
    version = article.versions.select_for_update().filter(language=language).first()
    creating = version is None
    if creating:
        version = ArticleVersion(article=article, language=language, status=VersionStatus.DRAFT)
    elif version.status in APPROVED_STATUSES:
        require(actor, "communications.publish_article", article)
    before_hash = None if creating else version.content_hash()
    with audited(
        actor=actor,
        instance=version,
        project_id=article.project_id,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
    ):
        for name, value in values.items():
            setattr(version, name, (value or "").strip())
        _check_version(version)
        if language != article.source_language:
            source = article.versions.filter(language=article.source_language).first()
            version.source_hash = source.content_hash() if source else ""
        changed = version.content_hash() != before_hash
        if changed:
            version.changed_at = timezone.now()
        version.save()
    if changed and not creating and language == article.source_language:
        _mark_translations_outdated(actor=actor, article=article, source=version)
    return version


#: The statuses a version may come from, per status it moves to (approving "outdated" confirms it).
_FROM = {
    VersionStatus.DRAFT: {VersionStatus.IN_TRANSLATION, VersionStatus.NEEDS_REVIEW, VersionStatus.OUTDATED,
                          VersionStatus.APPROVED},
    VersionStatus.IN_TRANSLATION: {VersionStatus.DRAFT, VersionStatus.NEEDS_REVIEW, VersionStatus.OUTDATED},
    VersionStatus.NEEDS_REVIEW: {VersionStatus.DRAFT, VersionStatus.IN_TRANSLATION, VersionStatus.OUTDATED,
                                 VersionStatus.APPROVED},
    VersionStatus.APPROVED: {VersionStatus.DRAFT, VersionStatus.IN_TRANSLATION, VersionStatus.NEEDS_REVIEW,
                             VersionStatus.OUTDATED},
}  # fmt: skip


@transaction.atomic
def set_version_status(*, actor, version: ArticleVersion, status: str) -> ArticleVersion:
    """Move a version along draft → in translation → needs review → approved (approving: coordinators)."""
    version = ArticleVersion.objects.select_for_update().select_related("article__project").get(pk=version.pk)
    article = version.article
    require(actor, "communications.change_article", article)
    if status not in MANUAL_STATUSES:
        raise ValidationError({"status": _("Choose draft, in translation, needs review or approved.")})
    if status == VersionStatus.APPROVED or version.status in APPROVED_STATUSES:
        require(actor, "communications.publish_article", article)
    if version.status == VersionStatus.PUBLISHED:
        raise ValidationError({"status": _("Take the version off the site first.")})
    if version.status not in _FROM[status]:
        raise ValidationError(
            {"status": _("A version that is “%(current)s” cannot become “%(new)s”.")
             % {"current": version.get_status_display(), "new": VersionStatus(status).label}}
        )  # fmt: skip
    with audited(actor=actor, instance=version, project_id=article.project_id):
        version.status = status
        version.save(update_fields=["status"])
    return version


def publication_problems(*, version: ArticleVersion) -> list[str]:
    """Return why the version may not be published yet (empty when it may)."""
    problems = []
    if version.status != VersionStatus.APPROVED:
        problems.append(_("Only an approved version can be published; this one is “%(status)s”.")
                        % {"status": version.get_status_display()})  # fmt: skip
    if not version.body.strip():
        problems.append(_("The text is empty."))
    missing_alt = [
        image for image in version.article.images.all() if not image.alt_text.get(version.language)
    ]
    if missing_alt:
        problems.append(
            ngettext(
                "%(count)d image has no alternative text in this language; add it before publishing.",
                "%(count)d images have no alternative text in this language; add it before publishing.",
                len(missing_alt),
            )
            % {"count": len(missing_alt)}
        )
    return problems


@transaction.atomic
def publish_version(*, actor, version: ArticleVersion) -> ArticleVersion:
    """Put one language's approved text on the public site (from the embargo on, if there is one)."""
    version = ArticleVersion.objects.select_for_update().select_related("article__project").get(pk=version.pk)
    require(actor, "communications.publish_article", version.article)
    problems = publication_problems(version=version)
    if problems:
        raise ValidationError({"status": problems})
    now = timezone.now()
    with audited(actor=actor, instance=version, project_id=version.article.project_id):
        version.status = VersionStatus.PUBLISHED
        version.published_at = now
        version.first_published_at = version.first_published_at or now
        version.save(update_fields=["status", "published_at", "first_published_at"])
    _schedule_embargo_release(version.article)
    return version


@transaction.atomic
def unpublish_version(*, actor, version: ArticleVersion) -> ArticleVersion:
    """Take one language's text off the public site; it stays approved."""
    version = ArticleVersion.objects.select_for_update().select_related("article__project").get(pk=version.pk)
    require(actor, "communications.publish_article", version.article)
    if version.published_at is None:
        raise ValidationError({"status": _("This version is not on the site.")})
    with audited(actor=actor, instance=version, project_id=version.article.project_id):
        if version.status == VersionStatus.PUBLISHED:
            version.status = VersionStatus.APPROVED
        version.published_at = None
        version.save(update_fields=["status", "published_at"])
    return version


def _schedule_embargo_release(article: Article) -> None:
    """Refresh the cached pages when the embargo ends (they were built without the article)."""
    if article.embargo_until and article.embargo_until > timezone.now():
        tasks.release_embargo.enqueue(
            article_id=article.pk,
            key=f"communications.embargo:{article.pk}:{article.embargo_until.isoformat()}",
            project_id=article.project_id,
            delay=article.embargo_until - timezone.now(),
        )
