"""Staff side of accounts: users (superusers) and project roles (coordinators of the project)."""

from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from secon.accounts import (
    admin_audit,  # noqa: F401 - registers the audit log's admin
    services,
)
from secon.accounts.admin_filters import CoordinatedProjectFilter, CoordinatedProjectsMixin
from secon.accounts.enums import Role
from secon.accounts.forms import AuditedPasswordChangeForm
from secon.accounts.models import Membership, User
from secon.accounts.predicates import coordinated_project_ids
from secon.core.admin_base import (
    ReadOnlyTabularInline,
    ServiceModelAdmin,
    ServiceModelForm,
)

# Accounts sit below projects and organisations: their models are reached through the relations.
Project = Membership._meta.get_field("project").related_model
Organisation = Membership._meta.get_field("organisation").related_model


def login(request, extra_context=None):
    """The staff side has no sign-in of its own: everybody signs in on the site's sign-in page."""
    target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return HttpResponseRedirect(target)
        return render(request, "accounts/no_staff_access.html", status=403)
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


admin.site.login = login
# Roles are per project (memberships and rules), not Django's global groups.
admin.site.unregister(Group)
admin.site.site_header = _("SECON Hub – staff side")
admin.site.site_title = _("SECON Hub")
admin.site.index_title = _("Projects, partners and roles")


def password_change(request, extra_context=None):
    """The staff side's own password change, as Django's, saved through the audited service."""
    from django.contrib.auth.views import PasswordChangeView

    site = admin.site
    request.current_app = site.name
    return PasswordChangeView.as_view(
        form_class=AuditedPasswordChangeForm,
        success_url=reverse("admin:password_change_done", current_app=site.name),
        extra_context={**site.each_context(request), **(extra_context or {})},
    )(request)


admin.site.password_change = password_change


class UserForm(ServiceModelForm):
    password = forms.CharField(
        label=_("new password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the password (a new user without one cannot sign in yet)."),
    )

    class Meta(ServiceModelForm.Meta):
        model = User
        fields = ["email", "first_name", "last_name", "is_active", "is_superuser"]


class MembershipInline(CoordinatedProjectsMixin, ReadOnlyTabularInline):
    model = Membership
    fk_name = "user"
    fields = ["project", "role", "organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project", "organisation")


@admin.register(User)
class UserAdmin(ServiceModelAdmin):
    form = UserForm
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    folded_search_fields = ["search_key"]
    ordering = ["email"]
    readonly_fields = ["is_staff", "last_login", "date_joined"]
    inlines = [MembershipInline]

    def get_fields(self, request, obj=None):
        fields = ["email", "first_name", "last_name", "is_active"]
        if request.user.is_superuser:
            fields += ["is_superuser", "password"]
        return [*fields, "is_staff", "last_login", "date_joined"] if obj else fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        coordinated = coordinated_project_ids(request.user)
        return queryset.filter(pk__in=Membership.objects.filter(project_id__in=coordinated).values("user_id"))

    def save_with_service(self, request, form, obj):
        values = self.values_from(form, services.USER_FIELDS)
        password = form.cleaned_data.get("password")
        if obj is None:
            return services.create_user(
                actor=request.user,
                email=values["email"],
                password=password or None,
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                is_superuser=values.get("is_superuser", False),
            )
        user = services.update_user(actor=request.user, user=obj, **values)
        if password:
            user = services.set_password(actor=request.user, user=user, password=password)
        return user

    def delete_with_service(self, request, obj):
        services.delete_user(actor=request.user, user=obj)


class MembershipForm(ServiceModelForm):
    email = forms.EmailField(
        label=_("e-mail address"),
        help_text=_("The person's sign-in address; an account without password is made if there is none."),
    )

    class Meta(ServiceModelForm.Meta):
        model = Membership
        fields = ["project", "role", "organisation"]


@admin.register(Membership)
class MembershipAdmin(CoordinatedProjectsMixin, ServiceModelAdmin):
    form = MembershipForm
    list_display = ["user", "project", "role", "organisation"]
    list_filter = ["role", CoordinatedProjectFilter]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    folded_search_fields = ["user__search_key", "organisation__search_key"]
    list_select_related = ["user", "project", "organisation"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "project", "role", "organisation"]
        return ["user", "project", "role", "organisation"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "project"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not request.user.is_superuser:
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk__in=coordinated_project_ids(request.user)
            )
        if db_field.name == "organisation":
            queryset = db_field.related_model.objects.filter(partnerships__isnull=False)
            if not request.user.is_superuser:
                queryset = queryset.filter(partnerships__project_id__in=coordinated_project_ids(request.user))
            kwargs["queryset"] = queryset.distinct().order_by("sort_key", "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_with_service(self, request, form, obj):
        data = form.cleaned_data
        if obj is None:
            project = data["project"]
            if not request.user.has_perm("accounts.change_membership", Membership(project=project)):
                raise services.ValidationError({"project": _("You do not coordinate this project.")})
            user = User.objects.filter(email__iexact=data["email"].strip()).first()
            if user is None:
                user = services.create_user(actor=request.user, email=data["email"], password=None)
        else:
            user, project = obj.user, obj.project
        return services.grant_role(
            actor=request.user,
            user=user,
            project=project,
            role=data["role"],
            organisation=data.get("organisation") if data["role"] == Role.PARTNER_EDITOR else None,
        )

    def delete_with_service(self, request, obj):
        services.revoke_role(actor=request.user, membership=obj)
