"""``secon feeds``: follow other installations' practice feeds and keep the copies in sync.

    secon feeds list
    secon feeds subscribe URL --project PROJECT
    secon feeds sync [--project PROJECT]
    secon feeds unsubscribe URL --project PROJECT

The worker synchronises every hour on its own (``practices.sync-feeds``); ``sync`` does it now.
"""

from django.core.management.base import BaseCommand

from secon.core.management.base import EXIT_FAILURE, fail, require_ready


class Command(BaseCommand):
    help = "follow other installations' good-practice feeds (list, subscribe, sync, unsubscribe)"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "subscribe", "sync", "unsubscribe"])
        parser.add_argument("url", nargs="?", help="the feed's address (subscribe, unsubscribe)")
        parser.add_argument("--project", metavar="PROJECT", help="the project that follows the feed")

    def handle(self, *args, action: str, url: str | None, project: str | None, **options):
        require_ready()
        from django.core.exceptions import ValidationError

        from secon.core.permissions import SYSTEM
        from secon.practices.exchange import sync
        from secon.practices.exchange.fetch import FeedError
        from secon.practices.exchange.models import FeedSubscription
        from secon.projects.models import Project

        target = None
        if project:
            target = Project.objects.filter(slug=project).first()
            if target is None:
                fail(f"no project {project!r}")
        subscriptions = FeedSubscription.objects.select_related("project").order_by("project__slug", "url")
        if target is not None:
            subscriptions = subscriptions.filter(project=target)
        if action == "list":
            for row in subscriptions:
                synced = f"{row.synced_at:%Y-%m-%d %H:%M}" if row.synced_at else "never"
                error = f"  error: {row.last_error}" if row.last_error else ""
                copies = row.copies.count()
                self.stdout.write(
                    f"{row.project.slug}  {row.url}  ({row.name}, {copies} practices, synced {synced}){error}"
                )
            return
        if action in ("subscribe", "unsubscribe") and (not url or target is None):
            fail(f"secon feeds {action} needs the feed's URL and --project")
        if action == "subscribe":
            try:
                subscription = sync.subscribe(actor=SYSTEM, project=target, url=url)
            except ValidationError as error:
                fail("; ".join(error.messages), EXIT_FAILURE)
            subscriptions = [subscription]
            action = "sync"
        if action == "unsubscribe":
            subscription = subscriptions.filter(url=url.strip()).first()
            if subscription is None:
                fail(f"{target.slug} does not follow {url}", EXIT_FAILURE)
            sync.unsubscribe(actor=SYSTEM, subscription=subscription)
            self.stdout.write(f"{target.slug} no longer follows {url}; its copies are removed.")
            return
        failed = 0
        for subscription in subscriptions:
            try:
                counts = sync.synchronise(subscription=subscription)
            except FeedError as error:
                failed += 1
                self.stderr.write(f"{subscription.url}: {error}")
                continue
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"{subscription.project.slug} ← {subscription.url}: {summary}")
        if failed:
            fail(f"{failed} feed(s) could not be read", EXIT_FAILURE)
