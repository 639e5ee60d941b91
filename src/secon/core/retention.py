"""How long personal data are kept: categories with a retention period, a daily purge, a dry run.

Each app declares its categories in ``AppConfig.ready()`` with :func:`register_category`: a name, the
period, a function that counts what is due (``due(cutoff) -> int``) and one that purges it
(``purge(cutoff) -> int``); both leave out records under legal hold. ``secon manage retention``
prints what is due per category (a dry run: nothing changes) and ``--purge`` purges it; the
recurring task ``core.retention-purge`` does the same every night.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from secon.core.tasks import background, recurring


@dataclasses.dataclass(frozen=True)
class Category:
    name: str
    description: str
    days: int
    due: Callable[[datetime.datetime], int]
    purge: Callable[[datetime.datetime], int]


_categories: dict[str, Category] = {}


def register_category(
    *,
    name: str,
    description: str,
    days: int,
    due: Callable[[datetime.datetime], int],
    purge: Callable[[datetime.datetime], int],
) -> None:
    _categories[name] = Category(name, description, days, due, purge)


def categories() -> list[Category]:
    return sorted(_categories.values(), key=lambda category: category.name)


def report(*, now: datetime.datetime | None = None) -> list[tuple[Category, datetime.datetime, int]]:
    """Return (category, cutoff, records due) for every category; changes nothing."""
    now = now or timezone.now()
    rows = []
    for category in categories():
        cutoff = now - datetime.timedelta(days=category.days)
        rows.append((category, cutoff, category.due(cutoff)))
    return rows


def purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Purge every category's records older than its period; each category in its own transaction."""
    now = now or timezone.now()
    done = {}
    for category in categories():
        with transaction.atomic():
            done[category.name] = category.purge(now - datetime.timedelta(days=category.days))
    return done


@recurring(
    "core.retention-purge", every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=3, minutes=41)
)
@background(max_attempts=3)
def purge_expired_personal_data() -> dict:
    """Nightly: remove the personal data whose retention period is over (legal holds excepted)."""
    return purge()
