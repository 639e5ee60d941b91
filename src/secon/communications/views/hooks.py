"""The webhook of the mail service: bounces and complaints suppress newsletter addresses.

``POST /hooks/mail-events`` with the secret of ``SECON_BOUNCE_WEBHOOK_SECRET`` as
``Authorization: Bearer <secret>`` (or as the password of HTTP Basic authentication, which
Postmark puts in the webhook's address). Two bodies are understood (JSON, at most 256 KB):

- SECON's own: ``{"events": [{"type": "bounce" | "complaint", "email": "…", "permanent": true}]}``
  (``permanent`` defaults to true; a single event without the list is accepted too);
- Postmark's bounce and spam-complaint webhooks: ``{"RecordType": "Bounce", "Type": "HardBounce",
  "Email": "…", "Inactive": true}`` and ``{"RecordType": "SpamComplaint", "Email": "…"}`` — a
  bounce is permanent when Postmark deactivated the address (``Inactive``) or its type is a hard one.

Answers: 200 ``{"suppressed": n}``; 401 for a missing or wrong secret; 400 with a message for a
body that is not one of these; 404 while no secret is configured (the hook is off).
"""

import base64
import binascii
import hmac
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from secon.communications.services.suppression import MailEvent, apply_mail_events

MAX_BODY = 256 * 1024
MAX_EVENTS = 1000
HARD_BOUNCES = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "SpamNotification"}


class BadBody(ValueError):
    """The body is not a notification this hook understands (the message says why)."""


def _given_secret(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    kind, _space, value = header.partition(" ")
    if kind.lower() == "bearer":
        return value.strip()
    if kind.lower() == "basic":
        try:
            return base64.b64decode(value.strip(), validate=True).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


def _address(value) -> str:
    if not isinstance(value, str):
        raise BadBody("every event needs an e-mail address")
    try:
        validate_email(value.strip())
    except ValidationError:
        raise BadBody(f"not an e-mail address: {value[:100]!r}") from None
    return value.strip()


def parse_events(document) -> list[MailEvent]:
    """Read SECON's own body or Postmark's into events; raise BadBody for anything else."""
    if isinstance(document, dict) and "RecordType" in document:
        record = document["RecordType"]
        if record == "SpamComplaint":
            return [MailEvent("complaint", _address(document.get("Email")))]
        if record == "Bounce":
            permanent = bool(document.get("Inactive")) or document.get("Type") in HARD_BOUNCES
            return [MailEvent("bounce", _address(document.get("Email")), permanent)]
        raise BadBody(f"Postmark record type {str(record)[:40]!r} is neither Bounce nor SpamComplaint")
    if isinstance(document, dict) and "events" in document:
        items = document["events"]
    elif isinstance(document, dict):
        items = [document]
    else:
        raise BadBody("expected a JSON object")
    if not isinstance(items, list) or not items:
        raise BadBody("“events” must be a non-empty list")
    if len(items) > MAX_EVENTS:
        raise BadBody(f"at most {MAX_EVENTS} events per call")
    events = []
    for item in items:
        if not isinstance(item, dict) or item.get("type") not in ("bounce", "complaint"):
            raise BadBody("every event needs “type”: “bounce” or “complaint”")
        permanent = item.get("permanent", True)
        if not isinstance(permanent, bool):
            raise BadBody("“permanent” must be true or false")
        events.append(MailEvent(item["type"], _address(item.get("email")), permanent))
    return events


@csrf_exempt
@require_POST
def mail_events(request: HttpRequest) -> JsonResponse:
    """Receive bounce and complaint notifications from the mail service (see the module's text)."""
    secret = settings.BOUNCE_WEBHOOK_SECRET
    if not secret:
        raise Http404("The bounce webhook is not configured")
    if not hmac.compare_digest(_given_secret(request).encode(), secret.encode()):
        return JsonResponse({"error": "missing or wrong secret"}, status=401)
    if int(request.headers.get("Content-Length") or 0) > MAX_BODY:
        return JsonResponse({"error": f"the body is larger than {MAX_BODY // 1024} KB"}, status=413)
    try:
        events = parse_events(json.loads(request.body.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    except BadBody as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"received": len(events), "suppressed": apply_mail_events(events)})
