"""gunicorn's access log without accepted beacons (analytics/serving.py)."""

from types import SimpleNamespace

from django.urls import reverse
from gunicorn.config import Config

from kommunwebb.analytics.serving import BEACON_PATH, AccessLogger


def test_the_path_is_the_beacon_endpoints():
    assert reverse("analytics:beacon") == BEACON_PATH


def logged(method, path, status, monkeypatch):
    logger = AccessLogger(Config())
    logger.log_beacons = False
    lines = []
    # On this logger object alone (monkeypatch undoes it): the logger is shared.
    monkeypatch.setattr(logger, "access_log", SimpleNamespace(info=lambda m, a: lines.append(m)))
    logger._access_log_enabled = True
    response = SimpleNamespace(status_code=status, status=f"{status} X", sent=0, headers=[])
    request = SimpleNamespace(method=method, path=path, query="", version=(1, 1), headers=[])
    environ = {"RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_METHOD": method}
    from datetime import timedelta

    logger.access(response, request, environ, timedelta(milliseconds=1))
    return bool(lines)


def test_accepted_beacons_leave_no_line_everything_else_does(monkeypatch):
    assert not logged("POST", BEACON_PATH, 204, monkeypatch)
    assert logged("POST", BEACON_PATH, 429, monkeypatch)
    assert logged("POST", BEACON_PATH, 400, monkeypatch)
    assert logged("GET", BEACON_PATH, 405, monkeypatch)
    assert logged("GET", "/", 200, monkeypatch)
    assert logged("POST", "/samtycke/", 303, monkeypatch)


def test_accepted_beacons_can_be_logged_on_request(monkeypatch):
    monkeypatch.setenv("KOMMUNWEBB_LOG_BEACONS", "1")
    assert AccessLogger(Config()).log_beacons
    monkeypatch.delenv("KOMMUNWEBB_LOG_BEACONS")
    assert not AccessLogger(Config()).log_beacons


def test_healthy_probes_leave_no_line_failing_ones_do(monkeypatch):
    assert not logged("GET", "/healthz", 200, monkeypatch)
    assert logged("GET", "/healthz", 503, monkeypatch)
