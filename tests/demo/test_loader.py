import pytest

from django.db.models import Count

from secon.accounts.models import Membership, User
from secon.core.models import AuditEntry
from secon.demo.loader import demo_is_loaded, load_demo
from secon.organisations.models import Organisation, Partner, Region
from secon.projects.models import Period, Project

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Project, Period, Organisation, Partner, Region, User, Membership, AuditEntry)
    }


def test_demo_loads_secon_with_ten_partners_in_their_nuts_2024_regions():
    project = load_demo()
    assert demo_is_loaded()
    partners = list(project.partners.order_by("number").prefetch_related("regions"))
    assert len(partners) == 10
    assert partners[0].code == "LP"
    assert partners[0].organisation.name == "Region of Peloponnese"
    codes = {p.organisation.slug: sorted(r.code for r in p.regions.all()) for p in partners}
    assert codes["verband-region-rhein-neckar"] == ["DE12", "DE71", "DEB3"]
    assert codes["riga-planning-region"] == ["LV00A"]
    assert codes["municipality-of-oliveira-de-azemeis"] == ["PT11A"]
    assert all(r.nuts_version == 2024 for p in partners for r in p.regions.all())
    assert project.periods.count() == 8
    assert set(project.summary) >= {"en", "de", "es", "el"}


def test_demo_keeps_both_nuts_versions_of_riga(demo):
    assert Region.objects.filter(code__in=["LV006", "LV007"], nuts_version=2021).count() == 2
    assert not Region.objects.filter(code="LV00A", nuts_version=2021).exists()
    assert Region.objects.get(code="EL65", nuts_version=2024).parent.code == "EL6"


def test_demo_twice_changes_nothing(demo):
    before = counts()
    snapshot = list(Project.objects.values())
    load_demo()
    assert counts() == before
    assert list(Project.objects.values()) == snapshot


def test_demo_reset_loads_the_same_again(demo):
    before = counts()
    load_demo(reset=True)
    after = counts()
    assert after["Partner"] == before["Partner"] == 10
    assert after["Project"] == before["Project"]
    assert not Partner.objects.values("project", "number").annotate(n=Count("id")).filter(n__gt=1)


def test_a_demo_from_an_older_version_counts_as_missing_and_is_completed(demo):
    project = demo
    project.events.all().delete()  # as if loaded before events existed
    assert not demo_is_loaded()
    load_demo()
    assert demo_is_loaded()
