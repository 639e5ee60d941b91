"""A moment of last change on each partner, for the API's ``updated_since`` (existing rows: now)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisations", "0008_account_data_exports")]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=django.utils.timezone.now, verbose_name="changed"
            ),
            preserve_default=False,
        ),
    ]
