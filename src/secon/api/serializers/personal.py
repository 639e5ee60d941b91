"""Personal data (registrations, attendance) and the bodies of the API's writes.

The input serializers check only shapes and types; every rule (places, consents, permissions,
days of the event) is the services' business, whose errors come back on the field they name.
"""

from rest_framework import serializers

from secon.api.serializers.directory import OrganisationSerializer
from secon.api.serializers.fields import Accepted, Expandable
from secon.events.models import Attendance, Registration
from secon.organisations.models import Person


class RegistrationSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)
    email = serializers.EmailField(source="person.email", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "first_name",
            "last_name",
            "email",
            "organisation_name",
            "language",
            "created_at",
            "updated_at",
        ]


class RegistrationInput(serializers.Serializer):
    event = serializers.IntegerField(min_value=1, max_value=2**53)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254)
    language = serializers.ChoiceField(choices=["en", "de", "es", "el"], default="en")
    organisation_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    accepts_terms = Accepted(help_text="The person accepted the terms of participation.")
    photos = serializers.BooleanField(default=False)
    share_contact = serializers.BooleanField(default=False)
    public_list = serializers.BooleanField(default=False)
    sessions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        default=list,
        max_length=50,
    )


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "registration", "day", "session", "checked_in_at"]


class AttendanceInput(serializers.Serializer):
    registration = serializers.IntegerField(min_value=1, max_value=2**53)
    day = serializers.DateField(required=False, help_text="Default: today in the event's time zone.")
    session = serializers.IntegerField(min_value=1, max_value=2**53, required=False)


class PersonSerializer(serializers.ModelSerializer):
    """A person of the projects: names, organisation, position; the e-mail address only when the
    token carries ``contacts:read`` and the person consented to share their contact details."""

    organisation = Expandable(OrganisationSerializer, key="slug", allow_null=True)
    email = serializers.SerializerMethodField(
        help_text="Only with the contacts:read scope, for a person who consented to share it; else null."
    )
    shares_contact = serializers.BooleanField(
        read_only=True, help_text="The person consented to share their contact details with partners."
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "organisation",
            "job_title",
            "preferred_language",
            "shares_contact",
            "email",
            "created_at",
        ]

    def get_email(self, person) -> str | None:
        return person.email if self.context.get("contacts") and person.shares_contact else None
