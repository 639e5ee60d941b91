"""What the ``secon`` management commands share: one-line failures with an exit status, readiness checks,
and argument types.

A failure is a :class:`Stop` (a ``CommandError``): ``secon`` prints it as one line, ``secon: error: …``,
and exits with its status (2 for a configuration problem), never with a traceback.
"""

import argparse
from typing import NoReturn

from django.core.management.base import CommandError

EXIT_FAILURE = 1
EXIT_CONFIG = 2


class Stop(CommandError):
    """End the command with one line on standard error and an exit status (2: wrong configuration)."""

    def __init__(self, message: str, status: int = EXIT_CONFIG):
        super().__init__(message, returncode=status)


def fail(message: str, status: int = EXIT_CONFIG) -> NoReturn:
    raise Stop(message, status)


def require_ready() -> None:
    """Stop with one line when the database, cache, media folder or security settings are wrong."""
    from secon.core.checks import preflight

    problem = preflight()
    if problem:
        fail(problem)


def require_database() -> None:
    """Stop with one line when the configured database cannot be reached."""
    from secon.core.checks import database_problem

    problem = database_problem()
    if problem:
        fail(problem)


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {port}")
    return port


def positive_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {number}")
    return number
