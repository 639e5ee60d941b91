"""E-mails on the staff side: coordinators see their projects' e-mails and send failed ones again."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secon.accounts.admin_filters import CoordinatedProjectsMixin
from secon.accounts.predicates import coordinated_project_ids
from secon.core.admin_base import ReadOnlyAdminMixin
from secon.mail import services
from secon.mail.models import Email


@admin.register(Email)
class EmailAdmin(ReadOnlyAdminMixin, CoordinatedProjectsMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "kind", "status", "attempts", "project"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["recipient", "subject"]
    list_select_related = ["project"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "project",
        "kind",
        "recipient",
        "language",
        "subject",
        "status",
        "attempts",
        "resends",
        "stuck_requeues",
        "last_error",
        "next_attempt_at",
        "created_at",
        "handed_over_at",
        "sent_at",
    ]
    fields = readonly_fields
    actions = ["send_again"]

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(coordinated_project_ids(request.user))

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return request.user.has_perm("mail.view_email", obj)
        return self.has_module_permission(request)

    @admin.display(description=_("last error"))
    def last_error(self, obj):
        return obj.error_text

    @admin.action(description=_("Send the selected failed e-mails again"))
    def send_again(self, request, queryset):
        sent = 0
        for email in queryset:
            try:
                services.send_again(actor=request.user, email=email)
            except (ValidationError, PermissionDenied):
                continue
            sent += 1
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", sent)
            % {"count": sent},
            messages.SUCCESS,
        )
