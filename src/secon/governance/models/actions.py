"""Action items: what, who, by when, from which decision or item — chased until done."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.validators import DateInRange
from secon.governance.enums import ActionStatus
from secon.governance.models.decisions import Decision
from secon.governance.models.meetings import AgendaItem, Committee
from secon.projects.tenancy import ProjectScopedModel


class ActionItem(ProjectScopedModel):
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="actions"
    )
    what = models.CharField(_("what"), max_length=500)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("owner (partner)"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )
    due_on = models.DateField(_("due"), validators=[DateInRange()])
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("from decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("from agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    reminders_sent = models.JSONField(_("reminders sent"), default=list, blank=True)
    overdue_reminders = models.PositiveSmallIntegerField(
        _("overdue reminders sent"), default=0, validators=[MaxValueValidator(4)]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[DateInRange()])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["committee", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=False) | models.Q(owner_partner__isnull=False),
                name="action_has_an_owner",
            ),
        ]
        indexes = [models.Index(fields=["committee", "status", "due_on"], name="action_status_due_idx")]

    def __str__(self):
        return self.what[:80]
