"""The staff side of organisations, people, partners and regions: scoped by project role, audited."""

import pytest

from django.urls import reverse

from secon.core.models import AuditEntry
from secon.organisations.models import Organisation, Partner, Person
from secon.organisations.services import update_organisation
from tests.accounts.world import ROLES, build_world, changeform_data, client_for, expected, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _urls(world):
    def admin_url(model, view, *args):
        return reverse(f"admin:organisations_{model}_{view}", args=args)

    return {
        "region list": (admin_url("region", "changelist"), expected("login", "login", 200, 200, 200, 200)),
        "region": (
            admin_url("region", "change", world.region.pk),
            expected("login", "login", 200, 200, 200, 200),
        ),
        "region add": (admin_url("region", "add"), expected("login", "login", 403, 403, 403, 403)),
        "organisation list": (
            admin_url("organisation", "changelist"),
            expected("login", "login", 200, 200, 200, 200),
        ),
        "organisation add": (
            admin_url("organisation", "add"),
            expected("login", "login", 403, 200, 200, 200),
        ),
        "editor's organisation": (
            admin_url("organisation", "change", world.organisations["a2"].pk),
            expected("login", "login", 200, 200, "missing", 200),
        ),
        "another partner's organisation": (
            admin_url("organisation", "change", world.organisations["a1"].pk),
            expected("login", "login", "missing", 200, "missing", 200),
        ),
        "person list": (admin_url("person", "changelist"), expected("login", "login", 200, 200, 200, 200)),
        "person add": (admin_url("person", "add"), expected("login", "login", 200, 200, 200, 200)),
        "person of editor's organisation": (
            admin_url("person", "change", world.people["a2"].pk),
            expected("login", "login", 200, 200, "missing", 200),
        ),
        "person of another partner": (
            admin_url("person", "change", world.people["a1"].pk),
            expected("login", "login", "missing", 200, "missing", 200),
        ),
        "partner list": (admin_url("partner", "changelist"), expected("login", "login", 200, 200, 200, 200)),
        "partner add": (admin_url("partner", "add"), expected("login", "login", 403, 200, 200, 200)),
        "partner in project A": (
            admin_url("partner", "change", world.partners["a2"].pk),
            expected("login", "login", 200, 200, "missing", 200),
        ),
        "partner delete in project A": (
            admin_url("partner", "delete", world.partners["a3"].pk),
            expected("login", "login", 403, 200, "missing", 200),
        ),
    }


CASES = [
    "region list",
    "region",
    "region add",
    "organisation list",
    "organisation add",
    "editor's organisation",
    "another partner's organisation",
    "person list",
    "person add",
    "person of editor's organisation",
    "person of another partner",
    "partner list",
    "partner add",
    "partner in project A",
    "partner delete in project A",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_who_reaches_organisations_admin(client, world, case, role):
    url, outcomes = _urls(world)[case]
    assert outcome(client_for(client, world, role).get(url)) == outcomes[role]


def test_region_list_filters_and_search(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("admin:organisations_region_changelist")
    html = client.get(url, {"q": "Eins"}).content.decode()
    assert "ZZ1" in html
    for params in [{"country_code": "ZZ"}, {"level": "1"}, {"nuts_version": "2024"}, {"q": "ZZ1"}]:
        assert "Region Eins" in client.get(url, params).content.decode()
    assert "Region Eins" not in client.get(url, {"nuts_version": "2021"}).content.decode()


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        (
            "coordinator",
            ["Alpha Lead Agency", "Alpha Cooperative", "Alpha Only Foundation"],
            ["Beta Lead Authority"],
        ),
        ("editor", ["Alpha Cooperative"], ["Alpha Lead Agency", "Beta Lead Authority"]),
        ("other_coordinator", ["Beta Lead Authority"], ["Alpha Cooperative", "Alpha Lead Agency"]),
    ],
)
def test_organisation_and_person_lists_are_scoped(client, world, role, visible, hidden):
    client.force_login(world.users[role])
    organisations = client.get(reverse("admin:organisations_organisation_changelist")).content.decode()
    people = client.get(reverse("admin:organisations_person_changelist")).content.decode()
    for name in visible:
        assert name in organisations
        assert f"Of {name}" in people
    for name in hidden:
        assert name not in organisations
        assert f"Of {name}" not in people


def test_organisation_list_filters(client, world):
    client.force_login(world.users["superuser"])
    url = reverse("admin:organisations_organisation_changelist")
    assert "Alpha Cooperative" in client.get(url, {"kind": "cooperative"}).content.decode()
    assert "Alpha Cooperative" not in client.get(url, {"kind": "company"}).content.decode()
    assert "Alpha Cooperative" in client.get(url, {"is_social_economy__exact": "1"}).content.decode()
    assert "Alpha Cooperative" in client.get(url, {"q": "cooperative"}).content.decode()
    update_organisation(actor=None, organisation=world.organisations["a2"], region=world.region)
    html = client.get(url, {"country": "ZZ"}).content.decode()
    assert "Alpha Cooperative" in html
    assert "Alpha Lead Agency" not in html


def test_consents_show_on_the_person_page_read_only(client, world):
    client.force_login(world.users["editor"])
    html = client.get(
        reverse("admin:organisations_person_change", args=[world.people["a2"].pk])
    ).content.decode()
    assert "terms of participation" in html
    assert 'name="consents-0-granted"' not in html


def test_partner_editor_edits_their_organisation_with_audit(
    client, world, django_capture_on_commit_callbacks
):
    organisation = world.organisations["a2"]
    client.force_login(world.users["editor"])
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    data = changeform_data(client.get(url))
    data.update(city="Mérida", description_pl="Spółdzielnia", description_en="A cooperative")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.city == "Mérida"
    assert organisation.description == {"en": "A cooperative", "pl": "Spółdzielnia"}
    entry = AuditEntry.objects.get(
        model="organisations.organisation", object_id=str(organisation.pk), action="update"
    )
    assert entry.actor == world.users["editor"]
    assert entry.changes["city"] == ["Cáceres", "Mérida"] or entry.changes["city"][1] == "Mérida"


def test_partner_editor_cannot_change_another_organisation(client, world):
    organisation = world.organisations["a1"]
    client.force_login(world.users["editor"])
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    response = client.post(url, {"name": "Taken over", "kind": "company"})
    assert outcome(response) == "missing"
    assert Organisation.objects.get(pk=organisation.pk).name == "Alpha Lead Agency"


def test_partner_editor_sees_partners_read_only(client, world):
    partner = world.partners["a2"]
    client.force_login(world.users["editor"])
    url = reverse("admin:organisations_partner_change", args=[partner.pk])
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"number": "9"}).status_code == 403


def test_partner_editor_adds_a_person_only_to_their_organisation(client, world):
    client.force_login(world.users["editor"])
    url = reverse("admin:organisations_person_add")
    base = {"first_name": "Eva", "last_name": "New", "email": "eva@example.org", "preferred_language": "es"}
    response = client.post(url, {**base, "organisation": world.organisations["a1"].pk})
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    response = client.post(url, {**base, "organisation": world.organisations["a2"].pk})
    assert response.status_code == 302
    person = Person.objects.get(email="eva@example.org")
    assert AuditEntry.objects.filter(
        model="organisations.person", object_id=str(person.pk), action="create"
    ).exists()


def test_duplicate_partner_number_is_a_field_error_and_saves_nothing(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("admin:organisations_partner_add")
    data = {
        "project": world.projects["a"].pk,
        "organisation": world.organisations["b1"].pk,
        "number": "2",
        "role": "partner",
        "regions": [world.region.pk],
        "summary_en": "Joins",
    }
    audited = AuditEntry.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "number" in errors
    assert "already has number 2" in str(errors["number"])
    assert Partner.objects.filter(project=world.projects["a"]).count() == 3
    assert AuditEntry.objects.count() == audited
    # With a free number the same organisation joins project A (organisations are shared).
    data["number"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302
    partner = Partner.objects.get(project=world.projects["a"], number=4)
    assert list(partner.regions.all()) == [world.region]


def test_coordinator_cannot_add_a_partner_to_another_project(client, world):
    client.force_login(world.users["other_coordinator"])
    data = {
        "project": world.projects["a"].pk,
        "organisation": world.organisations["b1"].pk,
        "number": "7",
        "role": "partner",
        "regions": [world.region.pk],
    }
    response = client.post(reverse("admin:organisations_partner_add"), data)
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Partner.objects.filter(project=world.projects["a"], number=7).exists()


def test_coordinator_edits_a_partner_with_audit(client, world, django_capture_on_commit_callbacks):
    partner = world.partners["a3"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:organisations_partner_change", args=[partner.pk])
    response = client.get(url)
    html = response.content.decode()
    assert 'name="summary_pl"' in html  # the project's content languages
    data = changeform_data(response)
    data.update(number="5", summary_es="Socio")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(model="organisations.partner", object_id=str(partner.pk), action="update")
    assert entry.changes["number"] == [3, 5]
    assert entry.actor == world.users["coordinator"]


def test_removing_a_partner_with_editors_is_refused_with_a_message(client, world):
    partner = world.partners["a2"]
    client.force_login(world.users["coordinator"])
    url = reverse("admin:organisations_partner_delete", args=[partner.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "remove their roles first" in response.content.decode()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_coordinator_removes_a_partner_with_audit(client, world):
    partner = world.partners["a3"]
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("admin:organisations_partner_delete", args=[partner.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()
    assert Organisation.objects.filter(pk=partner.organisation_id).exists()
    entry = AuditEntry.objects.get(model="organisations.partner", object_id=str(partner.pk), action="delete")
    assert entry.project_id == world.projects["a"].pk


def test_erasing_a_person_leaves_no_personal_data_in_the_log(client, world):
    person = world.people["a3"]
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("admin:organisations_person_delete", args=[person.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    entry = AuditEntry.objects.get(model="organisations.person", object_id=str(person.pk), action="delete")
    assert "person.a3@example.org" not in str(entry.changes) + entry.object_repr
    assert "Alpha Only" not in entry.object_repr


def test_superuser_names_a_region_in_other_languages(client, world):
    client.force_login(world.users["superuser"])
    url = reverse("admin:organisations_region_change", args=[world.region.pk])
    data = changeform_data(client.get(url))
    data.update(names_de="Gebiet Eins")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    world.region.refresh_from_db()
    assert world.region.names["de"] == "Gebiet Eins"
    assert AuditEntry.objects.filter(model="organisations.region", actor=world.users["superuser"]).exists()


def test_coordinator_cannot_rename_regions(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("admin:organisations_region_change", args=[world.region.pk])
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"names_de": "Nein"}).status_code == 403


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:organisations_partner_changelist",
        "admin:organisations_organisation_changelist",
        "admin:organisations_person_changelist",
        "admin:organisations_region_changelist",
        "admin:accounts_membership_changelist",
        "admin:core_auditentry_changelist",
        "admin:projects_project_changelist",
    ],
)
def test_staff_lists_run_a_fixed_number_of_queries(client, world, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from secon.accounts.services import create_user, grant_role
    from secon.organisations.services import add_partner, create_organisation, create_person

    client.force_login(world.users["coordinator"])
    url = reverse(url_name)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    project = world.projects["a"]
    for number in range(10, 22):
        organisation = create_organisation(actor=None, name=f"More {number}", kind="ngo")
        partner = add_partner(
            actor=None, project=project, organisation=organisation, regions=[world.region], number=number
        )
        create_person(
            actor=None,
            first_name="P",
            last_name=str(number),
            email=f"p{number}@example.org",
            organisation=organisation,
        )
        user = create_user(actor=None, email=f"u{number}@example.org", password=None)
        grant_role(
            actor=None, user=user, project=project, role="partner_editor", organisation=partner.organisation
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before), [query["sql"] for query in after.captured_queries]


def test_coordinators_see_and_handle_their_projects_participants_not_others(client, world):
    """People without a partner organisation who registered for a project's event are its people."""
    from tests.events.factories import EventFactory, register

    def admin_url(model, view, *args):
        return reverse(f"admin:organisations_{model}_{view}", args=args)

    ours = register(EventFactory(project=world.projects["a"]), 1, first_name="Zoe", last_name="Participant")
    elsewhere = EventFactory(project=world.projects["b"])
    theirs = register(elsewhere, 2, first_name="Yannis", last_name="Elsewhere")
    assert ours.person.organisation_id is None
    changelist = reverse("admin:organisations_person_changelist")
    client.force_login(world.users["coordinator"])
    html = client.get(changelist).content.decode()
    assert "Participant" in html and "Elsewhere" not in html
    assert client.get(admin_url("person", "change", ours.person.pk)).status_code == 200
    assert client.get(admin_url("person", "change", theirs.person.pk)).status_code in (302, 403, 404)
    # … and may correct the record (handled through the service, audited).
    response = client.get(admin_url("person", "change", ours.person.pk))
    data = changeform_data(response)
    data["first_name"] = "Zoé"
    assert client.post(admin_url("person", "change", ours.person.pk), data).status_code == 302
    ours.person.refresh_from_db()
    assert ours.person.first_name == "Zoé"
    client.get(changelist)  # reads the "changed successfully" message
    # The other project's coordinator sees the other participant, not ours; a partner editor neither.
    client.force_login(world.users["other_coordinator"])
    html = client.get(changelist).content.decode()
    assert "Elsewhere" in html and "Participant" not in html
    client.force_login(world.users["editor"])
    html = client.get(changelist).content.decode()
    assert "Participant" not in html and "Elsewhere" not in html
