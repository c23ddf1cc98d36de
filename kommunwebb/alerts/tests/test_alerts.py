from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import Alert, AlertLevel
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages
from kommunwebb.topics.factories import TopicPageFactory

pytestmark = pytest.mark.django_db


def test_only_published_alerts_before_their_expiry_are_active(home):
    now = timezone.now()
    current = AlertFactory(expire_at=now + timedelta(hours=1))
    AlertFactory(title="Över", expire_at=now - timedelta(minutes=1))  # the worker is late
    AlertFactory(title="Utkast", live=False)
    AlertFactory(title="Avpublicerad", live=False, expired=True, expire_at=now - timedelta(days=1))
    assert list(Alert.objects.for_page(home, now)) == [current]


def test_ends_exactly_at_its_expiry(home):
    now = timezone.now()
    alert = AlertFactory(expire_at=now)
    assert alert not in Alert.objects.for_page(home, now)
    assert alert in Alert.objects.for_page(home, now - timedelta(seconds=1))


def test_scoped_alert_shows_on_the_page_and_its_subtree_only(home):
    safety = TopicPageFactory(parent=home, title="Trygghet")
    crisis_page = StandardPageFactory(parent=safety, title="Krisstöd")
    other = StandardPageFactory(parent=home, title="Om webbplatsen")
    scoped = AlertFactory(page=safety, level=AlertLevel.IMPORTANT)
    now = timezone.now() + timedelta(seconds=1)

    assert scoped in Alert.objects.for_page(safety, now)
    assert scoped in Alert.objects.for_page(crisis_page, now)
    assert scoped not in Alert.objects.for_page(other, now)
    assert scoped not in Alert.objects.for_page(home, now)


def test_crisis_comes_first_and_cannot_be_dismissed(home):
    now = timezone.now()
    info = AlertFactory(level=AlertLevel.INFORMATION, first_published_at=now)
    older_info = AlertFactory(
        level=AlertLevel.INFORMATION, first_published_at=now - timedelta(minutes=5)
    )
    crisis = AlertFactory(level=AlertLevel.CRISIS, first_published_at=now - timedelta(minutes=5))
    assert list(Alert.objects.for_page(home, now)) == [crisis, info, older_info]
    assert not crisis.dismissible
    assert info.dismissible


def test_banner_renders_on_every_page_with_level(client, home):
    AlertFactory(
        title="Stormvarning",
        level=AlertLevel.CRISIS,
    )
    html = client.get(home.url).content.decode()
    assert "Stormvarning" in html
    assert "alert--kris" in html


def test_read_more_links_only_to_a_page_a_visitor_may_see(client, home):
    hidden = hidden_pages(StandardPageFactory, home, word="Sida")
    for kind, page in hidden.items():
        AlertFactory(title=f"Meddelande {kind}", link_page=page)
    html = client.get(home.url).content.decode()
    assert html.count(">Meddelande ") == len(hidden)
    assert "Läs mer" not in html
    assert_none_shown(html, hidden)
