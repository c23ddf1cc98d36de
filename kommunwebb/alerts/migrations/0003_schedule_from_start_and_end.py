"""Each alert's old display window becomes Wagtail's schedule.

* Ended (its end has passed): unpublished and marked expired, as Wagtail's worker leaves an
  expired alert; its end is kept as the expiry time.
* Running (started, not ended): published since its start, taking itself down at its end.
* Waiting (starts later): a draft with a revision approved to go live at its start, exactly
  what "Schemalägg" in the admin leaves, so the task worker publishes it then.
"""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

OLD_FIELDS = ("starts_at", "ends_at")


def schedule_alerts(apps, schema_editor):
    Alert = apps.get_model("alerts", "Alert")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    now = timezone.now()
    alert_type = None
    for alert in Alert.objects.all():
        alert.expire_at = alert.ends_at
        if alert.ends_at is not None and alert.ends_at <= now:
            alert.live, alert.expired = False, True
            alert.first_published_at = alert.last_published_at = alert.starts_at
        elif alert.starts_at > now:
            alert.live = False
            alert.go_live_at = alert.starts_at
            alert.has_unpublished_changes = True
            if alert_type is None:
                alert_type, _ = ContentType.objects.get_or_create(app_label="alerts", model="alert")
            content = get_serializable_data_for_fields(alert)
            for name in OLD_FIELDS:
                content.pop(name, None)
            alert.latest_revision = Revision.objects.create(
                content_type=alert_type,
                base_content_type=alert_type,
                object_id=str(alert.pk),
                created_at=now,
                object_str=alert.title,
                content=content,
                approved_go_live_at=alert.starts_at,
            )
        else:
            alert.live = True
            alert.first_published_at = alert.starts_at
            alert.last_published_at = alert.updated_at
        alert.save()


def window_from_schedule(apps, schema_editor):
    Alert = apps.get_model("alerts", "Alert")
    for alert in Alert.objects.all():
        alert.starts_at = alert.go_live_at or alert.first_published_at or alert.updated_at
        alert.ends_at = alert.expire_at
        if not alert.live and alert.ends_at is None and alert.go_live_at is None:
            # A draft or an unpublished alert had no place in the old model: end it now.
            alert.ends_at = max(alert.starts_at, timezone.now())
        alert.save()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0002_editorial_model"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(schedule_alerts, window_from_schedule)]
