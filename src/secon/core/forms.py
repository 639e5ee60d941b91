"""Form helpers shared by the apps."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors on the form fields they concern.

    A form whose field names differ from the service's names lists them in ``service_error_fields``
    (service name -> form field). Messages about anything that is not a field go on top of the form;
    a form with ``name_other_service_errors = True`` (the staff side's model forms) names the field
    they are about there.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    aliases = getattr(form, "service_error_fields", {})
    for name, errors in error.error_dict.items():
        field = aliases.get(name, name)
        if field in form.fields:
            form.add_error(field, errors)
        elif name == NON_FIELD_ERRORS or not getattr(form, "name_other_service_errors", False):
            form.add_error(None, errors)
        else:
            label = capfirst(_label(form, name))
            for item in errors:
                for message in item.messages:
                    form.add_error(None, f"{label}: {message}")


def _label(form: forms.Form, name: str) -> str:
    try:
        return form._meta.model._meta.get_field(name).verbose_name
    except (AttributeError, FieldDoesNotExist):
        return name
