"""Alerts on cached pages: the alerts app tells the page cache (apps.py) that publishing or
unpublishing an alert changes every page, and when the next published alert expires. An
editor saving a draft (or Wagtail autosaving it) changes no page."""

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


def test_the_next_expiry_is_the_earliest_of_a_published_alert_to_come():
    now = on_a_wednesday(9, 0)
    assert Alert.objects.next_expiry(now) is None
    AlertFactory(expire_at=on_a_wednesday(11, 0))
    AlertFactory(expire_at=on_a_wednesday(10, 30))
    AlertFactory(expire_at=None)
    AlertFactory(expire_at=on_a_wednesday(8, 30))  # over
    AlertFactory(live=False, expire_at=on_a_wednesday(10, 0))  # a draft: on no page
    assert Alert.objects.next_expiry(now) == on_a_wednesday(10, 30)
    assert Alert.objects.next_expiry(on_a_wednesday(10, 30)) == on_a_wednesday(11, 0)
    assert Alert.objects.next_expiry(on_a_wednesday(11, 0)) is None


def test_a_new_alert_shows_on_cached_pages(client, pagecache, home, commit):
    with commit():
        page = StandardPageFactory(parent=home, title="Avfall")
    for url in (home.url, page.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with commit():
        AlertFactory(title="Stormvarning")
    assert "Stormvarning" in html(client, home.url)
    assert "Stormvarning" in html(client, page.url)


def test_an_alert_leaves_cached_pages_at_its_expiry(client, pagecache, home, commit):
    with time_machine.travel(on_a_wednesday(9, 0), tick=False):
        with commit():
            AlertFactory(title="Planerat elavbrott", expire_at=on_a_wednesday(10, 0))
        assert "Planerat elavbrott" in html(client, home.url)
    with time_machine.travel(on_a_wednesday(9, 59), tick=False):
        assert client.get(home.url)["X-Page-Cache"] == "hit"
    # Gone at ten, before the task worker has unpublished it.
    with time_machine.travel(on_a_wednesday(10, 0), tick=False):
        assert "Planerat elavbrott" not in html(client, home.url)


def test_publishing_and_unpublishing_change_cached_pages(client, pagecache, home, commit):
    with commit():
        alert = AlertFactory(title="Halka", live=False)
    assert "Halka" not in html(client, home.url)
    with commit():
        alert.save_revision().publish()
    assert "Halka" in html(client, home.url)
    alert.refresh_from_db()
    with commit():
        alert.unpublish()
    assert "Halka" not in html(client, home.url)


def test_saving_a_draft_leaves_cached_pages_alone(client, pagecache, home, commit):
    with commit():
        alert = AlertFactory(title="Halka")
    client.get(home.url)
    alert.title = "Ändrad rubrik i utkastet"
    with commit():
        alert.save_revision()  # what the editor's draft and Wagtail's autosave do
        alert.locked, alert.locked_at = True, timezone.now()  # what "Lås" does
        alert.save(update_fields=["locked", "locked_by", "locked_at"])
    response = client.get(home.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Halka" in response.content.decode()


# --- The banner on pages the cache does not keep (the alerts tag's memo) ----------------


def test_a_new_alert_shows_on_the_next_uncached_page(client, pagecache, commit, home):
    # /sok/ is never cached but its menu, site name and alerts are memoised.
    assert "Vattnet stängs av" not in html(client, "/sok/")
    with commit():
        AlertFactory(title="Vattnet stängs av")
    assert "Vattnet stängs av" in html(client, "/sok/")


def test_an_alert_goes_from_uncached_pages_at_its_expiry(client, pagecache, commit, home):
    now = timezone.now()
    with commit():
        AlertFactory(title="Planerat avbrott", expire_at=now + timedelta(hours=1))
    assert "Planerat avbrott" in html(client, "/sok/")
    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        assert "Planerat avbrott" not in html(client, "/sok/")


def test_an_alert_scoped_to_a_part_of_the_site_stays_there(client, pagecache, commit, home):
    with commit():
        school = StandardPageFactory(parent=home, title="Skola", slug="skola")
        other = StandardPageFactory(parent=home, title="Trafik", slug="trafik")
        AlertFactory(title="Skolan stängd", page=school)
    assert "Skolan stängd" in html(client, school.url)
    assert "Skolan stängd" not in html(client, other.url)
    assert "Skolan stängd" not in html(client, "/sok/")


def test_the_alerts_markup_is_rendered_once_for_the_pages_showing_them(
    client, pagecache, commit, home, monkeypatch
):
    with commit():
        pages = [StandardPageFactory(parent=home, title=title) for title in ("Avfall", "Trafik")]
        AlertFactory(title="Stormvarning")
    rendered = []
    display = Alert.get_level_display
    monkeypatch.setattr(
        Alert, "get_level_display", lambda alert: rendered.append(alert.pk) or display(alert)
    )
    for page in pages:
        assert "Stormvarning" in html(client, page.url)
    assert len(rendered) == 1


def test_a_browser_revalidating_after_a_new_alert_gets_the_new_page(
    client, pagecache, home, commit
):
    """Freshness (issue 13, part 3): the browser's copy is at most BROWSER_MAX_AGE old, and
    its revalidation answers the page with the new alert, not 304."""
    first = client.get(home.url)
    assert client.get(home.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with commit():
        AlertFactory(title="Kokningsrekommendation")
    again = client.get(home.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Kokningsrekommendation" in again.content.decode()
    assert again["ETag"] != first["ETag"]
