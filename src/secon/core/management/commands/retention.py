"""``secon manage retention``: what the retention rules would remove now (``--purge`` removes it)."""

from django.core.management.base import BaseCommand
from django.utils import formats

from secon.core import retention


class Command(BaseCommand):
    help = "Report the personal data whose retention period is over (a dry run); --purge removes them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--purge", action="store_true", help="remove them now (the nightly task does it too)"
        )

    def handle(self, *args, purge: bool = False, **options):
        rows = retention.report()
        width = max((len(category.name) for category, _, _ in rows), default=10)
        self.stdout.write(f"{'category'.ljust(width)}  {'kept for':>9}  {'older than':<10}  due")
        for category, cutoff, due in rows:
            self.stdout.write(
                f"{category.name.ljust(width)}  {category.days:>5} days  "
                f"{formats.date_format(cutoff, 'Y-m-d'):<10}  {due}   {category.description}"
            )
        if not purge:
            self.stdout.write("Dry run: nothing was changed. Run with --purge to remove them.")
            return
        done = retention.purge()
        for name, count in done.items():
            self.stdout.write(f"{name}: {count} purged")
