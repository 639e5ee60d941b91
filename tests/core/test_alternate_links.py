"""The language alternates of a page: one resolution of its address for every language, the same
addresses as Django's ``translate_url`` gives one language at a time."""

import re

import pytest

from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import translate_url
from django.utils import translation

from secon.core.links import absolute_url

pytestmark = pytest.mark.django_db

PATHS = [
    "/en/",
    "/de/events/",
    "/es/secon/events/caceres/sessions/12/",
    "/el/secon/practices/3/",
    "/en/no/such/page/at/all/",  # does not resolve: the prefix is swapped
    "/fr/unknown-language/",
    "/en/secon/events/caceres/?page=2&utm_source=x",
]


def _expected(path: str, query: str) -> list[tuple[str, str, str]]:
    url = absolute_url(path)
    found = []
    for code, name in settings.LANGUAGES:
        translated = translate_url(url, code)
        if translated == url:
            prefix = re.match(r"^/(en|de|es|el)/", path)
            rest = path[prefix.end() :] if prefix else path.lstrip("/")
            translated = url[: len(url) - len(path)] + f"/{code}/" + rest
        found.append((code, name, translated + query))
    return found


@pytest.mark.parametrize("address", PATHS)
def test_alternates_are_those_translate_url_gives(address):
    request = RequestFactory().get(address)
    template = Template("{% load secon %}{% alternate_urls as alternates %}{{ alternates|safe }}")
    with translation.override("en"):
        rendered = template.render(Context({"request": request}))
    query = "?page=2" if "page=2" in address else ""
    assert rendered == str(_expected(request.path, query))
