"""Personal data and writes: registrations (an integration that sells places), check-in.

Each write goes through the app's service (which holds every rule); this module adds what HTTP
needs: the body limit (413), ``Idempotency-Key`` (a replay gets the first answer, another body
with the same key a 422), ``201 Created`` with ``Location``, and one audit record per write.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins
from rest_framework.response import Response

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.api.enums import Resource
from secon.api.schema import rules
from secon.api.serializers import personal
from secon.api.services.tokens import record_use
from secon.api.views import writing
from secon.api.views.base import ResourceViewSet
from secon.api.views.writing import IDEMPOTENCY
from secon.core.validators import is_whole_number
from secon.events.models import Event, Registration, Session
from secon.events.services.attendance import check_in
from secon.events.services.registrations import cancel_registration, register_participant


class CreateMixin:
    """POST through a service (see ``writing.write``): idempotent, 201 with Location, audited."""

    input_serializer: type

    def perform_write(self, data):
        raise NotImplementedError

    def location(self, instance) -> str:
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        return writing.write(
            self,
            request,
            input_serializer=self.input_serializer,
            perform=self.perform_write,
            location=self.location,
        )


def _event(view, pk: int, *, field: str = "event") -> Event:
    event = view.limit_events(Event.objects.filter(pk=pk)).select_related("project").first()
    if event is None:
        raise ValidationError({field: _("There is no such event.")})
    return event


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "event",
                {"type": "integer", "minimum": 0, "maximum": 10**18 - 1},
                required=True,
                description="The event's id: its registrations are listed.",
            )
        ]
    ),
    create=extend_schema(
        request=personal.RegistrationInput,
        responses={201: personal.RegistrationSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(
            email="The address is not registered for this event already.",
            sessions="Each session is one of the event's that participants choose (and not full).",
        ),
    ),
)
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
            if not is_whole_number(raw, max_digits=18):
                raise exceptions.ValidationError({"event": [_("Give the event's id (a whole number).")]})
            event = _event(self, int(raw))
            if not self.request.user.has_perm("events.view_registration", event):
                raise exceptions.PermissionDenied()
            return queryset.filter(event=event)
        return queryset

    def get_object(self):
        registration = super().get_object()
        event = Event.objects.get(pk=registration.event_id)
        if not self.request.user.has_perm("events.view_registration", event):
            raise exceptions.NotFound()
        return registration

    def perform_write(self, data):
        event = _event(self, data["event"])
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

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """Withdraw a registration: it stays, cancelled, and its places go to the first people waiting."""
        registration = self.get_object()
        with transaction.atomic():
            cancel_registration(actor=request.user, registration=registration)
            record_use(token=request.auth, method=request.method, path=request.path, status=204)
        return Response(status=204)


@extend_schema_view(
    create=extend_schema(
        request=personal.AttendanceInput,
        responses={201: personal.AttendanceSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(
            registration="The registration has a confirmed place (it is not cancelled or waiting).",
            day="The event takes place on that day (by default today, in the event's time zone).",
        ),
    )
)
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
        session = None
        if data.get("session"):
            session = Session.objects.filter(pk=data["session"], event_id=registration.event_id).first()
            if session is None:
                raise ValidationError({"session": _("This session belongs to another event.")})
        try:
            return check_in(
                actor=self.request.user, registration=registration, day=data.get("day"), session=session
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The registration's own state (cancelled, waiting): named on the field that chose it.
            raise ValidationError({"registration": error.messages}) from None

    def location(self, instance) -> str:
        return reverse("api:registration-detail", args=[instance.registration_id])
