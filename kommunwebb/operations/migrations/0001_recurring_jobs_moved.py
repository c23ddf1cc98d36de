"""Recurring jobs moved from ``kommunwebb.retention.schedule`` to this app.

A queued run names its task by module path; without this, the runs an installation had
queued before upgrading would fail in the worker. New runs are queued under the new path.
"""

from django.db import migrations

OLD = "kommunwebb.retention.schedule.run_recurring"
NEW = "kommunwebb.operations.schedule.run_recurring"


def move_queued_runs(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=OLD, status="READY").update(task_path=NEW)


def move_back(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=NEW, status="READY").update(task_path=OLD)


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]

    operations = [migrations.RunPython(move_queued_runs, move_back)]
