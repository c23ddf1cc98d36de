"""Alerts people can follow: each alert's own page with its update history, the time it was
last updated in the banner, VMA above crisis above the rest, and on any screen only the most
urgent alert in full with the others behind "N fler meddelanden" (no JavaScript needed)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import AlertLevel
from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def published(**fields):
    """An alert published through Wagtail (a revision and a log entry), as editors do."""
    alert = AlertFactory(live=False, **fields)
    alert.save_revision().publish()
    alert.refresh_from_db()
    return alert


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_alert_has_a_page_with_its_update_history(client, home):
    alert = published(title="Vattenläcka på Storgatan", update_note="")
    alert.message = "Vattnet är tillbaka men kan vara missfärgat."
    alert.update_note = "Vattnet är tillbaka."
    alert.save_revision().publish()
    alert.message = "Utkast som inte publicerats"
    alert.update_note = "Ska inte synas"
    alert.save_revision()  # a draft is no update

    page = soup(client, alert.get_absolute_url())
    assert page.h1.get_text() == "Vattenläcka på Storgatan"
    assert "Vattnet är tillbaka men kan vara missfärgat." in page.get_text()
    history = [li.get_text(" ", strip=True) for li in page.select(".alert-history li")]
    assert len(history) == 2
    assert history[0].startswith("Uppdaterad ") and history[0].endswith(": Vattnet är tillbaka.")
    assert history[1].startswith("Publicerad ") and history[1].endswith(
        ": Vattenläcka på Storgatan"
    )
    assert "Ska inte synas" not in page.get_text()


@pytest.mark.parametrize(
    "fields",
    [
        {"live": False},
        {"expire_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["utkast", "utgånget"],
)
def test_an_alert_a_visitor_may_not_see_has_no_page(client, home, fields):
    alert = AlertFactory(**fields)
    assert client.get(alert.get_absolute_url()).status_code == 404
    assert client.get(f"{alert.get_absolute_url()}cap.xml").status_code == 404


def test_the_banner_says_when_the_alert_was_updated_and_links_to_its_page(client, home):
    alert = published(title="Halka")
    banner = soup(client, home.url).select_one("[data-alerts] .alert")
    assert banner.select_one(".alert__title a")["href"] == f"/meddelanden/{alert.pk}/"
    updated = banner.select_one(".alert__meta time")
    assert "Uppdaterad" in banner.select_one(".alert__meta").get_text()
    published_at = timezone.localtime(alert.last_published_at)
    assert updated["datetime"] == published_at.isoformat(timespec="seconds")


def test_the_most_urgent_alert_shows_the_rest_collapse_without_javascript(client, home):
    now = timezone.now()
    AlertFactory(title="Info", level=AlertLevel.INFORMATION, first_published_at=now)
    AlertFactory(title="Kris", level=AlertLevel.CRISIS, first_published_at=now)
    AlertFactory(title="VMA", level=AlertLevel.VMA, first_published_at=now - timedelta(hours=1))
    region = soup(client, StandardPageFactory(parent=home).url).select_one("[data-alerts]")
    first = region.find(class_="alert", recursive=False)
    assert "VMA" in first.select_one(".alert__title").get_text()
    assert first.get("data-dismiss-key") is None  # VMA cannot be dismissed
    more = region.find("details", recursive=False)
    assert more.summary.get_text(strip=True) == "2 fler meddelanden"
    assert [a.get_text() for a in more.select(".alert__title a")] == ["Kris", "Info"]


def test_one_alert_has_nothing_to_collapse(client, home):
    AlertFactory(title="Ensam")
    region = soup(client, home.url).select_one("[data-alerts]")
    assert region.find("details") is None


def test_the_list_of_current_alerts(client, home):
    shown = published(title="Strömavbrott", level=AlertLevel.IMPORTANT)
    AlertFactory(title="Utkastet", live=False)
    page = soup(client, "/meddelanden/")
    links = [a.get_text() for a in page.select(".alert-list a")]
    assert links == [shown.title]
