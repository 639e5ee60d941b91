"""Personal data (registrations, attendance) and the bodies of the API's writes.

The input serializers check only shapes and types; every rule (places, consents, permissions,
days of the event) is the services' business, whose errors come back on the field they name.
"""

from rest_framework import serializers

from secon.events.models import Attendance, Registration


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
    accepts_terms = serializers.BooleanField(help_text="The person accepted the terms of participation.")
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
