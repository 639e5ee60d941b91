import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty page cache (it is process-wide)."""
    cache.clear()
    yield
    cache.clear()
