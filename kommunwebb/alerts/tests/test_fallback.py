"""Static copies for when the site is down (alerts/fallback.py): written after every
publish, served by the embedded profile when its database cannot be read. The production
profile's Varnish serving them is tested in test_fallback_varnish.py."""

from contextlib import contextmanager

import pytest
from django.core.signals import got_request_exception
from django.db import connections
from django.test import Client

from kommunwebb.alerts import fallback
from kommunwebb.alerts.factories import AlertFactory, CrisisFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def closed_breaker(monkeypatch):
    """Each test starts with the breaker closed, on a clock it moves by hand."""
    now = [1000.0]
    monkeypatch.setattr(fallback.breaker, "clock", lambda: now[0])
    fallback.breaker.close()
    yield now
    fallback.breaker.close()


@pytest.fixture
def copies(settings, tmp_path):
    settings.KOMMUNWEBB_FALLBACK_DIR = tmp_path / "fallback"
    return tmp_path / "fallback"


def switch_on(commit, **fields):
    with commit():
        crisis = CrisisFactory(live=False, **fields)
        crisis.save_revision().publish()
    crisis.refresh_from_db()
    return crisis


def test_publishing_writes_the_crisis_page_home_page_and_alerts(copies, home, commit):
    with commit():
        alert = AlertFactory(title="Kokningsrekommendation")
        alert.save_revision().publish()
    alert.refresh_from_db()
    switch_on(commit, title="Dricksvattnet är otjänligt")
    assert "Dricksvattnet är otjänligt" in (copies / "kris" / "index.html").read_text()
    home_copy = (copies / "index.html").read_text()
    assert 'class="crisis' in home_copy and "Dricksvattnet är otjänligt" in home_copy
    assert "Kokningsrekommendation" in (copies / "meddelanden" / "index.html").read_text()
    alert_copy = copies / "meddelanden" / str(alert.pk) / "index.html"
    assert "Kokningsrekommendation" in alert_copy.read_text()
    # Each file by a temporary file and a rename: none is left behind.
    assert not [path for path in copies.rglob(".*") if path.is_file()]

    with commit():
        alert.unpublish()
    # An alert taken down is not served from a copy either.
    assert not alert_copy.exists()
    assert "Kokningsrekommendation" not in (copies / "kris" / "index.html").read_text()


def test_switching_crisis_mode_off_rewrites_the_copies(copies, home, commit):
    crisis = switch_on(commit, title="Storm över Sundhamn")
    assert "Storm över Sundhamn" in (copies / "index.html").read_text()
    with commit():
        crisis.unpublish()
    assert "Storm över Sundhamn" not in (copies / "index.html").read_text()
    assert "Storm över Sundhamn" not in (copies / "kris" / "index.html").read_text()


def test_only_the_kept_addresses_map_to_files(tmp_path):
    assert fallback.file_for(tmp_path, "/kris/") == tmp_path / "kris" / "index.html"
    assert fallback.file_for(tmp_path, "/") == tmp_path / "index.html"
    for path in ("/../etc/passwd", "/kris", "/kris/?a=1", "/%2e%2e/", "/kris/../../x/"):
        assert fallback.file_for(tmp_path, path) is None


@contextmanager
def unreadable_database(tmp_path):
    """The default database swapped for an SQLite file nobody may read, as when the disk or
    its permissions fail under the embedded profile; put back afterwards."""
    path = tmp_path / "unreadable.sqlite3"
    # Not a database, and not readable either (root reads it anyway, and finds no database).
    path.write_bytes(b"\xff" * 4096)
    path.chmod(0o000)
    from django.db.backends.sqlite3.base import DatabaseWrapper

    original = connections["default"]
    # SQLite whatever the suite runs on: the embedded profile is SQLite (CI's PostgreSQL
    # pass runs this test too).
    settings_dict = {**original.settings_dict, "ENGINE": "django.db.backends.sqlite3"}
    broken = DatabaseWrapper({**settings_dict, "NAME": str(path), "OPTIONS": {}}, "default")
    connections["default"] = broken
    try:
        yield path
    finally:
        broken.close()
        connections["default"] = original
        path.chmod(0o600)


def test_the_embedded_profile_serves_the_copies_when_the_database_is_unreadable(
    copies, home, commit, tmp_path
):
    switch_on(commit, title="Dricksvattnet är otjänligt")
    # As a visitor's browser sees it: errors become error pages, not exceptions in the test.
    client = Client(raise_request_exception=False)
    with unreadable_database(tmp_path):
        response = client.get("/kris/")
        assert response.status_code == 200
        assert response[fallback.HEADER] == "1"
        assert response["Cache-Control"] == "no-store"
        assert "Dricksvattnet är otjänligt" in response.content.decode()
        home_page = client.get("/")
        assert home_page.status_code == 200
        assert "Dricksvattnet är otjänligt" in home_page.content.decode()
        # Pages without a copy get the Swedish error page, as before.
        other = client.get("/om-webbplatsen/")
        assert other.status_code == 503
        assert fallback.HEADER not in other


@pytest.fixture
def database_tries():
    """The requests that tried the database and failed (Django's got_request_exception)."""
    failures = []

    def failed(sender, request=None, **kwargs):
        failures.append(request.path_info)

    got_request_exception.connect(failed, dispatch_uid="test-fallback-tries")
    yield failures
    got_request_exception.disconnect(dispatch_uid="test-fallback-tries")


def test_with_the_database_down_the_copies_are_served_without_trying_it(
    copies, home, commit, tmp_path, settings, closed_breaker, database_tries
):
    settings.KOMMUNWEBB_FALLBACK_BREAKER_SECONDS = 5
    switch_on(commit, title="Dricksvattnet är otjänligt")
    client = Client(raise_request_exception=False)
    with unreadable_database(tmp_path):
        assert client.get("/kris/")[fallback.HEADER] == "1"
        assert database_tries == ["/kris/"]
        # The breaker is open: every address with a copy is answered at once.
        for path in ("/kris/", "/", "/meddelanden/", "/kris/"):
            response = client.get(path)
            assert response.status_code == 200
            assert response[fallback.HEADER] == "1"
            assert "Dricksvattnet är otjänligt" in response.content.decode()
        assert database_tries == ["/kris/"]
        # Other pages still try it, and still say so in Swedish.
        other = client.get("/om-webbplatsen/")
        assert other.status_code == 503
        assert fallback.HEADER not in other
        assert database_tries == ["/kris/", "/om-webbplatsen/"]

        # After the breaker's seconds one request probes the database; still down, the
        # copy answers it and the breaker opens again.
        closed_breaker[0] += 5
        assert client.get("/")[fallback.HEADER] == "1"
        assert database_tries[-1] == "/"
        assert client.get("/kris/")[fallback.HEADER] == "1"
        assert len(database_tries) == 3

        # While one request probes, the others do not wait for it: they get the copies.
        closed_breaker[0] += 5
        assert fallback.breaker._probe.acquire(blocking=False)
        try:
            assert client.get("/kris/")[fallback.HEADER] == "1"
        finally:
            fallback.breaker.done_probing()
        assert len(database_tries) == 3

    # The database back: the first request after the breaker's seconds renders the page,
    # and from then on nothing comes from a copy.
    closed_breaker[0] += 5
    for _ in range(2):
        response = client.get("/kris/")
        assert response.status_code == 200
        assert fallback.HEADER not in response
    assert not fallback.breaker.is_open


def test_an_error_on_a_page_without_a_copy_does_not_trip_the_breaker(
    copies, home, commit, tmp_path
):
    switch_on(commit, title="Dricksvattnet är otjänligt")
    client = Client(raise_request_exception=False)
    with unreadable_database(tmp_path):
        assert client.get("/om-webbplatsen/").status_code == 503
    # The database is fine again at once: no copy is served in its place.
    assert not fallback.breaker.is_open
    response = client.get("/kris/")
    assert response.status_code == 200
    assert fallback.HEADER not in response


def test_a_working_database_is_never_answered_from_a_copy(copies, home, commit, client):
    switch_on(commit, title="Dricksvattnet är otjänligt")
    response = client.get("/kris/")
    assert response.status_code == 200
    assert fallback.HEADER not in response


def test_the_command_writes_the_copies_for_a_fresh_installation(copies, home):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("write_fallback_copies", stdout=out)
    assert "Wrote 3 copies" in out.getvalue()
    assert (copies / "kris" / "index.html").exists()
    assert (copies / "meddelanden" / "index.html").exists()


def test_before_collectstatic_no_copy_is_tried(copies, home, settings, tmp_path, caplog):
    # A fresh installation (the demo's load, a bench) has the manifest storage but no
    # manifest yet: every page would fail on {% static %}, a traceback each. One warning.
    # Django's test settings signals reset the storage when these change.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path / "static-not-collected"
    with caplog.at_level("WARNING"):
        assert fallback.write_fallback_files() == []
    assert not copies.exists()
    assert [r.getMessage() for r in caplog.records] == [
        "fallback: no copies written before the static files are collected"
    ]
