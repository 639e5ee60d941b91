"""Form helpers shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors on the form fields they concern.

    A form whose field names differ from the service's names lists them in ``service_error_fields``
    (service name -> form field); messages about anything that is not a field go on top of the form.
    """
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    aliases = getattr(form, "service_error_fields", {})
    for name, messages in error.message_dict.items():
        field = aliases.get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
