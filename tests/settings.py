"""Settings for the test suite: the real ones, with a test database and in-memory cache and mail."""

import os
import tempfile

os.environ.setdefault("SECON_VAR_DIR", os.path.join(tempfile.gettempdir(), "secon-test-var"))
# Test databases need no durability: without waiting for PostgreSQL to flush its log at each commit,
# `secon migrate` took 12.9 s instead of 18.8 and the demo's load 8.7 s instead of 12.7. libpq reads
# the variable for every connection, this process's and those of the `secon` commands it starts.
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")

from secon import config
from secon.settings import *  # noqa: F403

_test_url = os.environ.get("SECON_TEST_DATABASE_URL")
if _test_url:
    DATABASES = {"default": config.parse_database_url(_test_url, variable="SECON_TEST_DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: the concurrency tests run real threads, and SQLite's shared
    # cache answers a held lock with "table is locked" at once instead of waiting (busy timeout).
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"secon-test-{os.getpid()}.sqlite3")
    }
    # The concurrency tests queue 200 writers on the database lock: on a busy shared machine (other
    # test runs, parallel workers) the last may wait longer than the 20 s an installation waits.
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "timeout": 120}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": FRAGMENT_CACHE,  # noqa: F405
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
# Jobs run at once, in the test's process, when their transaction commits (tests capture on_commit
# callbacks to see the e-mails); the task tests run real workers on the database queue and on Redis.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The site's address in the tests is the test client's host, so absolute links read as before.
SITE_URL = "http://testserver"
SITE_URL_GIVEN = True
