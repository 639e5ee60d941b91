"""Subscribe a project to another installation's practice feed and keep its copies in sync.

A copy is a good practice of the subscribing project, published (approved) as its origin published
it, with a :class:`RemotePractice` saying where it comes from; the library marks it and links back,
and partners record transfers of it like of any practice. A synchronisation reads the whole feed
(page by page, bounded) and then creates, updates and removes copies in one transaction: a feed
that fails half-way changes nothing.
"""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, require
from secon.organisations.models import Region
from secon.practices.enums import Status, Theme
from secon.practices.exchange.feed import GENERATOR, SECTION_TERMS
from secon.practices.exchange.fetch import FeedError, fetch_json, is_own
from secon.practices.exchange.models import FeedSubscription, RemotePractice
from secon.practices.models import TEXT_SECTIONS, GoodPractice
from secon.practices.services.drafts import MAX_KEYWORD_CHARS, MAX_KEYWORDS
from secon.practices.services.indexing import index_practice
from secon.projects.models import Project

#: A feed longer than this many pages is read up to here (and the error says so).
MAX_PAGES = 200


def read_feed(url: str) -> tuple[dict, list[dict]]:
    """Return the feed's first page and all its items, following ``next`` (raises FeedError)."""
    first = fetch_json(url)
    if first.get("@type") != "DataFeed" or not isinstance(first.get("dataFeedElement"), list):
        raise FeedError(_("The address answers with JSON, but not with a feed of good practices."))
    if is_own(str(first.get("url") or "")):
        raise FeedError(_("This address is this installation's own feed."))
    items, page, seen = list(first["dataFeedElement"]), first, {url}
    while page.get("next"):
        following = str(page["next"])
        if following in seen:
            raise FeedError(_("The feed's pages point back to themselves."))
        if len(seen) >= MAX_PAGES:
            raise FeedError(_("The feed has more than %(pages)d pages.") % {"pages": MAX_PAGES})
        seen.add(following)
        page = fetch_json(following)
        items.extend(page.get("dataFeedElement") or [])
    return first, [item for item in items if isinstance(item, dict) and item.get("@id")]


def _texts(value, languages: list[str], limit: int | None) -> dict:
    texts = {}
    for entry in value if isinstance(value, list) else []:
        if (
            isinstance(entry, dict)
            and entry.get("@language") in languages
            and isinstance(entry.get("@value"), str)
        ):
            texts[entry["@language"]] = entry["@value"][:limit] if limit else entry["@value"]
    return texts


def _moment(text) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _values(item: dict, project: Project) -> dict:
    """Turn a feed item into a copy's values (only what fits; the rest stays at its origin)."""
    languages = project.content_languages or ["en"]
    values = {}
    for name in TEXT_SECTIONS:
        limit = GoodPractice._meta.get_field(name).max_length
        values[name] = _texts(item.get(SECTION_TERMS.get(name, f"secon:{name}")), languages, limit)
    address = (item.get("spatialCoverage") or {}).get("address") or {}
    values["country"] = str(address.get("addressCountry") or "")[:2].upper()
    values["city"] = str(address.get("addressLocality") or "")[:120]
    region = str(address.get("addressRegion") or "")
    values["region"] = (
        Region.objects.filter(code=region, level__gte=1).order_by("-nuts_version").first() if region else None
    )
    keywords = [str(word)[:MAX_KEYWORD_CHARS] for word in item.get("keywords") or [] if str(word).strip()]
    values["keywords"] = list(dict.fromkeys(keywords))[:MAX_KEYWORDS]
    values["theme"] = item.get("about") if item.get("about") in Theme.values else ""
    values["website"] = str(item.get("url") or item["@id"])[:200]
    values["published_at"] = _moment(item.get("datePublished")) or timezone.now()
    return values


@transaction.atomic
def subscribe(*, actor, project: Project, url: str) -> FeedSubscription:
    """Subscribe the project to a feed; the feed is read once first, so a wrong address is refused."""
    require(actor, "accounts.manage_members", project)
    url = url.strip()
    if FeedSubscription.objects.filter(project=project, url=url).exists():
        raise ValidationError({"url": _("The project already follows this feed.")})
    try:
        first, _items = read_feed(url)
    except FeedError as error:
        raise ValidationError({"url": str(error)}) from None
    name = str((first.get("provider") or {}).get("name") or first.get("name") or GENERATOR)
    if name == GENERATOR:  # every installation is "SECON Hub": its address tells them apart
        name = urlsplit(str(first.get("url") or "")).netloc or urlsplit(url).netloc
    subscription = FeedSubscription.objects.create(
        project=project,
        url=url,
        name=name[:200],
        home=str(first.get("url") or "")[:500],
    )
    record_change(actor=actor, instance=subscription, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return subscription


@transaction.atomic
def unsubscribe(*, actor, subscription: FeedSubscription) -> None:
    """Stop following a feed; its copies leave the library (transfers recorded of them go with them)."""
    require(actor, "accounts.manage_members", subscription.project)
    practices = GoodPractice.objects.filter(origin__subscription=subscription).select_related("project")
    for practice in practices:
        record_change(
            actor=actor,
            instance=practice,
            action=AuditEntry.Action.DELETE,
            before=snapshot(practice),
            project_id=practice.project_id,
        )
    practices.delete()
    record_change(
        actor=actor,
        instance=subscription,
        action=AuditEntry.Action.DELETE,
        project_id=subscription.project_id,
    )
    subscription.delete()


def synchronise(*, subscription: FeedSubscription, actor=SYSTEM) -> dict[str, int]:
    """Bring the copies in line with the feed: create, update, remove. Returns the counts.

    A failure (the feed unreachable, not JSON, pointing to itself …) is kept on the subscription
    as its last error, and nothing changes.
    """
    try:
        _first, items = read_feed(subscription.url)
    except FeedError as error:
        FeedSubscription.objects.filter(pk=subscription.pk).update(last_error=str(error)[:500])
        raise
    return _apply(subscription=subscription, items=items, actor=actor)


@transaction.atomic
def _apply(*, subscription: FeedSubscription, items: list[dict], actor) -> dict[str, int]:
    subscription = (
        FeedSubscription.objects.select_for_update().select_related("project").get(pk=subscription.pk)
    )
    project = subscription.project
    copies = {
        copy.remote_id: copy
        for copy in RemotePractice.objects.filter(subscription=subscription).select_related(
            "practice__project"
        )
    }
    counts = {"created": 0, "updated": 0, "removed": 0, "unchanged": 0}
    for item in items:
        remote_id = str(item["@id"])[:500]
        modified = _moment(item.get("dateModified"))
        values = _values(item, project)
        if not values["title"]:
            continue  # no title in a language of this project: nothing to show
        copy = copies.pop(remote_id, None)
        if copy is not None and modified is not None and copy.remote_modified == modified:
            counts["unchanged"] += 1
            continue
        if copy is None:
            practice = GoodPractice(project=project, status=Status.APPROVED, **values)
            practice.save()
            RemotePractice.objects.create(
                subscription=subscription, practice=practice, remote_id=remote_id, remote_modified=modified
            )
            record_change(
                actor=actor, instance=practice, action=AuditEntry.Action.CREATE, project_id=project.pk
            )
            counts["created"] += 1
        else:
            practice = copy.practice
            before = snapshot(practice)
            for name, value in values.items():
                setattr(practice, name, value)
            practice.save()
            copy.remote_modified = modified
            copy.save(update_fields=["remote_modified"])
            record_change(
                actor=actor,
                instance=practice,
                action=AuditEntry.Action.UPDATE,
                before=before,
                project_id=project.pk,
            )
            counts["updated"] += 1
        index_practice(practice=practice)
    for copy in copies.values():
        practice = copy.practice
        record_change(
            actor=actor,
            instance=practice,
            action=AuditEntry.Action.DELETE,
            before=snapshot(practice),
            project_id=project.pk,
        )
        practice.delete()
        counts["removed"] += 1
    subscription.synced_at = timezone.now()
    subscription.last_error = ""
    subscription.save(update_fields=["synced_at", "last_error"])
    return counts
