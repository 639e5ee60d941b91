"""``secon demo``: load the SECON demo project (idempotent), with progress."""

from django.core.management.base import BaseCommand

from secon.core.management.base import require_ready


class Command(BaseCommand):
    help = "load the SECON demo project (idempotent)"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo's records and load them anew"
        )
        parser.add_argument("--if-missing", action="store_true", help="do nothing if the demo is loaded")
        parser.add_argument(
            "--site-url", metavar="URL", help="then print how to sign in to the demo at this address"
        )

    def handle(self, *args, reset: bool, if_missing: bool, site_url: str | None, **options):
        require_ready()
        from secon.demo.loader import demo_is_loaded, load_demo, read_demo_admin

        if if_missing and not reset and demo_is_loaded():
            self.stdout.write("The SECON demo is already loaded.")
        else:
            from secon.mail.services import held_back

            # The demo's people have made-up addresses: the notifications its workflow triggers
            # (submitted, approved …) are not queued for the workers at all.
            with held_back() as held:
                load_demo(reset=reset, progress=self.progress)
            kept = len(held)
            self.stdout.write(
                "The SECON demo is loaded."
                + (f" ({kept} notification e-mails to demo people not sent)" if kept else "")
            )
        login = read_demo_admin() if site_url else None
        if login:
            from secon.demo.data.secon import DEMO_STAFF

            accounts = ", ".join([login[0], *(email for email, *_rest in DEMO_STAFF)])
            sign_in = f"{site_url.rstrip('/')}/en/accounts/login/"
            self.stdout.write(f"Sign in at {sign_in} with password {login[1]} as one of: {accounts}")
            self.stdout.write(
                "The administrator and the coordinator set up two-factor authentication at their first "
                "sign-in (an authenticator app, or: .venv/bin/secon manage totp_code EMAIL)"
            )

    def progress(self, step: int, total: int, label: str) -> None:
        width = 24
        filled = int(width * step / total)
        self.stdout.write(f"[{'#' * filled}{'.' * (width - filled)}] {step}/{total} {label}")
        self.stdout.flush()
