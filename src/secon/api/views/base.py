"""What every API resource shares: scopes, the token's project limit, options, ETags, schema."""

import functools
import hashlib

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, viewsets

from django.http import HttpResponseNotModified
from django.utils.translation import gettext as _

from secon.api.options import parse_options
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.validators import is_whole_number
from secon.projects.tenancy import scopes_disabled

#: What ``filter_by_parameters`` accepts, as the schema says it: a whole number of at most 18 digits,
#: or a text of at most 100 characters.
MAX_FILTER_LENGTH = 100
FILTER_TYPES = {
    int: {"type": "integer", "minimum": 0, "maximum": 10**18 - 1},
    str: {"type": "string", "maxLength": MAX_FILTER_LENGTH},
}


#: A moment of ``options.parse_moment``: ISO 8601, in the years 1 to 9998.
MOMENT = {"type": "string", "format": "date-time", "pattern": "^([0-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9])-"}


@functools.cache
def _documented_queries() -> list[tuple[list[str], int, dict[str, frozenset[str]]]]:
    """Per address of the schema: its segments, how many are placeholders, and per method the
    query parameters the schema documents. Made once per process, from the schema itself."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    table = []
    for template, item in schema["paths"].items():
        segments = template.strip("/").split("/")
        methods = {
            method.upper(): frozenset(
                parameter["name"]
                for parameter in operation.get("parameters", ())
                if parameter["in"] == "query"
            )
            for method, operation in item.items()
            if isinstance(operation, dict)
        }
        table.append((segments, sum(segment.startswith("{") for segment in segments), methods))
    return sorted(table, key=lambda row: row[1])


def documented_query(path: str, method: str) -> frozenset[str] | None:
    """The query parameters the schema documents for ``method`` at ``path`` (None: not in it)."""
    segments = path.strip("/").split("/")
    for template, _placeholders, methods in _documented_queries():
        if len(template) == len(segments) and all(
            part.startswith("{") or part == segment for part, segment in zip(template, segments, strict=True)
        ):
            return methods.get(method)
    return None


def refuse_undocumented_query(request) -> None:
    """A 400 for a query parameter the operation does not document, or one given twice: the API
    would ignore it (or read one of the values), so a client's mistyped filter would go unnoticed."""
    if not request.query_params:
        return
    for name, values in request.query_params.lists():
        if len(values) > 1:
            raise exceptions.ValidationError({name[:40]: [_("Give this parameter once.")]})
    documented = documented_query(request.path, request.method)
    if documented is None:
        return
    for name in request.query_params:
        if name not in documented:
            raise exceptions.ValidationError(
                {
                    name[:40] or "?": [
                        _("Unknown parameter; this address takes: %(names)s.")
                        % {"names": ", ".join(sorted(documented)) or "-"}
                    ]
                }
            )


class ResourceSchema(AutoSchema):
    """Describe each resource's own query parameters (from the view's declarations)."""

    def get_override_parameters(self):
        view = self.view
        parameters = [
            OpenApiParameter(
                "lang",
                str,
                enum=list(CONTENT_LANGUAGE_CODES),
                description="Texts in this language (strings instead of objects per language).",
            )
        ]
        if view.expandable:
            names = sorted(view.expandable)
            parameters.append(
                OpenApiParameter(
                    "expand",
                    {"type": "array", "items": {"type": "string", "enum": names}},
                    description="Comma-separated, among: " + ", ".join(names),
                    style="form",
                    explode=False,
                )
            )
        if self._is_list_view():
            if view.updated_field:
                parameters.append(
                    OpenApiParameter(
                        "updated_since",
                        MOMENT,
                        description="Only records changed at or after this moment (ISO 8601), oldest first.",
                    )
                )
            for name, (_lookup, kind, description) in view.filters.items():
                parameters.append(OpenApiParameter(name, FILTER_TYPES[kind], description=description))
        return parameters


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only resource of the API (list and record).

    A subclass names its ``resource`` (the scope it needs), reads through ``base_queryset`` (the
    app's selector), and declares the path from its records to their project (``project_path``) so
    that a token limited to a project sees only that project's records.
    """

    resource: str
    project_path: str | None = "project"
    partner_path: str | None = None
    updated_field: str | None = None
    #: ?expand= name → the related paths to load with it (select_related; prefetched when the name is
    #: in ``many_relations`` or the path starts with "*").
    expandable: dict[str, tuple[str, ...]] = {}
    #: Always loaded (whatever the page size: a fixed number of queries).
    select: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    many_relations: frozenset[str] = frozenset()
    #: The page-cache scopes every record of the list belongs to: its count is then kept until
    #: one of them changes (see pagination.CachedCountPaginator).
    count_scopes: tuple[str, ...] = ()
    #: query parameter → (lookup, type, description).
    filters: dict[str, tuple[str, type, str]] = {}
    ordering: tuple[str, ...] = ("pk",)
    lookup_value_converter = "int"
    schema = ResourceSchema()

    def base_queryset(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # The API names no project in its address: each query is limited explicitly (get_queryset).
        with scopes_disabled():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_undocumented_query(request)
        self.options = parse_options(
            request.query_params,
            expandable=self.expandable,
            updated=bool(self.updated_field) and self.action == "list",
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        options = getattr(self, "options", None)
        context["lang"] = options.lang if options else None
        context["expand"] = options.expand if options else frozenset()
        return context

    def limit(self, queryset):
        """Narrow ``queryset`` to the token's project (and partner)."""
        token = self.request.auth
        if token is not None and token.project_id and self.project_path:
            queryset = queryset.filter(**{self.project_path: token.project_id})
        if token is not None and token.partner_id and self.partner_path:
            queryset = queryset.filter(**{self.partner_path: token.partner_id})
        return queryset

    def filter_by_parameters(self, queryset):
        for name, (lookup, kind, _description) in self.filters.items():
            raw = self.request.query_params.get(name)
            if raw is None or raw == "":
                continue
            if kind is int:
                if not is_whole_number(raw, max_digits=18):
                    raise exceptions.ValidationError({name: [_("Give a whole number.")]})
                raw = int(raw)
            elif len(raw) > MAX_FILTER_LENGTH:
                raise exceptions.ValidationError({name: [_("At most 100 characters.")]})
            queryset = queryset.filter(**{lookup: raw})
        return queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the types
            with scopes_disabled():
                return self.base_queryset().none()
        queryset = self.limit(self.base_queryset())
        options = self.options
        select = [*self.select]
        prefetch = [*self.prefetch]
        for name in options.expand:
            for path in self.expandable[name]:
                if path.startswith("*") or name in self.many_relations:
                    prefetch.append(path.removeprefix("*"))
                else:
                    select.append(path)
        if select:
            queryset = queryset.select_related(*select)
        if prefetch:
            queryset = queryset.prefetch_related(*prefetch)
        if self.action == "list":
            queryset = self.filter_by_parameters(queryset)
            if options.updated_since is not None:
                return queryset.filter(**{f"{self.updated_field}__gte": options.updated_since}).order_by(
                    self.updated_field, "pk"
                )
            return queryset.order_by(*self.ordering)
        return queryset

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Vary"] = "Authorization, Accept-Language"
        if request.method != "GET" or response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        wanted = {
            tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")
        }
        if etag in wanted or "*" in wanted:
            answer = HttpResponseNotModified()
            answer["ETag"] = etag
            answer["Vary"] = response["Vary"]
            return answer
        return response
