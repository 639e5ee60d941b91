"""Errors of the API as RFC 9457 problem details (``application/problem+json``), naming the field."""

from http import HTTPStatus

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404

PROBLEM_TYPE = "application/problem+json"


class Problem(exceptions.APIException):
    """An error with a status of its own (413, 422 …) and an optional field."""

    def __init__(self, status: int, detail: str, *, field: str | None = None):
        super().__init__(detail)
        self.status_code = status
        self.field = field


def _errors(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error detail into ``[{"field": "a.b", "message": …}]``."""
    if isinstance(detail, dict):
        found = []
        for name, value in detail.items():
            field = name if name != "non_field_errors" else ""
            found += _errors(value, f"{prefix}.{field}".strip(".") if field else prefix)
        return found
    if isinstance(detail, list):
        found = []
        for value in detail:
            found += _errors(value, prefix)
        return found
    return [{"field": prefix or None, "message": str(detail)}]


def problem(status: int, detail: str, *, errors: list[dict] | None = None, headers=None) -> Response:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return Response(body, status=status, headers=headers, content_type=PROBLEM_TYPE)


def exception_handler(exc, context):
    """Turn every error DRF knows (and Django's own) into a problem document."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) if exc.args else None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) if exc.args else None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = _errors(exc.detail)
        first = errors[0] if errors else {"field": None, "message": ""}
        detail = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    elif isinstance(exc, Problem) and exc.field:
        errors = [{"field": exc.field, "message": str(exc.detail)}]
        detail = str(exc.detail)
    else:
        detail = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
    headers = {
        name: value
        for name, value in response.items()
        if name in ("Retry-After", "WWW-Authenticate", "Allow")
    }
    return problem(response.status_code, detail, errors=errors, headers=headers)
