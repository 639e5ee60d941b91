"""E-mails of the newsletter, written by a worker in the subscriber's language: the confirmation of a
subscription and the newsletter itself (with one-click unsubscribe, RFC 8058).

Each goes as text and HTML (multipart/alternative). The HTML wears the project's look — its logo
on its primary colour, the programme's logo and funding statement below — in markup mail clients
keep: tables for the layout, inline styles, absolute addresses for links and pictures, no script,
no form, no external stylesheet; the newsletter's introduction is Markdown cleaned by nh3.
"""

import collections
import dataclasses

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from secon.communications import links, selectors, structured
from secon.communications.models import Campaign, Delivery, Subscriber
from secon.core.links import absolute_url
from secon.core.markup import plain_text, render_markdown
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


def look_context(project) -> dict:
    """What the HTML e-mails of a project show of its look (absolute addresses of its logos)."""
    look = selectors.get_look(project=project)
    language = translation.get_language()
    return {
        "project": project,
        "look": look,
        "language": language,
        "logo_url": absolute_url(look.logo.url) if look.logo else "",
        "programme_logo_url": absolute_url(look.programme_logo.url) if look.programme_logo else "",
        "statement": look.funding_statement.render(language, project.fallback_languages).text,
    }


@renderer("communications.confirm_subscription")
def render_confirmation(*, subscriber: int, nonce: str) -> Rendered | None:
    found = Subscriber.objects.select_related("project").filter(pk=subscriber, nonce=nonce).first()
    if found is None or found.status != Subscriber.Status.PENDING:
        return None  # asked again since (a newer e-mail went out), or confirmed already
    project = found.project
    paragraphs = [
        _("Hello,"),
        _(
            "please confirm that you want to receive the newsletter of %(project)s: open this link and "
            "press the button on its page."
        )
        % {"project": project.acronym},
    ]
    confirm_url = links.confirm_url(found)
    validity = _(
        "The link works for %(days)d days. If you did not ask for the newsletter, ignore this "
        "e-mail: you will not receive anything."
    ) % {"days": links.CONFIRM_DAYS}
    subject = _("Please confirm your subscription to %(project)s") % {"project": project.acronym}
    context = {
        **look_context(project),
        "subject": subject,
        "paragraphs": paragraphs,
        "confirm_url": confirm_url,
        "validity": validity,
    }
    return Rendered(
        subject=subject,
        body="\n\n".join([*paragraphs, confirm_url, validity]),
        html=render_to_string("communications/email/confirm.html", context),
    )


#: Stands for the recipient's unsubscribe address in a campaign's content rendered once.
UNSUBSCRIBE = "__secon_unsubscribe_url__"


@dataclasses.dataclass(frozen=True)
class CampaignContent:
    """A newsletter as every recipient gets it, but for the unsubscribe address (rendered once)."""

    text: str
    html: str
    headers: dict


#: (campaign id, language) → its content, for the campaigns a worker process is sending. A newsletter
#: is a snapshot: the articles as published when the process rendered its first copy.
_CONTENT: collections.OrderedDict = collections.OrderedDict()
KEEP_CAMPAIGNS = 8


def campaign_content(campaign: Campaign) -> CampaignContent:
    """Return the campaign's content, rendered on the first call of this process (one query and one
    template rendering per campaign, not per recipient)."""
    key = (campaign.pk, translation.get_language())
    if key not in _CONTENT:
        _CONTENT[key] = _render_campaign(campaign)
        while len(_CONTENT) > KEEP_CAMPAIGNS:
            _CONTENT.popitem(last=False)
    return _CONTENT[key]


def _items(campaign: Campaign) -> list[dict]:
    items = []
    articles = campaign.articles.select_related("project").prefetch_related("versions", "images")
    for article in articles:
        version = next(
            (
                item
                for item in article.versions.all()
                if item.language == campaign.language and item.published_at
            ),
            None,
        )
        if version is None:
            continue
        image = next(iter(article.images.all()), None)
        items.append(
            {
                "title": version.title,
                "description": structured.description(version),
                "url": absolute_url(structured.version_path(article, campaign.language)),
                "image_url": structured.image_url(image) if image else "",
                "alt": image.alt_text.get(campaign.language, "") if image else "",
            }
        )
    return items


def _render_campaign(campaign: Campaign) -> CampaignContent:
    project = campaign.project
    items = _items(campaign)
    news = absolute_url(reverse("communications:news", kwargs={"project": project.slug}))
    parts = [plain_text(campaign.introduction)] if campaign.introduction else []
    parts += [f"{item['title']}\n{item['description']}\n{item['url']}" for item in items]
    parts.append("—\n" + _("All news of %(project)s: %(url)s") % {"project": project.acronym, "url": news})
    parts.append(
        _("You receive this newsletter because you subscribed to it. Unsubscribe: %(url)s")
        % {"url": UNSUBSCRIBE}
    )
    context = {
        **look_context(project),
        "subject": campaign.subject,
        "introduction": render_markdown(campaign.introduction) if campaign.introduction else "",
        "items": items,
        "news_url": news,
        "unsubscribe_url": UNSUBSCRIBE,
    }
    headers = {
        "List-Unsubscribe": f"<{UNSUBSCRIBE}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{project.acronym} <{project.slug}.newsletter.secon-hub>",
        "Precedence": "bulk",
    }
    html = render_to_string("communications/email/newsletter.html", context)
    return CampaignContent(text="\n\n".join(parts), html=html, headers=headers)


@renderer("communications.newsletter")
def render_newsletter(*, delivery: int) -> Rendered | None:
    found = Delivery.objects.select_related("campaign__project", "subscriber").filter(pk=delivery).first()
    if found is None or found.campaign.status == Campaign.Status.CANCELLED:
        return None
    subscriber, campaign = found.subscriber, found.campaign
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return None  # unsubscribed, bounced or complained after the batch was queued
    content = campaign_content(campaign)
    unsubscribe = links.unsubscribe_url(subscriber)
    return Rendered(
        subject=campaign.subject,
        body=content.text.replace(UNSUBSCRIBE, unsubscribe),
        html=content.html.replace(UNSUBSCRIBE, escape(unsubscribe)),
        headers={name: value.replace(UNSUBSCRIBE, unsubscribe) for name, value in content.headers.items()},
    )
