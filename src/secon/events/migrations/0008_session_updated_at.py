"""A moment of last change on each session, for the API's ``updated_since`` (existing rows: now)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0007_organisation_at_the_event")]

    operations = [
        migrations.AddField(
            model_name="session",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=django.utils.timezone.now, verbose_name="changed"
            ),
            preserve_default=False,
        ),
    ]
