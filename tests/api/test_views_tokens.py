"""The API tokens page of the account area: create (key shown once), list, revoke."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from secon.api.models import Token
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


def form_data(**values):
    return {
        "name": "Check-in app",
        "kind": "integration",
        "scopes": ["attendance:write", "registrations:read"],
        "project": "",
        "partner": "",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        **values,
    }


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_creating_a_token_shows_its_key_once(client, world):
    client.force_login(world.users["editor"])
    data = form_data(project=str(world.projects["a"].pk))
    response = client.post(reverse("api_tokens"), data)
    assert response.status_code == 201
    token = Token.objects.get()
    html = response.content.decode()
    key = html.split('id="new-key" type="text" readonly value="')[1].split('"')[0]
    assert key.startswith(token.prefix) and token.project == world.projects["a"]
    assert "no-store" in response["Cache-Control"]
    again = client.get(reverse("api_tokens")).content.decode()
    assert key not in again and token.prefix in again and "Check-in app" in again


def test_bad_input_is_shown_on_the_field_and_creates_nothing(client, world):
    client.force_login(world.users["editor"])
    too_late = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    response = client.post(reverse("api_tokens"), form_data(expires_on=too_late, scopes=[]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" in html
    response = client.post(reverse("api_tokens"), form_data(expires_on=too_late))
    assert response.status_code == 400 and "at most a year" in response.content.decode()
    response = client.post(reverse("api_tokens"), form_data(project=str(world.projects["b"].pk)))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Token.objects.exists()


def test_the_page_is_translated(client, world):
    client.force_login(world.users["editor"])
    response = client.get(reverse("api_tokens").replace("/en/", "/de/"))
    assert "API-Schlüssel" in response.content.decode()


def test_revoking_takes_effect_and_only_for_the_owner(client, world):
    token, _key = make_token(world.users["viewer"])
    client.force_login(world.users["editor"])
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    client.force_login(world.users["viewer"])
    response = client.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "no longer works" in response.content.decode()
    assert Token.objects.get().revoked_at is not None
    assert "revoked" in response.content.decode()
