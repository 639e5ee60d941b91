"""Personal data and writes: registrations (an integration that sells places), check-in.

Each write goes through the app's service (which holds every rule); this module adds what HTTP
needs: the body limit (413), ``Idempotency-Key`` (a replay gets the first answer, another body
with the same key a 422), ``201 Created`` with ``Location``, and one audit record per write.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins
from rest_framework.response import Response

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.api.enums import Resource
from secon.api.problems import Problem
from secon.api.serializers import personal
from secon.api.services import idempotency
from secon.api.services.tokens import record_use
from secon.api.views.base import ResourceViewSet
from secon.core.permissions import require
from secon.events.models import Event, Registration, Session
from secon.events.services.attendance import check_in
from secon.events.services.registrations import register_participant

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    description="Send the same key again (same body) to get the first answer instead of a second write.",
)


class CreateMixin:
    """POST through a service, with the body limit, idempotency, Location and the audit record."""

    input_serializer: type

    def perform_write(self, data):
        raise NotImplementedError

    def location(self, instance) -> str:
        raise NotImplementedError

    def _idempotency_key(self, request) -> str | None:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return None
        if not key.strip() or len(key) > idempotency.MAX_KEY_LENGTH or not key.isprintable():
            raise exceptions.ValidationError(
                {"Idempotency-Key": [_("Give a key of 1 to 200 printable characters.")]}
            )
        return key

    def create(self, request, *args, **kwargs):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > settings.API_MAX_BODY_BYTES:
            raise Problem(
                413,
                _("The body is larger than %(kb)s KB.") % {"kb": settings.API_MAX_BODY_BYTES // 1024},
            )
        token = request.auth
        key = self._idempotency_key(request)
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        digest = idempotency.body_hash(request.data)
        if key is not None:
            found = idempotency.find(token=token, key=key)
            if found is not None:
                if found.body_hash != digest:
                    raise Problem(
                        422,
                        _("This Idempotency-Key was used with another body."),
                        field="Idempotency-Key",
                    )
                headers = {"Idempotent-Replayed": "true"}
                if found.location:
                    headers["Location"] = found.location
                return Response(found.body, status=found.status, headers=headers)
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.perform_write(serializer.validated_data)
            body = self.get_serializer(instance).data
            location = request.build_absolute_uri(self.location(instance))
            if key is not None:
                idempotency.remember(
                    token=token, key=key, digest=digest, status=201, body=body, location=location
                )
            record_use(token=token, method=request.method, path=request.path, status=201)
        return Response(body, status=201, headers={"Location": location})


def _event(view, pk: int, *, permission: str, field: str = "event") -> Event:
    event = view.limit_events(Event.objects.filter(pk=pk)).select_related("project").first()
    if event is None:
        raise ValidationError({field: _("There is no such event.")})
    require(view.request.user, permission, event)
    return event


@extend_schema(parameters=[IDEMPOTENCY], methods=["POST"])
class RegistrationViewSet(CreateMixin, mixins.CreateModelMixin, ResourceViewSet):
    """Registrations of an event (personal data): for its organisers, with a token allowed to see them."""

    resource = Resource.REGISTRATIONS
    updated_field = "updated_at"
    serializer_class = personal.RegistrationSerializer
    input_serializer = personal.RegistrationInput
    select = ("person",)
    filters = {"status": ("status", str, "Only registrations with this status.")}
    ordering = ("created_at", "pk")

    def limit_events(self, events):
        token = self.request.auth
        return events.filter(project_id=token.project_id) if token.project_id else events

    def base_queryset(self):
        return Registration.objects.all()

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False) or self.action == "create":
            return queryset
        if self.action == "list":
            raw = self.request.query_params.get("event", "")
            if not raw.isdigit() or len(raw) > 18:
                raise exceptions.ValidationError({"event": [_("Give the event's id (a whole number).")]})
            event = _event(self, int(raw), permission="events.view_registration")
            return queryset.filter(event=event)
        return queryset

    def get_object(self):
        registration = super().get_object()
        event = Event.objects.get(pk=registration.event_id)
        if not self.request.user.has_perm("events.view_registration", event):
            raise exceptions.NotFound()
        return registration

    def perform_write(self, data):
        event = _event(self, data["event"], permission="events.change_registration")
        sessions = list(Session.objects.filter(event=event, pk__in=data["sessions"]))
        if len(sessions) != len(set(data["sessions"])):
            raise ValidationError({"sessions": _("A session is not one of this event's.")})
        return register_participant(
            actor=self.request.user,
            event=event,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            language=data["language"],
            organisation_name=data["organisation_name"],
            consents={
                "terms": data["accepts_terms"],
                "photos": data["photos"],
                "share_contact": data["share_contact"],
                "public_list": data["public_list"],
            },
            sessions=sessions,
            by_organiser=True,
            consent_source="api",
        )

    def location(self, instance) -> str:
        return reverse("api:registration-detail", args=[instance.pk])


@extend_schema(parameters=[IDEMPOTENCY])
class AttendanceViewSet(CreateMixin, mixins.CreateModelMixin, ResourceViewSet):
    """Check a participant in (a check-in app): on a day, or at a session; repeating is harmless."""

    resource = Resource.ATTENDANCE
    serializer_class = personal.AttendanceSerializer
    input_serializer = personal.AttendanceInput
    http_method_names = ["post", "options"]

    def base_queryset(self):
        return Registration.objects.none()

    def perform_write(self, data):
        token = self.request.auth
        registrations = Registration.objects.filter(pk=data["registration"]).select_related("event", "person")
        if token.project_id:
            registrations = registrations.filter(project_id=token.project_id)
        registration = registrations.first()
        if registration is None:
            raise ValidationError({"registration": _("There is no such registration.")})
        require(self.request.user, "events.add_attendance", registration.event)
        session = None
        if data.get("session"):
            session = Session.objects.filter(pk=data["session"], event_id=registration.event_id).first()
            if session is None:
                raise ValidationError({"session": _("This session belongs to another event.")})
        return check_in(
            actor=self.request.user, registration=registration, day=data.get("day"), session=session
        )

    def location(self, instance) -> str:
        return reverse("api:registration-detail", args=[instance.registration_id])
