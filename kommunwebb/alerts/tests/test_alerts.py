from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import Alert, AlertLevel
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.topics.factories import TopicPageFactory

pytestmark = pytest.mark.django_db


def test_active_window(home):
    now = timezone.now()
    current = AlertFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    AlertFactory(title="Över", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))
    AlertFactory(title="Kommande", starts_at=now + timedelta(hours=1))
    assert list(Alert.objects.for_page(home, now)) == [current]


def test_ends_exactly_at_end_time(home):
    now = timezone.now()
    alert = AlertFactory(starts_at=now - timedelta(hours=1), ends_at=now)
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
    info = AlertFactory(level=AlertLevel.INFORMATION, starts_at=now - timedelta(minutes=1))
    crisis = AlertFactory(level=AlertLevel.CRISIS, starts_at=now - timedelta(minutes=5))
    assert list(Alert.objects.for_page(home, now)) == [crisis, info]
    assert not crisis.dismissible
    assert info.dismissible


def test_end_before_start_is_refused():
    now = timezone.now()
    with pytest.raises(ValidationError):
        Alert(title="x", message="y", starts_at=now, ends_at=now).full_clean()


def test_banner_renders_on_every_page_with_level(client, home):
    AlertFactory(
        title="Stormvarning",
        level=AlertLevel.CRISIS,
        starts_at=timezone.now() - timedelta(minutes=1),
    )
    html = client.get(home.url).content.decode()
    assert "Stormvarning" in html
    assert "alert--kris" in html
