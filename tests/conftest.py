from collections import Counter
from unittest.mock import patch

import pytest
from django_scopes import scopes_disabled

from django.conf import settings
from django.core.cache import cache
from django.test import TransactionTestCase
from django.utils import translation

from secon.core.page_store import forget_routes
from tests import flush
from tests.demo_snapshot import DemoRecords
from tests.fuzz_seed import pytest_configure, pytest_configure_node  # noqa: F401  (hooks: one fuzz seed per run)
from tests.taskqueue import database_queue, queue, worker  # noqa: F401  (fixtures: task queues, workers)
from tests.template_db import django_db_setup  # noqa: F401  (one migration per pytest-xdist run)


@pytest.fixture(autouse=True, scope="session")
def _flush_only_the_tables_written():
    """End each transactional test by emptying the tables it wrote, not all of them (tests/flush.py)."""
    with patch.object(TransactionTestCase, "_fixture_teardown", flush.fixture_teardown):
        yield


@pytest.fixture(autouse=True)
def _settings_restored():
    """Fail the test that leaves the settings changed for the next one.

    Overrides undone out of order leave one behind: pytest-django's `settings` fixture, set up
    before the task-queue fixture but changed after it, restored the database queue for every
    later test in the process, and e-mail tests far away found their outbox empty.
    """
    before = settings._wrapped
    yield
    if settings._wrapped is not before:
        settings._wrapped = before
        pytest.fail("the test left the settings overridden: undo overrides in reverse order")


@pytest.fixture(autouse=True)
def _unscoped_test_code():
    """Let the test itself (factories, services, assertions) reach every project's records.

    Each request the test makes is scoped again by ProjectScopeMiddleware, so a page that reads
    outside its project still fails.
    """
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty page cache (it is process-wide), this process's copies too."""
    cache.clear()
    forget_routes()
    yield
    cache.clear()
    forget_routes()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English: a language activated by one test must not leak into the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser, with the authenticator app every administrator must have."""
    from tests.accounts.world import enable_two_factor

    user = django_user_model.objects.create_superuser(email="admin@example.com", password="password")
    enable_two_factor(user)
    return user


@pytest.fixture(scope="session")
def _demo_records(django_db_setup, django_db_blocker):  # noqa: F811  (the fixture, by name)
    """The demo as one real ``load_demo()`` of this process left the database (see :func:`demo`)."""
    from django.db import connection

    from secon.demo.loader import load_demo

    records = DemoRecords(connection)
    with django_db_blocker.unblock():
        records.take(load_demo)
    return records


@pytest.fixture
def demo(db, _demo_records):
    """The SECON project of the demo, in a database as a real ``load_demo()`` leaves it.

    The demo is loaded once per process, through the services, and its rows are written back in
    each test's transaction (:class:`tests.demo_snapshot.DemoRecords`): a test that reads the demo,
    or loads it again on top of itself, needs no load of its own. A test of the loading itself from
    an empty database calls ``load_demo()``. The tests using it share one pytest-xdist group, so
    that one process of a run loads it.
    """
    from secon.projects.models import Project

    _demo_records.put_back()
    return Project.objects.get(slug=_demo_records.slug)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Keep the tests that share a module-scoped fixture (a migrated site, a live server with the demo)
    in one pytest-xdist process, so that the fixture is built once (``--dist loadgroup``); each value
    of a parametrised one (SQLite, PostgreSQL) gets its own group, so they can run side by side.

    A wrapper: the groups are marked before pytest-xdist's hook reads the marks, and carried into the
    node ids after it (see :func:`_carry_groups_into_node_ids`)."""
    for item in items:
        if not _uses_the_database(item):
            item.add_marker(pytest.mark.database_independent)
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions is None:
            continue
        if "demo" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("demo"))
        shared = [
            name
            for name in item.fixturenames
            if any(definition.scope == "module" for definition in definitions.name2fixturedefs.get(name, ()))
        ]
        if shared:
            params = getattr(item, "callspec", None)
            values = [str(params.params[name]) for name in shared if params and name in params.params]
            item.add_marker(pytest.mark.xdist_group("-".join([item.module.__name__, *values])))
    result = yield
    _carry_groups_into_node_ids(config, items)
    # The long tests start first: the `slow` ones (the fuzz run, the two installations, the 100-seat
    # vote, …), then the groups, largest first (the demo's tests, the browser modules, the `secon`
    # runs), then the rest. pytest-xdist hands the work out in this order (`--no-loadscope-reorder`:
    # it would otherwise put every group, however quick, before a slow test of its own), and a long
    # test handed out last keeps one process busy after the other has ended.
    sizes = Counter(_group_of(item) for item in items)
    items.sort(
        key=lambda item: (
            (0, 0, "")
            if item.get_closest_marker("slow")
            else (1, -sizes[_group_of(item)], _group_of(item))
            if _group_of(item)
            else (2, 0, "")
        )
    )
    return result


#: The fixtures through which pytest-django lets a test reach the suite's database (``django_db_setup``
#: for the fixtures that open it themselves, as the browser tests' live server does).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "django_db_setup",
        "_django_db_helper",
    }
)


def _uses_the_database(item) -> bool:
    """Whether the test can reach the suite's database at all.

    pytest-django blocks every database access of a test that asks for none of these fixtures and
    has no ``django_db`` mark (it fails, on every database), so a test without them runs the same
    code on SQLite as on PostgreSQL: it is marked ``database_independent``, and CI's PostgreSQL
    pass leaves it out (``-m "not database_independent"``) after the SQLite pass ran it. The
    subprocess runs of ``secon`` (tests/test_cli.py, tests/test_serve.py) are among them: they make
    their own SQLite and PostgreSQL databases in every pass, whichever the suite's database is.
    """
    if item.get_closest_marker("django_db"):
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def _group_of(item) -> str:
    """The pytest-xdist group of a test ("" for none), as ``--dist loadgroup`` names it."""
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names))


def _carry_groups_into_node_ids(config, items) -> None:
    """Give each grouped test the ``@group`` suffix by which ``--dist loadgroup`` schedules it.

    pytest-xdist 3.8 writes the suffix into ``item._nodeid``, which pytest 9.2 no longer reads (its
    node ids are structured, ``item._id``; pytest-dev/pytest-xdist#1386): the groups were silently
    ignored, a module's tests were spread over the processes as with ``--dist load``, each process
    loaded the demo for the module again, and the second test of a journey that goes on from the
    first (the minutes' comment window) ran, in CI, in a process where the first had not. Fail
    loudly if the suffix cannot be carried, rather than run ungrouped again.
    """
    if not getattr(config.option, "loadgroup", False):  # only in a pytest-xdist worker, loadgroup
        return
    from _pytest.nodeid import NodeId

    for item in items:
        group = _group_of(item)
        if not group:
            continue
        suffix = "@" + group
        if not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)
        if not item.nodeid.endswith(suffix):
            raise pytest.UsageError(f"cannot put {item.nodeid} in its pytest-xdist group {suffix}")
