"""The read-only resources of /api/v1/: each reads the public records of its app."""

from secon.api import public_data
from secon.api.enums import Resource
from secon.api.serializers import activities, directory
from secon.api.views.base import ResourceViewSet

PROJECT = ("project__slug", str, "Only the records of this project (its slug).")


class ProjectViewSet(ResourceViewSet):
    """Projects shown on the public site."""

    resource = Resource.PROJECTS
    project_path = "pk"
    updated_field = "updated_at"
    serializer_class = directory.ProjectSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    ordering = ("acronym", "pk")

    def base_queryset(self):
        return public_data.projects()


class PartnerViewSet(ResourceViewSet):
    """The partners of public projects."""

    resource = Resource.PARTNERS
    partner_path = "pk"
    updated_field = "updated_at"
    serializer_class = directory.PartnerSerializer
    expandable = {"organisation": ("organisation__region",), "regions": ()}
    select = ("organisation",)
    filters = {"project": PROJECT}
    ordering = ("project__acronym", "number", "pk")

    def base_queryset(self):
        return public_data.partners()


class OrganisationViewSet(ResourceViewSet):
    """Organisations (shared by every project; a project limit does not narrow them)."""

    resource = Resource.ORGANISATIONS
    project_path = None
    updated_field = "updated_at"
    serializer_class = directory.OrganisationSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    expandable = {"region": ()}
    filters = {
        "kind": ("kind", str, "Only organisations of this type."),
        "region": ("region__code", str, "Only organisations in this NUTS region (code)."),
    }
    ordering = ("sort_key", "pk")

    def base_queryset(self):
        return public_data.organisations()


class RegionViewSet(ResourceViewSet):
    """NUTS regions."""

    resource = Resource.REGIONS
    project_path = None
    serializer_class = directory.RegionSerializer
    filters = {
        "level": ("level", int, "Only regions of this NUTS level (0 = country)."),
        "country": ("country_code", str, "Only regions of this NUTS country code."),
    }
    ordering = ("code", "nuts_version", "pk")

    def base_queryset(self):
        return public_data.regions()


class EventViewSet(ResourceViewSet):
    """Published (and postponed or cancelled) events of public projects."""

    resource = Resource.EVENTS
    updated_field = "updated_at"
    serializer_class = activities.EventSerializer
    expandable = {"venues": (), "host_organisation": ("host_organisation__region",)}
    select = ("host_organisation",)
    prefetch = ("venues",)
    filters = {"project": PROJECT}
    ordering = ("start_date", "pk")

    def base_queryset(self):
        return public_data.events()


class SessionViewSet(ResourceViewSet):
    """Public sessions of those events."""

    resource = Resource.SESSIONS
    project_path = "event__project"
    updated_field = "updated_at"
    serializer_class = activities.SessionSerializer
    expandable = {
        "event": ("event__project", "event__host_organisation", "*event__venues"),
        "venue": ("venue",),
        "presenting_organisations": ("presenting_organisations__region",),
        "practices": ("practices__project", "practices__region", "practices__organisation"),
    }
    many_relations = frozenset({"presenting_organisations", "practices"})
    select = ("venue",)
    prefetch = ("presenting_organisations", "practices")
    filters = {
        "event": ("event_id", int, "Only the sessions of this event (its id)."),
        "project": ("event__project__slug", str, "Only the sessions of this project's events (its slug)."),
    }
    ordering = ("starts_at", "ends_at", "pk")

    def base_queryset(self):
        return public_data.sessions()


class TransferViewSet(ResourceViewSet):
    """Transfers of public good practices to other partners' regions."""

    resource = Resource.TRANSFERS
    partner_path = "partner"
    updated_field = "updated_at"
    serializer_class = activities.TransferSerializer
    expandable = {
        "practice": ("practice__project", "practice__region", "practice__organisation"),
        "region": (),
    }
    filters = {"project": PROJECT, "practice": ("practice_id", int, "Only the transfers of this practice.")}
    ordering = ("-created_at", "-pk")

    def base_queryset(self):
        return public_data.transfers()


class DecisionViewSet(ResourceViewSet):
    """Decisions the committees published."""

    resource = Resource.DECISIONS
    updated_field = "updated_at"
    serializer_class = activities.DecisionSerializer
    filters = {"project": PROJECT, "committee": ("committee__slug", str, "Only this committee's decisions.")}
    ordering = ("project__acronym", "decided_on", "series_id", "sequence", "pk")

    def base_queryset(self):
        return public_data.decisions()


class InstrumentViewSet(ResourceViewSet):
    """Public policy instruments and their status."""

    resource = Resource.INSTRUMENTS
    partner_path = "partner"
    updated_field = "updated_at"
    serializer_class = activities.InstrumentSerializer
    expandable = {"region": ()}
    filters = {"project": PROJECT}
    ordering = ("project__acronym", "partner__number", "pk")

    def base_queryset(self):
        return public_data.instruments()


class ArticleViewSet(ResourceViewSet):
    """Articles with the versions on the public site."""

    resource = Resource.ARTICLES
    updated_field = "updated_at"
    serializer_class = activities.ArticleSerializer
    filters = {"project": PROJECT}
    ordering = ("-created_at", "-pk")

    def base_queryset(self):
        return public_data.articles()
