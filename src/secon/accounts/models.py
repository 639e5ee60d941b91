from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.accounts.enums import Role
from secon.core.fields import KeyField
from secon.core.text import SEARCH_KEY_CHARS, search_key


def user_search_key(user) -> str:
    """Return what the staff's search box matches a user against, folded (see core.text)."""
    return search_key(user.first_name, user.last_name, user.email, user.organisation_name)


class UserManager(DjangoUserManager):
    """Create users identified by their e-mail address."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, username=email, **extra_fields)
        user.search_key = user_search_key(user)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """Someone who signs in; the e-mail address is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The pages open in it after signing in; e-mails to you are written in it."),
    )
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where you work; partner roles name their organisation themselves."),
    )
    #: Name, e-mail address and organisation folded (see core.text), kept by the services.
    search_key = KeyField(max_length=SEARCH_KEY_CHARS)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email


class Membership(models.Model):
    """A user's role in one project; partner editors act for one partner organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("The partner organisation a partner editor edits for."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_role_per_project"),
            models.CheckConstraint(
                condition=~models.Q(role="partner_editor") | models.Q(organisation__isnull=False),
                name="partner_editor_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.project})"


class Invitation(models.Model):
    """A coordinator's invitation of a person (by e-mail address) to a role in a project.

    The link in the e-mail holds a random token; only its SHA-256 is stored. An invitation is open
    until it is accepted, revoked, replaced by a newer one for the same address, or expires.
    """

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "email"], name="invitation_project_email_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner_editor") | models.Q(organisation__isnull=False),
                name="invited_partner_editor_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.get_role_display()}"
