"""Background tasks for the task tests: each leaves its traces in a file, readable across processes."""

import time
from datetime import timedelta
from pathlib import Path

from secon.core.tasks import PermanentError, background

QUICK = timedelta(milliseconds=50)


def _append(path: str, line: str) -> int:
    with open(path, "a") as handle:
        handle.write(line + "\n")
    return len(Path(path).read_text().splitlines())


@background(max_attempts=3, backoff=QUICK)
def record(*, path: str, label: str) -> str:
    _append(path, label)
    return label


def _note_error(*, job, error, retry_at) -> None:
    _append(job.kwargs["path"], f"on_error {type(error).__name__} {'retry' if retry_at else 'final'}")


def _transient(error: BaseException) -> bool:
    return isinstance(error, ConnectionError)


@background(max_attempts=5, backoff=QUICK, max_backoff=QUICK, retry_if=_transient, on_error=_note_error)
def flaky(*, path: str, failures: int) -> str:
    """Fail with a transient error ``failures`` times, then succeed."""
    attempt = len([line for line in _read(path) if line.startswith("attempt")]) + 1
    _append(path, f"attempt {attempt}")
    if attempt <= failures:
        raise ConnectionError(f"mail server away (attempt {attempt})")
    return "sent"


@background(max_attempts=5, backoff=QUICK, retry_if=_transient, on_error=_note_error)
def refused(*, path: str) -> None:
    _append(path, "attempt")
    raise ValueError("550 recipient unknown")


@background(max_attempts=3, backoff=QUICK, on_error=_note_error)
def hopeless(*, path: str) -> None:
    _append(path, "attempt")
    raise PermanentError("no such recipient")


@background(max_attempts=3, backoff=QUICK, lease=timedelta(seconds=1))
def slow(*, path: str, release: str) -> str:
    """Write "start", wait until the release file exists, write "end"."""
    _append(path, "start")
    deadline = time.monotonic() + 120
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    _append(path, "end")
    return "done"


def _read(path: str) -> list[str]:
    file = Path(path)
    return file.read_text().splitlines() if file.exists() else []
