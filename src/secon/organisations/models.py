from django_countries import countries

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.fields import KeyField, latitude_field, longitude_field
from secon.core.i18n import TranslatedField
from secon.core.text import SEARCH_KEY_CHARS, SORT_KEY_CHARS
from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.organisations.enums import (
    ConsentKind,
    NutsVersion,
    OrganisationType,
    PartnerRole,
)
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion  # noqa: F401  (the app's models)
from secon.projects.tenancy import ProjectScopedModel

#: NUTS uses EL for Greece and UK for the United Kingdom; ISO 3166 says GR and GB.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}


class Region(models.Model):
    """A NUTS region (levels 1–3) or a country (level 0), in one NUTS version."""

    code = models.CharField(_("NUTS code"), max_length=8)
    nuts_version = models.PositiveSmallIntegerField(
        _("NUTS version"),
        choices=NutsVersion.choices,
        default=NutsVersion.NUTS_2024,
        validators=integer_bounds(SMALL_INTEGER_MAX),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    country_code = models.CharField(_("NUTS country code"), max_length=2, db_index=True)
    name = models.CharField(
        _("official name"), max_length=200, help_text=_("The NUTS label, in the region's language.")
    )
    names = TranslatedField(
        _("name in other languages"),
        max_length=200,
        help_text=_("Optional; where empty the official name is shown."),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "nuts_version"], name="unique_nuts_code_per_version"),
        ]

    def __str__(self):
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        """Return the name in the active language when known, else the official NUTS label."""
        rendering = self.names.render(fallbacks=())
        return rendering.text if rendering.text and not rendering.is_fallback else self.name

    @property
    def iso_country(self) -> str:
        return NUTS_TO_ISO.get(self.country_code, self.country_code)

    @property
    def country_name(self) -> str:
        return str(countries.name(self.iso_country))


class Organisation(models.Model):
    """An organisation of the social economy or around it; shared by every project."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=250, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices, db_index=True)
    is_social_economy = models.BooleanField(
        _("social-economy entity"),
        default=False,
        help_text=_("Yes for cooperatives, social enterprises and the like; no for support actors."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    website = models.URLField(_("website"), blank=True)
    description = TranslatedField(_("description"), multiline=True)
    notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("E.g. facts still to be verified; not public.")
    )
    #: Name, legal name, acronym and city folded (see core.text), kept by the services.
    search_key = KeyField(max_length=SEARCH_KEY_CHARS)
    #: The name's collation key: ordering by it puts "Álvarez" with the A's.
    sort_key = KeyField(max_length=SORT_KEY_CHARS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_key", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:organisation", kwargs={"slug": self.slug})

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Person(models.Model):
    """A person the project works with; personal data, visible only to those who may see it."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    job_title = models.CharField(_("position"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("E-mails, PDFs and certificates use it."),
    )
    #: First and last name folded (see core.text), kept by the services.
    search_key = KeyField(max_length=SEARCH_KEY_CHARS)
    #: Collation key of the last name, then the first name.
    sort_key = KeyField(max_length=SORT_KEY_CHARS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_(
            "Kept for an audit, a dispute or a programme check: neither erased on request nor purged "
            "when its retention period ends, until the hold is lifted."
        ),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Consent(models.Model):
    """A consent given or withdrawn by a person at a moment; the latest entry per kind counts."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    granted = models.BooleanField(_("granted"))
    recorded_at = models.DateTimeField(_("recorded"), db_index=True, validators=[DateInRange()])
    source = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_("Where it was given, e.g. a registration form."),
    )
    #: The version of the project's privacy notice the person read when answering (None: no notice yet,
    #: or the project was deleted). No service changes or deletes a version.
    notice = models.ForeignKey(
        PrivacyNoticeVersion,
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["person", "kind", "-recorded_at"]
        indexes = [models.Index(fields=["person", "kind", "-recorded_at"], name="consent_latest_idx")]

    def __str__(self):
        state = _("given") if self.granted else _("withdrawn")
        # The kind's label as get_kind_display() gives it, without its lookup through the field's
        # choices (an audit entry's name for each consent written under the registration lock).
        kind = ConsentKind(self.kind).label if self.kind in ConsentKind.values else self.kind
        return f"{kind}: {state}"


class Partner(ProjectScopedModel):
    """An organisation's participation in a project, numbered LP, PP2, PP3 …"""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1), MaxValueValidator(SMALL_INTEGER_MAX)],
        help_text=_("1 is the lead partner."),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions represented"),
        related_name="partners",
        help_text=_("The NUTS regions the partner acts for (some span several)."),
    )
    summary = TranslatedField(_("role in the project"), multiline=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_partner_number"),
            models.UniqueConstraint(fields=["project", "organisation"], name="organisation_partners_once"),
        ]

    def __str__(self):
        return f"{self.code} {self.organisation}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:partner", kwargs={"project": self.project.slug, "code": self.code.lower()})

    @property
    def code(self) -> str:
        return "LP" if self.role == PartnerRole.LEAD else f"PP{self.number}"


class DataExport(models.Model):
    """A person's own data, gathered into a ZIP by a background task; its link works for 7 days."""

    #: Asked from a registration's personal page: the person's data.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    #: Asked from an account's profile: the account and the people of its confirmed addresses.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    key = models.CharField(max_length=48, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to="exports/", blank=True)
    created_at = models.DateTimeField(_("asked for"), db_index=True, editable=False)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.person_id or self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
