"""Staff side of projects: coordinators edit their projects; phases and periods follow the dates."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from secon.accounts.predicates import staff_project_ids
from secon.core.admin_base import ReadOnlyTabularInline, ServiceModelAdmin, ServiceModelForm
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.projects import services
from secon.projects.models import Period, Phase, Project


class LanguageListField(forms.CharField):
    """Language codes typed in fallback order, e.g. “en, es, de”."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(map(str, value))
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return [code.strip().lower() for code in value.replace(";", ",").replace(" ", ",").split(",") if code]


class ProjectForm(ServiceModelForm):
    content_languages = LanguageListField(
        label=_("content languages"),
        help_text=format_lazy(
            "{}: {}.",
            _("Language codes in fallback order, separated by commas"),
            ", ".join(CONTENT_LANGUAGE_CODES),
        ),
    )

    class Meta(ServiceModelForm.Meta):
        model = Project
        fields = list(services.EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = self.instance.content_languages if self.instance.pk else None
        self.set_translated_languages(languages or [code for code, _name in settings.LANGUAGES])


class PhaseInline(ReadOnlyTabularInline):
    model = Phase
    fields = ["kind", "start_date", "end_date"]
    verbose_name_plural = _("phases (derived from the dates)")


class PeriodInline(ReadOnlyTabularInline):
    model = Period
    fields = ["number", "phase", "start_date", "end_date"]
    verbose_name_plural = _("reporting periods (derived from the dates)")


@admin.register(Project)
class ProjectAdmin(ServiceModelAdmin):
    form = ProjectForm
    list_display = ["acronym", "slug", "programme", "start_date", "end_date", "is_public"]
    list_filter = ["is_public", "programme"]
    search_fields = ["acronym", "slug", "reference", "title"]
    inlines = [PhaseInline, PeriodInline]
    fieldsets = [
        (None, {"fields": ["acronym", "slug", "title", "summary", "objectives", "is_public"]}),
        (_("Programme"), {"fields": ["programme", "reference", "content_languages"]}),
        (
            _("Dates"),
            {"fields": ["start_date", "end_date", "core_months", "follow_up_months", "period_months"]},
        ),
        (_("Links"), {"fields": ["website", "facebook_url", "linkedin_url", "x_url"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=staff_project_ids(request.user))

    def save_with_service(self, request, form, obj):
        values = self.values_from(form, services.EDITABLE_FIELDS)
        if obj is None:
            return services.create_project(actor=request.user, **values)
        return services.update_project(actor=request.user, project=obj, **values)

    def delete_with_service(self, request, obj):
        services.delete_project(actor=request.user, project=obj)
