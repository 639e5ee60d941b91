"""Page-cache scopes of the good-practice pages, and which records belong to them.

Every public library page (the lists, a practice's page, the exports) depends on
:data:`~secon.practices.enums.LIBRARY_SCOPE` and its project's scope: a change to a practice that is,
or was, published refreshes them all.
"""

from secon.core import cache
from secon.practices.enums import LIBRARY_SCOPE
from secon.practices.exchange.models import FeedSubscription, RemotePractice
from secon.practices.models import (
    ConceptTag,
    GoodPractice,
    IndexedPractice,
    PracticeDocument,
    PracticeImage,
    SearchEntry,
    Transfer,
    TransferStep,
    WorkflowStep,
)
from secon.projects.scopes import project_scope


def practice_sessions_scope(project_slug: str) -> str:
    """Name the page-cache scope of what the project's practice pages show of other apps (the event
    sessions that presented them)."""
    return f"practice-sessions:{project_slug}"


@cache.record_scopes(GoodPractice)
def _practice(practice: GoodPractice) -> list[str]:
    # A draft is on no public page (as it was before the change: see core.cache).
    return [LIBRARY_SCOPE, project_scope(practice.project.slug)] if practice.is_public else []


def _of_practice(record) -> list[str]:
    return _practice(record.practice)


for _model in (PracticeImage, PracticeDocument, WorkflowStep, SearchEntry, ConceptTag, IndexedPractice):
    cache.record_scopes(_model)(_of_practice)


@cache.record_scopes(Transfer)
def _transfer(transfer: Transfer) -> list[str]:
    return _practice(transfer.practice)


@cache.record_scopes(TransferStep)
def _transfer_step(step: TransferStep) -> list[str]:
    return _transfer(step.transfer)


@cache.record_scopes(RemotePractice)
def _copy(copy: RemotePractice) -> list[str]:
    # The page of a copied practice says where it comes from.
    return _practice(copy.practice)


@cache.record_scopes(FeedSubscription)
def _feed(subscription: FeedSubscription) -> list[str]:
    # The library names the feed its copies come from.
    return [LIBRARY_SCOPE, project_scope(subscription.project.slug)]
