"""``/healthz`` (operations/health.py): 200 with the database, 503 without, never stored,
nothing about the visitor, answered whatever Host a probe sends."""

import pytest
from django.db import DatabaseError

from kommunwebb.operations import health

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_ok_and_nothing_keeps_it(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["ok", "database ok", "cache ok"]
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    assert not response.cookies


def test_any_host_header_is_answered(client, settings):
    # Varnish's probe names the backend's own address, which ALLOWED_HOSTS need not list.
    settings.ALLOWED_HOSTS = ["www.kommun.example"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8181").status_code == 200


def test_without_the_database_the_server_is_unhealthy(client, monkeypatch):
    def refused():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connections["default"], "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode().splitlines()[0] == "unhealthy"
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"


def test_a_cache_that_does_not_answer_is_reported_not_fatal(client, monkeypatch):
    monkeypatch.setattr(health, "cache_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "cache unavailable" in response.content.decode()


def test_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code != 200
