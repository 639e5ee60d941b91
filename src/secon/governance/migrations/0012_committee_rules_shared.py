"""The project's committee defaults share the committee's rule fields, help texts included (no column changes)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0011_decision_updated_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="committeedefaults",
            name="comment_days",
            field=models.PositiveSmallIntegerField(
                default=10,
                help_text="Circulated minutes are open to the members' comments this many days by default.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(60),
                ],
                verbose_name="comment period on minutes (days)",
            ),
        ),
        migrations.AlterField(
            model_name="committeedefaults",
            name="notice_days",
            field=models.PositiveSmallIntegerField(
                default=14,
                help_text="The notice of a meeting goes out at least this many days before it.",
                validators=[django.core.validators.MaxValueValidator(90)],
                verbose_name="notice period (days)",
            ),
        ),
    ]
