"""The subscriptions of a project to other installations' practice feeds, and the copies they keep."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.validators import DateInRange
from secon.projects.tenancy import ProjectScopedModel, scoped_manager


class FeedSubscription(ProjectScopedModel):
    """A project's subscription to another installation's feed of approved good practices."""

    url = models.URLField(_("feed address"), max_length=500)
    name = models.CharField(_("installation"), max_length=200, blank=True)
    home = models.URLField(_("its website"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    synced_at = models.DateTimeField(
        _("last synchronised"), null=True, blank=True, validators=[DateInRange()]
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")
        ordering = ["project", "name", "url"]
        constraints = [models.UniqueConstraint(fields=["project", "url"], name="one_subscription_per_feed")]

    def __str__(self):
        return self.name or self.url


class RemotePractice(models.Model):
    """A practice copied from another installation: the local copy, where it comes from, its link back."""

    subscription = models.ForeignKey(
        FeedSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="copies"
    )
    practice = models.OneToOneField(
        "practices.GoodPractice", verbose_name=_("copy"), on_delete=models.CASCADE, related_name="origin"
    )
    remote_id = models.URLField(_("address at its origin"), max_length=500)
    remote_modified = models.DateTimeField(
        _("changed at its origin"), null=True, blank=True, validators=[DateInRange()]
    )

    objects = scoped_manager("subscription__project")

    class Meta:
        verbose_name = _("practice from another installation")
        verbose_name_plural = _("practices from other installations")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "remote_id"], name="one_copy_per_remote_practice")
        ]

    def __str__(self):
        return self.remote_id
