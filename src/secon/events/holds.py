"""A registration of the public form, held until its e-mail address confirms it.

Typing someone else's address into a registration form must neither change that person's consents
or profile nor show their name, nor tell the typist whether the site knows the address. So nothing
of the form is recorded about anyone: the form's data wait here, whoever owns the address, and the
address receives an e-mail with a link to a page whose button (a POST: mail scanners follow links)
makes the registration. Unconfirmed holds take no place; they expire after :data:`HOLD_DAYS` and
are deleted by a daily task (``events.tasks``).
"""

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.projects.tenancy import ProjectScopedModel

HOLD_DAYS = 7


def new_hold_key() -> str:
    return secrets.token_urlsafe(24)


class HeldRegistration(ProjectScopedModel):
    """The form's data of a registration that waits for its address to confirm it."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="held_registrations"
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8)
    #: The form's other fields (names, organisation, needs, consents, session keys), applied on confirmation.
    data = models.JSONField(_("form data"), default=dict)
    key = models.CharField(max_length=40, unique=True, default=new_hold_key, editable=False)
    created_at = models.DateTimeField(_("held since"), default=timezone.now, db_index=True, editable=False)

    class Meta:
        app_label = "events"
        verbose_name = _("registration awaiting confirmation")
        verbose_name_plural = _("registrations awaiting confirmation")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=HOLD_DAYS)
