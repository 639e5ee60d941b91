"""The staff side's building blocks: admin classes whose writes go through the services.

A :class:`ServiceModelAdmin` asks the rules for every permission (with the record in question), and
saves through :meth:`ServiceModelAdmin.save_with_service` while the form is being validated, so
that a service's ``ValidationError`` shows on the field it concerns and nothing is saved.
"""

import operator
from functools import reduce

from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secon.core.forms import add_service_errors
from secon.core.i18n import TranslatedField, TranslatedFormField
from secon.core.languages import language_name
from secon.core.text import fold

TRANSLATIONS_SUFFIX = "_translations"


def _translations_display(name, field):
    """Return an admin display function that shows a translated field one language a line."""

    @admin.display(description=capfirst(field.verbose_name))
    def display(obj):
        value = getattr(obj, name) or {}
        if not any(value.values()):
            return "-"
        return format_html_join(
            "",
            '<div class="translated-text" lang="{}"><strong>{}</strong> {}</div>',
            ((code, language_name(code), linebreaksbr(text)) for code, text in value.items() if text),
        )

    return display


def translated_languages(value, preferred) -> list[str]:
    """Return the languages to edit: the preferred ones, then any others the value already holds."""
    languages = list(dict.fromkeys(preferred))
    languages += [code for code in (value or {}) if code not in languages]
    return languages


def default_formfield(db_field, **kwargs):
    """Make form fields as Django does; web addresses without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ServiceModelForm(forms.ModelForm):
    """A model form that saves through its admin's service during validation."""

    class Meta:
        formfield_callback = default_formfield

    #: Service errors about fields the form does not show go on top, named (see core.forms).
    name_other_service_errors = True

    #: Set by :meth:`ServiceModelAdmin.get_form`.
    admin_instance = None
    request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_object = None

    def set_translated_languages(self, languages) -> None:
        """Show each translated field with inputs for ``languages`` (plus those it already holds)."""
        for name, field in self.fields.items():
            if isinstance(field, TranslatedFormField):
                value = getattr(self.instance, name, None) if self.instance.pk else None
                field.set_languages(translated_languages(value, languages))

    def _post_clean(self):
        # No model validation here: the service validates, and its errors land on the fields.
        if self.errors or self.admin_instance is None:
            return
        try:
            with transaction.atomic():
                self.saved_object = self.admin_instance.save_with_service(
                    self.request, self, self.instance if self.instance.pk else None
                )
        except ValidationError as error:
            add_service_errors(self, error)
        except IntegrityError:
            self.add_error(
                None,
                ValidationError(
                    _("Someone else changed a conflicting record at the same time; please try again."),
                    code="conflict",
                ),
            )


class ServiceModelAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Admin whose permissions come from the rules and whose writes go through services."""

    form = ServiceModelForm
    save_as = False
    #: Languages a translated field is edited in; None: the interface languages.
    actions_on_bottom = False

    class Media:
        css = {"all": ["core/admin.css"]}

    #: Columns holding folded text (see core.text.search_key): the search box also matches each
    #: word of the query, folded, in them, so "alvarez" finds "Álvarez".
    folded_search_fields: list[str] = []

    # --- permissions -------------------------------------------------------------------------

    def has_module_permission(self, request):
        return self.has_view_or_change_permission(request)

    def has_add_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}")

    # --- search ------------------------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if not self.folded_search_fields or not words:
            return found, may_have_duplicates
        condition = Q()
        for word in words[:10]:
            condition &= reduce(
                operator.or_, (Q(**{f"{name}__contains": word}) for name in self.folded_search_fields)
            )
        return found | queryset.filter(condition), may_have_duplicates

    # --- read-only display of translated fields ----------------------------------------------

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.translated_fields = {
            field.name: field for field in model._meta.fields if isinstance(field, TranslatedField)
        }
        for name, field in self.translated_fields.items():
            setattr(self, f"{name}{TRANSLATIONS_SUFFIX}", _translations_display(name, field))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Shown, not edited: each language on its own line instead of the stored JSON.
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        f"{name}{TRANSLATIONS_SUFFIX}" if name in self.translated_fields else name
                        for name in options["fields"]
                    ],
                },
            )
            for title, options in fieldsets
        ]

    # --- forms -------------------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, ServiceModelForm):
            form = type(form.__name__, (form,), {"admin_instance": self, "request": request})
        return form

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if obj is None:
            instances = [inline for inline in instances if not isinstance(inline, ReadOnlyTabularInline)]
        return instances

    def save_with_service(self, request, form, obj):
        """Create (``obj`` is None) or change the record through its service; return it."""
        raise NotImplementedError

    def delete_with_service(self, request, obj) -> None:
        raise NotImplementedError

    @staticmethod
    def values_from(form, fields) -> dict:
        """Return the cleaned values of ``fields`` that the form has."""
        return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}

    # --- writes ------------------------------------------------------------------------------

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # The service saves while the main form is validated; the inlines are validated after it. A
        # page shown again with errors (the form's or an inline's, e.g. its management data missing)
        # must leave nothing saved: the whole request's writes are rolled back then.
        with transaction.atomic():
            response = super()._changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and (getattr(response, "context_data", None) or {}).get("errors"):
                transaction.set_rollback(True)
        return response

    def save_form(self, request, form, change):
        return form.saved_object

    def save_model(self, request, obj, form, change):
        """Already saved by the service while the form was validated."""

    def save_related(self, request, form, formsets, change):
        # Many-to-many values went through the service; inlines are read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.delete_with_service(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.get_full_path())

    def response_action(self, request, queryset):
        try:
            with transaction.atomic():
                return super().response_action(request, queryset)
        except ValidationError as error:
            self.message_user(
                request,
                gettext("Nothing was deleted: %(reason)s") % {"reason": " ".join(error.messages)},
                messages.ERROR,
            )
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyAdminMixin:
    """Records nobody adds, changes or deletes on the staff side: the site writes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    """An inline that shows related records without letting anyone add, change or delete them."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        # Without a parent (Django asks so when it builds the rows' queryset) the rows are those of
        # the parent shown, which the user may see; on an add page the inline is left out.
        return obj is None or self.has_parent_permission(request, obj)

    def has_parent_permission(self, request, obj) -> bool:
        """Whether the user may see the parent record's related records (default: the parent)."""
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}", obj)

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [field.name for field in self.model._meta.fields]
