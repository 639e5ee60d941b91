"""The project scope: set once per request from the URL, enforced by every scoped manager."""

import pytest
from django_scopes import ScopeError, scope

from django.http import HttpResponse
from django.urls import path

from secon.organisations.models import Partner
from secon.projects.tenancy import ProjectIds, scoped_manager
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
