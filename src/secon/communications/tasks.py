"""Background work of communications."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from secon.communications.emails import queue_newsletter
from secon.communications.models import Article, Campaign, Delivery, Subscriber
from secon.communications.scopes import touch_article
from secon.core.tasks import background


@background(max_attempts=3)
def release_embargo(*, article_id: int) -> None:
    """The embargo of an article ended: its pages, the news lists and the feeds show it now."""
    article = Article.objects.select_related("project").filter(pk=article_id).first()
    if article is not None:
        touch_article(article)


#: Seconds between two batches of a newsletter (the rate is ``batch_size`` e-mails per interval).
BATCH_INTERVAL = timedelta(seconds=60)


@background(max_attempts=10, lease=timedelta(minutes=10))
def send_batch(*, campaign_id: int) -> str:
    """Hand the next batch of a newsletter's deliveries to the mail queue, then schedule the next batch.

    The campaign's row is locked while a batch is taken, and each delivery is marked in the same
    transaction as its e-mail is queued: a restarted or duplicated job never queues one twice.
    """
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.status != Campaign.Status.SENDING:
            return "stopped"
        batch = list(
            Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING)
            .select_related("subscriber")
            .order_by("pk")[: campaign.batch_size]
        )
        now = timezone.now()
        for delivery in batch:
            if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
                delivery.status = Delivery.Status.SKIPPED
                continue
            delivery.email = queue_newsletter(delivery)
            delivery.status, delivery.queued_at = Delivery.Status.QUEUED, now
        Delivery.objects.bulk_update(batch, ["status", "email", "queued_at"])
        if Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING).exists():
            send_batch.enqueue(campaign_id=campaign.pk, project_id=campaign.project_id, delay=BATCH_INTERVAL)
            return f"queued {len(batch)}"
        campaign.status, campaign.finished_at = Campaign.Status.SENT, now
        campaign.save(update_fields=["status", "finished_at"])
        return f"queued {len(batch)}, done"
