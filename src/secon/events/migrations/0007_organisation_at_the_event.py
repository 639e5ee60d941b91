"""The organisation a person represented at an event, stored on their registration.

Until now the indicators counted a participant's organisation as it is *today* (the person's
current organisation), so a person changing employer changed past figures. From now on the
registration keeps the organisation at registration and at the first check-in.

Existing registrations are filled from the person's current organisation: the organisation at the
time of those events was never stored, the current one is the best value known, and it is what the
indicators counted until now, so no figure changes with this migration.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_from_current_organisation(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    Person = apps.get_model("organisations", "Person")
    current = Person.objects.filter(pk=OuterRef("person_id")).values("organisation_id")[:1]
    Registration._base_manager.update(organisation_id=Subquery(current))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_project_scoped"),
        ("organisations", "0008_account_data_exports"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation the person represented at the event: their organisation when "
                "they registered, updated at their first check-in. The indicators count it, not the "
                "person's organisation today.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organisations.organisation",
                verbose_name="organisation represented",
            ),
        ),
        migrations.RunPython(fill_from_current_organisation, migrations.RunPython.noop),
    ]
