"""The audit log (core) on the staff side: read-only for everyone, scoped to the projects one coordinates.

Registered by accounts because it depends on the roles; ``accounts/admin.py`` imports this module.
"""

import json

from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from secon.accounts.predicates import coordinated_project_ids
from secon.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
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

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(project_id__in=coordinated_project_ids(request.user))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
