"""Pages of a list: ``{count, next, previous, results}``, 50 by default, at most 200."""

import hashlib

from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from django.core.cache import cache
from django.core.paginator import EmptyPage
from django.core.paginator import Paginator as DjangoPaginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from secon.api.problems import Problem
from secon.core.cache import scopes_version
from secon.core.validators import is_whole_number

MAX_PAGE_SIZE = 200
#: A page number (or size) has at most 12 digits (as the schema says).
MAX_DIGITS = 12


def positive_parameter(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not is_whole_number(raw, max_digits=MAX_DIGITS) or int(raw) < 1:
        raise exceptions.ValidationError({name: [_("Give a whole number of at least 1.")]})
    return int(raw)


class CachedCountPaginator(DjangoPaginator):
    """Count a list once per version of the cache scopes its records belong to (``scopes``): the
    count of 90,000 records costs more than their page, and a client reads the pages one by one."""

    scopes: tuple[str, ...] = ()

    @cached_property
    def count(self) -> int:
        sql, params = self.object_list.query.sql_with_params()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        key = f"secon:api:count:{scopes_version(*self.scopes)}:{digest}"
        found = cache.get(key)
        if found is None:
            found = super().count
            cache.set(key, found, timeout=3600)
        return found


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        size = positive_parameter(request, self.page_size_query_param)
        if size is not None and size > self.max_page_size:
            # As the schema says (a larger size cut down silently would look like a short list).
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("At most %(size)s per page.") % {"size": self.max_page_size}]}
            )
        return self.page_size if size is None else size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        number = positive_parameter(request, self.page_query_param) or 1
        paginator = self.django_paginator_class(queryset, page_size)
        scopes = getattr(view, "count_scopes", ())
        if scopes:
            paginator = CachedCountPaginator(queryset, page_size)
            paginator.scopes = scopes
        try:
            self.page = paginator.page(number)
        except EmptyPage:
            raise Problem(
                404,
                _("There is no page %(number)s: the last page is %(last)s.")
                % {"number": number, "last": paginator.num_pages},
                field=self.page_query_param,
            ) from None
        return list(self.page)

    def link(self, url: str, number: int) -> str:
        """The address of page ``number`` of the list at ``url``."""
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            parameter["schema"]["maximum"] = 10**MAX_DIGITS - 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = MAX_PAGE_SIZE
        return parameters

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["count", "next", "previous", "results"]
        return answer
