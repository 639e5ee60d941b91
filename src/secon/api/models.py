"""API tokens: shown once, stored as a SHA-256 hash with a visible prefix, scoped and expiring."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.api.enums import TokenKind
from secon.core.validators import DateInRange, integer_bounds

#: Every key starts with this, so that a leaked key is recognisable (secret scanners, logs).
KEY_START = "secon_"
#: The longest lifetime a token may have.
MAX_LIFETIME_DAYS = 365


def hash_key(key: str) -> str:
    """Return the SHA-256 of a key, as stored: the key itself is never kept."""
    return hashlib.sha256(key.encode()).hexdigest()


class Token(models.Model):
    """A key an integration (or the user themselves) sends as ``Authorization: Bearer <key>``.

    It acts as its user: the services check the user's permissions as for a page; the scopes only
    narrow what the key reaches, and a project (or partner) limit narrows it further.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("for"), max_length=16, choices=TokenKind.choices, default=TokenKind.PERSONAL)
    prefix = models.CharField(_("prefix"), max_length=20, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("only project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("only partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"), validators=[DateInRange()])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="api_token_user_idx")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class IdempotentRequest(models.Model):
    """The first answer to a POST sent with an ``Idempotency-Key``: a replay gets it again."""

    token = models.ForeignKey(Token, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(validators=integer_bounds(599, minimum=100))
    body = models.JSONField(default=dict)
    location = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_once")]

    def __str__(self):
        return f"{self.key} → {self.status}"
