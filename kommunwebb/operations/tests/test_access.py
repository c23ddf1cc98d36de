"""The access line written by AccessLog is gunicorn's line, for less (operations/access.py)."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from kommunwebb.operations.access import ACCESS_FORMAT, AccessLog
from kommunwebb.operations.logs import ScrubFilter, scrub


@pytest.fixture(autouse=True)
def access_logger_as_gunicorn_configures_it():
    """Other tests switch logging off (``logging.disable``) or let Django's set-up disable
    the loggers it does not name; in gunicorn this one logs at INFO."""
    access = logging.getLogger("gunicorn.access")
    kept = access.disabled, access.level, access.handlers[:], access.propagate
    switched_off = logging.root.manager.disable
    # A test that replaced a method on the shared logger object must not decide this one.
    replaced = access.__dict__.pop("info", None)
    logging.disable(logging.NOTSET)
    access.disabled = False
    access.setLevel(logging.INFO)
    yield
    access.disabled, access.level, access.handlers[:], access.propagate = kept
    logging.disable(switched_off)
    if replaced is not None:
        access.info = replaced


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(ScrubFilter())
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def line(logger_class, path, method="GET", status="200 OK", sent=37978, ms=12):
    config = Config()
    config.set("access_log_format", ACCESS_FORMAT)
    config.set("accesslog", "-")
    logger = logger_class(config)
    handler = Lines()
    logger.access_log.handlers = [handler]
    logger.access_log.propagate = False
    response = SimpleNamespace(status=status, status_code=int(status[:3]), sent=sent, headers=[])
    request = SimpleNamespace(method=method, path=path, query="", version=(1, 1), headers=[])
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "RAW_URI": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0",
    }
    logger.access(response, request, environ, timedelta(milliseconds=ms))
    return handler.lines


def test_the_line_is_gunicorns_own():
    for path in ("/nyheter/gor-julen-mer-hallbar/", '/sok/"citat"', "/å/ä/ö/"):
        ours, theirs = line(AccessLog, path), line(Logger, path)
        assert len(ours) == 1
        # gunicorn's own line, scrubbed by the handler's filter as it was before.
        assert ours == [scrub(theirs[0])]
    assert line(AccessLog, "/")[0].endswith('"GET /" 200 37978 12ms')
    assert line(AccessLog, "/", status="404 Not Found", sent=None)[0].endswith(" 404 None 12ms")


def test_no_address_or_user_agent_and_the_path_is_scrubbed():
    (written,) = line(AccessLog, "/192.0.2.7/ Mozilla/5.0 (X11)")
    assert "192.0.2.7" not in written and "Mozilla" not in written
    assert "/[ip]/ [user-agent]" in written


def test_a_control_character_in_the_path_cannot_start_a_new_line():
    (written,) = line(AccessLog, "/a\nGET /forged HTTP/1.1\r\x1b[31m")
    assert "\n" not in written and "\r" not in written and "\x1b" not in written
    assert "/a\\nGET /forged" in written


def test_another_format_is_formatted_by_gunicorn():
    config = Config()
    config.set("access_log_format", "%(m)s %(U)s %(s)s")
    logger = AccessLog(config)
    handler = Lines()
    logger.access_log.handlers = [handler]
    logger.access_log.propagate = False
    logger._access_log_enabled = True
    response = SimpleNamespace(status="200 OK", status_code=200, sent=1, headers=[])
    request = SimpleNamespace(method="GET", path="/x", query="", version=(1, 1), headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/x",
        "RAW_URI": "/x",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    logger.access(response, request, environ, timedelta(milliseconds=1))
    assert handler.lines == ["GET /x 200"]


def test_scrub_finds_what_it_found_before_its_shortcuts():
    cases = {
        "GET /x from 192.0.2.1": "GET /x from [ip]",
        "::ffff:192.0.2.1 said": "[ip] said",
        "peer 2001:db8::1 closed": "peer [ip] closed",
        "peer 2001:0db8:0000:0000:0000:ff00:0042:8329 x": "peer [ip] x",
        "User-Agent: curl/8.0": "User-Agent: [user-agent]",
        "by curl/8.0 today": "by [user-agent] today",
        "at 12:30:45 on 1.2.3": "at 12:30:45 on 1.2.3",
    }
    for text, expected in cases.items():
        assert scrub(text) == expected, text
