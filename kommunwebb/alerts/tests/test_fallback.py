"""Static copies for when the site is down (alerts/fallback.py): written after every
publish, served by the embedded profile when its database cannot be read. The production
profile's Varnish serving them is tested in test_fallback_varnish.py."""

from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client

from kommunwebb.alerts import fallback
from kommunwebb.alerts.factories import AlertFactory, CrisisFactory

pytestmark = pytest.mark.django_db


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
