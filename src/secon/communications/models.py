"""Articles (news, press releases, event reports), one version per content language, their images,
and the generated paragraphs of press releases drafted from an event."""

import hashlib

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.communications.enums import ArticleKind, PhotoConsent, VersionStatus
from secon.communications.validators import (
    validate_colour,
    validate_content_language,
    validate_markdown,
    validate_moment,
)
from secon.core.i18n import TranslatedField
from secon.practices.validators import validate_document, validate_image
from secon.projects.tenancy import ProjectScopedModel, scoped_manager

MAX_BODY = 40_000


def text_hash(text: str) -> str:
    """Return the fingerprint of a text (a paragraph, a source version) to notice later edits."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


class Article(ProjectScopedModel):
    """A piece the project publishes; its texts live in one :class:`ArticleVersion` per language."""

    kind = models.CharField(_("type"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    slug = models.SlugField(_("address name"), max_length=80)
    source_language = models.CharField(
        _("written in"),
        max_length=8,
        validators=[validate_content_language],
        help_text=_("The language the other versions are translated from."),
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        validators=[validate_moment],
        help_text=_("Published versions appear on the public site only from this moment."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["project", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="unique_article_slug_per_project"),
        ]

    def __str__(self):
        return self.slug


class ArticleVersion(models.Model):
    """An article's text in one language, with its own status and publication."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("language"), max_length=8, validators=[validate_content_language])
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[MaxLengthValidator(600)],
        help_text=_("One or two sentences for lists, feeds and link previews."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        validators=[MaxLengthValidator(MAX_BODY), validate_markdown],
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists with “- ”, headings with “## ”."),
    )
    #: Fingerprint of the source version's text this translation was made from (empty for the source).
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    changed_at = models.DateTimeField(_("text changed"), auto_now_add=True)
    #: For a press release drafted from an event: "before" (an announcement) or "after" (a report).
    draft_mode = models.CharField(_("drafted as"), max_length=8, blank=True, editable=False)

    objects = scoped_manager("article__project")

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="one_version_per_language"),
        ]
        indexes = [models.Index(fields=["language", "published_at"], name="version_published_idx")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def content_hash(self) -> str:
        return text_hash("\n".join([self.title, self.summary, self.body]))


def _image_path(instance, filename: str) -> str:
    return f"communications/{instance.article_id}/images/{filename}"


class ArticleImage(models.Model):
    """A picture of an article, with its alt text per language, credit and the consent of those shown."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.ImageField(_("image"), upload_to=_image_path, validators=[validate_image])
    alt_text = TranslatedField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=150, help_text=_("Photographer or source."))
    photo_consent = models.CharField(
        _("people in the picture"),
        max_length=16,
        choices=PhotoConsent.choices,
        default=PhotoConsent.NO_PEOPLE,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, validators=[MaxValueValidator(999)])

    objects = scoped_manager("article__project")

    class Meta:
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        ordering = ["article", "position", "pk"]

    def __str__(self):
        return self.file.name


def _attachment_path(instance, filename: str) -> str:
    return f"communications/{instance.version.article_id}/files/{filename}"


class ArticleAttachment(models.Model):
    """A document attached to one language's version (a press kit, a programme): PDF or office file."""

    version = models.ForeignKey(
        ArticleVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, validators=[validate_document])
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0, validators=[MaxValueValidator(999)])

    objects = scoped_manager("version__article__project")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class DraftParagraph(models.Model):
    """One paragraph of a press release drafted from an event: what was generated, and what it says now.

    A person's edit is noticed by comparing ``text`` with ``generated_hash``; regenerating replaces
    only paragraphs nobody edited.
    """

    version = models.ForeignKey(
        ArticleVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    key = models.CharField(_("part"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), validators=[MaxValueValidator(999)])
    generated_text = models.TextField(_("generated text"), blank=True)
    generated_hash = models.CharField(max_length=64, blank=True)
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(5000), validate_markdown])
    #: [{"label": …, "value": …, "url": …, "record": "app.model:pk"}] – the records behind the text.
    facts = models.JSONField(_("facts"), default=list, blank=True)

    objects = scoped_manager("version__article__project")

    class Meta:
        verbose_name = _("press release paragraph")
        verbose_name_plural = _("press release paragraphs")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_paragraph_per_part"),
        ]

    def __str__(self):
        return f"{self.version} – {self.key}"

    @property
    def is_edited(self) -> bool:
        return text_hash(self.text) != self.generated_hash


class NameForm(models.Model):
    """How an organisation's name is written in running text of one language: with its article and cases.

    ``forms`` holds the name as it appears after the case's article, e.g. for German
    ``{"nom": "die Universität Extremadura", "dat": "der Universität Extremadura"}``; cases left out
    are derived from the nominative and ``gender`` (see ``drafting/grammar.py``). Installation-wide:
    an organisation is named the same way in every project.
    """

    class Gender(models.TextChoices):
        MASCULINE = "m", _("masculine")
        FEMININE = "f", _("feminine")
        NEUTER = "n", _("neuter")
        PLURAL = "pl", _("plural")
        NONE = "", _("no article (a proper name)")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="name_forms",
    )
    language = models.CharField(_("language"), max_length=8, validators=[validate_content_language])
    gender = models.CharField(_("grammatical gender"), max_length=2, choices=Gender.choices, blank=True)
    forms = models.JSONField(
        _("forms"),
        default=dict,
        help_text=_('Case → name with its article, e.g. {"nom": "die Universität Extremadura"}.'),
    )

    class Meta:
        verbose_name = _("name in running text")
        verbose_name_plural = _("names in running text")
        ordering = ["organisation", "language"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "language"], name="one_name_form_per_language"),
        ]

    def __str__(self):
        return f"{self.forms.get('nom', '')} ({self.language})"


class Subscriber(ProjectScopedModel):
    """An address that asked for a project's newsletter in one language (double opt-in)."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("subscriber status", "waiting for confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("subscriber status", "subscribed")
        UNSUBSCRIBED = "unsubscribed", pgettext_lazy("subscriber status", "unsubscribed")
        SUPPRESSED = "suppressed", pgettext_lazy("subscriber status", "suppressed (bounced or complained)")

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, validators=[validate_content_language])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    #: The consent as the person saw it when subscribing.
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consent_text = models.TextField(_("consent text"))
    #: The version of the project's privacy notice linked from the form when the person subscribed.
    privacy_notice = models.ForeignKey(
        "organisations.PrivacyNoticeVersion",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    #: Changes whenever the subscription is asked again, so older confirmation links stop working.
    nonce = models.CharField(max_length=32, editable=False)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["project", "email"]
        constraints = [
            models.UniqueConstraint(fields=["project", "email"], name="one_subscription_per_address"),
        ]
        indexes = [
            models.Index(fields=["project", "language", "status"], name="subscriber_audience_idx"),
            # Bounces and complaints name an address, not a project (services/suppression.py).
            models.Index(Lower("email"), name="subscriber_email_idx"),
        ]

    def __str__(self):
        return self.email


class Campaign(ProjectScopedModel):
    """One newsletter in one language, built from published articles, sent by workers in batches."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("newsletter status", "draft")
        SENDING = "sending", pgettext_lazy("newsletter status", "sending")
        PAUSED = "paused", pgettext_lazy("newsletter status", "paused")
        SENT = "sent", pgettext_lazy("newsletter status", "sent")
        CANCELLED = "cancelled", pgettext_lazy("newsletter status", "cancelled")

    language = models.CharField(_("language"), max_length=8, validators=[validate_content_language])
    subject = models.CharField(_("subject"), max_length=150)
    introduction = models.TextField(
        _("introduction"), blank=True, validators=[MaxLengthValidator(5000), validate_markdown]
    )
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles"), blank=True, related_name="campaigns"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    batch_size = models.PositiveSmallIntegerField(
        _("e-mails per batch"), default=200, validators=[MaxValueValidator(5000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["project", "-created_at", "-pk"]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """The newsletter to one subscriber: one row per campaign and address, so nobody gets it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("newsletter delivery status", "waiting")
        QUEUED = "queued", pgettext_lazy("newsletter delivery status", "handed to the mail queue")
        SKIPPED = "skipped", pgettext_lazy("newsletter delivery status", "skipped (unsubscribed meanwhile)")
        CANCELLED = "cancelled", pgettext_lazy("newsletter delivery status", "cancelled")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("newsletter"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    email = models.ForeignKey(
        "mail.Email",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)

    objects = scoped_manager("campaign__project")

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="one_delivery_per_subscriber"),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="delivery_status_idx")]

    def __str__(self):
        return f"{self.campaign} → {self.subscriber}"


def _logo_path(instance, filename: str) -> str:
    return f"communications/logo/{instance.project_id}/{filename}"


def _programme_logo_path(instance, filename: str) -> str:
    return f"communications/programme-logo/{instance.project_id}/{filename}"


class ProjectLook(ProjectScopedModel):
    """The project's own look on its public pages, PDFs and e-mails: logos, colours, funding statement.

    Both colours carry text (white on the primary colour; the accent colour on white), so each is
    checked against WCAG AA (4.5:1) when saved (``services/look.py``).
    """

    logo = models.ImageField(_("project logo"), upload_to=_logo_path, blank=True, validators=[validate_image])
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#1d4e89", validators=[validate_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#8a3b12", validators=[validate_colour]
    )
    programme_logo = models.ImageField(
        _("programme logo"), upload_to=_programme_logo_path, blank=True, validators=[validate_image]
    )
    funding_statement = TranslatedField(
        _("funding statement"),
        max_length=400,
        help_text=_("The sentence the programme requires on every publication, in each language."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("project look")
        verbose_name_plural = _("project looks")
        constraints = [models.UniqueConstraint(fields=["project"], name="one_look_per_project")]

    def __str__(self):
        return f"{self.project_id}: {self.primary_colour} / {self.accent_colour}"
