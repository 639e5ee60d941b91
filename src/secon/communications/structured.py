"""What an article page tells machines: schema.org ``NewsArticle`` JSON-LD, Open Graph and Twitter tags,
and the addresses of its versions (hreflang alternates)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from secon.communications.models import Article, ArticleImage, ArticleVersion
from secon.core.languages import INTERFACE_LANGUAGES
from secon.core.links import absolute_url
from secon.core.markup import plain_text

#: Open Graph locales of the content languages.
OG_LOCALES = {
    "en": "en_GB", "de": "de_DE", "es": "es_ES", "el": "el_GR", "pl": "pl_PL", "pt": "pt_PT",
    "ro": "ro_RO", "lv": "lv_LV", "bg": "bg_BG", "nl": "nl_NL", "fr": "fr_FR",
}  # fmt: skip


def version_path(article: Article, language: str) -> str:
    """Return the path of the article in one content language.

    A language of the interface gets the page in that language (``/de/secon/news/x/``); another
    (Polish, Latvian …) is shown inside the English pages (``/en/secon/news/x/pl/``).
    """
    kwargs = {"project": article.project.slug, "article": article.slug}
    if language in INTERFACE_LANGUAGES:
        with translation.override(language):
            return reverse("communications:article", kwargs=kwargs)
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("communications:article_in", kwargs={**kwargs, "language": language})


def image_url(image: ArticleImage) -> str:
    article = image.article
    return absolute_url(
        reverse(
            "communications:image",
            kwargs={"project": article.project.slug, "article": article.slug, "image": image.pk},
        )
    )


def alternates(article: Article) -> list[tuple[str, str]]:
    """Return (language, absolute URL) of every public version of the article."""
    return [
        (version.language, absolute_url(version_path(article, version.language)))
        for version in article.public_versions
    ]


def description(version: ArticleVersion) -> str:
    text = version.summary or plain_text(version.body)
    return text[:297] + "…" if len(text) > 300 else text


def article_json_ld(*, article: Article, version: ArticleVersion) -> dict:
    """Describe the article version as a ``NewsArticle``, linked to its translations."""
    project = article.project
    url = absolute_url(version_path(article, version.language))
    publisher = {
        "@type": "Organization",
        "name": project.acronym,
        "url": absolute_url(project.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": version.title[:110],
        "description": description(version),
        "inLanguage": version.language,
        "datePublished": (version.first_published_at or version.published_at).isoformat(),
        "dateModified": max(version.changed_at, version.published_at).isoformat(),
        "author": publisher,
        "publisher": publisher,
        "isAccessibleForFree": True,
    }
    images = list(article.images.all())
    if images:
        data["image"] = [image_url(image) for image in images]
    others = [other for other in article.public_versions if other.language != version.language]
    source = next((other for other in others if other.language == article.source_language), None)
    if version.language == article.source_language:
        if others:
            data["workTranslation"] = [
                {
                    "@type": "NewsArticle",
                    "@id": absolute_url(version_path(article, other.language)),
                    "inLanguage": other.language,
                }
                for other in others
            ]
    elif source is not None:
        data["translationOfWork"] = {
            "@type": "NewsArticle",
            "@id": absolute_url(version_path(article, source.language)),
            "inLanguage": source.language,
        }
    if article.embargo_until:
        data["datePublished"] = max(
            article.embargo_until, version.first_published_at or version.published_at
        ).isoformat()
    return data


def social_tags(*, article: Article, version: ArticleVersion) -> list[tuple[str, str, str]]:
    """Return (attribute, name, content) of the Open Graph and Twitter card meta tags."""
    url = absolute_url(version_path(article, version.language))
    images = list(article.images.all())
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", article.project.acronym),
        ("property", "og:title", version.title),
        ("property", "og:description", description(version)),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(version.language, version.language)),
    ]
    for other in article.public_versions:
        if other.language != version.language:
            tags.append(("property", "og:locale:alternate", OG_LOCALES.get(other.language, other.language)))
    tags.append(
        (
            "property",
            "article:published_time",
            (version.first_published_at or version.published_at).isoformat(),
        )
    )
    tags.append(
        ("property", "article:modified_time", max(version.changed_at, version.published_at).isoformat())
    )
    if images:
        tags.append(("property", "og:image", image_url(images[0])))
        alt = images[0].alt_text.get(version.language, "")
        if alt:
            tags.append(("property", "og:image:alt", alt))
    tags += [
        ("name", "twitter:card", "summary_large_image" if images else "summary"),
        ("name", "twitter:title", version.title),
        ("name", "twitter:description", description(version)),
    ]
    if images:
        tags.append(("name", "twitter:image", image_url(images[0])))
    return tags
