"""Events, sessions, good practices, transfers, decisions, instruments and articles in the API."""

from rest_framework import serializers

from secon.api.serializers.directory import OrganisationSerializer, RegionSerializer
from secon.api.serializers.fields import Expandable, QuickRows, TranslatedText
from secon.communications.models import Article
from secon.events.models import Event, Session, Venue
from secon.governance.models import Decision
from secon.policy.models import PolicyInstrument
from secon.practices.models import GoodPractice, Transfer


class VenueSerializer(QuickRows, serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "address", "city", "latitude", "longitude"]


class EventSerializer(QuickRows, serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = TranslatedText()
    description = TranslatedText()
    venues = Expandable(VenueSerializer, many=True)
    host_organisation = Expandable(OrganisationSerializer, key="slug", allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "project",
            "slug",
            "kind",
            "status",
            "title",
            "description",
            "start_date",
            "end_date",
            "time_zone",
            "city",
            "country",
            "venues",
            "host_organisation",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "languages",
            "updated_at",
        ]


class PracticeSerializer(QuickRows, serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = TranslatedText()
    summary = TranslatedText()
    description = TranslatedText()
    resources = TranslatedText()
    evidence = TranslatedText()
    transfer_potential = TranslatedText()
    difficulties = TranslatedText()
    region = Expandable(RegionSerializer, key="code", allow_null=True)
    organisation = Expandable(OrganisationSerializer, key="slug", allow_null=True)
    keywords = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = GoodPractice
        fields = [
            "id",
            "project",
            "status",
            "title",
            "summary",
            "description",
            "resources",
            "evidence",
            "transfer_potential",
            "difficulties",
            "theme",
            "keywords",
            "start_date",
            "end_date",
            "is_ongoing",
            "region",
            "city",
            "organisation",
            "website",
            "published_at",
            "updated_at",
        ]


class SessionSerializer(QuickRows, serializers.ModelSerializer):
    event = Expandable(EventSerializer)
    title = TranslatedText()
    description = TranslatedText()
    meeting_point = TranslatedText()
    accessibility_notes = TranslatedText()
    venue = Expandable(VenueSerializer, allow_null=True)
    presenting_organisations = Expandable(OrganisationSerializer, key="slug", many=True)
    practices = Expandable(PracticeSerializer, many=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "room",
            "meeting_point",
            "capacity",
            "language",
            "accessibility_notes",
            "materials_url",
            "presenting_organisations",
            "practices",
            "updated_at",
        ]


class TransferSerializer(serializers.ModelSerializer):
    practice = Expandable(PracticeSerializer)
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner = serializers.CharField(source="partner.code", read_only=True)
    region = Expandable(RegionSerializer, key="code", allow_null=True)

    class Meta:
        model = Transfer
        fields = ["id", "practice", "project", "partner", "region", "stage", "created_at", "updated_at"]


class DecisionSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    meeting = serializers.IntegerField(source="meeting.number", read_only=True)
    title = TranslatedText()
    text = TranslatedText()

    class Meta:
        model = Decision
        fields = [
            "id",
            "project",
            "committee",
            "number",
            "meeting",
            "title",
            "text",
            "decided_on",
            "status",
            "updated_at",
        ]


class InstrumentSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner = serializers.CharField(source="partner.code", read_only=True)
    name = TranslatedText()
    description = TranslatedText()
    region = Expandable(RegionSerializer, key="code", allow_null=True)

    class Meta:
        model = PolicyInstrument
        fields = [
            "id",
            "project",
            "partner",
            "name",
            "kind",
            "managing_body",
            "region",
            "funds",
            "description",
            "status",
            "improvement",
            "adopted_on",
            "adopted_by",
            "updated_at",
        ]


class VersionTexts(TranslatedText):
    """One text of an article, taken from each of its public versions (one per language)."""

    def __init__(self, name: str, **kwargs):
        self.name = name
        super().__init__(source="*", **kwargs)

    def get_attribute(self, article):
        return {version.language: getattr(version, self.name) for version in article.public_versions}


class ArticleSerializer(serializers.ModelSerializer):
    """An article: its public versions' texts as language objects (one string each with ?lang=)."""

    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = VersionTexts("title")
    summary = VersionTexts("summary")
    body = VersionTexts("body", help_text="Markdown.")
    languages = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "project",
            "slug",
            "kind",
            "event",
            "languages",
            "title",
            "summary",
            "body",
            "updated_at",
        ]

    def get_languages(self, article) -> list[str]:
        return [version.language for version in article.public_versions]
