from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    CORE = "core", _("core phase")
    FOLLOW_UP = "follow_up", _("follow-up phase")
    CLOSURE = "closure", _("closure")


#: Slugs a project cannot take because they name other parts of the site.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "static",
        "media",
        "organisations",
        "accounts",
        "search",
        "projects",
        "about",
        "login",
        "logout",
        "i18n",
        "home",
    }
)
