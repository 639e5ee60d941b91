"""Projects, partners, organisations and regions as the API shows them."""

from rest_framework import serializers

from secon.api.serializers.fields import Expandable, QuickRows, TranslatedText
from secon.organisations.models import Organisation, Partner, Region
from secon.projects.models import Project


class RegionSerializer(QuickRows, serializers.ModelSerializer):
    names = TranslatedText(help_text="The region's name per language.")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["id", "code", "nuts_version", "level", "country_code", "name", "names", "parent"]


class OrganisationSerializer(QuickRows, serializers.ModelSerializer):
    description = TranslatedText()
    region = Expandable(RegionSerializer, key="code", allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "legal_name",
            "acronym",
            "kind",
            "is_social_economy",
            "region",
            "city",
            "website",
            "description",
            "latitude",
            "longitude",
            "updated_at",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    title = TranslatedText()
    summary = TranslatedText()
    objectives = TranslatedText()
    content_languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Project
        fields = [
            "slug",
            "acronym",
            "title",
            "summary",
            "objectives",
            "programme",
            "reference",
            "start_date",
            "end_date",
            "content_languages",
            "website",
            "updated_at",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="LP for the lead partner, else PP<number>.")
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = Expandable(OrganisationSerializer, key="slug")
    regions = Expandable(RegionSerializer, key="code", many=True)
    summary = TranslatedText()

    class Meta:
        model = Partner
        fields = [
            "id",
            "project",
            "code",
            "number",
            "role",
            "organisation",
            "regions",
            "summary",
            "updated_at",
        ]
