"""Queue one alert for 10,000 subscribers and time it, counting the queries.

Runs on a throwaway SQLite database (the embedded profile's settings) in a temporary
directory: migrates it, adds 10,000 confirmed subscribers of crisis alerts (one bulk SQL
statement) on a handful of mail providers, publishes a crisis alert as an editor would
(which queues the fan-out task), then runs the fan-out task as the worker would: it composes
the mailing, inserts the messages in bulk and queues one sending task per batch. Reports the
time and the queries of the publish and of the fan-out; sending itself is the mail server's
pace and the providers' rate limits.

    .venv/bin/python bench/subscriptions.py [--subscribers 10000]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The bar is "batched": a handful of queries per thousand subscribers, not one each.
MAX_QUERIES_PER_THOUSAND = 20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="kommunwebb-bench-subscriptions-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kommunwebb.settings.dev"
    os.environ["KOMMUNWEBB_VAR_DIR"] = str(var)
    os.environ.pop("KOMMUNWEBB_SQLITE_PATH", None)
    sys.path.insert(0, str(ROOT))
    try:
        ok = run(args)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    sys.exit(0 if ok else 1)


def run(args) -> bool:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from kommunwebb.alerts.models import Alert, AlertLevel
    from kommunwebb.subscriptions import tasks
    from kommunwebb.subscriptions.models import Message

    call_command("migrate", "--noinput", verbosity=0)
    fill = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
        INSERT INTO subscriptions_subscriber
            (email, alert_level, created_at, confirmed_at, renewed_at)
        SELECT 'resident' || i || '@' ||
               CASE i % 4 WHEN 0 THEN 'gmail.com' WHEN 1 THEN 'outlook.com'
                          WHEN 2 THEN 'telia.com' ELSE 'kommun.example' END,
               'kris', datetime('now'), datetime('now'), datetime('now')
        FROM n
    """
    with connection.cursor() as cursor:
        cursor.execute(fill, [args.subscribers])

    alert = Alert.objects.create(
        title="Vattnet är otjänligt", message="Koka vattnet.", level=AlertLevel.CRISIS, live=False
    )
    with CaptureQueriesContext(connection) as publish:
        started = time.monotonic()
        alert.save_revision().publish()
        publish_seconds = time.monotonic() - started
    queued = DBTaskResult.objects.filter(task_path__endswith="fan_out_alert").count()

    with CaptureQueriesContext(connection) as fan_out:
        started = time.monotonic()
        created = tasks.fan_out_alert.call(alert.pk)
        fan_out_seconds = time.monotonic() - started
    batches = DBTaskResult.objects.filter(task_path__endswith="send_batch").count()
    assert created == args.subscribers == Message.objects.count(), created

    print(
        f"subscriptions bench: publishing the alert took {publish_seconds * 1000:.0f} ms "
        f"and {len(publish)} queries, and queued {queued} fan-out task"
    )
    print(
        f"subscriptions bench: {created} subscribers' messages queued in "
        f"{fan_out_seconds:.2f} s with {len(fan_out)} queries, in {batches} sending tasks"
    )
    per_thousand = len(fan_out) / (args.subscribers / 1000)
    ok = per_thousand <= MAX_QUERIES_PER_THOUSAND and queued == 1
    print(
        f"RESULT subscriptions: {created} messages queued in {fan_out_seconds:.2f} s, "
        f"{len(fan_out)} queries ({per_thousand:.1f} per 1,000 subscribers; "
        f"bar {MAX_QUERIES_PER_THOUSAND}) {'PASS' if ok else 'FAIL'}"
    )
    return ok


if __name__ == "__main__":
    main()
