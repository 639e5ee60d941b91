"""What the staff side shows of the projects the user works in: list filters, and the records themselves."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from secon.accounts.predicates import coordinated_project_ids, staff_project_ids


class StaffProjectFilter(admin.SimpleListFilter):
    """Filter by project, offering only the projects the user works in."""

    title = _("project")
    parameter_name = "project"

    def project_ids(self, user):
        return staff_project_ids(user)

    def lookups(self, request, model_admin):
        # The project model, reached through the records' own field (projects sits above accounts).
        projects = model_admin.model._meta.get_field("project").related_model.objects.order_by("acronym")
        if not request.user.is_superuser:
            projects = projects.filter(pk__in=self.project_ids(request.user))
        return [(str(project.pk), project.acronym) for project in projects]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(project_id=int(value)) if value and value.isdigit() else queryset


class CoordinatedProjectFilter(StaffProjectFilter):
    """Filter by project, offering only the projects the user coordinates."""

    def project_ids(self, user):
        return coordinated_project_ids(user)


class CoordinatedProjectsMixin:
    """Show the records of the projects the user coordinates only (a superuser sees every project's)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(project_id__in=coordinated_project_ids(request.user))
