import pytest
from django_scopes import scopes_disabled

from django.core.cache import cache
from django.utils import translation

from tests.taskqueue import database_queue, queue, worker  # noqa: F401  (fixtures: task queues, workers)


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
