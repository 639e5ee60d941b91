"""Named locks held until they expire (renewed while their holder works): one runner at a time."""

import contextlib
import logging
import os
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from secon.core.models import Lock

logger = logging.getLogger("secon.tasks")


def worker_name() -> str:
    """Name this process and thread as the holder of a lease."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{threading.get_ident()}"[:100]


def acquire_lock(name: str, *, holder: str, ttl: timedelta) -> bool:
    """Take the named lock unless another holder has it and it has not expired."""
    now = timezone.now()
    if (
        Lock.objects.filter(name=name)
        .filter(Q(expires_at__lt=now) | Q(holder=holder))
        .update(holder=holder, expires_at=now + ttl)
    ):
        return True
    try:
        with transaction.atomic():
            Lock.objects.create(name=name, holder=holder, expires_at=now + ttl)
    except IntegrityError:
        return False
    return True


def release_lock(name: str, *, holder: str) -> None:
    Lock.objects.filter(name=name, holder=holder).delete()


@contextlib.contextmanager
def locked(name: str, *, ttl: timedelta = timedelta(minutes=5)) -> Iterator[bool]:
    """Hold a lock for a block of code; yields False (and runs nothing of its own) if it is taken."""
    holder = worker_name()
    acquired = acquire_lock(name, holder=holder, ttl=ttl)
    try:
        yield acquired
    finally:
        if acquired:
            release_lock(name, holder=holder)
