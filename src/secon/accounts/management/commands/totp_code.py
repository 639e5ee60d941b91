"""Print the current two-factor code of an account: for trying the demo without a phone.

Only in the embedded mode (a demo or a developer's machine); a production installation refuses.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from secon.accounts.models import User
from secon.accounts.twofactor import current_code, secret_of


class Command(BaseCommand):
    help = "Print the code the account's authenticator app shows now (embedded mode only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if settings.PRODUCTION:
            raise CommandError("totp_code is for demos: it refuses to run with SECON_MODE=production")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"no account with the e-mail address {email}")
        secret = secret_of(user)
        if secret is None:
            raise CommandError(f"{user.email} has not set up two-factor authentication yet")
        self.stdout.write(current_code(secret))
