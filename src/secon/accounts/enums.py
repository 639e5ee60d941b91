from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER_EDITOR = "partner_editor", _("partner editor")
    VIEWER = "viewer", _("viewer")
