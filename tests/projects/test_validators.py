"""A project cannot take an address name the site uses for its own pages."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from secon.projects.validators import site_url_segments, validate_project_slug
from tests.accounts.world import build_world, changeform_data


@pytest.mark.parametrize(
    "slug",
    [
        "events",
        "practices",
        "home",
        "accounts",
        "admin",
        "organisations",
        "news",
        "healthz",
        "api",
        "static",
        "media",
        "Events",
    ],
)
def test_names_of_the_sites_pages_are_refused_with_a_clear_message(slug):
    with pytest.raises(ValidationError) as raised:
        validate_project_slug(slug)
    assert raised.value.messages == [
        f"“{slug}” is the address of another part of the site; choose another address name."
    ]


def test_the_reserved_names_come_from_the_url_configuration():
    # Every top-level page of the site is covered, also those added later by any app.
    assert {
        "events",
        "practices",
        "home",
        "accounts",
        "organisations",
        "news",
        "admin",
    } <= site_url_segments()
    for slug in ("secon", "caceres-2024", "social-economy"):
        validate_project_slug(slug)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["events", "practices"])
def test_the_admin_shows_the_message_on_the_field_and_saves_nothing(client, slug):
    world = build_world()
    project = world.projects["a"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = changeform_data(client.get(url))
    data["slug"] = slug
    response = client.post(url, data)
    assert response.status_code == 200
    assert "is the address of another part of the site" in str(
        response.context["adminform"].form.errors["slug"]
    )
    project.refresh_from_db()
    assert project.slug != slug
