"""The two task queues the task tests run on: the database (always) and Redis (when one answers)."""

import os

DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def redis_url() -> str:
    return os.environ.get("SECON_TEST_REDIS_URL") or DEFAULT_REDIS


def redis_problem(url: str) -> str | None:
    """Return why Redis cannot be used, or None when it answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:
        return f"no Redis answers at {url} ({error}); set SECON_TEST_REDIS_URL"
    return None


def configure(backend: str, queue: str, url: str | None = None) -> dict:
    """Return the settings that put the task API on ``backend`` with its own queue name."""
    if backend == "redis":
        return {
            "TASKS_BACKEND": "redis",
            "TASK_QUEUE": queue,
            "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", queue]}},
            "RQ_QUEUES": {
                "default": {"URL": url or redis_url()},
                queue: {"URL": url or redis_url(), "DEFAULT_TIMEOUT": 600},
            },
        }
    return {
        "TASKS_BACKEND": "database",
        "TASK_QUEUE": queue,
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", queue]}},
    }
