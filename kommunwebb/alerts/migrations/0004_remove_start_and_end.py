"""The old display window is Wagtail's go-live and expiry now (0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("alerts", "0003_schedule_from_start_and_end")]

    operations = [
        migrations.AlterModelOptions(
            name='alert',
            options={'ordering': ['-updated_at'], 'verbose_name': 'driftmeddelande', 'verbose_name_plural': 'driftmeddelanden'},
        ),
        migrations.RemoveField(
            model_name='alert',
            name='ends_at',
        ),
        migrations.RemoveField(
            model_name='alert',
            name='starts_at',
        ),
    ]
