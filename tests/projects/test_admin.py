"""The staff side of projects: who reaches them, translated fields side by side, audited edits."""

import pytest

from django.urls import reverse

from secon.core.models import AuditEntry
from secon.projects.models import Project
from tests.accounts.world import ROLES, build_world, changeform_data, client_for, expected, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _urls(world):
    project = world.projects["a"]
    return {
        "project list": (
            reverse("admin:projects_project_changelist"),
            expected("login", "login", 200, 200, 200, 200),
        ),
        "project add": (
            reverse("admin:projects_project_add"),
            expected("login", "login", 403, 403, 403, 200),
        ),
        "project A": (
            reverse("admin:projects_project_change", args=[project.pk]),
            expected("login", "login", 200, 200, "missing", 200),
        ),
        "project A delete": (
            reverse("admin:projects_project_delete", args=[project.pk]),
            expected("login", "login", 403, 403, 403, 200),
        ),
        "project A history": (
            reverse("admin:projects_project_history", args=[project.pk]),
            expected("login", "login", 200, 200, "missing", 200),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "case", ["project list", "project add", "project A", "project A delete", "project A history"]
)
def test_who_reaches_projects_admin(client, world, case, role):
    url, outcomes = _urls(world)[case]
    assert outcome(client_for(client, world, role).get(url)) == outcomes[role]


def test_project_list_shows_only_the_users_projects(client, world):
    client.force_login(world.users["other_coordinator"])
    html = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "BETA" in html
    assert "ALPHA" not in html


def test_partner_editor_sees_the_project_read_only(client, world):
    project = world.projects["a"]
    client.force_login(world.users["editor"])
    url = reverse("admin:projects_project_change", args=[project.pk])
    response = client.get(url)
    html = response.content.decode()
    assert 'name="_save"' not in html
    # Translated texts read one language a line, not as stored data.
    assert '<div class="translated-text" lang="es"><strong>Spanish</strong> Proyecto ALPHA</div>' in html
    assert "{&quot;en&quot;" not in html
    assert client.post(url, {"acronym": "HACKED"}).status_code == 403
    assert Project.objects.get(pk=project.pk).acronym == "ALPHA"


def test_translated_fields_are_edited_side_by_side_in_the_content_languages(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("admin:projects_project_change", args=[world.projects["a"].pk]))
    html = response.content.decode()
    for code in ["en", "es", "pl"]:
        assert f'name="title_{code}"' in html
        assert f'lang="{code}"' in html
    assert 'name="title_de"' not in html  # not a content language of this project
    assert "core/admin" in html and ".css" in html
    assert 'class="translated"' in html
    # Phases and periods are shown, derived and read-only.
    assert "Period 1" in html or "periods-TOTAL_FORMS" in html


def test_coordinator_edit_is_audited_with_before_and_after(client, world, django_capture_on_commit_callbacks):
    project = world.projects["a"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = changeform_data(client.get(url))
    data.update(title_pl="Projekt ALPHA", end_date="2027-08-31")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.title["pl"] == "Projekt ALPHA"
    assert project.title["es"] == "Proyecto ALPHA"  # the other languages stay
    entry = AuditEntry.objects.filter(
        model="projects.project", object_id=str(project.pk), action="update"
    ).get()
    assert entry.actor == world.users["coordinator"]
    assert entry.project_id == project.pk
    assert entry.changes["end_date"] == ["2027-05-31", "2027-08-31"]
    assert entry.changes["title"][1]["pl"] == "Projekt ALPHA"
    # The derived schedule follows the new end.
    assert project.periods.order_by("number").last().end_date.isoformat() == "2027-08-31"


def test_end_before_start_shows_on_the_end_field_and_saves_nothing(client, world):
    project = world.projects["a"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = changeform_data(client.get(url))
    data.update(acronym="CHANGED", start_date="2024-01-01", end_date="2023-01-01")
    audited = AuditEntry.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "end_date" in form.errors
    assert "must end after it starts" in str(form.errors["end_date"])
    project.refresh_from_db()
    assert project.acronym == "ALPHA"
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize(
    ("field", "value"),
    [("content_languages", "en, xx"), ("slug", "admin"), ("title_en", "x" * 251), ("core_months", "1")],
)
def test_bad_project_input_is_a_field_error(client, world, field, value):
    project = world.projects["a"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = changeform_data(client.get(url))
    data[field] = value
    if field == "title_en":
        data.update(title_es="", title_pl="")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field.removesuffix("_en") in errors


def test_superuser_creates_and_deletes_a_project_through_the_services(client, world):
    client.force_login(world.users["superuser"])
    response = client.get(reverse("admin:projects_project_add"))
    data = changeform_data(response)
    data.update(
        acronym="GAMMA",
        slug="gamma",
        title_en="Gamma",
        start_date="2024-01-01",
        end_date="2026-12-31",
        content_languages="en, de",
        core_months="24",
        follow_up_months="12",
        period_months="6",
    )
    response = client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(slug="gamma")
    assert project.content_languages == ["en", "de"]
    assert project.periods.exists()
    assert AuditEntry.objects.filter(
        model="projects.project", object_id=str(project.pk), action="create"
    ).exists()
    response = client.post(reverse("admin:projects_project_delete", args=[project.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.filter(slug="gamma").exists()
    assert AuditEntry.objects.filter(
        model="projects.project", object_id=str(project.pk), action="delete"
    ).exists()
