"""The audit log on the staff side: read-only for everyone, each coordinator sees their projects'."""

import pytest

from django.urls import reverse

from secon.core.models import AuditEntry
from tests.accounts.world import ROLES, build_world, client_for, expected, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _entry_of(project):
    return AuditEntry.objects.get(model="projects.project", object_id=str(project.pk), action="create")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("case", "outcomes"),
    [
        ("list", expected("login", "login", 403, 200, 200, 200)),
        ("entry of project A", expected("login", "login", 403, 200, "missing", 200)),
        ("add", expected("login", "login", 403, 403, 403, 403)),
        ("delete", expected("login", "login", 403, 403, 403, 403)),
    ],
)
def test_who_reaches_the_audit_log(client, world, case, outcomes, role):
    entry = _entry_of(world.projects["a"])
    url = {
        "list": reverse("admin:core_auditentry_changelist"),
        "entry of project A": reverse("admin:core_auditentry_change", args=[entry.pk]),
        "add": reverse("admin:core_auditentry_add"),
        "delete": reverse("admin:core_auditentry_delete", args=[entry.pk]),
    }[case]
    assert outcome(client_for(client, world, role).get(url)) == outcomes[role]


def test_nobody_changes_the_log_not_even_a_superuser(client, world):
    entry = _entry_of(world.projects["a"])
    client.force_login(world.users["superuser"])
    url = reverse("admin:core_auditentry_change", args=[entry.pk])
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"object_repr": "forged"}).status_code == 403
    assert (
        client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == "ALPHA"


def test_log_is_scoped_and_filterable(client, world):
    client.force_login(world.users["other_coordinator"])
    url = reverse("admin:core_auditentry_changelist")
    html = client.get(url).content.decode()
    assert "BETA" in html
    assert "ALPHA" not in html
    assert "Beta Lead Authority" in client.get(url, {"model": "organisations.partner"}).content.decode()
    assert (
        "BETA" not in client.get(url, {"action__exact": "delete"}).content.decode().split("result_list")[-1]
    )


def test_entry_shows_before_and_after(client, world):
    entry = _entry_of(world.projects["a"])
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("admin:core_auditentry_change", args=[entry.pk])).content.decode()
    assert "2027-05-31" in html
    assert "<th scope='row'>end_date</th>" in html or '<th scope="row">end_date</th>' in html
