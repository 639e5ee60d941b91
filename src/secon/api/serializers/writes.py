"""Practice drafts and action-plan actions in the API: what it shows, and the shape of the bodies.

The input serializers check only shapes and types; the services check every rule (required
sections, the project's languages, the partner, the plan being a draft, permissions), and their
errors come back on the field they name.
"""

from django_countries import countries
from rest_framework import serializers

from secon.api.serializers.activities import PracticeSerializer
from secon.api.serializers.fields import AMOUNT, LATITUDE, LONGITUDE, DateInYears, DecimalInRange, WebAddress
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.policy.enums import ActionStatus
from secon.policy.models import Action, ProgressNote
from secon.policy.validators import MAX_COST
from secon.practices.completeness import missing_sections
from secon.practices.enums import Theme
from secon.practices.models import PRACTICE_FIRST_YEAR, TEXT_SECTIONS, GoodPractice
from secon.practices.services.drafts import MAX_KEYWORD_CHARS, MAX_KEYWORDS


class DraftSerializer(PracticeSerializer):
    """A practice in any state, as its authors see it on the partner side."""

    country = serializers.CharField(read_only=True)
    missing = serializers.SerializerMethodField(
        help_text="Sections still missing before the practice can be submitted: {field: [messages]}."
    )

    class Meta(PracticeSerializer.Meta):
        model = GoodPractice
        fields = [
            *PracticeSerializer.Meta.fields,
            "country",
            "latitude",
            "longitude",
            "contact_name",
            "contact_email",
            "translation_status",
            "missing",
        ]

    def get_missing(self, practice) -> dict[str, list[str]]:
        return {
            name: [str(message) for message in messages]
            for name, messages in missing_sections(practice).items()
        }


def _text_field(name: str) -> serializers.DictField:
    return serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20_000, trim_whitespace=True),
        required=False,
        help_text=f"The {name.replace('_', ' ')} per language code ({', '.join(CONTENT_LANGUAGE_CODES)}).",
    )


def field_length(name: str) -> int:
    """The longest value a practice's column holds (so that the schema says what the service takes)."""
    return GoodPractice._meta.get_field(name).max_length


class DraftInput(serializers.Serializer):
    """A draft's values; on PATCH only those given change. Texts are objects per language."""

    project = serializers.SlugField(max_length=50, help_text="The project's slug (on creation only).")
    theme = serializers.ChoiceField(choices=Theme.choices, required=False, allow_blank=True)
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=MAX_KEYWORD_CHARS), required=False, max_length=MAX_KEYWORDS
    )
    start_date = DateInYears(first_year=PRACTICE_FIRST_YEAR, required=False, allow_null=True)
    end_date = DateInYears(first_year=PRACTICE_FIRST_YEAR, required=False, allow_null=True)
    is_ongoing = serializers.BooleanField(required=False)
    country = serializers.ChoiceField(
        choices=[code for code, _name in countries],
        required=False,
        allow_blank=True,
        help_text="ISO 3166 code.",
    )
    region = serializers.CharField(
        max_length=10, required=False, allow_blank=True, allow_null=True, help_text="A NUTS code."
    )
    city = serializers.CharField(max_length=field_length("city"), required=False, allow_blank=True)
    latitude = DecimalInRange(
        pattern=LATITUDE,
        max_digits=9,
        decimal_places=6,
        required=False,
        allow_null=True,
        min_value=-90,
        max_value=90,
    )
    longitude = DecimalInRange(
        pattern=LONGITUDE,
        max_digits=9,
        decimal_places=6,
        required=False,
        allow_null=True,
        min_value=-180,
        max_value=180,
    )
    main_institution = serializers.SlugField(
        max_length=200, required=False, allow_null=True, help_text="An organisation's slug."
    )
    organisation = serializers.SlugField(
        max_length=200, required=False, allow_null=True, help_text="The partner organisation's slug."
    )
    contact_name = serializers.CharField(
        max_length=field_length("contact_name"), required=False, allow_blank=True
    )
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    website = WebAddress(max_length=field_length("website"), required=False, allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        for name in TEXT_SECTIONS:
            fields[name] = _text_field(name)
        return fields


class DraftUpdateInput(DraftInput):
    project = None


class SubmitInput(serializers.Serializer):
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ProgressNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressNote
        fields = ["id", "status", "text", "created_at"]


class ActionSerializer(serializers.ModelSerializer):
    """An action of an action plan, with its inspiring practices and its latest progress."""

    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    practices = serializers.SerializerMethodField()
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "project",
            "plan",
            "title",
            "rationale",
            "start_month",
            "end_month",
            "cost",
            "status",
            "implemented_on",
            "practices",
            "notes",
            "created_at",
            "updated_at",
        ]

    def get_practices(self, action) -> list[int]:
        return [inspiration.practice_id for inspiration in action.inspirations.all()]


class ActionInput(serializers.Serializer):
    """An action's values; on PATCH only those given change (``practices`` replaces the list)."""

    plan = serializers.IntegerField(min_value=1, max_value=2**53, help_text="The plan (on creation only).")
    title = serializers.CharField(max_length=250)
    rationale = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    start_month = DateInYears(required=False, allow_null=True)
    end_month = DateInYears(required=False, allow_null=True)
    cost = DecimalInRange(
        pattern=AMOUNT,
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        max_value=MAX_COST,
    )
    practices = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        max_length=50,
        help_text="The good practices inspiring the action (their ids).",
    )


class ActionUpdateInput(ActionInput):
    plan = None
    title = serializers.CharField(max_length=250, required=False)


class ProgressInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    text = serializers.CharField(max_length=5000, help_text="What happened.")
    implemented_on = DateInYears(required=False, allow_null=True)
