"""Rank the queries asked lately again once the library changes, in a worker instead of a request."""

import datetime
import time

from secon.core.tasks import background, enqueue
from secon.practices.selectors import library, outcomes
from secon.projects.models import Project

#: Changes within this many seconds are followed by one ranking of the queries asked lately.
WARM_EVERY = 10
#: Seconds after the end of that window: the library's new version token is written when the
#: change commits, which the worker must see before it ranks.
WARM_AFTER = 2


@background(max_attempts=1)
def warm_search() -> int:
    """Rank the queries asked lately under the library's current version (kept for the visitors
    who ask them next); return how many."""
    asked = outcomes.asked()
    projects = Project.objects.in_bulk([project_id for *_rest, project_id in asked if project_id])
    for text, language, filters, project_id in asked:
        if project_id and project_id not in projects:
            continue
        library.search_practices(
            query=text,
            language=language,
            filters=filters,
            project=projects.get(project_id),
            per_page=1,
            snippets=False,
            facets=False,
        )
    return len(asked)


def warm_search_soon() -> None:
    """Have a worker rank the queries asked lately after this change (one job per WARM_EVERY
    seconds of changes, run once they are over)."""
    now = time.time()
    window = int(now // WARM_EVERY)
    delay = (window + 1) * WARM_EVERY - now + WARM_AFTER
    enqueue(
        warm_search,
        kwargs={},
        key=f"practices.warm-search:{window}",
        delay=datetime.timedelta(seconds=delay),
    )
