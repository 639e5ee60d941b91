"""One site address: absolute links come from SECON_SITE_URL, never from the request's Host header."""

import re

import pytest

from django.core.cache import cache

from secon.core.links import absolute_url, site_url
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db

SITE = "https://hub.example.org"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["hub.example.org", "127.0.0.1", "testserver"]
    project = ProjectFactory(slug="secon", acronym="SECON")
    PartnerFactory(project=project, number=1, role="lead")
    event = EventFactory(project=project, slug="caceres")
    SessionFactory(event=event)
    return project


def test_absolute_url_is_built_on_the_site_address(settings):
    settings.SITE_URL = "http://127.0.0.1:8123/"
    assert site_url() == "http://127.0.0.1:8123"
    assert absolute_url("/en/secon/") == "http://127.0.0.1:8123/en/secon/"
    assert absolute_url("http://127.0.0.1:8123/en/") == "http://127.0.0.1:8123/en/"
    with pytest.raises(ValueError):
        absolute_url("https://evil.example/en/")
    with pytest.raises(ValueError):
        absolute_url("en/secon/")


def test_a_host_that_is_not_allowed_gets_400(client, site):
    response = client.get("/en/secon/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"evil.example" not in response.content


PAGES = ["/en/", "/en/secon/", "/de/secon/", "/en/secon/events/caceres/", "/es/events/"]
EXPORTS = ["calendar.ics", "schedule.json", "schedule.xml"]


@pytest.mark.parametrize("path", PAGES)
def test_a_forged_host_poisons_neither_the_page_nor_the_cache(client, site, settings, path):
    # Even with every host allowed (a wildcard behind a careless proxy), links use the site address.
    settings.ALLOWED_HOSTS = ["*"]
    forged = client.get(path, HTTP_HOST="evil.example")
    assert forged.status_code == 200
    html = forged.content.decode()
    assert "evil.example" not in html
    links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]+)"', html)
    assert links and all(link.startswith(SITE + "/") for link in links), links
    honest = client.get(path, HTTP_HOST="hub.example.org")
    assert honest["X-Page-Cache"] == "hit"
    assert "evil.example" not in honest.content.decode()
    stored = list(cache._cache.values())  # the test settings' in-memory cache: pickled pages
    assert stored
    assert not any(b"evil.example" in value for value in stored)


@pytest.mark.parametrize("export", EXPORTS)
def test_exports_link_to_the_site_address_whatever_the_host(client, site, settings, export):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get(f"/en/secon/events/caceres/{export}", HTTP_HOST="evil.example")
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    assert b"evil.example" not in body
    assert SITE.encode() in body.replace(b"\\/", b"/")
