"""Give every existing user a verified primary e-mail address for django-allauth.

The accounts made before allauth were created by an administrator or a coordinator (who typed the
address), so their address counts as verified, as it does for accounts made that way today.
"""

from django.db import migrations


def add_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = {email.lower() for email in EmailAddress.objects.values_list("email", flat=True)}
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=user.pk, email=user.email.lower(), primary=True, verified=True)
            for user in User.objects.only("pk", "email")
            if user.email and user.email.lower() not in known
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitations_language"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(add_addresses, migrations.RunPython.noop)]
