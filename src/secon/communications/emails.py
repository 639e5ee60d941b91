"""E-mails of the newsletter, written by a worker in the subscriber's language: the confirmation of a
subscription and the newsletter itself (with one-click unsubscribe, RFC 8058)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from secon.communications import links, structured
from secon.communications.models import Campaign, Delivery, Subscriber
from secon.core.links import absolute_url
from secon.core.markup import plain_text
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email


def queue_confirmation(subscriber: Subscriber) -> None:
    """Have a worker send the confirmation link once the subscription is committed."""
    queue_email(
        project_id=subscriber.project_id,
        kind="communications.confirm_subscription",
        recipient=subscriber.email,
        language=links.page_language(subscriber.language),
        params={"subscriber": subscriber.pk, "nonce": subscriber.nonce},
    )


def queue_newsletter(delivery: Delivery) -> object:
    subscriber = delivery.subscriber
    return queue_email(
        project_id=subscriber.project_id,
        kind="communications.newsletter",
        recipient=subscriber.email,
        language=links.page_language(subscriber.language),
        params={"delivery": delivery.pk},
    )


@renderer("communications.confirm_subscription")
def render_confirmation(*, subscriber: int, nonce: str) -> Rendered | None:
    found = Subscriber.objects.select_related("project").filter(pk=subscriber, nonce=nonce).first()
    if found is None or found.status != Subscriber.Status.PENDING:
        return None  # asked again since (a newer e-mail went out), or confirmed already
    project = found.project
    body = "\n\n".join(
        [
            _("Hello,"),
            _(
                "please confirm that you want to receive the newsletter of %(project)s: open this link and "
                "press the button on its page."
            )
            % {"project": project.acronym},
            links.confirm_url(found),
            _(
                "The link works for %(days)d days. If you did not ask for the newsletter, ignore this "
                "e-mail: you will not receive anything."
            )
            % {"days": links.CONFIRM_DAYS},
        ]
    )
    return Rendered(
        subject=_("Please confirm your subscription to %(project)s") % {"project": project.acronym}, body=body
    )


def _article_block(article, language: str) -> str | None:
    version = next(
        (item for item in article.versions.all() if item.language == language and item.published_at), None
    )
    if version is None:
        return None
    url = absolute_url(structured.version_path(article, language))
    return f"{version.title}\n{structured.description(version)}\n{url}"


@renderer("communications.newsletter")
def render_newsletter(*, delivery: int) -> Rendered | None:
    found = (
        Delivery.objects.select_related("campaign__project", "subscriber__project")
        .filter(pk=delivery)
        .first()
    )
    if found is None or found.campaign.status == Campaign.Status.CANCELLED:
        return None
    subscriber, campaign = found.subscriber, found.campaign
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return None  # unsubscribed after the batch was queued
    parts = []
    if campaign.introduction:
        parts.append(plain_text(campaign.introduction))
    for article in campaign.articles.select_related("project").prefetch_related("versions"):
        block = _article_block(article, campaign.language)
        if block:
            parts.append(block)
    unsubscribe = links.unsubscribe_url(subscriber)
    news = absolute_url(reverse("communications:news", kwargs={"project": campaign.project.slug}))
    parts.append(
        "—\n" + _("All news of %(project)s: %(url)s") % {"project": campaign.project.acronym, "url": news}
    )
    parts.append(
        _("You receive this newsletter because you subscribed to it. Unsubscribe: %(url)s")
        % {"url": unsubscribe}
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{campaign.project.acronym} <{campaign.project.slug}.newsletter.secon-hub>",
        "Precedence": "bulk",
    }
    return Rendered(subject=campaign.subject, body="\n\n".join(parts), headers=headers)
