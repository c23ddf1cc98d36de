"""Purge one million expired rows with `manage.py purge_expired` and time it.

Runs on a throwaway SQLite database (the embedded profile's settings) in a temporary
directory: migrates it, fills the registered kind ``auth.sessions`` with 1,000,000 expired
rows and 10,000 live ones using one bulk SQL statement each, then times the purge.
The issue's bar: under 60 s on this machine.

    .venv/bin/python bench/retention.py [--rows 1000000] [--batch-size 5000]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 60


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--live", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="kommunwebb-bench-retention-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kommunwebb.settings.dev"
    os.environ["KOMMUNWEBB_VAR_DIR"] = str(var)
    os.environ.pop("KOMMUNWEBB_SQLITE_PATH", None)
    sys.path.insert(0, str(ROOT))
    try:
        run(args)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def run(args):
    import django

    django.setup()
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection, transaction

    from kommunwebb.retention.models import PurgeRun

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    print(
        f"retention bench: migrated a fresh SQLite database in {time.monotonic() - started:.1f} s"
    )

    started = time.monotonic()
    fill = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
        INSERT INTO django_session (session_key, session_data, expire_date)
        SELECT printf('%s%%034d', i), printf('%%0200d', i), %s FROM n
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(fill % (args.rows, "expired", "'2000-01-01 00:00:00'"))
        cursor.execute(fill % (args.live, "live", "'2999-01-01 00:00:00'"))
    print(
        f"retention bench: inserted {args.rows:,} expired and {args.live:,} live sessions "
        f"in {time.monotonic() - started:.1f} s"
    )

    out = StringIO()
    started = time.monotonic()
    call_command("purge_expired", "--batch-size", str(args.batch_size), stdout=out)
    elapsed = time.monotonic() - started

    run = PurgeRun.objects.get(kind="auth.sessions")
    remaining = Session.objects.count()
    assert run.count == args.rows, (run.count, out.getvalue())
    assert remaining == args.live, remaining
    verdict = "OK" if elapsed < LIMIT_SECONDS else f"TOO SLOW (limit {LIMIT_SECONDS} s)"
    print(
        f"retention bench: purge_expired deleted {run.count:,} rows in {run.batches} batches "
        f"of {args.batch_size} in {elapsed:.1f} s = {run.count / elapsed:,.0f} rows/s; "
        f"{remaining:,} live rows kept; {verdict}"
    )
    if elapsed >= LIMIT_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
