import pytest

from django.test import Client

from secon.accounts.services import grant_role
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
