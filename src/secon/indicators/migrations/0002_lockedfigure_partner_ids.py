from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="lockedfigure",
            name="partner_ids",
            field=models.JSONField(
                blank=True,
                help_text="Each partner's records in the figure, as its partner report showed them when locked: {partner id: [record ids]}. Empty for figures locked before it was stored.",
                null=True,
                verbose_name="records per partner",
            ),
        ),
    ]
