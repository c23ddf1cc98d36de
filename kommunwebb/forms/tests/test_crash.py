"""Crash safety with real processes: a `manage.py db_worker` killed with SIGKILL in the middle
of sending, and a "web process" killed right after it saved a submission.

The processes share a SQLite file in a temporary var/ directory (a copy of the session's
migrated snapshot, kommunwebb/testing/snapshots.py, so no migrations run here). E-mail goes
to a file outbox, one file per message actually handed to the transport, so the test can
count what was sent.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kommunwebb.forms.outbox import read_outbox
from kommunwebb.testing import snapshots

ROOT = Path(__file__).resolve().parents[3]
# Processes of their own on a SQLite file of their own, whatever the suite's database.
pytestmark = pytest.mark.own_stack


class Site:
    """The processes of one embedded installation, sharing one var/ directory."""

    def __init__(self, var: Path):
        self.var = var
        self.outbox = var / "outbox"
        self.pause = var / "pause"
        self.outbox.mkdir()
        self.pause.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kommunwebb.forms.tests.crash_settings",
            "KOMMUNWEBB_VAR_DIR": str(var),
            "KOMMUNWEBB_OUTBOX_DIR": str(self.outbox),
            "KOMMUNWEBB_PAUSE_DIR": str(self.pause),
            "KOMMUNWEBB_DEBUG": "0",
            "PYTHONUNBUFFERED": "1",
        }
        self.worker = None
        self.worker_log = None

    def run(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "-m", "kommunwebb.forms.tests.crashkit", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode:
            raise AssertionError(result.stderr)
        return result

    def status(self) -> list[dict]:
        return json.loads(self.run("status").stdout)

    def start_worker(self):
        self.worker_log = open(self.var / "worker.log", "a")  # noqa: SIM115 - closed in stop
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.worker_log,
            stderr=subprocess.STDOUT,
        )

    def kill_worker(self):
        self.worker.send_signal(signal.SIGKILL)
        self.worker.wait(timeout=10)
        assert self.worker.returncode == -signal.SIGKILL
        self.worker_log.close()

    def stop_worker(self):
        if self.worker and self.worker.poll() is None:
            self.worker.terminate()
            try:
                self.worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait()
        if self.worker_log and not self.worker_log.closed:
            self.worker_log.close()

    def wait_for(self, condition, what, timeout=90):
        deadline = time.monotonic() + timeout
        while not condition():
            if self.worker and self.worker.poll() is not None:
                raise AssertionError(f"the worker exited: {self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}: {self.log()}")
            time.sleep(0.2)

    def log(self) -> str:
        path = self.var / "worker.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def messages(self):
        return read_outbox(self.outbox)


@pytest.fixture(scope="module")
def migrated_db(django_db_setup, tmp_path_factory):
    """A migrated SQLite database file to copy for each test (the session's snapshot)."""
    template = tmp_path_factory.mktemp("crash-template") / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev"}
    snapshots.migrated_sqlite(template, env)
    return template


@pytest.fixture
def site(migrated_db, tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    (var / "db.sqlite3").write_bytes(migrated_db.read_bytes())
    installation = Site(var)
    installation.run("setup")
    yield installation
    installation.stop_worker()


def only(deliveries):
    assert len(deliveries) == 1, deliveries
    return deliveries[0]


def test_worker_killed_mid_send_delivers_exactly_once_after_restart(site):
    (site.pause / "before").touch()
    delivery = only(json.loads(site.run("submit").stdout))
    assert delivery["state"] == "pending"

    site.start_worker()
    site.wait_for((site.pause / "before.reached").exists, "the worker to start sending")
    site.kill_worker()
    assert site.messages() == []
    crashed = only(site.status())
    assert (crashed["state"], crashed["attempts"]) == ("sending", 1)

    (site.pause / "before").unlink()
    site.start_worker()
    site.wait_for(lambda: only(site.status())["state"] == "delivered", "the delivery")
    time.sleep(3)  # longer than a lease: a second copy would have been sent by now

    messages = site.messages()
    assert len(messages) == 1
    assert messages[0]["Message-ID"].startswith(f"<{delivery['key']}@")
    assert delivery["reference"] in messages[0]["Subject"]
    assert only(site.status())["attempts"] == 2


def test_worker_killed_after_the_transport_accepted_resends_under_the_same_key(site):
    """The one window no sender can close: the transport took the message, the worker died
    before recording it. The message goes again, with the same Message-ID, so a receiver
    that deduplicates (as the webhook contract requires) sees it once."""
    (site.pause / "after").touch()
    delivery = only(json.loads(site.run("submit").stdout))
    site.start_worker()
    site.wait_for((site.pause / "after.reached").exists, "the message to be accepted")
    site.kill_worker()
    (site.pause / "after").unlink()

    site.start_worker()
    site.wait_for(lambda: only(site.status())["state"] == "delivered", "the delivery")
    messages = site.messages()
    assert len(messages) == 2
    assert {m["Message-ID"] for m in messages} == {messages[0]["Message-ID"]}
    assert messages[0]["Message-ID"].startswith(f"<{delivery['key']}@")


def test_web_process_killed_after_saving_loses_nothing(site):
    result = site.run("submit", "--kill-after-save", check=False)
    assert result.returncode == -signal.SIGKILL
    saved = only(site.status())
    assert saved["state"] == "pending"

    site.start_worker()
    site.wait_for(lambda: only(site.status())["state"] == "delivered", "the delivery")
    (message,) = site.messages()
    assert message["Message-ID"].startswith(f"<{saved['key']}@")
