import pytest
from django_scopes import scopes_disabled

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.taskqueue import database_queue, queue, worker  # noqa: F401  (fixtures: task queues, workers)


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
    """Start every test with an empty page cache (it is process-wide)."""
    cache.clear()
    yield
    cache.clear()


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


def pytest_collection_modifyitems(items):
    """Keep the tests that share a module-scoped fixture (a migrated site, a live server with the demo)
    in one pytest-xdist process, so that the fixture is built once (``--dist loadgroup``); each value
    of a parametrised one (SQLite, PostgreSQL) gets its own group, so they can run side by side."""
    for item in items:
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions is None:
            continue
        shared = [
            name
            for name in item.fixturenames
            if any(definition.scope == "module" for definition in definitions.name2fixturedefs.get(name, ()))
        ]
        if shared:
            params = getattr(item, "callspec", None)
            values = [str(params.params[name]) for name in shared if params and name in params.params]
            item.add_marker(pytest.mark.xdist_group("-".join([item.module.__name__, *values])))
    # The long tests (the fuzz run, the browser journeys) start first: pytest-xdist hands out work in
    # collection order, and one of them collected last keeps a single process busy after the rest ended.
    items.sort(
        key=lambda item: (
            0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        )
    )
