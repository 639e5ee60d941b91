"""Keep the copies of other installations' practices in sync: every hour, and on request."""

import datetime
import logging

from secon.core.tasks import background, recurring
from secon.practices.exchange.fetch import FeedError
from secon.practices.exchange.models import FeedSubscription
from secon.practices.exchange.sync import synchronise

log = logging.getLogger(__name__)


@background(max_attempts=3)
def sync_feed(*, subscription_id: int) -> dict | None:
    """Synchronise one subscription (its error, if any, is kept on it for the coordinators' page)."""
    subscription = FeedSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return None
    try:
        return synchronise(subscription=subscription)
    except FeedError as error:
        log.warning("practice feed %s: %s", subscription.url, error)
        return None


@recurring("practices.sync-feeds", every=datetime.timedelta(hours=1), offset=datetime.timedelta(minutes=23))
@background(max_attempts=1)
def sync_all_feeds() -> int:
    """Synchronise every subscription, one after the other; returns how many succeeded."""
    done = 0
    for subscription in FeedSubscription.objects.order_by("pk"):
        try:
            synchronise(subscription=subscription)
            done += 1
        except FeedError as error:
            log.warning("practice feed %s: %s", subscription.url, error)
    return done
