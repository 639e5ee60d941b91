import pytest

from django.test import Client

from secon.accounts.services import grant_role
from secon.core import cache
from tests.accounts.world import enable_two_factor
from tests.factories import UserFactory


@pytest.fixture
def organiser_client():
    def make(event, role="coordinator", organisation=None):
        user = UserFactory()
        grant_role(actor=None, user=user, project=event.project, role=role, organisation=organisation)
        if role == "coordinator":
            enable_two_factor(user)  # required of coordinators before any page
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def no_page_cache(settings):
    """Every request renders the page (as organisers and the first visitor after a change see it)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def fragments():
    """The cache of the agenda's session rows and calendar entries, empty before and after the test."""
    fragments = cache.fragments()
    fragments.clear()
    yield fragments
    fragments.clear()
