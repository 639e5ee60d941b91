"""Form helpers shared by the apps: the one way a page's form hands its input to a service.

A form view is written like this (the view states only the form, the service call and where to go)::

    form = CommitteeForm(request.POST or None, project=project)
    return submit(
        request,
        form,
        lambda data: service.create_committee(actor=request.user, project=project, **data),
        success_url=lambda committee: reverse("governance:seats", args=[project.slug, committee.slug]),
        message=_("The committee is set up."),
        template="governance/committee_form.html",
        context={"project": project, "form": form},
    )
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst


def submit(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict], Any],
    *,
    success_url: Any,
    message: str | Callable[[Any], str] = "",
    template: str,
    context: dict | Callable[[], dict],
    refusal_field: str | None = None,
) -> HttpResponse:
    """Show ``template`` on GET; on POST, validate ``form`` and hand its data to the service.

    ``save(form.cleaned_data)`` calls the service (which checks the permission, is atomic and
    audited). When it returns, ``message`` is shown and the user is sent to ``success_url`` (a URL or
    a model, or a function of what ``save`` returned that gives one). When the form is invalid or the
    service raises ``ValidationError``, its errors go on the fields they name
    (:func:`add_service_errors`) and the page is shown again with status 400. A ``PermissionDenied``
    of the service is a 403, unless ``refusal_field`` names where the form shows it (a refusal that
    depends on the values chosen, such as a partner that is not the user's; ``NON_FIELD_ERRORS`` for
    the top of the form). ``context`` may be a function, called only when the page is shown.
    """
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = save(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                if refusal_field is None:
                    raise
                form.add_error(refusal_field, str(error))
            else:
                text = message(result) if callable(message) else message
                if text:
                    messages.success(request, text)
                return redirect(success_url(result) if callable(success_url) else success_url)
    values = context() if callable(context) else context
    return render(request, template, values, status=status)


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
