"""The project scope: set once per request from the URL, enforced by every scoped manager."""

import re
from pathlib import Path

import pytest
from django_scopes import ScopeError, scope

from django.apps import apps
from django.http import HttpResponse
from django.urls import path

from secon.organisations.models import Partner
from secon.projects.tenancy import (
    ProjectIds,
    ProjectScopedModel,
    _ScopedManager,
    check_same_project,
    scoped_manager,
)
from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# A scoped manager on a real model, as ProjectScopedModel gives every project-owned model.
partners = scoped_manager()
partners.model = Partner


def list_partners(request, project=None):
    return HttpResponse(
        ",".join(sorted(p.organisation.name for p in partners.select_related("organisation")))
    )


def no_query(request, project):
    return HttpResponse("cached")


def server_error(request):
    return HttpResponse("error", status=500)


handler500 = server_error
urlpatterns = [
    path("p/<slug:project>/partners/", list_partners),
    path("p/<slug:project>/nothing/", no_query),
    path("everywhere/partners/", list_partners),
]


@pytest.fixture
def two_projects():
    alpha, beta = ProjectFactory(slug="alpha"), ProjectFactory(slug="beta")
    PartnerFactory(project=alpha, organisation=OrganisationFactory(name="Alpha Org"))
    PartnerFactory(project=beta, organisation=OrganisationFactory(name="Beta Org"))
    return alpha, beta


@pytest.mark.urls(__name__)
def test_a_request_sees_only_the_project_of_its_url(client, two_projects):
    assert client.get("/p/alpha/partners/").content == b"Alpha Org"
    assert client.get("/p/beta/partners/").content == b"Beta Org"


@pytest.mark.urls(__name__)
def test_an_unknown_project_sees_nothing(client, two_projects):
    assert client.get("/p/gamma/partners/").content == b""


@pytest.mark.urls(__name__)
def test_a_page_without_a_project_cannot_read_project_records(client, two_projects):
    with pytest.raises(ScopeError):
        client.get("/everywhere/partners/")


@pytest.mark.urls(__name__)
def test_the_project_is_looked_up_only_when_a_query_needs_it(client, two_projects, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/p/alpha/nothing/").content == b"cached"


def test_code_outside_a_request_must_choose_a_scope(two_projects):
    alpha, _beta = two_projects
    with scope(project=alpha.pk):
        assert [p.project_id for p in partners.all()] == [alpha.pk]
    from django_scopes.state import state

    token = state.set({"_enabled": True})
    try:
        with pytest.raises(ScopeError):
            list(partners.all())
    finally:
        state.reset(token)


def test_project_ids_load_once(two_projects, django_assert_num_queries):
    alpha, _beta = two_projects
    ids = ProjectIds("alpha")
    with django_assert_num_queries(1):
        assert ids.resolve() == [alpha.pk]
        assert ids.resolve() == [alpha.pk]
    assert ProjectIds("nobody").resolve() == []


def test_the_staff_side_runs_unscoped(admin_client, two_projects):
    # The admin's querysets are restricted per role by core.admin_base (tested in tests/*/test_admin.py).
    assert admin_client.get("/admin/organisations/partner/").status_code == 200


# --- every model says where it belongs (discovered, not listed) -------------------------------------

#: The models of src/secon that no project scope filters, each with the reason. Every other model
#: is project-scoped: a new model must be one or the other, or this test fails.
NOT_PROJECT_SCOPED = {
    "core.AuditEntry": "the installation's log; the staff side restricts it per role (core.admin_base)",
    "core.Job": "background jobs of the installation; a job's arguments name its records",
    "core.RecurringJob": "the installation's schedule",
    "core.Lock": "the installation's locks",
    "mail.Suppression": "an address that bounced or complained is suppressed in every project at once",
    "accounts.User": "a person's account, signed in to every project",
    "accounts.Membership": "a user's roles in every project: read for the signed-in user across projects",
    "accounts.Invitation": "opened from a link without a project in its address",
    "projects.Project": "the tenant itself",
    "projects.Phase": "part of the project's own record, read with it",
    "projects.Period": "part of the project's own record, read with it",
    "organisations.Region": "NUTS regions, shared by every project",
    "organisations.Organisation": "one organisation is a partner in several projects",
    "organisations.Person": "one person registers, presents and edits in several projects",
    "organisations.Consent": "a person's own, whichever project asked",
    "organisations.DataExport": "a person's own download of their data in every project",
    "communications.NameForm": "an organisation's name in each language, shared by every project",
    "core.ImportKey": "which record an imported item became; its scope names the event or project",
    "api.Token": "a user's key; a project is a limit it may carry, checked by the API's permissions",
    "api.IdempotentRequest": "a token's stored answers, found by the token and the request's key",
    "practices.Transfer": "a practice of one project taken over by a partner of another: read under both",
    "practices.TransferStep": "a transfer's, as above",
    # A published practice is the hub's, read from every project on purpose (the installation's
    # library, feed and thesaurus, "similar practices", action plans inspired by another project's
    # practice, transfers): a scoped manager would narrow those reads silently under a project's
    # scope, not fail. Reads of one project's practices start from practices.selectors.practices
    # (project_practices, practices_open_to), the model's one filter by project.
    "practices.GoodPractice": "the hub's library: published practices are read across projects on purpose",
    "practices.PracticeImage": "read with its practice (above)",
    "practices.PracticeDocument": "read with its practice (above)",
    "practices.WorkflowStep": "read with its practice (above)",
    "practices.SearchEntry": "the installation's search index over every project's published practices",
    "practices.ConceptTag": "the installation's search index, as above",
    "practices.IndexedPractice": "the installation's search index, as above",
}


def _secon_models():
    return [model for model in apps.get_models() if model.__module__.startswith("secon.")]


def _is_scoped(model) -> bool:
    return isinstance(model._default_manager, _ScopedManager)


def test_every_model_is_project_scoped_or_says_why():
    unscoped = {
        model._meta.label
        for model in _secon_models()
        if not isinstance(model._default_manager, _ScopedManager)
    }
    undeclared = unscoped - set(NOT_PROJECT_SCOPED)
    assert not undeclared, (
        "derive these from projects.tenancy.ProjectScopedModel (or give them "
        "objects = scoped_manager('parent__project')), or say in NOT_PROJECT_SCOPED why not: "
        f"{sorted(undeclared)}"
    )
    assert set(NOT_PROJECT_SCOPED) <= unscoped, "scoped now: remove from NOT_PROJECT_SCOPED"
    for model in _secon_models():
        if any(field.name == "project" for field in model._meta.fields):
            assert issubclass(model, ProjectScopedModel) or model._meta.label in NOT_PROJECT_SCOPED, model


def test_an_unscoped_query_of_any_project_record_fails():
    from django_scopes.state import state

    token = state.set({"_enabled": True})  # as in a request whose address names no project
    try:
        for model in _secon_models():
            if _is_scoped(model):
                with pytest.raises(ScopeError):
                    model.objects.count()
    finally:
        state.reset(token)


def test_a_copied_project_key_must_match_the_record_it_comes_from(two_projects):
    alpha, beta = two_projects
    partner = Partner.objects.get(project=alpha)
    check_same_project(Partner(project=alpha), partner=partner, nothing=None)
    with pytest.raises(ValueError, match="cannot belong to partner"):
        check_same_project(Partner(project=beta), partner=partner)


def test_practices_are_filtered_by_project_in_one_place():
    # GoodPractice has no scoped manager (see NOT_PROJECT_SCOPED): a read of one project's
    # practices starts from practices.selectors.practices, never from a filter written by hand.
    source = Path(__file__).resolve().parents[2] / "src" / "secon"
    by_hand = re.compile(r"GoodPractice\.objects\.filter\(\s*(Q\()?project(_id)?=")
    found = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "migrations" not in path.parts
        and path.relative_to(source).as_posix() != "practices/selectors/practices.py"
        and by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"use project_practices / practices_open_to instead: {found}"
