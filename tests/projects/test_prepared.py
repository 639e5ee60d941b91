"""Hot read queries compiled once (secon.projects.prepared): the same rows as the queryset, the current
data every time, and never outside the tenancy scope in force."""

import pytest
from django_scopes.exceptions import ScopeError

from django.db.models import Count

from secon.events.models import Event, Session
from secon.projects import prepared
from secon.projects.models import Project
from secon.projects.tenancy import ProjectIds, scope, scopes_disabled
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget():
    prepared.forget()
    yield
    prepared.forget()


@pytest.fixture
def events():
    alpha = ProjectFactory(slug="alpha")
    beta = ProjectFactory(slug="beta")
    found = {}
    for project in (alpha, beta):
        event = EventFactory(project=project, slug="caceres")
        venue = VenueFactory(project=project, name=f"Hall of {project.slug}")
        for hour in (9, 11):
            SessionFactory(
                event=event, venue=venue, starts_at=at(event, 0, hour), ends_at=at(event, 0, hour + 1)
            )
        found[project.slug] = event
    return found


def built(counter: list, build):
    def counting():
        counter.append(1)
        return build()

    return counting


def test_the_rows_are_the_querysets_and_the_query_is_built_once(events):
    event = events["alpha"]
    counter = []

    def sessions():
        return (
            Session.objects.filter(event=event)
            .select_related("venue")
            .annotate(people=Count("presenters"))
            .order_by("starts_at", "pk")
        )

    with scope(project=ProjectIds("alpha")):
        expected = list(sessions())
        for _ in range(3):
            found = prepared.rows(("test.sessions", event.pk), built(counter, sessions))
            assert [(s.pk, s.venue.name, s.people, s.starts_at) for s in found] == [
                (s.pk, s.venue.name, s.people, s.starts_at) for s in expected
            ]
            assert not found[0]._state.adding and found[0]._state.db == "default"
        titles = prepared.rows(("test.titles", event.pk), lambda: sessions().values_list("pk", "title"))
        assert titles == list(sessions().values_list("pk", "title"))
        keys = prepared.rows(("test.keys", event.pk), lambda: sessions().values_list("pk", flat=True))
        assert keys == [s.pk for s in expected]
    assert counter == [1, 1]  # built and compiled once with the scope and once without, run three times


def test_a_kept_query_reads_the_current_rows(events):
    event = events["alpha"]
    with scope(project=ProjectIds("alpha")):
        count = len(prepared.rows(("test.count", event.pk), lambda: Session.objects.filter(event=event)))
        SessionFactory(event=event, starts_at=at(event, 1, 9), ends_at=at(event, 1, 10))
        assert (
            len(prepared.rows(("test.count", event.pk), lambda: Session.objects.filter(event=event)))
            == count + 1
        )


def test_the_same_key_in_another_projects_scope_finds_only_that_projects_rows(events):
    """The scope is part of every key: a query kept under one project never runs under another."""

    def every_event():
        return Event.objects.order_by("pk").values_list("project__slug", flat=True)

    with scope(project=ProjectIds("alpha")):
        assert prepared.rows(("test.events",), every_event) == ["alpha"]
    with scope(project=ProjectIds("beta")):
        assert prepared.rows(("test.events",), every_event) == ["beta"]
    with scope(project=ProjectIds("gamma")):  # no such project: nothing
        assert prepared.rows(("test.events",), every_event) == []
    with scopes_disabled():
        assert prepared.rows(("test.events",), every_event) == ["alpha", "beta"]
    with scope(project=ProjectIds("alpha")):
        assert prepared.rows(("test.events",), every_event) == ["alpha"]


def test_without_a_project_in_scope_the_query_is_refused_even_if_kept(events):
    def every_event():
        return Event.objects.values_list("pk", flat=True)

    with scope(project=ProjectIds("alpha")):
        prepared.rows(("test.refused",), every_event)
    with scope(), pytest.raises(ScopeError):
        prepared.rows(("test.refused",), every_event)


def test_a_prefetching_queryset_is_refused(events):
    with scopes_disabled(), pytest.raises(TypeError, match="prefetches"):
        prepared.rows(("test.prefetch",), lambda: Session.objects.prefetch_related("presenters"))


def test_a_query_no_scope_filters_is_kept_for_every_scope_without_resolving_the_project(
    events, django_assert_num_queries
):
    def project():
        return Project.objects.filter(slug="alpha").values_list("pk", flat=True)

    for slug in ("alpha", "beta", "alpha"):
        with scope(project=ProjectIds(slug)), django_assert_num_queries(1):  # not the scope's project
            assert prepared.rows(("test.project",), project) == [events["alpha"].project_id]


def test_a_query_with_values_is_built_once_and_runs_with_each_calls_values(events):
    """The values of equality lookups (a link's key, a row's id) vary per call, not the SQL."""
    counter = []

    def event_of(project_id, slug):
        counter.append(1)
        return Event.objects.filter(project_id=project_id, slug=slug).values_list("project__slug", flat=True)

    with scopes_disabled():
        for slug in ("alpha", "beta", "alpha"):
            project_id = events[slug].project_id
            assert prepared.rows(("test.values",), event_of, values=(project_id, "caceres")) == [slug]
        assert prepared.rows(("test.values",), event_of, values=(events["beta"].project_id, "x_y")) == []
    assert len(counter) == 2  # compiled once (with two sets of stand-ins)
    with scope(project=ProjectIds("alpha")):  # another scope: its own SQL, never another project's rows
        assert prepared.rows(("test.values",), event_of, values=(events["beta"].project_id, "caceres")) == []
        assert prepared.rows(("test.values",), event_of, values=(events["alpha"].project_id, "caceres")) == [
            "alpha"
        ]


def test_a_value_the_lookup_transforms_is_refused(events):
    """``iexact`` escapes its value (LIKE on SQLite): a stand-in's place would not be the value's."""
    with scopes_disabled(), pytest.raises(TypeError, match="equality lookup"):
        prepared.rows(
            ("test.iexact",), lambda slug: Event.objects.filter(slug__contains=slug), values=("cace",)
        )
    with scopes_disabled(), pytest.raises(TypeError, match="int and str"):
        prepared.rows(("test.bool",), lambda public: Event.objects.filter(is_public=public), values=(True,))
