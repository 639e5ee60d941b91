"""What every write of the API shares, around the app's service that does the write.

The body limit (413), ``Idempotency-Key`` on POST and PATCH (a replay gets the first answer, another body
with the same key a 422), the input's shape (400 naming the field), the token's project limit,
``201 Created`` with ``Location``, and one audit record per write. Every rule and permission check
stays in the services: a ``ValidationError`` or ``PermissionDenied`` they raise comes back as a
problem document naming the field.
"""

from collections.abc import Callable

from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.api.permissions import allows_project
from secon.api.problems import Problem
from secon.api.services import idempotency
from secon.api.services.tokens import record_use

#: What ``_idempotency_key`` accepts, as the schema says it: printable characters (``str.isprintable``
#: over Latin-1, which is how a server reads a header's bytes), not only spaces.
_VISIBLE = r"\u0021-\u007e\u00a1-\u00ac\u00ae-\u00ff"
KEY_PATTERN = f"^[ {_VISIBLE}]*[{_VISIBLE}][ {_VISIBLE}]*$"

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
    location=OpenApiParameter.HEADER,
    description="Send the same key again (same body) to get the first answer instead of a second write.",
)


def _idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key.strip() or len(key) > idempotency.MAX_KEY_LENGTH or not key.isprintable():
        raise exceptions.ValidationError(
            {"Idempotency-Key": [_("Give a key of 1 to 200 printable characters.")]}
        )
    return key


def _check_size(request) -> None:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > settings.API_MAX_BODY_BYTES:
        raise Problem(
            413, _("The body is larger than %(kb)s KB.") % {"kb": settings.API_MAX_BODY_BYTES // 1024}
        )


def check_project(request, project_id: int | None, *, field: str) -> None:
    """Refuse a record outside the token's project limit, as if it did not exist (on ``field``)."""
    if not allows_project(request.auth, project_id):
        raise ValidationError({field: _("This token is limited to another project.")})


def write(
    view,
    request,
    *,
    input_serializer: type,
    perform: Callable,
    location: Callable | None = None,
    status: int = 201,
    partial: bool = False,
) -> Response:
    """Validate the body's shape, run ``perform(data)`` (the service call) and answer.

    ``perform`` returns the record to show (with the view's serializer); ``location`` its address.
    A POST or PATCH honours ``Idempotency-Key`` (a PATCH replayed after a later change must not
    undo it); the answer and the audit record share the write's transaction.
    """
    _check_size(request)
    token = request.auth
    key = _idempotency_key(request) if request.method in ("POST", "PATCH") else None
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    digest = idempotency.body_hash({"path": request.path, "body": request.data})
    if key is not None:
        found = idempotency.find(token=token, key=key)
        if found is not None:
            if found.body_hash != digest:
                raise Problem(
                    422, _("This Idempotency-Key was used with another body."), field="Idempotency-Key"
                )
            headers = {"Idempotent-Replayed": "true"}
            if found.location:
                headers["Location"] = found.location
            return Response(found.body, status=found.status, headers=headers)
    serializer = input_serializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    with transaction.atomic():
        instance = perform(serializer.validated_data)
        body = view.get_serializer(instance).data
        address = request.build_absolute_uri(location(instance)) if location else ""
        if key is not None:
            idempotency.remember(
                token=token, key=key, digest=digest, status=status, body=body, location=address
            )
        record_use(token=token, method=request.method, path=request.path, status=status)
    return Response(body, status=status, headers={"Location": address} if address else None)
