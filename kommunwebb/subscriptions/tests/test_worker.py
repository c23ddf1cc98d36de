"""End to end with the real task worker (``manage.py db_worker`` in a subprocess): the
confirmation mail, nothing before confirmation, an alert published by an editor sent once to
those who chose its level with the unsubscribe headers, and the one-click unsubscribe."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kommunwebb.forms.outbox import read_outbox
from kommunwebb.forms.tests.test_crash import migrated_db  # noqa: F401 - a fixture

# A web process and a worker of their own on a SQLite file, whatever the suite's database.
pytestmark = pytest.mark.own_stack

ROOT = Path(__file__).resolve().parents[3]


class Installation:
    def __init__(self, var: Path):
        self.outbox = var / "outbox"
        self.outbox.mkdir()
        self.var = var
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kommunwebb.subscriptions.tests.e2e_settings",
            "KOMMUNWEBB_VAR_DIR": str(var),
            "KOMMUNWEBB_OUTBOX_DIR": str(self.outbox),
            "KOMMUNWEBB_DEBUG": "0",
            "PYTHONUNBUFFERED": "1",
        }
        self.log = open(var / "worker.log", "w")  # noqa: SIM115 - closed in stop
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
            + ["--interval", "0.1", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kit(self, *args) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "kommunwebb.subscriptions.tests.e2ekit", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def mails(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while len(messages := read_outbox(self.outbox)) < count:
            assert self.worker.poll() is None, (self.var / "worker.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (self.var / "worker.log").read_text()[-3000:]
            time.sleep(0.2)
        return messages

    def stop(self):
        self.worker.terminate()
        try:
            self.worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.worker.kill()
            self.worker.wait()
        self.log.close()


@pytest.fixture
def site(migrated_db, tmp_path):  # noqa: F811 - the imported fixture
    var = tmp_path / "var"
    var.mkdir()
    (var / "db.sqlite3").write_bytes(migrated_db.read_bytes())
    installation = Installation(var)
    yield installation
    installation.stop()


def link(message, part) -> str:
    body = message.get_body().get_content()
    return re.search(rf"http://127\.0\.0\.1(/prenumerera/{part}/[^\s]+)", body).group(1)


def test_subscribe_confirm_receive_once_and_unsubscribe_with_the_real_worker(site):
    assert site.kit("post", "/prenumerera/", "email=anna@example.se", "alert_level=kris") == "303"
    (confirmation,) = site.mails(1)
    assert confirmation["To"] == "anna@example.se"

    site.kit("alert", "kris:Före bekräftelsen")
    time.sleep(2)  # the worker has had time to send it, had it been allowed to
    assert len(read_outbox(site.outbox)) == 1

    assert site.kit("post", link(confirmation, "bekrafta")) == "200"
    # Below the chosen level; at it; the same published again (not sent again).
    site.kit("alert", "information:Vägarbete", "kris:Strömavbrott", "kris:Strömavbrott")
    (_, alert) = site.mails(2)
    assert alert["Subject"] == "Kris: Strömavbrott"
    unsubscribe = re.sub(r"\s", "", str(alert["List-Unsubscribe"])).strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1/prenumerera/avsluta/")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    time.sleep(2)
    assert len(read_outbox(site.outbox)) == 2
    assert json.loads(site.kit("status"))["messages"] == ["delivered"]

    path = unsubscribe.removeprefix("http://127.0.0.1")
    assert site.kit("one-click", path) == "200"
    assert json.loads(site.kit("status")) == {"subscribers": [], "messages": []}
