"""Press releases drafted from an event's records, one version per language, paragraph by paragraph.

Each paragraph keeps the text it was generated with (and its hash). Drafting again replaces only
the paragraphs nobody edited; an edited paragraph is kept, flagged, and offered the new text.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.communications.drafting.compose import compose
from secon.communications.enums import ArticleKind
from secon.communications.models import Article, ArticleVersion, DraftParagraph, text_hash
from secon.communications.services.articles import create_article, save_version
from secon.communications.validators import validate_markdown
from secon.core.permissions import require
from secon.events.models import Event

OWN_FIELDS = ("title", "summary")


def _article_for(*, actor, event: Event, language: str) -> Article:
    article = Article.objects.filter(
        project=event.project, event=event, kind=ArticleKind.PRESS_RELEASE
    ).first()
    if article is not None:
        return article
    slug, n = f"press-release-{event.slug}"[:76], 1
    while Article.objects.filter(project=event.project, slug=slug).exists():
        n += 1
        slug = f"press-release-{event.slug}"[:72] + f"-{n}"
    return create_article(
        actor=actor,
        project=event.project,
        kind=ArticleKind.PRESS_RELEASE,
        slug=slug,
        source_language=language,
        title=str(event.title)[:200] or event.slug,
        event=event,
    )


def _body(paragraphs: list[DraftParagraph]) -> str:
    return "\n\n".join(
        p.text for p in sorted(paragraphs, key=lambda p: p.position) if p.key not in OWN_FIELDS
    )


def _save_texts(*, actor, version: ArticleVersion, paragraphs: list[DraftParagraph]) -> ArticleVersion:
    by_key = {paragraph.key: paragraph.text for paragraph in paragraphs}
    return save_version(
        actor=actor,
        article=version.article,
        language=version.language,
        title=by_key.get("title", version.title)[:200],
        summary=by_key.get("summary", version.summary),
        body=_body(paragraphs),
    )


@transaction.atomic
def draft_press_release(*, actor, event: Event, language: str, mode: str = "auto") -> ArticleVersion:
    """Draft (or draft again) the event's press release in one language from the records.

    Raise ``ValidationError`` naming what is missing (a host, a city, the attendance of a report);
    nothing is saved then. Paragraphs a person edited are kept and flagged.
    """
    event = Event.objects.select_related("project", "host_partner__organisation", "host_organisation").get(
        pk=event.pk
    )
    require(actor, "communications.change_article", event.project)
    if language not in event.project.content_languages:
        raise ValidationError({"language": _("Choose one of the project's content languages.")})
    article = _article_for(actor=actor, event=event, language=language)
    version = article.versions.filter(language=language).first()
    if mode == "auto" and version is not None and version.draft_mode:
        mode = version.draft_mode  # drafting again keeps an announcement an announcement
    draft = compose(event=event, language=language, mode=mode)
    if version is None:
        first = {p.key: p.text for p in draft.paragraphs}
        version = save_version(actor=actor, article=article, language=language, title=first["title"][:200])
    existing = {paragraph.key: paragraph for paragraph in DraftParagraph.objects.filter(version=version)}
    kept = []
    for position, generated in enumerate(draft.paragraphs):
        paragraph = existing.pop(generated.key, None) or DraftParagraph(version=version, key=generated.key)
        facts = [fact.__dict__ for fact in generated.facts]
        edited = paragraph.pk is not None and paragraph.is_edited
        paragraph.position = position
        paragraph.facts = facts
        paragraph.generated_text = generated.text
        paragraph.generated_hash = text_hash(generated.text)
        if not edited:
            paragraph.text = generated.text
        paragraph.save()
        kept.append(paragraph)
    for leftover in existing.values():
        if leftover.is_edited:  # a person's paragraph the records no longer give: kept, at the end
            leftover.position = len(kept)
            leftover.generated_text, leftover.generated_hash = "", text_hash("")
            leftover.save()
            kept.append(leftover)
        else:
            leftover.delete()
    if version.draft_mode != draft.mode:
        ArticleVersion.objects.filter(pk=version.pk).update(draft_mode=draft.mode)
    return _save_texts(actor=actor, version=version, paragraphs=kept)


@transaction.atomic
def edit_paragraphs(*, actor, version: ArticleVersion, texts: dict[str, str]) -> ArticleVersion:
    """Save a person's changes to paragraphs of a drafted press release (they survive drafting again)."""
    version = ArticleVersion.objects.select_related("article__project").get(pk=version.pk)
    require(actor, "communications.change_article", version.article)
    paragraphs = list(DraftParagraph.objects.filter(version=version).order_by("position"))
    errors = {}
    for paragraph in paragraphs:
        if paragraph.key not in texts:
            continue
        # Browsers send a textarea's line breaks as CRLF: not an edit.
        text = (texts[paragraph.key] or "").replace("\r\n", "\n").strip()
        try:
            validate_markdown(text)
            if paragraph.key == "title" and not text:
                raise ValidationError(_("The title cannot be empty."))
            if len(text) > (200 if paragraph.key == "title" else 5000):
                raise ValidationError(_("This paragraph is too long."))
        except ValidationError as error:
            errors[f"paragraph_{paragraph.key}"] = error.messages
        paragraph.text = text
    if errors:
        raise ValidationError(errors)
    for paragraph in paragraphs:
        paragraph.save(update_fields=["text"])
    return _save_texts(actor=actor, version=version, paragraphs=paragraphs)


@transaction.atomic
def restore_paragraph(*, actor, paragraph: DraftParagraph) -> ArticleVersion:
    """Replace a person's edit of a paragraph by what the records give now."""
    paragraph = DraftParagraph.objects.select_related("version__article__project").get(pk=paragraph.pk)
    version = paragraph.version
    return edit_paragraphs(actor=actor, version=version, texts={paragraph.key: paragraph.generated_text})
