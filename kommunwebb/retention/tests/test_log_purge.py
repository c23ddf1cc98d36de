"""The kind ``logs.application``: day files older than six months are deleted."""

import os
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from kommunwebb.retention.models import PurgeRun

pytestmark = pytest.mark.django_db


def test_purge_deletes_log_files_older_than_their_period(tmp_path):
    now = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
    period = timedelta(days=183)
    limit = (now - period).timestamp()
    files = {
        "kommunwebb-2025-02-28.log": limit - 1,  # last written one second too early
        "access-2025-02-28.log": limit - 86400,
        "server-2025-03-01.log": limit + 1,  # one second inside the period
        "kommunwebb-2025-09-01.log": now.timestamp(),
        "notes.txt": limit - 86400,  # not a log day file: left alone
    }
    for name, mtime in files.items():
        path = tmp_path / name
        path.write_text("x\n")
        os.utime(path, (mtime, mtime))
    with override_settings(LOG_DIR=tmp_path), time_machine.travel(now, tick=False):
        call_command("purge_expired", "--kind", "logs.application", stdout=StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kommunwebb-2025-09-01.log",
        "notes.txt",
        "server-2025-03-01.log",
    ]
    assert PurgeRun.objects.get(kind="logs.application").count == 2


def test_no_log_dir_means_nothing_to_purge():
    out = StringIO()
    with override_settings(LOG_DIR=None):
        call_command("purge_expired", "--kind", "logs.application", stdout=out)
    run = PurgeRun.objects.get(kind="logs.application")
    assert (run.status, run.count) == (PurgeRun.Status.DONE, 0)
    assert "logs.application: deleted 0" in out.getvalue()
