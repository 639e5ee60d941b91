"""A real worker process for the task tests: ``python -m tests.core.worker_process BACKEND QUEUE [REDIS]``.

The test database comes from SECON_TEST_DATABASE_URL (the parent test passes its own).
"""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from django.conf import settings

from tests.core.queues import configure


def main() -> None:
    backend, queue = sys.argv[1], sys.argv[2]
    redis_url = sys.argv[3] if len(sys.argv) > 3 else None
    for name, value in configure(backend, queue, redis_url).items():
        setattr(settings, name, value)
    import django

    django.setup()
    import tests.core.sample_tasks  # noqa: F401  (registers the tasks)
    from secon.core.worker import Worker

    print("worker ready", flush=True)
    Worker(interval=0.05, upkeep_every=0.2, parent_pid=os.getppid()).run()


if __name__ == "__main__":
    main()
