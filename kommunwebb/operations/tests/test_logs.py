"""No IP address or user agent in any log; one file per day."""

import logging
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from kommunwebb.operations import logs
from kommunwebb.operations.logs import DailyFileHandler, ScrubFilter, scrub
from kommunwebb.testing.services import free_port

UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.78",
        "192.168.1.254",
        "8.8.8.8",
        "::1",
        "fe80::1%eth0",
        "2001:db8::8a2e:370:7334",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "::ffff:10.0.0.1",
    ],
)
def test_scrub_removes_ip_addresses(address):
    text = scrub(f"Invalid request from ip={address}: bad line; also ({address}).")
    assert address not in text
    assert text.count("[ip]") == 2


@pytest.mark.parametrize(
    "text",
    [
        f"{{'HTTP_USER_AGENT': '{UA}', 'PATH_INFO': '/'}}",
        f"User-Agent: {UA}",
        f"agent was {UA} today",
        "user_agent=curl/8.5.0",
        "python-requests/2.31.0 said hello",
    ],
)
def test_scrub_removes_user_agents(text):
    cleaned = scrub(text)
    for token in ("Mozilla/5.0", "Chrome/120", "Safari/537", "X11; Linux", "curl/8", "requests/2"):
        assert token not in cleaned


def test_scrub_keeps_ordinary_text():
    text = "Klockan 12:30:45 den 2025-03-01 laddades sidan /nyheter/ (version 1.2.3) på 45ms"
    assert scrub(text) == text


def _record(msg, *args, exc_info=None):
    return logging.LogRecord("django.request", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_filter_scrubs_arguments_tracebacks_and_drops_the_request():
    try:
        raise ValueError("REMOTE_ADDR='127.0.0.78'")
    except ValueError:
        record = _record("Error from %s with %s", "10.1.2.3", UA, exc_info=sys.exc_info())
    record.request = object()
    assert ScrubFilter().filter(record)
    formatted = logging.Formatter("%(message)s").format(record)
    assert "10.1.2.3" not in formatted and "127.0.0.78" not in formatted
    assert "Mozilla" not in formatted
    assert "Traceback" in formatted and "ValueError" in formatted
    assert record.request is None


def test_a_record_reaching_several_handlers_is_scrubbed_once(monkeypatch):
    calls = []
    monkeypatch.setattr(logs, "scrub", lambda text: calls.append(text) or "[skrubbat]")
    record = _record("GET / from %s", "10.1.2.3")
    assert ScrubFilter().filter(record) and ScrubFilter().filter(record)
    assert len(calls) == 1
    assert record.getMessage() == "[skrubbat]"


def test_every_configured_handler_scrubs():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "scrub" in handler.get("filters", []), name
    dev = logs.with_log_files(settings.LOGGING, Path("/tmp/unused"))
    assert all("scrub" in h.get("filters", []) for h in dev["handlers"].values())
    gunicorn = logs.gunicorn_logconfig(Path("/tmp/unused"))
    assert all("scrub" in h.get("filters", []) for h in gunicorn["handlers"].values())


def test_log_records_reach_the_day_file_scrubbed(tmp_path):
    handler = DailyFileHandler(tmp_path, name="app")
    handler.addFilter(ScrubFilter())
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kommunwebb.tests.daily")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with time_machine.travel(datetime(2025, 3, 1, 22, 0, tzinfo=UTC), tick=False):
            logger.warning("first from %s", "127.0.0.78")
        with time_machine.travel(datetime(2025, 3, 2, 23, 30, tzinfo=UTC), tick=False):
            logger.warning("second with %s", UA)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and all(logs.DAY_FILE.match(n) for n in names)
    content = "".join((tmp_path / n).read_text() for n in names)
    assert "first from [ip]" in content and "second with [user-agent]" in content
    assert "127.0.0.78" not in content and "Mozilla" not in content


def _send(port, payload: bytes, source="127.0.0.78"):
    with socket.socket() as sock:
        sock.bind((source, 0))
        sock.settimeout(10)
        sock.connect(("127.0.0.1", port))
        sock.sendall(payload)
        try:
            while sock.recv(4096):
                pass
        except (TimeoutError, ConnectionResetError):
            pass


@pytest.mark.own_stack
def test_gunicorn_logs_hold_no_client_address_or_user_agent(tmp_path):
    """A real gunicorn with deploy/gunicorn.conf.py: normal and malformed requests from
    127.0.0.78 leave neither the address nor the user agent in stdout, stderr or var/log."""
    root = Path(__file__).resolve().parents[3]
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev",
        "KOMMUNWEBB_VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("KOMMUNWEBB_LOG_DIR", None)
    out = (tmp_path / "stdout.txt").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kommunwebb.wsgi",
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=root,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no gunicorn"
                time.sleep(0.2)
        request = f"GET /static/nope.css?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {UA}\r\n"
        _send(port, (request + "Connection: close\r\n\r\n").encode())
        _send(port, b"GARBAGE \x01 nonsense from 127.0.0.78\r\n\r\n")
        _send(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 127.0.0.78\r\n")
    finally:
        server.terminate()
        server.wait(timeout=15)
        out.close()
    log_dir = tmp_path / "log"
    day_files = sorted(p.name for p in log_dir.iterdir())
    assert any(n.startswith("access-") for n in day_files), day_files
    assert any(n.startswith("server-") for n in day_files), day_files
    access = "".join(p.read_text() for p in log_dir.glob("access-*.log"))
    assert '"GET /static/nope.css"' in access  # the access line is there, without query
    server_log = "".join(p.read_text() for p in log_dir.glob("server-*.log"))
    assert "Invalid request from ip=[ip]" in server_log
    everything = [tmp_path / "stdout.txt", *log_dir.iterdir()]
    for path in everything:
        text = path.read_text(errors="replace")
        assert "127.0.0.78" not in text, path.name
        assert "Mozilla" not in text and "Chrome/120" not in text, path.name


CHECK_EVERY_HANDLER = """
import logging, django
django.setup()
from kommunwebb.operations.logs import ScrubFilter
for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
    for handler in getattr(logger, "handlers", []):
        assert any(isinstance(f, ScrubFilter) for f in handler.filters), (logger, handler)
logging.getLogger("django.request").error("Bad from 127.0.0.78 with %s", USER_AGENT)
logging.getLogger("django").warning("also 2001:db8::78 here")
"""


def test_every_handler_of_every_logger_scrubs_after_setup(tmp_path):
    """Django's own default handlers (its console handler under DEBUG) included, in a fresh
    process started like `make run` starts the site."""
    root = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev",
        "KOMMUNWEBB_VAR_DIR": str(tmp_path),
        "KOMMUNWEBB_DEBUG": "1",
    }
    env.pop("KOMMUNWEBB_LOG_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", CHECK_EVERY_HANDLER.replace("USER_AGENT", repr(UA))],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = result.stderr + result.stdout
    written += "".join(p.read_text() for p in (tmp_path / "log").glob("*.log"))
    assert written.count("[ip]") >= 3  # console twice (Django's and ours) and the file
    assert "127.0.0.78" not in written and "2001:db8::78" not in written
    assert "Mozilla" not in written
