"""A project's privacy notice: written by its coordinators, published as numbered, immutable versions.

The coordinators edit a draft (Markdown, one text per content language); publishing freezes the
draft as the next :class:`PrivacyNoticeVersion`, dated. Versions are never changed or deleted (the
consent log points to the version each person agreed to, ``Consent.notice``); a version marked
*material* asks the people who agreed to an earlier one to agree again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import TranslatedField
from secon.core.validators import SMALL_INTEGER_MAX, DateInRange, integer_bounds
from secon.projects.tenancy import ProjectScopedModel

#: Characters of one language's text: a long notice is about 20,000.
NOTICE_MAX_LENGTH = 60_000


class PrivacyNotice(ProjectScopedModel):
    """The draft of a project's privacy notice (one per project)."""

    draft = TranslatedField(_("text"), multiline=True, max_length=NOTICE_MAX_LENGTH)
    draft_changed_at = models.DateTimeField(_("draft changed"), null=True, blank=True, editable=False)

    class Meta:
        app_label = "organisations"
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        constraints = [models.UniqueConstraint(fields=["project"], name="one_privacy_notice_per_project")]

    def __str__(self):
        return str(self.project)


class PrivacyNoticeVersion(ProjectScopedModel):
    """One published version of a project's privacy notice; never changed afterwards."""

    number = models.PositiveSmallIntegerField(_("version"), validators=integer_bounds(SMALL_INTEGER_MAX))
    text = TranslatedField(_("text"), multiline=True, max_length=NOTICE_MAX_LENGTH)
    changes = TranslatedField(
        _("what changed"),
        max_length=500,
        help_text=_("A sentence for the readers of the earlier version; optional."),
    )
    material = models.BooleanField(
        _("material change"),
        default=False,
        help_text=_("People who agreed to an earlier version are asked to read this one and agree again."),
    )
    published_at = models.DateTimeField(_("published"), validators=[DateInRange()], db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "organisations"
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_privacy_notice_number"),
        ]

    def __str__(self):
        return _("Privacy notice, version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:privacy_version", kwargs={"project": self.project.slug, "number": self.number})
