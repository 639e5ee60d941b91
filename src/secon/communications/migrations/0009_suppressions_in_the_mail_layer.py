"""Newsletter subscriptions suppressed before the mail layer kept suppressed addresses: each such
address is now suppressed for every kind of mail (reason unknown: a bounce or a complaint)."""

from django.db import migrations


def record(apps, schema_editor):
    Subscriber = apps.get_model("communications", "Subscriber")
    Suppression = apps.get_model("mail", "Suppression")
    known = set(Suppression.objects.values_list("address", flat=True))
    for email, at in Subscriber.objects.filter(status="suppressed").values_list("email", "unsubscribed_at"):
        address = email.strip().lower()
        if address in known:
            continue
        known.add(address)
        values = {"address": address, "reason": "either"}
        if at is not None:
            values["suppressed_at"] = at
        Suppression.objects.create(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("communications", "0008_subscriber_privacy_notice"),
        ("mail", "0003_suppressions"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
