"""The audit log (core) on the staff side: read-only for everyone, scoped to the projects one coordinates.

Registered by accounts because it depends on the roles; ``accounts/admin.py`` imports this module.
"""

import json

from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secon.accounts.admin_filters import CoordinatedProjectsMixin
from secon.core.admin_base import ReadOnlyAdminMixin
from secon.core.models import AuditEntry, Job


@admin.register(AuditEntry)
class AuditEntryAdmin(
    ReadOnlyAdminMixin, CoordinatedProjectsMixin, ObjectPermissionsModelAdminMixin, admin.ModelAdmin
):
    list_display = ["timestamp", "actor", "action", "model", "object_repr", "project_id"]
    list_filter = ["action", "model", "timestamp"]
    search_fields = ["object_repr", "object_id", "actor__email"]
    date_hierarchy = "timestamp"
    list_select_related = ["actor"]
    fields = [
        "timestamp",
        "actor",
        "action",
        "model",
        "object_id",
        "object_repr",
        "project_id",
        "changes_table",
    ]
    readonly_fields = fields
    actions = None

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("changes"))
    def changes_table(self, obj):
        rows = [
            format_html(
                "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
                name,
                json.dumps(old, ensure_ascii=False),
                json.dumps(new, ensure_ascii=False),
            )
            for name, (old, new) in sorted((obj.changes or {}).items())
        ]
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _("field"),
            _("before"),
            _("after"),
            format_html("".join(["{}"] * len(rows)), *rows) if rows else "",
        )


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background tasks for administrators: what ran, what waits, what failed and why."""

    list_display = ["created_at", "task_name", "status", "attempts", "run_after", "finished_at", "error_line"]
    list_filter = ["status", "task", "created_at"]
    search_fields = ["task", "key", "error"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "task",
        "kwargs",
        "key",
        "project_id",
        "status",
        "attempts",
        "max_attempts",
        "run_after",
        "lease_until",
        "worker",
        "backend_id",
        "error",
        "traceback",
        "result",
        "created_at",
        "started_at",
        "finished_at",
    ]
    fields = readonly_fields
    actions = ["run_again"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("task"))
    def task_name(self, obj):
        return obj.task.rsplit(".", 1)[-1]

    @admin.display(description=_("last error"))
    def error_line(self, obj):
        return obj.error.splitlines()[0][:120] if obj.error else ""

    @admin.action(description=_("Run the selected failed tasks again"))
    def run_again(self, request, queryset):
        from secon.core import tasks

        count = sum(tasks.retry_now(job.pk) for job in queryset.filter(status=Job.Status.FAILED))
        self.message_user(
            request,
            ngettext("%(count)d task queued again.", "%(count)d tasks queued again.", count)
            % {"count": count},
        )
