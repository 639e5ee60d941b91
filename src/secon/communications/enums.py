from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ArticleKind(models.TextChoices):
    NEWS = "news", _("news")
    PRESS_RELEASE = "press_release", _("press release")
    EVENT_REPORT = "event_report", _("event report")


class VersionStatus(models.TextChoices):
    """Where one language's text of an article stands (no row at all means "missing")."""

    MISSING = "missing", pgettext_lazy("translation status", "missing")
    DRAFT = "draft", pgettext_lazy("translation status", "draft")
    IN_TRANSLATION = "in_translation", pgettext_lazy("translation status", "in translation")
    NEEDS_REVIEW = "needs_review", pgettext_lazy("translation status", "needs review")
    APPROVED = "approved", pgettext_lazy("translation status", "approved")
    PUBLISHED = "published", pgettext_lazy("translation status", "published")
    OUTDATED = "outdated", pgettext_lazy("translation status", "outdated")


#: Statuses a person may set by hand (publishing and "outdated" have their own services).
MANUAL_STATUSES = (
    VersionStatus.DRAFT,
    VersionStatus.IN_TRANSLATION,
    VersionStatus.NEEDS_REVIEW,
    VersionStatus.APPROVED,
)
#: Statuses a translation falls back from when its source text changes.
APPROVED_STATUSES = (VersionStatus.APPROVED, VersionStatus.PUBLISHED)


class PhotoConsent(models.TextChoices):
    NO_PEOPLE = "no_people", _("no recognisable people in it")
    CONSENT_RECORDED = "recorded", _("everyone shown has given consent")
    PUBLIC_EVENT = "public_event", _("crowd at a public event, announced on site")
