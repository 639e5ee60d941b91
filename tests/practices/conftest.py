import pytest

from secon.accounts.services import grant_role
from secon.organisations.models import Partner
from secon.practices.services import drafts, workflow
from tests.accounts.world import enable_two_factor
from tests.factories import OrganisationFactory, ProjectFactory, RegionFactory, UserFactory
from tests.practices.factories import complete_values


@pytest.fixture
def region(db):
    country = RegionFactory(code="ES", level=0, country_code="ES", name="España")
    return RegionFactory(code="ES43", level=2, country_code="ES", name="Extremadura", parent=country)


@pytest.fixture
def other_region(db):
    country = RegionFactory(code="EL", level=0, country_code="EL", name="Ελλάδα")
    return RegionFactory(code="EL65", level=2, country_code="EL", name="Πελοπόννησος", parent=country)


@pytest.fixture
def project(db):
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es", "de", "el"])


@pytest.fixture
def partner_org(project, region):
    organisation = OrganisationFactory(slug="junta", name="Junta de Extremadura", kind="public_authority")
    partner = Partner.objects.create(project=project, organisation=organisation, number=8)
    partner.regions.add(region)
    return organisation


@pytest.fixture
def other_partner(project, other_region):
    organisation = OrganisationFactory(
        slug="peloponnese", name="Region of Peloponnese", kind="public_authority"
    )
    partner = Partner.objects.create(project=project, organisation=organisation, number=1, role="lead")
    partner.regions.add(other_region)
    return partner


@pytest.fixture
def institution(db):
    return OrganisationFactory(slug="remudarte", name="REMUDARTE", kind="work_integration")


@pytest.fixture
def superuser(db):
    user = UserFactory(email="secretariat@example.org", is_superuser=True, is_staff=True)
    enable_two_factor(user)
    return user


@pytest.fixture
def coordinator(project, superuser):
    user = UserFactory(email="coordinator@example.org", first_name="Eleni", last_name="Coordinator")
    grant_role(actor=superuser, user=user, project=project, role="coordinator")
    enable_two_factor(user)
    return user


@pytest.fixture
def editor(project, partner_org, superuser):
    user = UserFactory(email="editor@example.org", first_name="Lucía", last_name="Editor")
    grant_role(actor=superuser, user=user, project=project, role="partner_editor", organisation=partner_org)
    return user


@pytest.fixture
def other_editor(project, other_partner, superuser):
    user = UserFactory(email="other-editor@example.org")
    grant_role(
        actor=superuser,
        user=user,
        project=project,
        role="partner_editor",
        organisation=other_partner.organisation,
    )
    return user


@pytest.fixture
def viewer(project, superuser):
    user = UserFactory(email="viewer@example.org")
    grant_role(actor=superuser, user=user, project=project, role="viewer")
    return user


@pytest.fixture
def outsider(db):
    """A partner editor of another project."""
    other = ProjectFactory(slug="other", acronym="OTHER")
    organisation = OrganisationFactory(slug="elsewhere")
    Partner.objects.create(project=other, organisation=organisation, number=1)
    user = UserFactory(email="outsider@example.org")
    grant_role(actor=None, user=user, project=other, role="partner_editor", organisation=organisation)
    return user


@pytest.fixture
def publish(editor, coordinator, project, region, institution):
    """Return a function that creates, submits and approves a practice with the given texts."""

    def make(*, texts: dict | None = None, **values):
        data = complete_values(region=region, institution=institution)
        for name, text in (texts or {}).items():
            data[name] = text
        data.update(values)
        practice = drafts.create_practice(actor=editor, project=project, **data)
        workflow.submit_practice(actor=editor, practice=practice)
        return workflow.approve_practice(actor=coordinator, practice=practice)

    return make


@pytest.fixture
def draft(editor, project, region, institution):
    return drafts.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )


@pytest.fixture
def practice(publish):
    return publish()
