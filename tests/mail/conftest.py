from tests.taskqueue import queue, worker  # noqa: F401  (fixtures: the task queues, real workers)
