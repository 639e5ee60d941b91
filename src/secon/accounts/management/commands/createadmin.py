"""``secon createadmin``: an administrator; every problem with the e-mail or password is said in one line."""

import getpass
import sys

from django.core.management.base import BaseCommand

from secon.config import admin_password
from secon.core.management.base import fail, require_database


class Command(BaseCommand):
    help = "create an administrator account"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--email", help="asked when absent and a terminal is attached")
        parser.add_argument("--password", help="or set SECON_ADMIN_PASSWORD; asked when absent")

    def handle(self, *args, email: str | None, password: str | None, **options):
        require_database()
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        from secon.accounts.models import User
        from secon.accounts.services import create_user
        from secon.core.checks import migrations_problem

        problem = migrations_problem()
        if problem:
            fail(problem)
        interactive = sys.stdin.isatty()
        email = (email or "").strip()
        if not email:
            if not interactive:
                fail("--email: required (no terminal to ask on)")
            email = input("E-mail: ").strip()
        try:
            validate_email(email)
        except ValidationError:
            fail(f"--email: {email!r} is not a valid e-mail address")
        if User.objects.filter(email__iexact=email).exists():
            fail(f"--email: a user with the e-mail address {email} already exists")

        source = "--password"
        if not password and admin_password():
            source, password = "SECON_ADMIN_PASSWORD", admin_password()
        if not password:
            if not interactive:
                fail("--password: required (or set SECON_ADMIN_PASSWORD; no terminal to ask on)")
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                fail("--password: the two passwords differ")
        try:
            validate_password(password, user=User(email=email, username=email))
        except ValidationError as error:
            fail(f"{source}: too weak: {' '.join(error.messages)}")
        try:
            create_user(actor=None, email=email, password=password, is_superuser=True)
        except ValidationError as error:
            field_option = {"email": "--email", "password": source}
            fail(
                "; ".join(
                    f"{field_option.get(field, field)}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            )
        self.stdout.write(f"Administrator {email} created.")
