from django.core.management.base import BaseCommand

from secon.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the SECON demo project (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true")

    def handle(self, *args, reset=False, **options):
        load_demo(
            reset=reset,
            progress=lambda step, total, label: self.stdout.write(f"{step}/{total} {label}"),
        )
