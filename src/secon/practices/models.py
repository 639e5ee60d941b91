from django_countries.fields import CountryField

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from secon.core.fields import latitude_field, longitude_field
from secon.core.i18n import TranslatedField, Translations
from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.practices.enums import PUBLIC_STATUSES, Action, Status, Theme, TransferStage, TranslationStatus
from secon.practices.exchange.models import FeedSubscription, RemotePractice  # noqa: F401  (models of the app)
from secon.practices.validators import validate_document, validate_image

#: The translated text sections of the programme's form, in the form's order.
#: The earliest year a practice may have started in (some run for decades).
PRACTICE_FIRST_YEAR = 1900

TEXT_SECTIONS = (
    "title",
    "summary",
    "description",
    "resources",
    "evidence",
    "transfer_potential",
    "difficulties",
)


class GoodPractice(models.Model):
    """A good practice documented in the programme's template, with its place in the workflow."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="practices",
        help_text=_("Only practices linked to the project count towards its indicators."),
    )
    title = TranslatedField(_("title"), max_length=100, help_text=_("At most 100 characters."))
    summary = TranslatedField(
        _("short summary"),
        max_length=500,
        multiline=True,
        help_text=_("Shown as subtitle and preview; a few sentences."),
    )
    description = TranslatedField(
        _("detailed description"),
        multiline=True,
        help_text=_("Objectives, stakeholders involved, beneficiaries."),
    )
    resources = TranslatedField(
        _("resources needed"), multiline=True, help_text=_("Money and staff needed to run it.")
    )
    evidence = TranslatedField(
        _("evidence of success"), multiline=True, help_text=_("Results, with figures where possible.")
    )
    transfer_potential = TranslatedField(
        _("potential for learning or transfer"),
        multiline=True,
        help_text=_("Why other regions could learn from it, and what they would need."),
    )
    difficulties = TranslatedField(_("difficulties encountered and lessons learnt"), multiline=True)
    expert_opinion = TranslatedField(
        _("expert opinion"), multiline=True, help_text=_("Added by a programme expert after validation.")
    )
    translation_status = models.JSONField(
        _("translation status"),
        default=dict,
        blank=True,
        help_text=_("Per language: draft or reviewed; a language without text is missing."),
    )
    # A practice may have begun long before the project that documents it.
    start_date = models.DateField(
        _("start"), null=True, blank=True, validators=[DateInRange(first_year=PRACTICE_FIRST_YEAR)]
    )
    end_date = models.DateField(
        _("end"), null=True, blank=True, validators=[DateInRange(first_year=PRACTICE_FIRST_YEAR)]
    )
    is_ongoing = models.BooleanField(_("ongoing"), default=False)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region (NUTS)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    main_institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("main institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("The institution responsible for the practice."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("documented by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documented_practices",
        help_text=_("The partner organisation that documents the practice; its editors may edit it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    period = models.ForeignKey(
        "projects.Period",
        verbose_name=_("counted in period"),
        null=True,
        blank=True,
        # Periods are re-derived from the project's dates; the workflow log keeps the number.
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, validators=[DateInRange()])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["project", "status"], name="practice_project_status_idx"),
            models.Index(fields=["status", "-published_at"], name="practice_status_pub_idx"),
            models.Index(fields=["theme"], name="practice_theme_idx"),
            models.Index(fields=["country"], name="practice_country_idx"),
            # updated_since: read in the order of change, counted from the index alone.
            models.Index(fields=["updated_at", "status", "project"], name="practice_changed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="practice_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.texts("title").render().text or _("Untitled practice #%(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        return reverse("practices:detail", kwargs={"project": self.project.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def text_languages(self) -> list[str]:
        """Return the languages in which at least one section has text."""
        found = set()
        for name in TEXT_SECTIONS:
            found.update(self.texts(name).languages())
        return sorted(found)

    def texts(self, name: str) -> Translations:
        """Return a translated section as :class:`Translations` (also on unsaved instances)."""
        value = getattr(self, name)
        return value if isinstance(value, Translations) else Translations(value or {})

    def translation_state(self, language: str) -> str:
        """Return missing / draft / reviewed for one language."""
        if not self.title.get(language):
            return TranslationStatus.MISSING
        return self.translation_status.get(language, TranslationStatus.DRAFT)


def _image_path(instance, filename: str) -> str:
    return f"practices/{instance.practice_id}/images/{filename}"


def _document_path(instance, filename: str) -> str:
    return f"practices/{instance.practice_id}/documents/{filename}"


class PracticeImage(models.Model):
    """A picture of the practice (JPEG, PNG or WebP, at most 5 MB)."""

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.ImageField(_("image"), upload_to=_image_path, validators=[validate_image])
    alt_text = TranslatedField(
        _("description for people who cannot see it"), max_length=250, help_text=_("Alternative text.")
    )
    credit = models.CharField(_("credit"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=integer_bounds(SMALL_INTEGER_MAX)
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["practice", "position", "id"]

    def __str__(self):
        return self.file.name


class PracticeDocument(models.Model):
    """A document about the practice (PDF or office file, at most 10 MB)."""

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=_document_path, validators=[validate_document])
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=integer_bounds(SMALL_INTEGER_MAX)
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["practice", "position", "id"]

    def __str__(self):
        return self.title


class WorkflowStep(models.Model):
    """One move of a practice through the workflow: who, when, from which state to which, and why."""

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    period = models.ForeignKey(
        "projects.Period",
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["practice", "created_at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"


class SearchEntry(models.Model):
    """The text of one practice in one language, as the full-text index reads it.

    The database keeps the full-text side beside it: an FTS5 table per language on SQLite, a
    ``document`` tsvector column with a GIN index on PostgreSQL (see :mod:`secon.practices.search`).
    """

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="search_entries"
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.TextField(_("title"))
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="one_search_entry_per_language"),
        ]
        indexes = [models.Index(fields=["language"], name="practice_search_lang_idx")]

    def __str__(self):
        return f"{self.practice_id}/{self.language}"


class ConceptTag(models.Model):
    """A thesaurus concept named in a published practice's text in one language (see practices.thesaurus).

    Written by the services with the search entries; ``weight`` counts the mentions, a mention in the
    title as four.
    """

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="concept_tags"
    )
    language = models.CharField(_("language"), max_length=8)
    concept = models.CharField(_("concept"), max_length=64)
    weight = models.PositiveIntegerField(_("weight"), default=1, validators=integer_bounds())

    class Meta:
        verbose_name = _("concept tag")
        verbose_name_plural = _("concept tags")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language", "concept"], name="one_concept_tag_per_language"
            ),
        ]
        # Covering: a concept's practices with their language and weight are read from the index alone.
        indexes = [
            models.Index(fields=["concept", "practice", "language", "weight"], name="concept_tag_cover_idx")
        ]

    def __str__(self):
        return f"{self.practice_id}/{self.language}: {self.concept}"


class IndexedPractice(models.Model):
    """The facets of one published practice, in a narrow table that filters and counts fast (written
    by the services with the search entries; only published practices have a row)."""

    practice = models.OneToOneField(
        GoodPractice,
        verbose_name=_("good practice"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="index_row",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="+"
    )
    theme = models.CharField(_("theme"), max_length=16, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region_code = models.CharField(_("region (NUTS)"), max_length=8, blank=True)
    organisation_kind = models.CharField(_("type of organisation"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, validators=[DateInRange()])

    class Meta:
        verbose_name = _("indexed practice")
        verbose_name_plural = _("indexed practices")
        indexes = [
            models.Index(fields=["project", "-published_at"], name="indexed_project_pub_idx"),
            models.Index(fields=["-published_at"], name="indexed_pub_idx"),
            # Each facet with the project: counts per value are read from the index alone.
            models.Index(fields=["theme", "project"], name="indexed_theme_idx"),
            models.Index(fields=["country", "project"], name="indexed_country_idx"),
            models.Index(fields=["region_code", "project"], name="indexed_region_idx"),
            models.Index(fields=["organisation_kind", "project"], name="indexed_kind_idx"),
            models.Index(fields=["status", "project"], name="indexed_status_idx"),
        ]

    def __str__(self):
        return str(self.practice_id)


class Transfer(models.Model):
    """A partner's journey of taking over another region's practice."""

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="transfers"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="practice_transfers",
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner taking it over"),
        on_delete=models.CASCADE,
        related_name="practice_transfers",
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region taking it over"),
        on_delete=models.PROTECT,
        related_name="practice_transfers",
    )
    stage = models.CharField(
        _("stage reached"), max_length=16, choices=TransferStage.choices, default=TransferStage.INTEREST
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["practice", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "partner"], name="one_transfer_per_partner"),
        ]

    def __str__(self):
        return f"{self.practice} → {self.region.code}"


class TransferStep(models.Model):
    """One dated stage of a transfer, with its evidence."""

    transfer = models.ForeignKey(
        Transfer, verbose_name=_("transfer"), on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=TransferStage.choices)
    date = models.DateField(_("date"), validators=[DateInRange()])
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer step")
        verbose_name_plural = _("transfer steps")
        ordering = ["transfer", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "stage"], name="one_step_per_stage"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} {self.date}"
