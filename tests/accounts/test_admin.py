"""The staff side of accounts: who reaches users and memberships, and what their edits do."""

import pytest

from django.urls import reverse

from secon.accounts.models import Membership, User
from secon.core.models import AuditEntry
from tests.accounts.world import ROLES, build_world, changeform_data, client_for, expected, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _urls(world):
    membership = world.memberships["editor"]
    editor = world.users["editor"]
    return {
        "user list": (
            reverse("admin:accounts_user_changelist"),
            expected("login", "login", 403, 200, 200, 200),
        ),
        "user add": (reverse("admin:accounts_user_add"), expected("login", "login", 403, 403, 403, 200)),
        "user of project A": (
            reverse("admin:accounts_user_change", args=[editor.pk]),
            expected("login", "login", 403, 200, "missing", 200),
        ),
        "membership list": (
            reverse("admin:accounts_membership_changelist"),
            expected("login", "login", 403, 200, 200, 200),
        ),
        "membership add": (
            reverse("admin:accounts_membership_add"),
            expected("login", "login", 403, 200, 200, 200),
        ),
        "membership in project A": (
            reverse("admin:accounts_membership_change", args=[membership.pk]),
            expected("login", "login", 403, 200, "missing", 200),
        ),
        "membership delete in project A": (
            reverse("admin:accounts_membership_delete", args=[membership.pk]),
            expected("login", "login", 403, 200, "missing", 200),
        ),
    }


CASES = [
    "user list",
    "user add",
    "user of project A",
    "membership list",
    "membership add",
    "membership in project A",
    "membership delete in project A",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_who_reaches_accounts_admin(client, world, case, role):
    url, outcomes = _urls(world)[case]
    assert outcome(client_for(client, world, role).get(url)) == outcomes[role]


def test_coordinator_lists_only_the_roles_of_their_project(client, world):
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("admin:accounts_membership_changelist")).content.decode()
    assert "editor@example.org" in html
    assert "other_coordinator@example.org" not in html
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "viewer@example.org" in html
    assert "other_coordinator@example.org" not in html
    assert "root@example.org" not in html


def test_coordinator_invites_a_partner_editor_by_email(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.users["coordinator"])
    data = {
        "email": "new.editor@example.org",
        "project": world.projects["a"].pk,
        "role": "partner_editor",
        "organisation": world.organisations["a3"].pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_membership_add"), data)
    assert response.status_code == 302
    user = User.objects.get(email="new.editor@example.org")
    assert user.is_staff and not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert membership.organisation == world.organisations["a3"]
    entry = AuditEntry.objects.filter(model="accounts.membership", object_id=str(membership.pk)).get()
    assert entry.actor == world.users["coordinator"]
    assert entry.project_id == world.projects["a"].pk
    assert entry.changes["role"] == [None, "partner_editor"]


def test_coordinator_cannot_grant_roles_in_another_project(client, world):
    client.force_login(world.users["other_coordinator"])
    data = {"email": "spy@example.org", "project": world.projects["a"].pk, "role": "coordinator"}
    response = client.post(reverse("admin:accounts_membership_add"), data)
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not User.objects.filter(email="spy@example.org").exists()


def test_partner_editor_needs_an_organisation_of_the_project(client, world):
    client.force_login(world.users["coordinator"])
    data = {"email": "x@example.org", "project": world.projects["a"].pk, "role": "partner_editor"}
    response = client.post(reverse("admin:accounts_membership_add"), data)
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    # Nothing half-saved: not even the account the membership would have needed.
    assert not User.objects.filter(email="x@example.org").exists()


def test_revoking_the_last_staff_role_closes_the_staff_side(client, world):
    client.force_login(world.users["coordinator"])
    membership = world.memberships["editor"]
    response = client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not User.objects.get(pk=world.users["editor"].pk).is_staff
    entry = AuditEntry.objects.get(model="accounts.membership", object_id=str(membership.pk), action="delete")
    assert entry.actor == world.users["coordinator"]
    assert entry.changes["role"] == ["partner_editor", None]


def test_superuser_changes_a_user_and_the_log_hides_the_password(client, world):
    client.force_login(world.users["superuser"])
    user = world.users["viewer"]
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = changeform_data(client.get(url))
    data.update(first_name="Vera", password="a much longer passphrase")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.first_name == "Vera"
    assert user.check_password("a much longer passphrase")
    entries = AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk), action="update")
    assert any(entry.changes.get("first_name") == ["", "Vera"] for entry in entries)
    assert all("pbkdf2" not in str(entry.changes) and "md5" not in str(entry.changes) for entry in entries)


def test_a_weak_password_is_refused_on_its_field(client, world):
    client.force_login(world.users["superuser"])
    user = world.users["viewer"]
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = changeform_data(client.get(url))
    data.update(first_name="Changed", password="123")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "password" in response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.first_name == ""  # nothing half-saved


def test_own_password_change_is_audited_and_keeps_the_session(client, world):
    user = world.users["coordinator"]
    client.force_login(user)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another long passphrase")
    entry = AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk), action="update").get()
    assert entry.actor == user
    assert entry.changes == {"password": ["…", "…"]}
    assert client.get(reverse("admin:index")).status_code == 200  # still signed in


def test_a_coordinator_made_viewer_leaves_the_staff_side(world):
    from secon.accounts.services import grant_role

    user = world.users["coordinator"]
    grant_role(actor=None, user=user, project=world.projects["a"], role="viewer")
    user.refresh_from_db()
    assert not user.is_staff


def test_a_change_without_its_inline_form_is_refused_and_saves_nothing(client, world):
    """A POST that lacks the roles inline's management data (a tampered or truncated form) shows the
    error and leaves the user as it was, audit log included."""
    client.force_login(world.users["superuser"])
    user = world.users["viewer"]
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        key: value
        for key, value in changeform_data(client.get(url)).items()
        if not key.startswith("memberships-")
    }
    assert any(key.startswith("memberships-") for key in changeform_data(client.get(url)))
    audited = AuditEntry.objects.count()
    data.update(first_name="Tampered")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ManagementForm data is missing or has been tampered with" in response.content.decode()
    user.refresh_from_db()
    assert user.first_name == ""
    assert AuditEntry.objects.count() == audited
