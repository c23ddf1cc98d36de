"""Alerts on cached pages: the alerts app tells the page cache (apps.py) that editing an
alert changes every page, and when the next alert starts or ends."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import Alert
from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def on_a_wednesday(hour, minute):
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)


def html(client, url):
    return client.get(url).content.decode()


def test_the_next_window_change_is_the_earliest_start_or_end_to_come():
    now = on_a_wednesday(9, 0)
    assert Alert.objects.next_window_change(now) is None
    AlertFactory(starts_at=on_a_wednesday(8, 0), ends_at=on_a_wednesday(11, 0))
    AlertFactory(starts_at=on_a_wednesday(10, 30), ends_at=None)
    AlertFactory(starts_at=on_a_wednesday(7, 0), ends_at=on_a_wednesday(8, 30))  # over
    assert Alert.objects.next_window_change(now) == on_a_wednesday(10, 30)
    assert Alert.objects.next_window_change(on_a_wednesday(10, 30)) == on_a_wednesday(11, 0)
    assert Alert.objects.next_window_change(on_a_wednesday(11, 0)) is None


def test_a_new_alert_shows_on_cached_pages(client, pagecache, home, commit):
    with commit():
        page = StandardPageFactory(parent=home, title="Avfall")
    for url in (home.url, page.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with commit():
        AlertFactory(title="Stormvarning", starts_at=timezone.now() - timedelta(minutes=1))
    assert "Stormvarning" in html(client, home.url)
    assert "Stormvarning" in html(client, page.url)


def test_a_scheduled_alert_appears_when_it_starts(client, pagecache, home, commit):
    with time_machine.travel(on_a_wednesday(9, 0), tick=False):
        with commit():
            AlertFactory(
                title="Planerat elavbrott",
                starts_at=on_a_wednesday(10, 0),
                ends_at=on_a_wednesday(12, 0),
            )
        assert "Planerat elavbrott" not in html(client, home.url)
        assert client.get(home.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(10, 0), tick=False):
        assert "Planerat elavbrott" in html(client, home.url)
    with time_machine.travel(on_a_wednesday(10, 59), tick=False):
        assert client.get(home.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(12, 0), tick=False):
        assert "Planerat elavbrott" not in html(client, home.url)


# --- The banner on pages the cache does not keep (the alerts tag's memo) ----------------


def test_a_new_alert_shows_on_the_next_uncached_page(client, pagecache, commit, home):
    # /sok/ is never cached but its menu, site name and alerts are memoised.
    assert "Vattnet stängs av" not in html(client, "/sok/")
    with commit():
        AlertFactory(title="Vattnet stängs av", starts_at=timezone.now() - timedelta(minutes=1))
    assert "Vattnet stängs av" in html(client, "/sok/")


def test_an_alert_shows_when_it_starts_and_goes_when_it_ends(client, pagecache, commit, home):
    now = timezone.now()
    with commit():
        AlertFactory(
            title="Planerat avbrott",
            starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=2),
        )
    assert "Planerat avbrott" not in html(client, "/sok/")
    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        assert "Planerat avbrott" in html(client, "/sok/")
    with time_machine.travel(now + timedelta(hours=2, seconds=1), tick=False):
        assert "Planerat avbrott" not in html(client, "/sok/")


def test_an_alert_scoped_to_a_part_of_the_site_stays_there(client, pagecache, commit, home):
    with commit():
        school = StandardPageFactory(parent=home, title="Skola", slug="skola")
        other = StandardPageFactory(parent=home, title="Trafik", slug="trafik")
        AlertFactory(title="Skolan stängd", page=school)
    assert "Skolan stängd" in html(client, school.url)
    assert "Skolan stängd" not in html(client, other.url)
    assert "Skolan stängd" not in html(client, "/sok/")
