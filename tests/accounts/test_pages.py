"""Who reaches the signed-in pages, what the home offers each role, and the layering of accounts."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

from secon import config
from secon.accounts.models import User
from secon.events.links import make_token
from secon.events.services import registrations as event_registrations
from tests.accounts.world import ROLES, build_world, client_for, expected, outcome
from tests.events.factories import EventFactory, registration_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


PAGES = {
    "home": ("/en/home/", expected("login", 200, 200, 200, 200, 200)),
    "profile": ("/en/home/profile/", expected("login", 200, 200, 200, 200, 200)),
    "members of A": ("/en/alpha/members/", expected("login", 403, 403, 200, 403, 200)),
    "members of B": ("/en/beta/members/", expected("login", 403, 403, 403, 200, 200)),
    "members of nothing": ("/en/nothing/members/", expected("login", 404, 404, 404, 404, 404)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_reaches_the_signed_in_pages(client, world, page, role):
    url, outcomes = PAGES[page]
    assert outcome(client_for(client, world, role).get(url)) == outcomes[role]


@pytest.mark.parametrize("role", ["viewer", "editor", "coordinator", "other_coordinator"])
def test_a_member_of_another_project_cannot_invite_or_remove_here(client, world, role):
    client_for(client, world, role)
    response = client.post(
        "/en/alpha/members/",
        {"action": "remove", "membership": world.memberships["viewer"].pk, "confirmed": "yes"},
    )
    if role == "coordinator":
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert (
            world.memberships["viewer"].__class__.objects.filter(pk=world.memberships["viewer"].pk).exists()
        )


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_each_role_sees_what_it_may_do(client, world):
    client_for(client, world, "viewer")
    viewer = _links(client.get("/en/home/").content.decode())
    assert "/en/alpha/" in viewer and "/en/alpha/events/new/" not in viewer
    assert "/en/alpha/members/" not in viewer
    client.logout()
    client_for(client, world, "editor")
    editor = _links(client.get("/en/home/").content.decode())
    assert "/en/alpha/practices/manage/new/" in editor
    assert f"/admin/organisations/organisation/{world.organisations['a2'].pk}/change/" in editor
    assert "/en/alpha/events/new/" not in editor and "/en/alpha/members/" not in editor
    client.logout()
    client_for(client, world, "coordinator")
    coordinator = _links(client.get("/en/home/").content.decode())
    assert {
        "/en/alpha/events/new/",
        "/en/alpha/members/",
        "/en/alpha/practices/manage/?status=submitted",
    } <= coordinator
    assert not any("/beta/" in link for link in coordinator)


def test_the_home_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for n in range(6):
        EventFactory(project=world.projects["a"], slug=f"event-{n}")
    client_for(client, world, "coordinator")
    with django_assert_max_num_queries(20):
        assert client.get("/en/home/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/en/home/profile/").status_code == 200


class TestAccountFromARegistration:
    @pytest.fixture
    def registration(self, world):
        event = EventFactory(project=world.projects["a"], slug="open-day")
        return event_registrations.register_participant(event=event, **registration_values(1))

    def _url(self, registration):
        event = registration.event
        return f"/en/{event.project.slug}/events/{event.slug}/me/{make_token(registration)}/account/"

    def test_a_participant_signs_up_for_the_registrations_address(self, client, registration):
        page = client.get(self._url(registration).removesuffix("account/"))
        assert "Create an account" in page.content.decode()
        response = client.post(self._url(registration))
        assert response.url == reverse("account_signup")
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Ana",
                "last_name": "One",
                "preferred_language": "es",
                "password1": "a long enough passphrase",
                "password2": "a long enough passphrase",
            },
        )
        assert response.url == reverse("account_email_verification_sent")
        user = User.objects.get(email=registration.person.email)
        assert not user.emailaddress_set.get().verified  # confirmed by e-mail first

    def test_an_existing_account_is_sent_to_sign_in(self, client, registration):
        User.objects.create_user(email=registration.person.email, password="x")
        response = client.post(self._url(registration))
        assert response.url == reverse("account_login")

    def test_a_forged_link_is_404_and_a_get_is_refused(self, client, registration):
        assert client.post(self._url(registration).replace("/me/", "/me/x")).status_code == 404
        assert client.get(self._url(registration)).status_code == 405


def test_trusted_proxies_are_checked_in_config(monkeypatch):
    monkeypatch.setenv("SECON_TRUSTED_PROXIES", "10.0.0.0/8, ::1")
    assert [str(network) for network in config.trusted_proxies()] == ["10.0.0.0/8", "::1/128"]
    monkeypatch.setenv("SECON_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example.org")
    with pytest.raises(config.ConfigurationError, match=r"SECON_TRUSTED_PROXIES: 'proxy\.example\.org'"):
        config.trusted_proxies()


def test_accounts_imports_nothing_above_it():
    """accounts sits low: it reaches projects and organisations only through model relations."""
    source = Path(__file__).resolve().parents[2] / "src" / "secon" / "accounts"
    higher = re.compile(r"^\s*(from|import) secon\.(projects|organisations|practices|events|public)\b", re.M)
    offenders = [
        str(path.relative_to(source)) for path in source.rglob("*.py") if higher.search(path.read_text())
    ]
    assert offenders == []
