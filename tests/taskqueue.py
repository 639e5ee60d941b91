"""Fixtures for tests that run real workers: the queue (database, then Redis) and worker threads.

Import the fixtures into a test module or conftest: ``from tests.taskqueue import queue, worker``.
"""

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from django.db import connection
from django.test import override_settings

from tests.core.queues import configure, redis_problem, redis_url

REPOSITORY = Path(__file__).resolve().parents[1]
#: The longest a test waits for a worker to do something (a bound, not a timed assertion).
PATIENCE = 60.0


def wait_for(condition: Callable[[], object], *, what: str, timeout: float = PATIENCE) -> object:
    """Poll ``condition`` until it returns something true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


class Queue:
    def __init__(self, backend: str, name: str, url: str | None):
        self.backend, self.name, self.url = backend, name, url

    def __repr__(self):
        return self.backend


@pytest.fixture(params=["database", "redis"])
def queue(request):
    """Run the test on the database queue, then on Redis (skipped, saying why, without Redis)."""
    backend = request.param
    name = f"secon-test-{uuid.uuid4().hex[:10]}"
    url = None
    if backend == "redis":
        url = redis_url()
        problem = redis_problem(url)
        if problem:
            if os.environ.get("SECON_TEST_REQUIRE_REDIS", "").lower() in {"1", "true", "yes", "on"}:
                pytest.fail(problem)
            pytest.skip(problem)
    with override_settings(**configure(backend, name, url)):
        yield Queue(backend, name, url)
    if backend == "redis":
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"rq:*{name}*"):
            client.delete(key)


@pytest.fixture
def worker(queue):
    """Start real worker threads on the queue; yields a function that starts one (stopped at the end)."""
    from secon.core.worker import Worker

    running = []

    def start(concurrency: int = 1) -> Worker:
        instance = Worker(concurrency=concurrency, interval=0.05, upkeep_every=0.1)
        thread = threading.Thread(target=instance.run, daemon=True)
        thread.start()
        running.append((instance, thread))
        return instance

    yield start
    for instance, thread in running:
        instance.stop()
        thread.join(timeout=PATIENCE)


def database_url() -> str:
    """The URL of the test database this process uses, for a child process to use it too."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{settings['NAME']}"


def start_worker_process(queue: Queue) -> subprocess.Popen:
    """Start a real worker process (python -m tests.core.worker_process) on the test database."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    environment["SECON_TEST_DATABASE_URL"] = database_url()
    arguments = [sys.executable, "-m", "tests.core.worker_process", queue.backend, queue.name]
    if queue.url:
        arguments.append(queue.url)
    process = subprocess.Popen(
        arguments,
        cwd=REPOSITORY,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("worker ready"), line + (
        process.stdout.read() if process.poll() is not None else ""
    )
    return process


@pytest.fixture
def database_queue():
    """Put the task API on the database queue, as installed (the request writes the job, no worker)."""
    with override_settings(**configure("database", "default")):
        yield Queue("database", "default", None)
