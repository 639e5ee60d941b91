

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0008_account_data_exports'),
        ('policy', '0003_action_plans'),
    ]

    operations = [
        migrations.AddField(
            model_name='stakeholdermeeting',
            name='instruments',
            field=models.ManyToManyField(blank=True, help_text="The policy instruments on the meeting's agenda (the group's own, and others).", related_name='discussed_at', to='policy.policyinstrument', verbose_name='instruments discussed'),
        ),
        migrations.AddField(
            model_name='stakeholdermeeting',
            name='invited',
            field=models.ManyToManyField(blank=True, related_name='+', to='organisations.organisation', verbose_name='organisations invited'),
        ),
    ]
