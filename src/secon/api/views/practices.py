"""Good practices through the library's search: words in any language, the library's filters."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from django.utils.translation import gettext as _

from secon.api import public_data
from secon.api.enums import Resource
from secon.api.options import parse_lang
from secon.api.pagination import Pagination, positive_parameter
from secon.api.problems import Problem
from secon.api.serializers.activities import PracticeSerializer
from secon.api.views.base import ResourceViewSet
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.organisations.enums import OrganisationType
from secon.practices.enums import LIBRARY_SCOPE, PUBLIC_STATUSES, Theme
from secon.practices.models import GoodPractice
from secon.practices.selectors.facets import FACETS
from secon.practices.selectors.library import MAX_PAGE, clean_filters, search_practices
from secon.projects.scopes import PROJECTS_SCOPE

FILTER_HELP = {
    "theme": "A theme code.",
    "country": "A two-letter country code.",
    "region": "A NUTS region code.",
    "organisation_type": "A type of organisation.",
    "project": "A project slug.",
    "status": "approved, counted or selected.",
    "concept": "A concept of the thesaurus (see /practices/concepts/); narrower ones count too.",
}


#: The columns of a practice the API does not show.
UNSHOWN = (
    "expert_opinion",
    "translation_status",
    "country",
    "latitude",
    "longitude",
    "main_institution",
    "author",
    "contact_name",
    "contact_email",
    "period",
    "created_at",
)


#: A related record the serializer shows by its key unless expanded → that key.
RELATED_KEYS = {"project": "slug", "region": "code", "organisation": "slug"}


#: The facets whose values are a fixed list (the others name records: a country, a region, a project,
#: a concept of the thesaurus); a value out of the list is a 400.
FACET_VALUES = {
    "theme": sorted(Theme.values),
    "status": sorted(str(status) for status in PUBLIC_STATUSES),
    "organisation_type": sorted(OrganisationType.values),
}
MAX_QUERY_LENGTH = 200


def _facet(name: str) -> OpenApiParameter:
    kind = {"type": "string", "enum": FACET_VALUES[name]} if name in FACET_VALUES else str
    return OpenApiParameter(name, kind, description=FILTER_HELP[name])


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q",
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            description="Words to search in every language (or in `language`).",
        ),
        OpenApiParameter(
            "language",
            {"type": "string", "enum": list(CONTENT_LANGUAGE_CODES)},
            description="Search only the texts in this language.",
        ),
        *[_facet(name) for name in FACETS],
    ]
)
class PracticeViewSet(ResourceViewSet):
    """Public good practices: the library's search and filters, ranked; or changes with updated_since."""

    resource = Resource.PRACTICES
    partner_path = "organisation__partnerships"
    updated_field = "updated_at"
    serializer_class = PracticeSerializer
    expandable = {"region": ("region__parent",), "organisation": ("organisation__region",)}
    ordering = ("-published_at", "-pk")
    count_scopes = (LIBRARY_SCOPE, PROJECTS_SCOPE)

    def base_queryset(self):
        # What the serializer does not show is not read (each text is JSON to decode).
        return public_data.practices().defer(*UNSHOWN)

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        # A related record not expanded shows only its key: its other columns (texts in every
        # language, JSON to decode) are not read — at 200 per page, 600 texts less to decode.
        unread = []
        for relation, key in RELATED_KEYS.items():
            if relation in self.options.expand:
                continue
            model = GoodPractice._meta.get_field(relation).related_model
            unread += [
                f"{relation}__{field.name}"
                for field in model._meta.concrete_fields
                if not field.primary_key and field.name != key
            ]
        return queryset.defer(*unread)

    def _filters(self) -> dict:
        raw = {
            name: self.request.query_params[name] for name in FACETS if self.request.query_params.get(name)
        }
        cleaned = clean_filters(raw)
        for name in raw:
            if name not in cleaned:
                raise exceptions.ValidationError(
                    {name: [_("Unknown value %(value)s.") % {"value": raw[name][:60]}]}
                )
        return cleaned

    def list(self, request, *args, **kwargs):
        token = request.auth
        if self.options.updated_since is not None or token.partner_id:
            return super().list(request, *args, **kwargs)
        query = request.query_params.get("q", "")
        if len(query) > MAX_QUERY_LENGTH:
            raise exceptions.ValidationError({"q": [_("At most 200 characters.")]})
        language = parse_lang(request.query_params.get("language"), name="language")
        filters = self._filters()
        paginator = Pagination()
        per_page = paginator.get_page_size(request)
        number = positive_parameter(request, paginator.page_query_param) or 1
        if number > MAX_PAGE:
            raise Problem(
                404, _("The library shows at most %(pages)s pages.") % {"pages": MAX_PAGE}, field="page"
            )
        results = search_practices(
            query=query,
            language=language,
            project=token.project,
            filters=filters,
            page=number,
            per_page=per_page,
            practices=self.get_queryset(),
            snippets=False,
            facets=False,
        )
        if number > results.pages:
            raise Problem(
                404,
                _("There is no page %(number)s: the last page is %(last)s.")
                % {"number": number, "last": results.pages},
                field="page",
            )
        data = self.get_serializer([hit.practice for hit in results.hits], many=True).data
        url = request.build_absolute_uri()
        return Response(
            {
                "count": results.total,
                "next": paginator.link(url, number + 1) if results.has_next else None,
                "previous": paginator.link(url, number - 1) if results.has_previous else None,
                "results": data,
            }
        )
